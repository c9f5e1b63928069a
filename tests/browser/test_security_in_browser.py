"""The Content-Security-Policy in a real browser: the public pages (maps, filters, near me,
assessments) and the admin work under it without a single violation."""

import pytest

from catalogue.models import Service

from .conftest import PASSWORD, admin_log_in

# Runs before any page script (Playwright adds it outside the page's CSP) and records what
# the browser refused.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    yield page
    context.close()


def violations(page):
    return page.evaluate("window.__csp")


def test_public_pages_and_the_admin_run_under_the_policy(
    catalogue_site, watched_page, django_user_model
):
    page = watched_page
    base = catalogue_site.url
    service = Service.objects.filter(
        is_active=True, channel_links__channel__latitude__isnull=False
    ).first()
    found = {}
    for path in (
        "/fi/",
        "/sv/teman/munhalsa/",
        "/fi/itsearvioinnit/yksinaisyys/",
        "/sv/egenvardsprogram/kom-i-rorelse-6-veckor/",
        service.get_absolute_url("fi"),
    ):
        response = page.goto(base + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        found[path] = violations(page)
    # The results map: fetched points, tiles and clustered markers.
    page.goto(f"{base}/fi/palvelut/?theme=liikunta")
    page.get_by_role("button", name="Kartalla").click()
    page.locator(".leaflet-marker-icon, .marker-cluster").first.wait_for()
    assert page.locator(".leaflet-tile-loaded").count() > 0
    found["map"] = violations(page)
    assert found == dict.fromkeys(found, [])

    # The admin: the dashboard, a page editor with inline panels and the image uploader.
    django_user_model.objects.create_superuser("security", "security@example.fi", PASSWORD)
    admin_log_in(page, base, "security", PASSWORD)
    admin = {}
    for path in ("/admin/", "/admin/images/multiple/add/", "/admin/pages/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        admin[path] = violations(page)
    home = page.locator("a[href*='/admin/pages/'][href$='/edit/']").first
    home.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("form#page-edit-form").count() == 1
    admin["editor"] = violations(page)
    assert admin == dict.fromkeys(admin, [])
