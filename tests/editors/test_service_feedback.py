"""Feedback on a service (acceptance 4): "was this helpful" counted, error reports routed to the
editors responsible for the service and nobody else, rate limits, and bad input kept with its
errors shown."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from core.models import DailyCount
from editors.feedback import VOTE_METRICS, monthly_counts
from editors.models import ServiceFeedback
from tests.support.factories.catalogue import ServiceFactory
from tests.support.factories.editors import municipal_editor
from tests.support.governance_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(demo_pages):
    w = build_world()
    for user in w.users.values():
        user.email = f"{user.username}@example.fi"
        user.save()
    w.narpio_editor = municipal_editor("545", username="narpio-toimittaja")
    return w


def report_url(service, language="fi"):
    segment = {"fi": "palvelut/{}/ilmoita-virheesta/", "sv": "tjanster/{}/rapportera-fel/"}
    return f"/{language}/" + segment[language].format(service.pk)


def vote_url(service, language="fi"):
    segment = {"fi": "palvelut/{}/palaute/", "sv": "tjanster/{}/respons/"}
    return f"/{language}/" + segment[language].format(service.pk)


def test_the_service_page_asks_in_both_languages(client, world):
    service = world.service["municipal_own"]
    fi = client.get(service.get_absolute_url("fi")).content.decode()
    assert "Oliko tästä apua?" in fi and "Ilmoita virheestä" in fi
    assert f'action="{vote_url(service)}"' in fi and f'href="{report_url(service)}"' in fi
    sv = client.get(service.get_absolute_url("sv")).content.decode()
    assert "Var detta till hjälp?" in sv and "Rapportera ett fel" in sv


def test_a_report_on_a_vaasa_service_reaches_vaasas_editors_only(
    client, world, django_capture_on_commit_callbacks
):
    service = world.service["municipal_own"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            report_url(service),
            {"message": "Aukioloajat ovat muuttuneet.", "contact_email": "asukas@example.fi"},
        )
    assert response.status_code == 200
    assert "Kiitos ilmoituksesta" in response.content.decode()
    feedback = ServiceFeedback.objects.get(message="Aukioloajat ovat muuttuneet.")
    assert (feedback.contact_email, feedback.language, feedback.status) == (
        "asukas@example.fi",
        "fi",
        "new",
    )
    vaasa_editor = world.users["municipal_editor"]
    assert list(feedback.routed_to.all()) == [vaasa_editor]
    assert [message.to for message in mail.outbox] == [[vaasa_editor.email]]
    body = mail.outbox[0].body
    assert f"/admin/service_feedback/edit/{feedback.pk}/" in body
    assert "Aukioloajat" not in body and "asukas@example.fi" not in body  # a link only

    client.force_login(vaasa_editor)
    assert client.get(f"/admin/service_feedback/edit/{feedback.pk}/").status_code == 200
    for other in (world.narpio_editor, world.users["ngo_editor"]):
        client.force_login(other)
        assert client.get(f"/admin/service_feedback/edit/{feedback.pk}/").status_code == 404
        assert "Aukioloajat" not in client.get("/admin/service_feedback/").content.decode()


def test_a_report_on_an_associations_service_goes_to_its_editors(
    client, world, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_url(world.service["ngo_own"]), {"message": "Ryhmä on lopetettu."})
    feedback = ServiceFeedback.objects.get(message="Ryhmä on lopetettu.")
    assert list(feedback.routed_to.all()) == [world.users["ngo_editor"]]
    assert [message.to for message in mail.outbox] == [[world.users["ngo_editor"].email]]


def test_a_report_nobody_answers_for_goes_to_the_coordinators(
    client, world, django_capture_on_commit_callbacks
):
    county = ServiceFactory(name_fi="Hyvinvointialueen neuvonta")  # no municipality, no org
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_url(county, "sv"), {"message": "Fel telefonnummer."})
    feedback = ServiceFeedback.objects.get(message="Fel telefonnummer.")
    assert feedback.language == "sv"
    assert list(feedback.routed_to.all()) == [world.users["coordinator"]]
    assert [message.to for message in mail.outbox] == [[world.users["coordinator"].email]]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"message": "", "contact_email": "asukas@example.fi"}, "message", "Kirjoita, mikä"),
        ({"message": "   ", "contact_email": ""}, "message", "Kirjoita, mikä"),
        (
            {"message": "Väärä osoite.", "contact_email": "asukas@"},
            "contact_email",
            "sähköpostiosoite",
        ),
        ({"message": "x" * 2001, "contact_email": ""}, "message", "enintään 2000"),
    ],
)
def test_bad_input_keeps_the_text_and_shows_the_errors(client, world, data, field, message):
    service = world.service["municipal_own"]
    before = ServiceFeedback.objects.count()
    response = client.post(report_url(service), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert 'class="error-summary"' in content
    assert f'href="#id_{field}"' in content
    assert message in content
    if data["message"].strip():
        assert data["message"][:200] in content
    if data["contact_email"]:
        assert f'value="{data["contact_email"]}"' in content
    assert ServiceFeedback.objects.count() == before


@override_settings(RATELIMIT_FEEDBACK="3/h")
def test_reports_beyond_the_rate_limit_are_refused_with_the_text_kept(client, world):
    service = world.service["municipal_own"]
    for number in range(3):
        response = client.post(report_url(service), {"message": f"Ilmoitus {number}"})
        assert response.status_code == 200
    response = client.post(report_url(service), {"message": "Neljäs ilmoitus"})
    assert response.status_code == 429
    content = response.content.decode()
    assert "Neljäs ilmoitus" in content and "liian monta ilmoitusta" in content
    assert not ServiceFeedback.objects.filter(message="Neljäs ilmoitus").exists()
    other = client.post(report_url(service), {"message": "Toinen osoite"}, REMOTE_ADDR="192.0.2.10")
    assert other.status_code == 200


@override_settings(RATELIMIT_FEEDBACK_VOTE="2/h")
def test_helpful_answers_are_counted_per_service_and_limited(client, world):
    service = world.service["municipal_own"]
    response = client.post(vote_url(service), {"helpful": "yes"})
    assert response.status_code == 302
    assert response["Location"] == f"{service.get_absolute_url('fi')}?feedback=thanks#feedback"
    page = client.get(response["Location"]).content.decode()
    assert "Kiitos vastauksestasi" in page and 'name="helpful"' not in page
    assert client.post(vote_url(service, "sv"), {"helpful": "no"}).status_code == 302
    assert client.post(vote_url(service), {"helpful": "yes"}).status_code == 429
    assert client.post(vote_url(service), {"helpful": "maybe"}).status_code == 400
    votes = DailyCount.objects.filter(metric__in=VOTE_METRICS.values())
    counts = dict(votes.filter(key=str(service.pk)).values_list("metric", "count"))
    assert counts == {VOTE_METRICS["yes"]: 1, VOTE_METRICS["no"]: 1}
    # Nothing about the sender is kept: the counter is all there is.
    assert set(votes.values_list("key", flat=True)) == {str(service.pk)}


def test_monthly_counts_per_service_follow_the_scope(client, world):
    service = world.service["municipal_own"]
    client.post(vote_url(service), {"helpful": "yes"})
    client.post(vote_url(service), {"helpful": "no"})
    handled = world.feedback["municipal_own"]
    handled.status = "handled"
    handled.save()
    month = timezone.localdate().strftime("%Y-%m")
    rows = monthly_counts(world.users["municipal_editor"], month)
    assert [
        (row["service"], row["helpful"], row["not_helpful"], row["reports"], row["handled"])
        for row in rows
    ] == [(service, 1, 1, 1, 1)]
    everything = monthly_counts(world.users["coordinator"], month)
    assert len(everything) == 4 and sum(row["reports"] for row in everything) == 4
    client.force_login(world.users["municipal_editor"])
    report = client.get(f"/admin/reports/feedback/?month={month}").content.decode()
    assert "Vaasan uimahalli" in report and "Närpiön kuntosali" not in report
    assert re.search(r"<td>1</td><td>1</td><td>1</td><td>1</td>", report)


def test_handled_reports_are_deleted_after_the_retention_time(world):
    from django.core.management import call_command

    now = timezone.now()
    old, recent, new = (
        world.feedback[key] for key in ("municipal_own", "municipal_other", "ngo_own")
    )
    ServiceFeedback.objects.filter(pk=old.pk).update(
        status="handled",
        handled_at=now - timedelta(days=400),
        contact_email="a@example.fi",
    )
    ServiceFeedback.objects.filter(pk=recent.pk).update(
        status="handled", handled_at=now - timedelta(days=300)
    )
    call_command("housekeeping", verbosity=0)
    remaining = set(ServiceFeedback.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert {recent.pk, new.pk} <= remaining


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
    ],
)
def test_a_post_from_another_sites_page_is_refused(client, world, headers):
    """A hostile page cannot make its visitors vote or report from their own addresses."""
    service = world.service["municipal_own"]
    before = ServiceFeedback.objects.count()
    response = client.post(vote_url(service), {"helpful": "yes"}, **headers)
    assert response.status_code == 403
    assert "vain palvelun omalta sivulta" in response.content.decode()
    response = client.post(report_url(service), {"message": "Väärä osoite"}, **headers)
    assert response.status_code == 403
    assert not DailyCount.objects.filter(metric__in=VOTE_METRICS.values()).exists()
    assert ServiceFeedback.objects.count() == before


def test_a_post_from_the_sites_own_page_goes_through(client, world):
    service = world.service["municipal_own"]
    same = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}
    assert client.post(vote_url(service), {"helpful": "yes"}, **same).status_code == 302
    response = client.post(report_url(service), {"message": "Väärä osoite"}, **same)
    assert response.status_code == 200 and "Kiitos" in response.content.decode()
    # No browser headers at all (a script, an old browser): not refused.
    assert client.post(vote_url(service), {"helpful": "no"}).status_code == 302


def test_a_reports_contact_email_goes_a_year_after_it_was_sent_handled_or_not(world):
    """Issue 29, item 8: an unhandled report does not keep the sender's address forever."""
    import time_machine
    from django.core.management import call_command

    service = world.service["municipal_own"]
    with time_machine.travel(timezone.now() - timedelta(days=400), tick=False):
        old = ServiceFeedback.objects.create(
            service=service, message="Aukioloajat väärin", contact_email="a@example.fi"
        )
    new = ServiceFeedback.objects.create(
        service=service, message="Puhelinnumero väärin", contact_email="b@example.fi"
    )
    call_command("housekeeping", verbosity=0)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == "new" and old.contact_email == "" and old.message
    assert new.contact_email == "b@example.fi"
