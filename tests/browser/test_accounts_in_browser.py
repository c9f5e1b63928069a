"""The coordinators' account screen in Chromium: a coordinator brings in a municipal editor
with the form as it is shown (role, municipality, password), the new editor can log in, and
the list and the form have no axe (WCAG 2.1 AA) violations in either admin language."""

import pytest
from django.contrib.auth import get_user_model

from tests.support.factories.professionals import coordinator

from .conftest import admin_as, admin_log_in

NEW_PASSWORD = "Pitkä-salasana-2026"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_coordinator_brings_in_a_municipal_editor(site, browser_page, axe_check, language):
    page = browser_page
    admin_as(page, site.url, coordinator(), language, "/admin/accounts/")
    page.goto(f"{site.url}/admin/accounts/")
    assert axe_check(page, f"accounts-list-{language}") == []
    page.goto(f"{site.url}/admin/accounts/new/")
    assert axe_check(page, f"accounts-new-{language}") == []
    username = f"vaasa-{language}"
    page.locator("#id_username").fill(username)
    page.locator("#id_first_name").fill("Vilma")
    page.locator("#id_last_name").fill("Vaasalainen")
    page.locator("#id_email").fill(f"{username}@example.fi")
    page.locator("#id_role").select_option("Kunnan sisällöntuottaja")
    page.get_by_label({"fi": "Vaasa", "sv": "Vasa"}[language], exact=True).check()
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.locator("form[action$='/admin/accounts/new/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/admin/accounts/" in page.url and "/new/" not in page.url
    assert username in page.locator("main").inner_text()
    created = get_user_model().objects.get(username=username)
    assert not created.is_superuser and not created.is_staff
    assert set(created.groups.values_list("name", flat=True)) >= {"Kunnan sisällöntuottaja"}
    # The new editor logs in and reaches the admin.
    page.context.clear_cookies()
    admin_log_in(page, site.url, username, NEW_PASSWORD)
    assert page.url.rstrip("/").endswith("/admin")
