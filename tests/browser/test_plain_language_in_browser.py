"""The plain-language report passes axe in the admin's languages, and a coordinator finds it
in the Reports menu."""

import pytest

from tests.support.factories.professionals import coordinator

from .conftest import admin_as


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_page_language_report_passes_axe(site, browser_page, axe_check, language):
    page = browser_page
    admin_as(page, site.url, coordinator(), language, "/admin/reports/page-languages/")
    page.wait_for_url("**/admin/reports/page-languages/")
    heading = {"fi": "Sivut kielittäin ja selkokieli", "sv": "Sidor per språk och lättläst"}
    assert page.locator("h1").inner_text().strip() == heading[language]
    assert page.locator("table.listing tbody tr").count() > 0
    assert axe_check(page, f"plain-report-{language}") == []
    page.goto(f"{site.url}/admin/reports/page-languages/?missing=plain")
    assert axe_check(page, f"plain-report-missing-{language}") == []
