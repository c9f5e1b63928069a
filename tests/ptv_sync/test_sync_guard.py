"""A full run's deactivations stay in the scope it fetched, and the deletion guard cannot be
worn down by several runs that each lose a little (ptv_sync.guard). Over the recorded-HTTP
fake PTV v11 (tests.support.ptv_fake), on whichever database the suite runs on."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
import responses
import time_machine
from django.utils import timezone

from catalogue.models import Organisation, Service, ServiceChannel
from ptv_sync import payloads as p
from ptv_sync.models import SyncRun
from ptv_sync.runner import run_sync
from tests.support.ptv_fake import V11, guid_page, serve_lists, small_catalogue

pytestmark = pytest.mark.django_db

COUNTY = ["905", "946"]


@pytest.fixture(autouse=True)
def ptv_settings(settings):
    settings.PTV_V11_URL = V11
    settings.CATALOGUE_MUNICIPALITIES = COUNTY
    settings.SYNC_DEACTIVATION_WINDOW_DAYS = 7
    settings.SYNC_DEACTIVATION_FLOOR = 5


def merged(*catalogues):
    return {kind: {k: v for c in catalogues for k, v in c[kind].items()} for kind in catalogues[0]}


@contextmanager
def serve(catalogues, codes):
    """PTV answering the municipalities' service lists (``catalogues``: code -> catalogue)
    and the /list endpoints for everything."""
    everything = merged(*catalogues.values())
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        for code in codes:
            rsps.add(
                responses.GET,
                f"{V11}Service/area/Municipality/code/{code}",
                json=guid_page(list(catalogues[code]["services"])),
            )
        serve_lists(rsps, everything)
        yield rsps


def sync(catalogues, codes=COUNTY, **kwargs):
    with serve(catalogues, codes):
        municipalities = codes if list(codes) != COUNTY else None
        return run_sync("ptv", full=True, municipalities=municipalities, **kwargs)


def active(model, catalogue, kind):
    ids = list(catalogue[kind])
    return model.objects.filter(external_id__in=ids, is_active=True).count()


def channel_ids(service):
    return [link["serviceChannel"]["id"] for link in service["serviceChannels"]]


def without(catalogue, services):
    """The catalogue without the given services and their channels."""
    gone = set(services)
    channels = {c for s in gone for c in channel_ids(catalogue["services"][s])}
    return {
        "services": {k: v for k, v in catalogue["services"].items() if k not in gone},
        "channels": {k: v for k, v in catalogue["channels"].items() if k not in channels},
        "organisations": catalogue["organisations"],
    }


def test_a_full_run_of_13_of_14_municipalities_leaves_the_14th_alone():
    vaasa = small_catalogue(10, "905", prefix="vaasa")
    voyri = small_catalogue(4, "946", prefix="voyri")
    catalogues = {"905": vaasa, "946": voyri}
    first = sync(catalogues)
    assert first.status == SyncRun.Status.SUCCEEDED, first.message
    assert Service.objects.filter(is_active=True).count() == 14

    # Vaasa only, and one of Vaasa's services has gone from the source.
    gone = next(iter(vaasa["services"]))
    catalogues["905"] = without(vaasa, [gone])
    run = sync(catalogues, codes=["905"])
    assert run.status == SyncRun.Status.SUCCEEDED, run.message
    # Vöyri's services, channels and organisation are still published: they stay.
    assert active(Service, voyri, "services") == 4
    assert active(ServiceChannel, voyri, "channels") == 4
    assert active(Organisation, voyri, "organisations") == 1
    # In the scope it fetched, the run still does its job.
    assert not Service.objects.get(external_id=gone).is_active
    assert active(Service, vaasa, "services") == 9
    assert run.archived == 2  # the service and its channel


def test_a_service_shared_with_a_municipality_outside_the_scope_is_not_deactivated():
    vaasa = small_catalogue(10, "905", prefix="vaasa")
    voyri = small_catalogue(2, "946", prefix="voyri")
    shared = p.stable_id("shared-service")
    vaasa["services"][shared] = voyri["services"][shared] = p.service(
        shared,
        names={"fi": "Yhteinen palvelu", "sv": "Gemensam tjänst"},
        summaries={"fi": "Molemmissa kunnissa.", "sv": "I båda kommunerna."},
        municipalities=["905", "946"],
        organisation_id=next(iter(vaasa["organisations"])),
    )
    catalogues = {"905": vaasa, "946": voyri}
    assert sync(catalogues).status == SyncRun.Status.SUCCEEDED
    service = Service.objects.get(external_id=shared)
    assert set(service.municipalities.values_list("code", flat=True)) == {"905", "946"}

    catalogues["905"] = without(vaasa, [shared])
    run = sync(catalogues, codes=["905"])
    assert run.status == SyncRun.Status.SUCCEEDED, run.message
    assert Service.objects.get(external_id=shared).is_active


def test_three_runs_that_each_lose_15_percent_cannot_wear_the_guard_down():
    catalogue = small_catalogue(40, "905", prefix="iso")
    catalogues = {"905": catalogue, "946": small_catalogue(0, "946", prefix="tyhja")}
    assert sync(catalogues).status == SyncRun.Status.SUCCEEDED
    ids = list(catalogue["services"])

    catalogues["905"] = without(catalogue, ids[:6])  # 15 %
    first = sync(catalogues)
    assert first.status == SyncRun.Status.SUCCEEDED, first.message
    assert Service.objects.filter(is_active=True).count() == 34

    catalogues["905"] = without(catalogue, ids[:12])  # another 15 %: 30 % in the window
    second = sync(catalogues)
    assert second.status == SyncRun.Status.FAILED
    assert "refused to deactivate 6 services" in second.message
    assert "12 of 40" in second.message and "7 days" in second.message
    assert Service.objects.filter(is_active=True).count() == 34

    third = sync(catalogues)  # trying again changes nothing
    assert third.status == SyncRun.Status.FAILED
    assert Service.objects.filter(is_active=True).count() == 34

    # Past the window, the count starts again from what is active then.
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        later = sync(catalogues)
    assert later.status == SyncRun.Status.SUCCEEDED, later.message
    assert Service.objects.filter(is_active=True).count() == 28


def test_a_forced_run_goes_through_and_starts_a_new_window():
    catalogue = small_catalogue(40, "905", prefix="iso")
    catalogues = {"905": catalogue, "946": small_catalogue(0, "946", prefix="tyhja")}
    sync(catalogues)
    ids = list(catalogue["services"])
    catalogues["905"] = without(catalogue, ids[:12])
    assert sync(catalogues).status == SyncRun.Status.FAILED
    forced = sync(catalogues, force=True)
    assert forced.status == SyncRun.Status.SUCCEEDED
    assert Service.objects.filter(is_active=True).count() == 28
    catalogues["905"] = without(catalogue, ids[:17])  # 5 more: 18 % of the 28 left
    assert sync(catalogues).status == SyncRun.Status.SUCCEEDED


def test_channels_are_counted_apart_from_services():
    """Losing a quarter of the channels is refused although services, channels and
    organisations together lose only an eighth."""
    catalogue = small_catalogue(40, "905", prefix="iso")
    catalogues = {"905": catalogue, "946": small_catalogue(0, "946", prefix="tyhja")}
    sync(catalogues)
    trimmed = {**catalogue, "services": dict(catalogue["services"])}
    dropped = []
    for service_id in list(trimmed["services"])[:10]:
        service = dict(trimmed["services"][service_id])
        dropped += channel_ids(service)
        service["serviceChannels"] = []
        trimmed["services"][service_id] = service
    trimmed["channels"] = {k: v for k, v in catalogue["channels"].items() if k not in dropped}
    catalogues["905"] = trimmed
    run = sync(catalogues)
    assert run.status == SyncRun.Status.FAILED
    assert "10 channels" in run.message and "services" not in run.message.split(";")[0]
    assert ServiceChannel.objects.filter(is_active=True).count() == 40


def test_an_incremental_runs_archived_list_is_held_to_the_guard():
    catalogue = small_catalogue(20, "905", prefix="iso")
    catalogues = {"905": catalogue, "946": small_catalogue(0, "946", prefix="tyhja")}
    sync(catalogues)
    archived = list(catalogue["services"])[:8]  # 40 %
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        for code in COUNTY:
            rsps.add(
                responses.GET, f"{V11}Service/area/Municipality/code/{code}", json=guid_page([])
            )
        for path in ("ServiceChannel", "Organization"):
            rsps.add(responses.GET, f"{V11}{path}", json=guid_page([]))
        rsps.add(
            responses.GET,
            f"{V11}Service",
            match=[
                responses.matchers.query_param_matcher({"status": "Archived"}, strict_match=False)
            ],
            json=guid_page(archived),
        )
        rsps.add(responses.GET, f"{V11}Service", json=guid_page([]))
        run = run_sync("ptv")
    assert run.mode == SyncRun.Mode.INCREMENTAL
    assert run.status == SyncRun.Status.FAILED
    assert "refused to deactivate 8 services" in run.message
    assert Service.objects.filter(is_active=True).count() == 20
