"""Plain-language versions (selkokieli / lättläst): an editor writes one in the admin, the
page's switch shows it, the report lists the pages without one, and the seeded texts are there
in Finnish and Swedish."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import rich_text

from portal.models import HomePage, StandardPage, ThemePage
from selfcare.models import SelfAssessmentPage, SelfCareProgrammePage
from tests.support.page_forms import page_form

pytestmark = pytest.mark.django_db

SWITCH = {"fi": "Selkokielellä", "sv": "På lättläst svenska"}


def plain_text(html):
    match = re.search(r'<div class="[^"]*plain-text">(.*?)</div>', html, re.S)
    return match.group(1) if match else None


def test_the_seeded_plain_texts_are_there_in_finnish_and_swedish(demo_pages):
    home = HomePage.objects.get()
    themes = ThemePage.objects.all()
    programme = SelfCareProgrammePage.objects.get(slug_fi="liikkeelle-6-viikkoa")
    for code in ("fi", "sv"):
        assert getattr(home, f"plain_{code}")
        assert all(getattr(page, f"plain_{code}") for page in themes), code
        assert getattr(programme, f"plain_{code}")
        assert all(block.value[f"plain_{code}"] for block in programme.steps), code
    assert themes.count() == 8
    # Written to the Selkokeskus guidelines: short sentences (at most 12 words here).
    sentences = re.split(r"(?<=[.!?])\s+|</p><p>", re.sub(r"^<p>|</p>$", "", home.plain_fi))
    assert max(len(sentence.split()) for sentence in sentences) <= 12


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_switch_shows_the_plain_version_and_back(client, demo_pages, language):
    page = ThemePage.objects.get(theme__slug="liikunta")
    url = page.get_url() if language == "fi" else None
    from core.i18n import page_url

    url = page_url(page, language)
    standard = client.get(url).content.decode()
    assert f">{SWITCH[language]}</a>" in standard
    assert f'href="{url}?plain=1"' in standard
    assert plain_text(standard) is None

    chosen = client.get(url, {"plain": "1"}).content.decode()
    assert plain_text(chosen) == getattr(page, f"plain_{language}")
    assert 'class="plain-switch__badge"' in chosen
    assert f'href="{url}"' in chosen  # back to the standard version
    theme_intro = getattr(page.theme, f"intro_{language}")
    assert theme_intro not in chosen  # instead of the standard text, not beside it


def test_no_switch_where_there_is_no_plain_version(client, demo_pages):
    html = client.get("/fi/tietoa-palvelusta/").content.decode()
    assert "plain-switch" not in html
    # Asking for it anyway shows the standard page.
    asked = client.get("/fi/tietoa-palvelusta/", {"plain": "1"})
    assert asked.status_code == 200
    assert "plain-switch" not in asked.content.decode()
    assert "Tietoa palvelusta" in asked.content.decode()
    # Another language's plain text never stands in: English has none.
    assert "plain-switch" not in client.get("/en/").content.decode()


def test_a_programme_step_in_plain_language_keeps_it_when_marked_done(client, demo_pages):
    base = "/fi/omahoito-ohjelmat/liikkeelle-6-viikkoa/vaihe/"
    programme = SelfCareProgrammePage.objects.get(slug_fi="liikkeelle-6-viikkoa")
    html = client.get(f"{base}1/", {"plain": "1"}).content.decode()
    assert plain_text(html) == programme.steps[0].value["plain_fi"].source
    assert f'href="{base}2/?plain=1"' in html
    response = client.post(f"{base}1/?plain=1", {"action": "done"})
    assert response.status_code == 302
    assert response["Location"] == f"{base}2/?plain=1"


def test_an_editor_adds_a_plain_body_in_the_admin_and_the_switch_shows_it(client, demo_pages):
    admin = get_user_model().objects.create_superuser("paatoimittaja", "p@example.fi", "x")
    client.force_login(admin)
    page = StandardPage.objects.get(slug_fi="tietoa-palvelusta")
    data = page_form(
        page,
        rich=("plain",),
        plain_fi=rich_text("<p>Tämä sivu kertoo oppaasta.</p><p>Opas on kaikille.</p>"),
        **{"action-publish": "publish"},
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()

    html = client.get("/fi/tietoa-palvelusta/", {"plain": "1"}).content.decode()
    assert "Tämä sivu kertoo oppaasta." in plain_text(html)
    assert "plain-switch" not in client.get("/sv/om-tjansten/").content.decode()


def test_the_report_lists_the_pages_without_a_plain_version(client, demo_pages):
    admin = get_user_model().objects.create_superuser("raportti", "r@example.fi", "x")
    client.force_login(admin)
    html = client.get("/admin/reports/page-languages/").content.decode()
    assessments = SelfAssessmentPage.objects.count()
    standard = StandardPage.objects.count()
    # Home, 8 themes and one programme have plain versions; the 5 assessments, the 2 standard
    # pages and the other 2 programmes have none.
    without = assessments + standard + SelfCareProgrammePage.objects.count() - 1
    assert f"{without} sivulta puuttuu selkokielinen versio" in html  # the admin speaks Finnish
    only = client.get("/admin/reports/page-languages/", {"missing": "plain"}).content.decode()
    listed = re.findall(r'<a href="/admin/pages/(\d+)/edit/">', only)
    assert len(listed) == without
    assert str(StandardPage.objects.get(slug_fi="tietoa-palvelusta").pk) in listed
    assert str(HomePage.objects.get().pk) not in listed
    total = 1 + ThemePage.objects.count() + standard + assessments + 3
    assert f"Selkokielinen versio (suomi): 10/{total} sivua" in html
