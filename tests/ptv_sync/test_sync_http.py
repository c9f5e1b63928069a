"""Syncing over HTTP from PTV v11, with the faults a real API produces (recorded with
`responses`). After every fault the run's status and reason are recorded and the data
imported before is intact."""

import re
from datetime import UTC, datetime

import pytest
import requests
import responses
from responses import matchers
from responses.registries import OrderedRegistry

from catalogue.models import Service, ServiceChannel
from ptv_sync.http import PoliteRetry
from ptv_sync.models import SyncRun
from ptv_sync.runner import run_sync
from tests.support.ptv_fake import (
    V11,
    ScriptedServer,
    guid_page,
    list_callback,
    serve_v11,
    small_catalogue,
    v11_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ptv_settings(settings):
    settings.PTV_V11_URL = V11
    settings.CATALOGUE_MUNICIPALITIES = ["905"]


@pytest.fixture
def waits(monkeypatch):
    """The retry clock: records the waits instead of sleeping."""
    recorded = []
    monkeypatch.setattr(PoliteRetry, "wait", staticmethod(recorded.append))
    return recorded


@pytest.fixture
def imported():
    """A first, successful full run of a small catalogue; returns what it wrote."""
    catalogue = small_catalogue()
    with responses.RequestsMock() as rsps:
        serve_v11(rsps, catalogue)
        run = run_sync("ptv", full=True)
    assert run.status == SyncRun.Status.SUCCEEDED, (run.message, run.errors)
    assert run.created == 7
    return catalogue, state()


def state():
    return sorted(
        Service.objects.values_list("external_id", "content_hash", "is_active", "name_fi")
    ) + sorted(
        ServiceChannel.objects.values_list("external_id", "content_hash", "is_active", "name_fi")
    )


def test_a_full_run_reads_services_their_channels_and_organisations(imported):
    catalogue, _rows = imported
    service = Service.objects.get(name_fi="Palvelu 1")
    assert service.responsible_organisation.name_fi == "Vaasan kaupunki"
    assert [c.name_fi for c in service.active_channels()] == ["Paikka 1"]
    assert service.description_fi == "<p>Kuvaus <strong>lihavoitu</strong>.</p>"


def test_requests_carry_a_user_agent_and_no_authorization(waits):
    with responses.RequestsMock() as rsps:
        serve_v11(rsps, small_catalogue(1))
        run_sync("ptv", full=True)
        for call in rsps.calls:
            assert call.request.headers["User-Agent"].startswith("hyvinvointiopas/")
            assert "Authorization" not in call.request.headers


def test_500_then_success_is_retried(imported, waits):
    catalogue, _rows = imported
    with responses.RequestsMock(registry=OrderedRegistry) as rsps:
        url = f"{V11}Service/area/Municipality/code/905"
        rsps.add(responses.GET, url, status=500, body="Internal Server Error")
        rsps.add(responses.GET, url, json=guid_page(list(catalogue["services"])))
        for path, kind in (
            ("Service", "services"),
            ("ServiceChannel", "channels"),
            ("Organization", "organisations"),
        ):
            rsps.add_callback(
                responses.GET, f"{V11}{path}/list", callback=list_callback(catalogue[kind])
            )
        run = run_sync("ptv", full=True)
        first_two = [call.response.status_code for call in rsps.calls[:2]]
    assert first_two == [500, 200]  # the page was asked for again after the 500
    assert run.status == SyncRun.Status.SUCCEEDED, run.message
    assert run.unchanged == 7


def test_429_is_retried(imported, waits):
    catalogue, rows = imported
    with responses.RequestsMock(registry=OrderedRegistry) as rsps:
        url = f"{V11}Service/area/Municipality/code/905"
        rsps.add(
            responses.GET, url, status=429, headers={"Retry-After": "7"}, body="Too many requests"
        )
        rsps.add(responses.GET, url, json=guid_page(list(catalogue["services"])))
        for path, kind in (
            ("Service", "services"),
            ("ServiceChannel", "channels"),
            ("Organization", "organisations"),
        ):
            rsps.add_callback(
                responses.GET, f"{V11}{path}/list", callback=list_callback(catalogue[kind])
            )
        run = run_sync("ptv", full=True)
        assert [call.response.status_code for call in rsps.calls[:2]] == [429, 200]
    assert run.status == SyncRun.Status.SUCCEEDED
    assert state() == rows


@pytest.fixture
def ptv_server(settings):
    catalogue = small_catalogue()
    server = ScriptedServer(v11_answers(catalogue))
    settings.PTV_V11_URL = server.url
    yield server
    server.close()


def test_429_waits_as_long_as_retry_after_says(ptv_server, waits):
    ptv_server.scripts["/api/v11/Service/list"] = [
        (429, {"Retry-After": "7"}, b"Too many requests"),
        (429, {"Retry-After": "3"}, b"Too many requests"),
    ]
    run = run_sync("ptv", full=True)
    assert waits == [7, 3]
    assert run.status == SyncRun.Status.SUCCEEDED, run.message
    assert Service.objects.count() == 3


def test_5xx_backs_off_exponentially_then_succeeds(ptv_server, waits):
    ptv_server.scripts["/api/v11/Service/area/Municipality/code/905"] = [
        (502, {}, b"Bad Gateway"),
        (503, {}, b"Service Unavailable"),
        (500, {}, b"Internal Server Error"),
    ]
    run = run_sync("ptv", full=True)
    assert waits == [2, 4]  # urllib3 retries the first failure at once, then doubles
    assert run.status == SyncRun.Status.SUCCEEDED
    assert ptv_server.requests[0][1]["User-Agent"].startswith("hyvinvointiopas/")


def test_persistent_500_fails_the_run_and_keeps_the_data(imported, waits):
    _catalogue, rows = imported
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, re.compile(f"{V11}.*"), status=503, body="Service Unavailable")
        run = run_sync("ptv", full=True)
    assert run.status == SyncRun.Status.FAILED
    assert "503" in run.message and "retries" in run.message
    assert state() == rows
    assert SyncRun.objects.get(pk=run.pk).finished_at is not None


def test_a_timeout_fails_the_run_and_keeps_the_data(imported, waits):
    _catalogue, rows = imported
    with responses.RequestsMock() as rsps:
        rsps.add(
            responses.GET,
            f"{V11}Service/area/Municipality/code/905",
            body=requests.exceptions.ReadTimeout("read timed out"),
        )
        run = run_sync("ptv", full=True)
    assert run.status == SyncRun.Status.FAILED
    assert "timeout" in run.message
    assert state() == rows


def test_malformed_json_fails_the_run_and_keeps_the_data(imported, waits):
    catalogue, rows = imported
    with responses.RequestsMock() as rsps:
        rsps.add(
            responses.GET,
            f"{V11}Service/area/Municipality/code/905",
            json=guid_page(list(catalogue["services"])),
        )
        rsps.add(
            responses.GET,
            f"{V11}Service/list",
            body='[{"id": "broken"',
            content_type="application/json",
        )
        run = run_sync("ptv", full=True)
    assert run.status == SyncRun.Status.FAILED
    assert "valid JSON" in run.message
    assert state() == rows


def test_a_page_count_that_lies_ends_partial_and_deactivates_nothing(imported, waits):
    catalogue, rows = imported
    ids = list(catalogue["services"])
    with responses.RequestsMock() as rsps:
        url = f"{V11}Service/area/Municipality/code/905"
        # pageCount says 3, but page 2 is already empty: only 2 of the 3 services are listed.
        rsps.add(
            responses.GET,
            url,
            match=[matchers.query_param_matcher({"page": "1"})],
            json=guid_page(ids[:2], 1, 3, 2),
        )
        rsps.add(
            responses.GET,
            url,
            match=[matchers.query_param_matcher({"page": "2"})],
            json=guid_page([], 2, 3, 2),
        )
        for path, kind in (
            ("Service", "services"),
            ("ServiceChannel", "channels"),
            ("Organization", "organisations"),
        ):
            rsps.add_callback(
                responses.GET, f"{V11}{path}/list", callback=list_callback(catalogue[kind])
            )
        run = run_sync("ptv", full=True)
    assert run.status == SyncRun.Status.PARTIAL
    assert any("pageCount said 3 but page 2 was empty" in e["message"] for e in run.errors)
    assert run.archived == 0
    assert state() == rows  # the unlisted third service stays active


def test_a_page_count_too_low_is_read_past(waits):
    catalogue = small_catalogue(3)
    ids = list(catalogue["services"])
    with responses.RequestsMock() as rsps:
        url = f"{V11}Service/area/Municipality/code/905"
        rsps.add(
            responses.GET,
            url,
            match=[matchers.query_param_matcher({"page": "1"})],
            json=guid_page(ids[:2], 1, 1, 2),
        )
        rsps.add(
            responses.GET,
            url,
            match=[matchers.query_param_matcher({"page": "2"})],
            json=guid_page(ids[2:], 2, 1, 2),
        )
        for path, kind in (
            ("Service", "services"),
            ("ServiceChannel", "channels"),
            ("Organization", "organisations"),
        ):
            rsps.add_callback(
                responses.GET, f"{V11}{path}/list", callback=list_callback(catalogue[kind])
            )
        run = run_sync("ptv", full=True)
    assert Service.objects.count() == 3
    assert run.status == SyncRun.Status.PARTIAL
    assert any("page 2 had items" in e["message"] for e in run.errors)


def test_more_than_100_ids_are_fetched_in_batches_of_100(waits):
    catalogue = small_catalogue(250)
    calls = []
    with responses.RequestsMock() as rsps:
        serve_v11(rsps, catalogue, list_calls=calls)
        run = run_sync("ptv", full=True)
    assert run.status == SyncRun.Status.SUCCEEDED, run.errors[:3]
    service_batches = [len(batch) for batch in calls if batch[0] in catalogue["services"]]
    assert service_batches == [100, 100, 50]
    assert all(len(batch) <= 100 for batch in calls)
    assert Service.objects.count() == 250


def test_an_item_without_a_finnish_name_is_recorded_and_skipped(imported, waits):
    catalogue, _rows = imported
    broken_id = next(iter(catalogue["services"]))
    catalogue["services"][broken_id]["serviceNames"] = [
        {"language": "en", "value": "English only", "type": "Name"}
    ]
    with responses.RequestsMock() as rsps:
        serve_v11(rsps, catalogue)
        run = run_sync("ptv", full=True)
    assert run.status == SyncRun.Status.PARTIAL
    assert run.errors == [
        {
            "external_id": broken_id,
            "kind": "service",
            "message": "service has no Finnish or Swedish name",
            "reason": "read",  # the run log's group: could not be read, skipped
        }
    ]
    assert Service.objects.get(external_id=broken_id).name_fi == "Palvelu 0"  # kept as it was
    assert run.archived == 0


def test_incremental_runs_ask_for_changes_since_the_last_successful_start(imported, waits):
    catalogue, _rows = imported
    last = SyncRun.objects.get(status=SyncRun.Status.SUCCEEDED)
    last.started_at = datetime(2026, 11, 20, 6, 30, 15, 123456, tzinfo=UTC)
    last.save()
    SyncRun.objects.create(
        source="ptv",
        mode="full",
        status=SyncRun.Status.FAILED,
        started_at=datetime(2026, 11, 22, tzinfo=UTC),
    )
    changed = next(iter(catalogue["services"]))
    with responses.RequestsMock() as rsps:
        date = {"date": "2026-11-20T06:30:15"}
        rsps.add(
            responses.GET,
            f"{V11}Service/area/Municipality/code/905",
            match=[matchers.query_param_matcher({**date, "page": "1"})],
            json=guid_page([changed]),
        )
        rsps.add(
            responses.GET,
            f"{V11}ServiceChannel",
            match=[matchers.query_param_matcher({**date, "page": "1"})],
            json=guid_page([]),
        )
        rsps.add(
            responses.GET,
            f"{V11}Organization",
            match=[matchers.query_param_matcher({**date, "page": "1"})],
            json=guid_page([]),
        )
        archived = list(catalogue["services"])[2]
        for path in ("Service", "ServiceChannel", "Organization"):
            for status in ("Archived", "Withdrawn"):
                ids = [archived] if (path, status) == ("Service", "Archived") else []
                rsps.add(
                    responses.GET,
                    f"{V11}{path}",
                    match=[matchers.query_param_matcher({**date, "status": status, "page": "1"})],
                    json=guid_page(ids),
                )
        for path, kind in (
            ("Service", "services"),
            ("ServiceChannel", "channels"),
            ("Organization", "organisations"),
        ):
            rsps.add_callback(
                responses.GET, f"{V11}{path}/list", callback=list_callback(catalogue[kind])
            )
        run = run_sync("ptv")
    assert run.mode == SyncRun.Mode.INCREMENTAL
    assert run.since == last.started_at
    assert run.status == SyncRun.Status.SUCCEEDED, (run.message, run.errors)
    assert run.archived == 1
    assert not Service.objects.get(external_id=archived).is_active
    assert Service.objects.filter(is_active=True).count() == 2


def test_a_retry_after_past_the_cap_ends_the_run_partial_with_what_was_read(
    ptv_server, waits, settings
):
    settings.SYNC_RETRY_AFTER_MAX = 300
    ptv_server.scripts["/api/v11/ServiceChannel/list"] = [
        (503, {"Retry-After": "3600"}, b"Maintenance"),
    ]
    run = run_sync("ptv", full=True)
    assert waits == []  # nobody sat for an hour
    assert run.status == SyncRun.Status.PARTIAL
    assert "3600" in run.message and "Retry-After" in run.message
    assert "300" in run.message
    # The services read before the pause are written; nothing is deactivated.
    assert Service.objects.filter(is_active=True).count() == 3
    assert run.archived == 0


def test_a_retry_after_within_the_cap_is_waited_for(ptv_server, waits, settings):
    settings.SYNC_RETRY_AFTER_MAX = 30
    ptv_server.scripts["/api/v11/Service/list"] = [(429, {"Retry-After": "30"}, b"Slow down")]
    run = run_sync("ptv", full=True)
    assert waits == [30]
    assert run.status == SyncRun.Status.SUCCEEDED, run.message
    settings.SYNC_RETRY_AFTER_MAX = 29
    ptv_server.scripts["/api/v11/Service/list"] = [(429, {"Retry-After": "30"}, b"Slow down")]
    run = run_sync("ptv", full=True)
    assert run.status == SyncRun.Status.PARTIAL and "30 s" in run.message


def test_a_read_timeout_is_reported_as_a_timeout_not_as_no_connection(ptv_server, waits, settings):
    settings.SYNC_HTTP_TIMEOUT = 1
    slow = (200, {"Content-Type": "application/json"}, b"[]", 1.5)
    ptv_server.scripts["/api/v11/Service/area/Municipality/code/905"] = [slow] * 6
    run = run_sync("ptv", full=True)
    assert run.status == SyncRun.Status.FAILED
    assert "timeout reading" in run.message and "cannot connect" not in run.message
    assert len(ptv_server.requests) == 6  # the first try and five retries
