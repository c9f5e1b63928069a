"""The site in three languages: prefixes, redirects, the language switcher, hreflang, 404s, sitemap."""

import re

import pytest
from django.core.management import call_command

from catalogue.models import Theme
from catalogue.themes import DEFAULT_THEMES
from portal.models import AccessibilityStatementPage, HomePage, StandardPage, ThemePage

pytestmark = pytest.mark.django_db


def html_lang(response):
    match = re.search(r'<html lang="([a-z]+)">', response.content.decode())
    return match.group(1) if match else None


def test_root_redirects_to_finnish_by_default(client, demo_pages):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fi/"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("sv-FI,sv;q=0.9,fi;q=0.8", "/sv/"),
        ("sv", "/sv/"),
        ("fi-FI", "/fi/"),
        ("en-GB,en", "/en/"),
        ("de-DE,de", "/fi/"),
    ],
)
def test_root_redirects_by_accept_language(client, demo_pages, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response["Location"] == expected


@pytest.mark.parametrize(("language", "other"), [("fi", "sv"), ("sv", "fi"), ("en", "fi")])
def test_home_page_lists_the_eight_themes_in_its_language(client, demo_pages, language, other):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert html_lang(response) == language
    content = response.content.decode()
    for spec in DEFAULT_THEMES:
        assert spec[f"name_{language}"] in content
        if spec[f"name_{other}"] != spec[f"name_{language}"]:
            assert spec[f"name_{other}"] not in content
    assert len(response.context["theme_pages"]) == 8


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_theme_page_answers_in_every_language(client, demo_pages, language):
    pages = ThemePage.objects.all()
    assert pages.count() == 8
    for page in pages:
        url = page.get_url()  # in the active (default) language
        from core.i18n import page_url

        url = page_url(page, language)
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_lang(response) == language
        assert f"<h1>{getattr(page.theme, f'name_{language}')}</h1>" in response.content.decode()


def test_theme_pages_have_translated_slugs(client, demo_pages):
    assert client.get("/fi/teemat/liikunta/").status_code == 200
    assert client.get("/sv/teman/motion-och-friluftsliv/").status_code == 200
    assert client.get("/en/themes/exercise-and-outdoor-life/").status_code == 200


def test_switcher_and_hreflang_on_a_theme_page(client, demo_pages):
    response = client.get("/fi/teemat/liikunta/")
    content = response.content.decode()
    assert '<a href="/sv/teman/motion-och-friluftsliv/" lang="sv" hreflang="sv">Svenska</a>' in (
        content
    )
    assert (
        '<link rel="alternate" hreflang="sv" '
        'href="http://testserver/sv/teman/motion-och-friluftsliv/">' in content
    )
    assert '<link rel="alternate" hreflang="fi" href="http://testserver/fi/teemat/liikunta/">' in (
        content
    )


def test_switcher_goes_to_other_home_with_notice_when_no_translation(client, demo_pages):
    page = StandardPage(
        title_fi="Vain suomeksi", slug_fi="vain-suomeksi", intro_fi="Tätä ei ole käännetty."
    )
    demo_pages.add_child(instance=page)
    page.save_revision().publish()

    response = client.get("/fi/vain-suomeksi/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<a href="/sv/?untranslated=1" lang="sv" hreflang="sv">Svenska</a>' in content
    assert 'hreflang="sv" href=' not in content.split("</head>")[0]

    notice = client.get("/sv/?untranslated=1").content.decode()
    assert "Sidan du kom från finns inte på svenska." in notice
    assert 'role="status"' in notice
    assert "Sidan du kom från" not in client.get("/sv/").content.decode()


def test_switcher_keeps_the_query_on_the_catalogue_search(client, demo_pages):
    content = client.get("/fi/palvelut/?q=uinti").content.decode()
    assert '<a href="/sv/tjanster/?q=uinti" lang="sv" hreflang="sv">Svenska</a>' in content
    # The address in the other language is worked out once per path: each search keeps its
    # own words, and each language leads to the other.
    content = client.get("/fi/palvelut/?q=kuntosali&free=1").content.decode()
    assert 'href="/sv/tjanster/?q=kuntosali&amp;free=1" lang="sv"' in content
    content = client.get("/sv/tjanster/?q=simning").content.decode()
    assert '<a href="/fi/palvelut/?q=simning" lang="fi" hreflang="fi">Suomi</a>' in content


def test_home_search_box_goes_to_the_catalogue_search(client, demo_pages):
    assert 'action="/fi/palvelut/"' in client.get("/fi/").content.decode()
    assert 'action="/sv/tjanster/"' in client.get("/sv/").content.decode()
    response = client.get("/sv/tjanster/", {"q": "simning"})
    assert response.status_code == 200
    assert html_lang(response) == "sv"
    assert 'value="simning"' in response.content.decode()


@pytest.mark.parametrize("path", ["/de/", "/de/teemat/", "/xx/"])
def test_unknown_language_prefix_is_a_finnish_404_in_the_site_design(client, demo_pages, path):
    response = client.get(path, headers={"accept-language": "sv"})
    assert response.status_code == 404
    content = response.content.decode()
    assert html_lang(response) == "fi"
    assert "Sivua ei löytynyt" in content
    assert 'class="skip-link"' in content  # the site's own base template


def test_missing_page_under_sv_is_a_swedish_404(client, demo_pages):
    response = client.get("/sv/finns-inte/")
    assert response.status_code == 404
    assert html_lang(response) == "sv"
    assert "Sidan hittades inte" in response.content.decode()


def test_sitemap_lists_each_page_in_each_language_it_exists_in(client, demo_pages):
    page = StandardPage(title_fi="Vain suomeksi", slug_fi="vain-suomeksi")
    demo_pages.add_child(instance=page)
    page.save_revision().publish()

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    assert "http://testserver/fi/" in locations
    assert "http://testserver/sv/" in locations
    assert "http://testserver/fi/teemat/liikunta/" in locations
    assert "http://testserver/sv/teman/motion-och-friluftsliv/" in locations
    assert "http://testserver/fi/vain-suomeksi/" in locations
    assert not any("vain-suomeksi" in loc and "/sv/" in loc for loc in locations)
    assert "http://testserver/sv/sjalvskattningar/ensamhet/" in locations
    assert "http://testserver/sv/egenvardsprogram/battre-somn-4-veckor/" in locations
    assert "http://testserver/sv/kommuner/narpes/" in locations
    assert "http://testserver/en/themes/exercise-and-outdoor-life/" in locations
    assert "http://testserver/en/self-assessments/well-being-who-5/" in locations
    assert not any("/en/" in loc and "yksinaisyys" in loc for loc in locations)
    # 1 home + 1 theme index + 8 themes + 2 standard pages + 1 assessment index + 5
    # assessments + 1 programme index + 3 programmes + 1 municipality index + 14
    # municipalities, in Finnish and Swedish, + 1 fi-only; in English all but 3
    # assessments and the 3 programmes
    assert len(locations) == 37 * 2 + 1 + (37 - 6)
    assert 'hreflang="sv"' in response.content.decode()


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_load_demo_is_idempotent_and_keeps_editors_changes(db, capsys):
    call_command("load_demo")
    counts = (
        HomePage.objects.count(),
        ThemePage.objects.count(),
        StandardPage.objects.count(),
        AccessibilityStatementPage.objects.count(),
    )
    assert counts == (1, 8, 1, 1)
    assert Theme.objects.count() == 8

    theme = Theme.objects.get(slug="uni")
    theme.name_fi = "Uni"
    theme.save()
    page = StandardPage.objects.get(slug_fi="tietoa-palvelusta")
    page.title_sv = "Om guiden"
    page.save_revision().publish()

    call_command("load_demo")
    assert "0 created" in capsys.readouterr().out
    assert (
        HomePage.objects.count(),
        ThemePage.objects.count(),
        StandardPage.objects.count(),
        AccessibilityStatementPage.objects.count(),
    ) == counts
    assert Theme.objects.get(slug="uni").name_fi == "Uni"
    assert StandardPage.objects.get(slug_fi="tietoa-palvelusta").title_sv == "Om guiden"


def test_every_translated_page_field_is_present_in_both_languages(demo_pages):
    from wagtail.models import Page

    for page in Page.objects.filter(depth__gte=2).specific():
        assert page.title_fi and page.title_sv, page
        assert page.slug_fi and page.slug_sv, page
        for field in ("intro",):
            if hasattr(page, f"{field}_fi"):
                assert getattr(page, f"{field}_fi") and getattr(page, f"{field}_sv"), page
