"""The open data pages in Chromium: /api/ and the two rendered OpenAPI references pass axe
(WCAG 2.1 A and AA) in Finnish, Swedish and English, and load nothing from another site."""

from urllib.parse import urlsplit

import pytest


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_open_data_pages_pass_axe_and_load_nothing_from_elsewhere(
    site, browser_page, axe_check, language
):
    page = browser_page
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    own = urlsplit(site.url).netloc
    for path in ("/api/", "/api/v1/reference/", "/api/hsds/reference/"):
        page.goto(f"{site.url}{path}?lang={language}")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").count() == 1
        assert axe_check(page, f"open-data-{path.strip('/').replace('/', '-')}-{language}") == []
    assert hosts == {own}, hosts
    # The reference lists every operation, each with its parameters.
    page.goto(f"{site.url}/api/hsds/reference/?lang={language}")
    assert page.locator("section h2 code").count() >= 10
