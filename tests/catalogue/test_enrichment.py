"""Editors' enrichment of synced services (local intro, image with alt text, featuring per
theme, hiding, keywords), never touched by a sync; and the edit view of a synced service,
which sends corrections to the source."""

import re

import pytest
from wagtail_factories import ImageFactory

from catalogue.models import LocalEnrichment, Service, ServiceSearchEntry, Theme
from portal.models import ThemePage
from tests.support.factories.catalogue import ServiceFactory
from tests.support.factories.editors import LocalServiceFactory, municipal_editor
from tests.support.governance_world import build_world

pytestmark = pytest.mark.django_db


def test_local_intro_and_image_are_shown_with_their_alt_text(client, demo_pages):
    world = build_world()
    service = world.service["municipal_own"]
    enrichment = world.enrichment["municipal_own"]
    enrichment.local_intro_fi = "Uimahallissa on senioriuinti joka aamu."
    enrichment.local_intro_sv = ""
    enrichment.image = ImageFactory(file__width=1200, file__height=800)
    enrichment.image_alt_fi = "Senioreita vesijumpassa"
    enrichment.image_alt_sv = "Seniorer på vattengympa"
    enrichment.save()
    fi = client.get(service.get_absolute_url("fi")).content.decode()
    assert "Uimahallissa on senioriuinti joka aamu." in fi
    # Renditions in modern formats (AVIF, WebP; JPEG for older browsers) at two widths, the
    # image's size set.
    assert re.search(
        r'<source [^>]*srcset="/media/[^"]+\.avif 480w, [^"]+\.avif 960w" type="image/avif">', fi
    )
    assert re.search(
        r'<source [^>]*srcset="/media/[^"]+\.webp 480w, [^"]+\.webp 960w" type="image/webp">', fi
    )
    assert re.search(r'<img alt="Senioreita vesijumpassa" height="270" [^>]*width="480">', fi)
    sv = client.get(service.get_absolute_url("sv")).content.decode()
    assert 'alt="Seniorer på vattengympa"' in sv
    # The Finnish intro stands in for the missing Swedish one, marked as Finnish.
    assert 'class="prose local-intro" lang="fi"' in sv


def test_an_image_needs_an_alt_text(client, demo_pages):
    world = build_world()
    editor = world.users["municipal_editor"]
    enrichment = world.enrichment["municipal_own"]
    client.force_login(editor)
    image = ImageFactory()
    response = client.post(
        f"/admin/snippets/catalogue/localenrichment/edit/{enrichment.pk}/",
        {
            "service": enrichment.service_id,
            "local_intro_fi": "Uusi esittely",
            "image": image.pk,
            "image_alt_fi": "",
            "image_alt_sv": "",
            "search_keywords": "",
        },
    )
    assert response.status_code == 200
    assert "Kuvaile kuva niille, jotka eivät näe sitä." in response.content.decode()
    enrichment.refresh_from_db()
    assert enrichment.image is None and enrichment.local_intro_fi != "Uusi esittely"


def test_featured_services_come_first_on_their_theme_page(client, demo_pages):
    liikunta = Theme.objects.get(slug="liikunta")
    from tests.support.factories.catalogue import ServiceFactory

    services = [
        ServiceFactory(name_fi=name, themes=[liikunta])
        for name in ("Aamujumppa", "Kuntosali", "Sulkapallo")
    ]
    enrichment = LocalEnrichment.objects.create(service=services[2])
    enrichment.featured_themes.add(liikunta)
    page = ThemePage.objects.get(theme=liikunta)
    html = client.get(page.url).content.decode()
    order = [html.index(name) for name in ("Sulkapallo", "Aamujumppa", "Kuntosali")]
    assert order == sorted(order)
    assert html.count('class="result-list__featured"') == 1
    assert "Nosto" in html
    # Featuring on another theme changes nothing here.
    enrichment.featured_themes.set([Theme.objects.get(slug="uni")])
    html = client.get(page.url).content.decode()
    order = [html.index(name) for name in ("Aamujumppa", "Kuntosali", "Sulkapallo")]
    assert order == sorted(order)


def test_the_edit_view_sends_corrections_to_the_source(client, demo_catalogue):
    editor = municipal_editor("905")
    service = Service.objects.filter(
        source="ptv",
        responsible_organisation__org_type="municipality",
        municipalities__code="905",
        area_type="limited",
    ).first()
    service = Service.objects.get(pk=service.pk)
    client.force_login(editor)
    html = client.get(f"/admin/snippets/catalogue/service/edit/{service.pk}/").content.decode()
    assert "Suomi.fi-palvelutietovaranto (PTV)" in html
    assert service.responsible_organisation.name_fi in html
    assert 'href="https://palvelutietovaranto.suomi.fi/"' in html
    assert f"/admin/snippets/catalogue/localenrichment/add/?service={service.pk}" in html
    assert 'name="name_fi"' not in html  # the synced texts are not editable here

    coordinator_view = LocalServiceFactory(name_fi="Oma ryhmä", published=True)
    local_row = Service.objects.get(source="local", external_id=str(coordinator_view.pk))
    html = client.get(f"/admin/snippets/catalogue/service/edit/{local_row.pk}/").content.decode()
    assert f"/admin/snippets/editors/localservice/edit/{coordinator_view.pk}/" in html


def test_enrichments_survive_a_resync(client, demo_catalogue):
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    service = Service.objects.filter(source="ptv", is_active=True).first()
    liikunta = Theme.objects.get(slug="liikunta")
    enrichment = LocalEnrichment.objects.create(
        service=service, local_intro_fi="Paikallinen", image_alt_fi="Kuva", hidden=True
    )
    enrichment.featured_themes.add(liikunta)
    Service.objects.filter(pk=service.pk).update(content_hash="changed", source_hash="")
    run = run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    assert run.updated >= 1
    enrichment.refresh_from_db()
    assert (enrichment.local_intro_fi, enrichment.image_alt_fi, enrichment.hidden) == (
        "Paikallinen",
        "Kuva",
        True,
    )
    assert list(enrichment.featured_themes.all()) == [liikunta]


@pytest.mark.parametrize("how", ["one", "queryset"])
def test_a_service_an_editor_enriched_can_be_deleted(transactional_db, how):
    # The enrichment goes with its service; its signal must not write the service's search
    # entry again, which the database refused at the commit (a foreign key to a deleted row).
    service = ServiceFactory(name_fi="Vesijumppa")
    LocalEnrichment.objects.create(service=service, hidden=True)
    other = ServiceFactory(name_fi="Kuntosali")
    LocalEnrichment.objects.create(service=other, hidden=True)
    assert ServiceSearchEntry.objects.filter(service=service).exists()
    if how == "one":
        service.delete()
    else:
        Service.objects.filter(pk=service.pk).delete()
    assert not Service.objects.filter(pk=service.pk).exists()
    assert not ServiceSearchEntry.objects.filter(service_id=service.pk).exists()
    # Deleting an enrichment alone still re-indexes its service at once: shown again.
    assert not ServiceSearchEntry.objects.get(service=other).is_public
    LocalEnrichment.objects.filter(service=other).delete()
    assert ServiceSearchEntry.objects.get(service=other).is_public
