"""A municipal editor's listings and choosers show only their scope, and nothing outside it can
be reached or chosen by crafting a URL or a form (acceptance 2). Also: scope rules for synced
services, and the page permissions that follow the editor profile."""

import pytest
from django.contrib.auth.models import Group

from catalogue.models import LocalEnrichment, Municipality
from editors import scope
from editors.models import EditorProfile, LocalService
from editors.roles import MUNICIPAL_EDITOR, PAGE_GROUP_PREFIX
from portal.models import MunicipalityPage
from tests.support.governance_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(demo_pages):
    return build_world()


@pytest.fixture
def vaasa_client(client, world):
    client.force_login(world.users["municipal_editor"])
    return client


def names_in(response):
    return response.content.decode()


def test_listings_show_only_the_editors_municipality(vaasa_client, world):
    local = names_in(vaasa_client.get("/admin/snippets/editors/localservice/"))
    assert "Vaasan puistojumppa" in local
    for other in ("Närpiön tanssit", "Seuran sauvakävely", "Föreningens dans"):
        assert other not in local

    services = names_in(vaasa_client.get("/admin/snippets/catalogue/service/"))
    assert "Vaasan uimahalli" in services
    for other in ("Närpiön kuntosali", "Seuran kävelyryhmä", "Föreningens motionsgrupp"):
        assert other not in services

    enrichments = names_in(vaasa_client.get("/admin/snippets/catalogue/localenrichment/"))
    assert "Vaasan uimahalli" in enrichments and "Närpiön kuntosali" not in enrichments

    feedback = names_in(vaasa_client.get("/admin/service_feedback/"))
    assert "Vaasan uimahalli" in feedback and "Närpiön kuntosali" not in feedback


def test_service_chooser_shows_only_the_scope_and_refuses_a_crafted_choice(vaasa_client, world):
    own, other = world.service["municipal_own"], world.service["municipal_other"]
    for url in (
        "/admin/snippets/choose/catalogue/service/",
        "/admin/snippets/choose/catalogue/service/results/",
        "/admin/snippets/choose/catalogue/service/results/?q=kunto",
    ):
        response = vaasa_client.get(url)
        assert response.status_code == 200
        assert "Närpiön kuntosali" not in response.content.decode(), url
    assert (
        "Vaasan uimahalli"
        in vaasa_client.get("/admin/snippets/choose/catalogue/service/").content.decode()
    )
    assert (
        vaasa_client.get(f"/admin/snippets/choose/catalogue/service/chosen/{own.pk}/").status_code
        == 200
    )
    assert (
        vaasa_client.get(f"/admin/snippets/choose/catalogue/service/chosen/{other.pk}/").status_code
        == 404
    )


def test_crafted_edit_urls_of_other_items_are_404_or_403(vaasa_client, world):
    for url in (
        f"/admin/snippets/editors/localservice/edit/{world.local['municipal_other'].pk}/",
        f"/admin/snippets/editors/localservice/history/{world.local['municipal_other'].pk}/",
        f"/admin/snippets/catalogue/service/edit/{world.service['municipal_other'].pk}/",
        f"/admin/snippets/catalogue/localenrichment/edit/{world.enrichment['municipal_other'].pk}/",
        f"/admin/service_feedback/edit/{world.feedback['municipal_other'].pk}/",
        f"/admin/snippets/editors/localservice/lock/{world.local['ngo_own'].pk}/",
    ):
        assert vaasa_client.get(url).status_code == 404, url
    assert (
        vaasa_client.get(f"/admin/pages/{world.page['municipal_other'].pk}/edit/").status_code
        == 403
    )


def test_a_crafted_bulk_delete_leaves_other_items(vaasa_client, world):
    own, other = world.local["municipal_own"], world.local["municipal_other"]
    url = f"/admin/bulk/editors/localservice/delete/?id={own.pk}&id={other.pk}"
    vaasa_client.post(url)
    assert LocalService.objects.filter(pk=other.pk).exists()
    assert not LocalService.objects.filter(pk=own.pk).exists()


def test_forms_refuse_choices_outside_the_scope(vaasa_client, world):
    """A crafted POST cannot put a service into another municipality or enrich another's
    service; what was typed stays in the form."""
    response = vaasa_client.post(
        "/admin/snippets/editors/localservice/add/",
        {"name_fi": "Oma ryhmä", "municipality": world.narpio.pk, "service_languages": ["fi"]},
    )
    assert response.status_code == 200
    assert not LocalService.objects.filter(name_fi="Oma ryhmä").exists()
    assert 'value="Oma ryhmä"' in response.content.decode()

    other_service = world.service["municipal_other"]
    LocalEnrichment.objects.filter(service=other_service).delete()
    response = vaasa_client.post(
        "/admin/snippets/catalogue/localenrichment/add/",
        {"service": other_service.pk, "local_intro_fi": "Väärä kunta", "search_keywords": ""},
    )
    assert response.status_code == 200
    assert not LocalEnrichment.objects.filter(service=other_service).exists()

    # The form offers only the editor's own municipality.
    form = vaasa_client.get("/admin/snippets/editors/localservice/add/").content.decode()
    assert f'<option value="{world.vaasa.pk}"' in form
    assert f'<option value="{world.narpio.pk}"' not in form


def test_an_ngo_editor_may_work_anywhere_in_the_county_but_only_for_their_organisation(
    client, world
):
    client.force_login(world.users["ngo_editor"])
    response = client.post(
        "/admin/snippets/editors/localservice/add/",
        {
            "name_fi": "Seuran uusi ryhmä",
            "municipality": world.narpio.pk,
            "organisation": world.ngo_b.pk,
            "service_languages": ["fi"],
        },
    )
    assert response.status_code == 200  # ngo_b is not theirs: an invalid choice
    assert not LocalService.objects.filter(name_fi="Seuran uusi ryhmä").exists()
    response = client.post(
        "/admin/snippets/editors/localservice/add/",
        {
            "name_fi": "Seuran uusi ryhmä",
            "municipality": world.narpio.pk,
            "organisation": world.ngo_a.pk,
            "service_languages": ["fi"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = LocalService.objects.get(name_fi="Seuran uusi ryhmä")
    assert (created.organisation, created.live) == (world.ngo_a, False)
    assert created.created_by == world.users["ngo_editor"]


def test_scope_of_synced_services(world):
    """A municipality's editors answer for its own services offered only there; a service of
    the county or one offered in several municipalities is the coordinators'."""
    editor = world.users["municipal_editor"]
    own = world.service["municipal_own"]
    assert scope.services(editor).filter(pk=own.pk).exists()
    own.municipalities.add(Municipality.objects.get(code="499"))
    assert not scope.services(editor).filter(pk=own.pk).exists()
    assert scope.services(world.users["coordinator"]).filter(pk=own.pk).exists()
    assert scope.responsible_editors(world.service["ngo_own"]) == [world.users["ngo_editor"]]


def test_page_permissions_follow_the_editor_profile(client, world):
    editor = world.users["municipal_editor"]
    vaasa, narpio = world.page["municipal_own"], world.page["municipal_other"]
    groups = set(
        editor.groups.filter(name__startswith=PAGE_GROUP_PREFIX).values_list("name", flat=True)
    )
    assert groups == {f"{PAGE_GROUP_PREFIX}905 Vaasa"}
    client.force_login(editor)
    assert client.get(f"/admin/pages/{narpio.pk}/edit/").status_code == 403

    profile = EditorProfile.objects.get(user=editor)
    profile.municipalities.add(world.narpio)
    assert client.get(f"/admin/pages/{narpio.pk}/edit/").status_code == 200
    profile.municipalities.remove(world.vaasa)
    assert client.get(f"/admin/pages/{vaasa.pk}/edit/").status_code == 403

    # Leaving the role takes the page permissions with it.
    editor.groups.remove(Group.objects.get(name=MUNICIPAL_EDITOR))
    assert not editor.groups.filter(name__startswith=PAGE_GROUP_PREFIX).exists()
    assert MunicipalityPage.objects.filter(pk=narpio.pk).exists()


def test_the_site_history_shows_only_the_scopes_items(vaasa_client, client, world):
    """Wagtail's site history (and its export) must not show an editor what others write."""
    from editors.models import EditorLogEntry

    for local in world.local.values():
        local.save_revision(log_action=True)
    assert EditorLogEntry.objects.count() == 4
    history = vaasa_client.get("/admin/reports/site-history/").content.decode()
    assert "Vaasan puistojumppa" in history
    for other in ("Närpiön tanssit", "Seuran sauvakävely", "Föreningens dans"):
        assert other not in history
    csv = vaasa_client.get("/admin/reports/site-history/?export=csv")
    body = b"".join(csv.streaming_content if csv.streaming else [csv.content]).decode()
    assert "Vaasan puistojumppa" in body and "Närpiön tanssit" not in body
    client.force_login(world.users["coordinator"])
    everything = client.get("/admin/reports/site-history/").content.decode()
    assert all(name in everything for name in ("Närpiön tanssit", "Föreningens dans"))
