"""The coordinators' indicators dashboard in Chromium: no axe (WCAG 2.1 AA) violations in
either admin language, the charts are drawn (each bar as wide as its figure says), and every
label is shown in full: inside its chart, not cut, not over another label or a bar."""

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
    bars = page.locator("#indicator-visits ~ div .indicator-chart__bar")
    widths = [bars.nth(i).bounding_box()["width"] for i in range(bars.count())]
    # Front page 3 (the widest bar), search 1 (a third of it), the rest none.
    assert widths[0] == max(widths) and widths[0] == pytest.approx(3 * widths[3], rel=0.02)
    assert page.locator(".indicator-chart").first.bounding_box()["width"] > 300
    # No label is clipped: each lies inside its chart, shows all its text (nothing scrolls
    # or is cut off), and overlaps neither the next label nor any bar.
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.indicator-chart')].map(chart => ({
            chart: chart.getBoundingClientRect().toJSON(),
            rows: [...chart.querySelectorAll('.indicator-chart__row')].map(row => {
                const label = row.querySelector('.indicator-chart__label');
                return {
                    label: label.getBoundingClientRect().toJSON(),
                    bar: row.querySelector('.indicator-chart__bar').getBoundingClientRect().toJSON(),
                    cut: label.scrollWidth > label.clientWidth || label.scrollHeight > label.clientHeight,
                    text: label.textContent,
                };
            }),
        }))"""
    )
    assert len(boxes) >= 8
    for chart in boxes:
        area = chart["chart"]
        previous = None
        for row in chart["rows"]:
            label = row["label"]
            assert not row["cut"], row["text"]
            assert area["left"] - 0.5 <= label["left"] and label["right"] <= area["right"] + 0.5
            assert label["bottom"] <= row["bar"]["top"] + 0.5, row["text"]
            if previous is not None:
                assert previous["bottom"] <= label["top"] + 0.5, row["text"]
            previous = row["bar"]
    # Two bands with the same title are told apart by their scale and whom they are for.
    table = page.locator("#indicator-assessment_bands ~ div table").inner_text()
    men = {"fi": "AUDIT-C: riskikäyttö (miehet)", "sv": "AUDIT-C: riskbruk (män)"}[language]
    assert men in table
    assert axe_check(page, f"indicators-{language}") == []
