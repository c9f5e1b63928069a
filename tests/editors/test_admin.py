"""The Wagtail admin speaks Finnish and Swedish, and edits both languages of the content."""

import pytest
from wagtail.users.models import UserProfile

from catalogue.models import Theme
from portal.models import ThemePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("toimittaja", "t@example.fi", "salasana")


def set_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize(
    ("language", "pages_label", "logout_label"),
    [("fi", "Sivut", "Kirjaudu ulos"), ("sv", "Sidor", "Logga ut")],
)
def test_admin_follows_the_editors_language(client, editor, language, pages_label, logout_label):
    set_language(editor, language)
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{language}"' in content
    assert pages_label in content
    assert logout_label in content


def test_admin_login_page_follows_the_browser_language(client):
    content = client.get("/admin/login/", headers={"accept-language": "sv"}).content.decode()
    assert '<html lang="sv"' in content
    content = client.get("/admin/login/", headers={"accept-language": "fi"}).content.decode()
    assert '<html lang="fi"' in content


def test_page_editor_has_both_languages(client, editor, demo_pages):
    client.force_login(editor)
    page = ThemePage.objects.get(theme__slug="liikunta")
    content = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for field in ("title_fi", "title_sv", "slug_fi", "slug_sv"):
        assert f'name="{field}"' in content
    assert 'value="Motion och friluftsliv"' in content


def test_editor_saves_a_swedish_title_and_the_sv_site_shows_it(client, editor, demo_pages):
    client.force_login(editor)
    theme = Theme.objects.get(slug="uni")
    response = client.get(f"/admin/snippets/catalogue/theme/edit/{theme.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="name_fi"' in content and 'name="name_sv"' in content

    response = client.post(
        f"/admin/snippets/catalogue/theme/edit/{theme.pk}/",
        {
            "name_fi": theme.name_fi,
            "name_sv": "Sömn och vila",
            "slug": theme.slug,
            "intro_fi": theme.intro_fi,
            "intro_sv": theme.intro_sv,
            "icon": theme.icon,
            "colour": theme.colour,
            "sort_order": theme.sort_order,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Sömn och vila" in client.get("/sv/").content.decode()


def test_theme_colour_must_be_a_hex_colour(client, editor, demo_pages):
    client.force_login(editor)
    theme = Theme.objects.get(slug="uni")
    response = client.post(
        f"/admin/snippets/catalogue/theme/edit/{theme.pk}/",
        {
            "name_fi": theme.name_fi,
            "name_sv": theme.name_sv,
            "slug": theme.slug,
            "icon": theme.icon,
            "colour": "blue",
            "sort_order": theme.sort_order,
        },
    )
    assert response.status_code == 200
    assert "#RRGGBB" in response.content.decode()
    theme.refresh_from_db()
    assert theme.colour != "blue"
