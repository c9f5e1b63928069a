"""The coordinators' indicators dashboard in Chromium: no axe (WCAG 2.1 AA) violations in
either admin language, and the charts are drawn (each bar as wide as its figure says)."""

import pytest

from core.counters import bump
from tests.support.factories.professionals import coordinator

from .conftest import admin_as


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_dashboard_passes_axe_and_draws_its_charts(site, browser_page, axe_check, language):
    for _ in range(3):
        bump("visit", "home")
    bump("visit", "search")
    page = browser_page
    admin_as(page, site.url, coordinator(), language, "/admin/indicators/")
    page.goto(f"{site.url}/admin/indicators/")
    heading = {"fi": "Käyttöindikaattorit", "sv": "Användningsindikatorer"}[language]
    assert heading in page.locator("h1").inner_text()
    bars = page.locator("#indicator-visits ~ div svg rect")
    widths = [float(bars.nth(i).get_attribute("width")) for i in range(bars.count())]
    # Front page 3 (the widest bar), search 1 (a third of it), the rest none.
    assert widths[0] == max(widths) and widths[0] == pytest.approx(3 * widths[3], rel=0.01)
    assert page.locator("svg.indicator-chart").first.bounding_box()["width"] > 300
    assert axe_check(page, f"indicators-{language}") == []
