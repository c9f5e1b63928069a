"""Local services (source ``local``): only the approved version reaches the catalogue, through
the same records and pipeline as the synced sources; withdrawing it deactivates it; the
"last reviewed" clock, the stale flag and the weekly digest."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from catalogue.models import Service, ServiceChannel, Theme
from catalogue.search import CatalogueQuery, get_backend
from editors.digest import send_stale_digests
from editors.models import EditorProfile, LocalService
from tests.support.factories.editors import (
    LocalServiceFactory,
    OrganisationFactory,
    municipal_editor,
)

pytestmark = pytest.mark.django_db


def catalogue_row(local):
    return Service.objects.filter(source="local", external_id=str(local.pk)).first()


def found(text, language="fi", **filters):
    results = get_backend().search(CatalogueQuery(text=text, language=language, **filters))
    return {hit.service_id for hit in results.hits}


def test_publishing_puts_the_approved_version_into_the_catalogue(client, demo_pages):
    liikunta = Theme.objects.get(slug="liikunta")
    association = OrganisationFactory(name_fi="Vaasan Latu ry")
    local = LocalServiceFactory(
        name_fi="Sauvakävely Onkilahdella",
        name_sv="Stavgång vid Metviken",
        summary_fi="Rauhallinen sauvakävelyryhmä.",
        description_fi="Kokoonnumme parkkipaikalla.\n\n- sauvat lainaan\n- ei ilmoittautumista",
        organisation=association,
        address_fi="Onkilahdentie 2",
        postal_code="65100",
        latitude=63.09,
        longitude=21.61,
        schedule_fi="torstaisin klo 10",
        schedule_sv="torsdagar kl. 10",
        phone="040 765 4321",
        website="https://vaasanlatu.example.fi/",
        charge_type="free",
        service_languages=["fi", "sv"],
        age_min=60,
    )
    local.themes.set([liikunta])
    local.save()
    assert catalogue_row(local) is None  # a draft is not in the catalogue
    assert client.get("/api/v1/services", {"q": "sauvakävely"}).json()["count"] == 0

    local.save_revision().publish()
    service = catalogue_row(local)
    assert service.is_active and service.name_sv == "Stavgång vid Metviken"
    assert service.responsible_organisation == association
    assert "<li>sauvat lainaan</li>" in service.description_fi
    assert set(service.themes.values_list("slug", flat=True)) >= {"liikunta"}
    assert list(service.municipalities.values_list("code", flat=True)) == ["905"]
    assert service.age_ranges == [[60, None]] and service.charge_type == "free"
    channels = {c.channel_type: c for c in service.active_channels()}
    assert set(channels) == {"place", "phone", "webpage"}
    assert (channels["place"].latitude, channels["place"].longitude) == (63.09, 21.61)
    assert channels["place"].schedule_sv == "torsdagar kl. 10"
    assert service.pk in found("sauvakävely")
    # The editor's ages reach the search's age filter: from 60 up, not for a 30-year-old.
    assert service.pk in found("sauvakävely", age=70)
    assert service.pk not in found("sauvakävely", age=30)
    api = client.get("/api/v1/services", {"q": "sauvakävely"}).json()
    assert [row["id"] for row in api["results"]] == [service.pk]
    page = client.get(service.get_absolute_url("fi")).content.decode()
    assert "Sauvakävely Onkilahdella" in page and "Vaasan Latu ry" in page
    assert "oppaan toimittajat" in page  # the source credit
    assert LocalService.objects.get(pk=local.pk).last_reviewed_at is not None

    # A new draft changes nothing public until it is published in turn.
    local.name_fi = "Sauvakävely Onkilahdella ja Hietalahdessa"
    local.phone = ""
    local.save_revision()
    assert catalogue_row(local).name_fi == "Sauvakävely Onkilahdella"
    local.refresh_from_db()
    local.get_latest_revision().publish()
    service.refresh_from_db()
    assert service.name_fi == "Sauvakävely Onkilahdella ja Hietalahdessa"
    phone = ServiceChannel.objects.get(source="local", external_id=f"{local.pk}-phone")
    assert not phone.is_active  # the removed phone service went with the change

    # Unpublished: out of the catalogue (deactivated, never deleted); back when republished.
    local.refresh_from_db()
    local.unpublish()
    service.refresh_from_db()
    assert not service.is_active and service.pk not in found("sauvakävely")
    assert client.get(service.get_absolute_url("fi")).status_code == 410
    local.refresh_from_db()
    local.save_revision().publish()
    service.refresh_from_db()
    assert service.is_active

    # Deleted: deactivated too.
    local.delete()
    service.refresh_from_db()
    assert not service.is_active
    assert not ServiceChannel.objects.filter(source="local", is_active=True).exists()


def test_syncs_never_touch_local_services(demo_catalogue):
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    local = LocalServiceFactory(name_fi="Kylätalon jumppa", published=True)
    run = run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    assert run.status == "succeeded"
    assert catalogue_row(local).is_active


def test_a_local_service_needs_a_name_and_sane_coordinates(client, demo_pages):
    editor = municipal_editor("905")
    client.force_login(editor)
    vaasa = editor.editor_profile.municipalities.get()
    response = client.post(
        "/admin/snippets/editors/localservice/add/",
        {
            "name_fi": "",
            "name_sv": "",
            "summary_fi": "Tiivistelmä jää talteen.",
            "municipality": vaasa.pk,
            "latitude": "21.6",
            "longitude": "",
            "postal_code": "651",
            "age_min": "70",
            "age_max": "60",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    for message in (
        "Anna nimi ainakin yhdellä kielellä.",
        "Anna sekä leveys- että pituusaste",
        "Postinumerossa on viisi numeroa",
        "Vanhin ikä ei voi olla nuorinta pienempi",
    ):
        assert message in content
    assert "Tiivistelmä jää talteen." in content
    assert not LocalService.objects.exists()


def test_stale_items_are_flagged_and_mark_reviewed_restarts_the_clock(client, demo_pages):
    editor = municipal_editor("905")
    local = LocalServiceFactory(name_fi="Vanha ryhmä", published=True)
    year_ago = timezone.now() - timedelta(days=366)
    LocalService.objects.filter(pk=local.pk).update(last_reviewed_at=year_ago)
    local.refresh_from_db()
    assert local.is_stale()
    client.force_login(editor)
    listing = client.get("/admin/snippets/editors/localservice/").content.decode()
    assert "tarkistettava" in listing and f"/admin/local-services/{local.pk}/reviewed/" in listing
    confirm = client.get(f"/admin/local-services/{local.pk}/reviewed/")
    assert confirm.status_code == 200 and "Vanha ryhmä" in confirm.content.decode()
    assert client.post(f"/admin/local-services/{local.pk}/reviewed/").status_code == 302
    local.refresh_from_db()
    assert not local.is_stale()
    assert local.last_reviewed_at > timezone.now() - timedelta(minutes=1)
    # Another municipality's editor cannot mark it.
    other = municipal_editor("545")
    client.force_login(other)
    assert client.post(f"/admin/local-services/{local.pk}/reviewed/").status_code == 404


def test_the_weekly_digest_lists_each_editors_stale_items(demo_pages):
    vaasa = municipal_editor("905", email="vaasa@example.fi")
    narpio = municipal_editor("545", email="narpio@example.fi")
    quiet = municipal_editor("905", email="hiljainen@example.fi")
    for user in (vaasa, narpio):
        EditorProfile.objects.filter(user=user).update(weekly_digest=True)
    stale = LocalServiceFactory(name_fi="Vanha ryhmä", published=True)
    fresh = LocalServiceFactory(name_fi="Tuore ryhmä", published=True)
    LocalService.objects.filter(pk=stale.pk).update(
        last_reviewed_at=timezone.now() - timedelta(days=400)
    )
    mail.outbox.clear()
    assert send_stale_digests() == (1, 1)
    assert [message.to for message in mail.outbox] == [["vaasa@example.fi"]]
    body = mail.outbox[0].body
    assert "Vanha ryhmä" in body and "Tuore ryhmä" not in body
    assert f"/admin/local-services/{stale.pk}/reviewed/" in body
    assert quiet.email not in {address for m in mail.outbox for address in m.to}
    assert fresh.pk != stale.pk
    mail.outbox.clear()
    call_command("stale_content_digest")
    assert len(mail.outbox) == 1
