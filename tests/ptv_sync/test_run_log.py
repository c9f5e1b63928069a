"""The sync run as a coordinator reads it in the admin: municipality names, counts and
duration in Finnish time, and a plain Finnish or Swedish sentence for each kind of problem,
the technical detail behind a disclosure. The runs are real: the PTV client meets a source
that does not answer, answers 503, or sends a broken page (``responses``)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import requests
import responses

from ptv_sync.http import PoliteRetry
from ptv_sync.models import SyncRun
from ptv_sync.runner import run_sync
from tests.support.factories.professionals import coordinator
from tests.support.ptv_fake import V11

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ptv_settings(settings, monkeypatch):
    settings.PTV_V11_URL = V11
    settings.CATALOGUE_MUNICIPALITIES = ["905", "499"]
    monkeypatch.setattr(PoliteRetry, "wait", staticmethod(lambda seconds: None))


def coordinator_named(username):
    from django.contrib.auth import get_user_model

    found = get_user_model().objects.filter(username=username).first()
    return found or coordinator(username=username, first_name="Kaisa", last_name="Koordinaattori")


def failed_run(body=None, status=200):
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, re.compile(f"{V11}.*"), body=body, status=status)
        return run_sync("ptv", full=True)


def run_page(client, run, language):
    from wagtail.users.models import UserProfile

    user = coordinator_named("kaisa")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    response = client.get(f"/admin/syncrun/inspect/{run.pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("body", "status", "problem", "fi", "sv"),
    [
        (
            requests.exceptions.ConnectionError("Failed to resolve 'api.palvelutietovaranto'"),
            200,
            SyncRun.Problem.UNREACHABLE,
            "PTV ei vastannut.",
            "PTV svarade inte.",
        ),
        (
            "Service Unavailable",
            503,
            SyncRun.Problem.UNREACHABLE,
            "PTV ei vastannut.",
            "PTV svarade inte.",
        ),
        (
            requests.exceptions.ReadTimeout("read timed out"),
            200,
            SyncRun.Problem.TIMEOUT,
            "PTV vastasi liian hitaasti.",
            "PTV svarade för långsamt.",
        ),
        (
            '[{"id": "broken"',
            200,
            SyncRun.Problem.BAD_RESPONSE,
            "PTV palautti virheellisen sivun.",
            "PTV skickade en felaktig sida.",
        ),
    ],
)
def test_a_failed_run_says_what_happened_in_plain_finnish_and_swedish(
    client, body, status, problem, fi, sv
):
    run = failed_run(body, status)
    assert run.status == SyncRun.Status.FAILED
    assert run.problem == problem
    for language, sentence in (("fi", fi), ("sv", sv)):
        html = run_page(client, run, language)
        main = html[html.index('<div class="sync-run">') :]
        assert sentence in main
        # The technical detail is there for the operator, folded away and marked English.
        details = main[main.index("<details>") :]
        assert '<p lang="en"><code>the source could not be read:' in details
        assert "Error" not in main[: main.index("<details>")]


def test_the_run_shows_names_counts_duration_and_finnish_time(client):
    run = SyncRun.objects.create(
        source="ptv",
        scope={"municipalities": ["905", "499"], "county": ""},
        mode=SyncRun.Mode.FULL,
        status=SyncRun.Status.PARTIAL,
        started_at=datetime(2026, 12, 4, 10, 5, tzinfo=UTC),
        finished_at=datetime(2026, 12, 4, 10, 5, tzinfo=UTC) + timedelta(minutes=2, seconds=7),
        created=1,
        updated=12,
        unchanged=340,
        failed=2,
    )
    run.add_error("svc-1", "bad coordinates", "channel", count=False, reason="read")
    run.add_error("svc-2", "bad coordinates", "channel", count=False, reason="read")
    run.add_error("", "page 3 came twice", "source", count=False, reason="anomaly")
    run.save()
    html = run_page(client, run, "fi")
    main = html[html.index('<div class="sync-run">') :]
    # 10.05 UTC is 12.05 in Helsinki in December; never a Python value or a UTC time.
    assert "4.12.2026 klo 12.05" in main and "4.12.2026 klo 12.07" in main
    assert "10.05" not in main
    assert "Mustasaari, Vaasa" in main  # the scope by name, not ['905', '499']
    assert "['" not in main and "None" not in main and "False" not in main
    assert "2 minuuttia 7 sekuntia" in main
    assert "1 uusi, 12 muuttunutta, 340 ennallaan, 0 poistettua, 2 ohitettua" in main
    assert "2 kohdetta ei voitu lukea, ja ne ohitettiin." in main
    assert "Lähteen vastaus näytti kerran virheelliseltä" in main
    assert "palvelukanava" in main  # the error's kind in words
    sv = run_page(client, run, "sv")
    assert "4.12.2026 kl. 12.05" in sv and "Korsholm, Vasa" in sv
    assert "2 minuter 7 sekunder" in sv
    # The run's title (the listing, the breadcrumb) is in Finnish time too.
    assert "04.12.2026 12.05" in str(run)
