"""The service page: what a resident sees of one service, in Finnish and Swedish."""

import re
from datetime import datetime

import pytest

from catalogue.models import LocalEnrichment, Service
from catalogue.openinghours import HELSINKI
from portal.models import ThemePage
from ptv_sync.demo_catalogue import DEMO_DIR
from ptv_sync.runner import run_sync
from tests.support.factories.catalogue import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(demo_catalogue):
    return Service.objects.get(name_fi="Liikuntaneuvonta – Närpiö")


def test_service_page_in_finnish(client, catalogue):
    response = client.get(catalogue.get_absolute_url("fi"))
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == f"/fi/palvelut/liikuntaneuvonta-narpio-{catalogue.pk}/"
    html = response.content.decode()
    assert "<h1>Liikuntaneuvonta – Närpiö</h1>" in html
    assert "Henkilökohtaista neuvontaa liikkumisen lisäämiseen" in html  # summary
    assert "<li>alkukartoituksen ja tavoitteet</li>" in html  # Markdown description as HTML
    assert "Närpiön kaupunki" in html  # the providing organisation
    # channels grouped by type, each under its heading
    for heading in ("Asiointipaikat", "Puhelimitse", "Verkossa"):
        assert f">{heading}</h2>" in html
    assert "Urheilutie" in html and "64200" in html  # the place's address
    assert re.search(r'href="tel:\+3584\d{8}"', html)  # phone numbers as tel: links
    assert "maanantai" in html and "6.00–21.00" in html  # opening hours
    assert re.search(r"Avoinna nyt|Suljettu nyt", html)
    assert "Lähde: Suomi.fi-palvelutietovaranto" in html
    assert 'datetime="2026-10-01"' in html  # last updated at the source
    assert "Maksuton" in html and "suomi, ruotsi" in html.lower()


def test_service_page_in_swedish_with_the_swedish_slug(client, catalogue):
    response = client.get(catalogue.get_absolute_url("sv"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/sv/tjanster/motionsradgivning-narpes-{catalogue.pk}/" == response.request["PATH_INFO"]
    assert '<html lang="sv">' in html
    assert "<h1>Motionsrådgivning – Närpes</h1>" in html
    assert "Idrottsvägen" in html and "Källa: Suomi.fi-servicedatalagret" in html


def test_a_wrong_slug_redirects_to_the_canonical_address(client, catalogue):
    response = client.get(f"/sv/tjanster/liikuntaneuvonta-narpio-{catalogue.pk}/")
    assert response.status_code == 301
    assert response["Location"] == catalogue.get_absolute_url("sv")


def test_the_language_switcher_leads_to_the_same_service(client, catalogue):
    html = client.get(catalogue.get_absolute_url("fi")).content.decode()
    link = re.search(r'<a href="([^"]+)" lang="sv" hreflang="sv">Svenska</a>', html).group(1)
    response = client.get(link, follow=True)
    assert response.request["PATH_INFO"] == catalogue.get_absolute_url("sv")


def test_finnish_fallback_is_marked_on_the_swedish_page(client, demo_pages):
    run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    laihia = Service.objects.get(name_fi="Liikuntaneuvonta – Laihia")  # Laihia: Finnish only
    assert not laihia.name_sv
    html = client.get(laihia.get_absolute_url("sv")).content.decode()
    assert '<h1 lang="fi">Liikuntaneuvonta – Laihia</h1>' in html


def test_open_now_follows_the_clock(client, catalogue, monkeypatch):
    from catalogue import views

    class Clock(datetime):
        moment = datetime(2026, 11, 23, 10, 0, tzinfo=HELSINKI)  # a Monday morning

        @classmethod
        def now(cls, tz=None):
            return cls.moment

    monkeypatch.setattr(views, "datetime", Clock)
    html = client.get(catalogue.get_absolute_url("fi")).content.decode()
    assert "Avoinna nyt" in html
    Clock.moment = datetime(2026, 12, 24, 10, 0, tzinfo=HELSINKI)  # Christmas Eve
    html = client.get(catalogue.get_absolute_url("fi")).content.decode()
    assert "Suljettu nyt" in html and "Suljettu joulun pyhinä" in html


def test_an_archived_service_answers_410_with_a_way_on(client, catalogue):
    Service.objects.filter(pk=catalogue.pk).update(is_active=False)
    response = client.get(catalogue.get_absolute_url("fi"))
    assert response.status_code == 410
    html = response.content.decode()
    assert "Palvelu ei ole enää saatavilla" in html
    assert 'href="/fi/teemat/"' in html and 'href="/fi/palvelut/"' in html


def test_a_hidden_service_is_not_found(client, catalogue, settings):
    settings.CATALOGUE_PAGE_CACHE_SECONDS = 0
    assert client.get(catalogue.get_absolute_url("fi")).status_code == 200
    LocalEnrichment.objects.create(service=catalogue, hidden=True)
    assert client.get(catalogue.get_absolute_url("fi")).status_code == 404
    assert (
        catalogue.name_fi
        not in client.get("/fi/palvelut/", {"q": "Liikuntaneuvonta"}).content.decode()
    )


def test_search_page_lists_matching_services_in_the_page_language(client, catalogue):
    html = client.get("/sv/tjanster/", {"q": "motionsrådgivning"}).content.decode()
    # One result for the counselling of several municipalities, in Swedish, the others
    # listed with it.
    names = re.sub(r"</?mark>", "", html)
    assert ">Motionsrådgivning – " in names and "Liikuntaneuvonta –" not in names
    assert f'href="{catalogue.get_absolute_url("sv")}"' in html


def test_a_service_page_follows_what_changes_after_it_was_viewed(client, catalogue, settings):
    """What a service page skips for services without it (an editor's enrichment, another
    source's listing of the same activity) and its links to the themes' pages are kept per
    catalogue generation: each change shows on the next view."""
    settings.CATALOGUE_PAGE_CACHE_SECONDS = 0
    url = catalogue.get_absolute_url("fi")

    def sources():
        html = client.get(url).content.decode()
        return re.sub(r"<[^>]+>", "", re.search(r"<p>Läh(?:de|teet): (.*?)</p>", html).group(1))

    html = client.get(url).content.decode()
    assert 'href="/fi/teemat/liikunta/"' in html and "Paikallinen esittely" not in html
    assert "," not in sources()  # one source

    LocalEnrichment.objects.create(service=catalogue, local_intro_fi="Paikallinen esittely.")
    assert "Paikallinen esittely." in client.get(url).content.decode()

    other = ServiceFactory(source="lahella", name_fi=catalogue.name_fi)
    other.duplicate_of = catalogue
    other.save()
    assert "Lähellä.fi" in sources() and "," in sources()

    theme_page = ThemePage.objects.get(theme__slug="liikunta")
    theme = theme_page.theme
    theme.name_fi = "Liikkuminen"
    theme.save()
    html = client.get(url).content.decode()
    assert '<a href="/fi/teemat/liikunta/" style="--accent: ' in html and "Liikkuminen<" in html
    theme_page.unpublish()
    assert 'href="/fi/teemat/liikunta/"' not in client.get(url).content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("prefix", ["/", "/opas/"])
def test_a_services_address_is_right_in_every_language_and_under_a_prefix(
    client, catalogue, language, prefix
):
    """Service pages' addresses are worked out from one reversed address per language and
    prefix: each is the address Django's URL configuration gives, and it leads to the page
    when the site is served at the root."""
    from django.urls import get_script_prefix, reverse, set_script_prefix
    from django.utils import translation

    from catalogue.models.services import slug_for

    service = Service.objects.filter(name_sv__startswith="Seniormotion").first()
    previous = get_script_prefix()
    set_script_prefix(prefix)
    try:
        with translation.override(language):
            expected = reverse(
                "catalogue:service", kwargs={"slug": slug_for(service.name), "pk": service.pk}
            )
            assert service.get_absolute_url() == expected
        assert expected.startswith(f"{prefix}{language}/")
    finally:
        set_script_prefix(previous)
    if prefix == "/":
        assert client.get(expected).status_code == 200
