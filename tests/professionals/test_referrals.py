"""Liikuntaneuvonta referrals: the form, who sees what (a permission matrix), status changes
and the monthly indicators with their CSV, the notification e-mail, retention, the audit log
and the roles."""

import csv
import io
from datetime import datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from catalogue.models import Municipality
from professionals.models import Referral, ReferralAudit, ReferralEvent, ReferralUnit
from professionals.referrals import add_note, change_status
from tests.support.factories.professionals import (
    ReferralFactory,
    UserFactory,
    coordinator,
    counsellor,
    professional,
)

pytestmark = pytest.mark.django_db

HKI = ZoneInfo("Europe/Helsinki")
FORM_545 = "/fi/liikuntaneuvonta/545/"


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=HKI)


def valid(**changes):
    data = {
        "client_name": "Matti Meikäläinen",
        "phone": "040 765 4321",
        "email": "matti@example.fi",
        "language": "fi",
        "best_time": "aamupäivisin",
        "reason_prediabetes": "on",
        "referring_unit": "Närpiön terveysasema, vastaanotto",
        "note": "",
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_roles_exist_with_their_permissions():
    perms = {
        group.name: set(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.all()
    }
    assert perms["Ammattilainen"] == {"add_recommendationlist", "add_referral"}
    assert {"access_admin", "view_referral", "change_referral"} <= perms["Liikuntaneuvoja"]
    assert not {p for p in perms["Liikuntaneuvoja"] if "recommendation" in p or "export" in p}
    assert "export_referral_indicators" in perms["Hyte-koordinaattori"]
    assert "view_referral" not in perms["Hyte-koordinaattori"]
    defaults = ReferralUnit.objects.values_list("municipality__code", flat=True)
    assert sorted(defaults) == ["287", "288", "545", "893"]


def test_a_professional_sends_a_referral_and_is_reminded_of_oab77(
    client, django_capture_on_commit_callbacks
):
    narpes = counsellor("545", email="neuvoja@narpio.example.fi")
    counsellor("287", email="neuvoja@kristinestad.example.fi")
    client.force_login(professional())
    form = client.get(FORM_545).content.decode()
    assert "OAB77" in form and 'name="referring_unit"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_545, valid())
    assert (
        response.status_code == 302
        and response["Location"] == "/fi/liikuntaneuvonta/545/lahetetty/"
    )
    assert "OAB77" in client.get(response["Location"]).content.decode()
    referral = Referral.objects.get()
    assert (referral.municipality.code, referral.source, referral.status) == (
        "545",
        "professional",
        "received",
    )
    assert referral.client_name == "Matti Meikäläinen" and referral.consent_at

    # The e-mail goes to Närpiö's counsellor only and carries a link, no personal data.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [narpes.email]
    text = message.subject + message.body
    for personal in ("Matti", "Meikäläinen", "040 765 4321", "0407654321", "matti@example.fi"):
        assert personal not in text
    assert f"/admin/referrals/{referral.pk}/" in message.body
    assert "Närpiö" in message.body and "Närpes" in message.body  # fi and sv


def test_a_referrer_who_asks_is_e_mailed_each_new_status_with_a_link_only(
    client, django_capture_on_commit_callbacks
):
    narpes = counsellor("545", email="neuvoja@narpio.example.fi")
    sender = professional(email="laakari@terveysasema.example.fi")
    client.force_login(sender)
    assert "Lähetä minulle sähköposti, kun tila muuttuu" in client.get(FORM_545).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_545, valid(notify_referrer="on", note="Toivoo iltapäivää."))
    referral = Referral.objects.get()
    assert referral.notify_referrer and [m.to for m in mail.outbox] == [[narpes.email]]
    mail.outbox.clear()

    client.force_login(narpes)
    for status, shown in (("contacted", "yhteys saatu"), ("started", "aloitettu")):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"/admin/referrals/{referral.pk}/",
                {"action": "status", "status": status, "note": "Soitettu, sovittu aika."},
            )
        message = mail.outbox[-1]
        assert message.to == [sender.email]
        assert referral.reference in message.subject
        assert f"on nyt: {shown}" in message.body
        assert "http://testserver/fi/ammattilaiset/" in message.body
        for private in ("Matti", "040 765 4321", "matti@example.fi", "Toivoo", "Soitettu"):
            assert private not in message.subject + message.body
    assert len(mail.outbox) == 2


def test_no_status_e_mail_unless_the_referrer_asked(client, django_capture_on_commit_callbacks):
    narpes = counsellor("545", email="neuvoja@narpio.example.fi")
    client.force_login(professional(email="laakari@terveysasema.example.fi"))
    client.post(FORM_545, valid())
    referral = Referral.objects.get()
    assert not referral.notify_referrer
    client.force_login(narpes)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/referrals/{referral.pk}/", {"action": "status", "status": "contacted"})
    assert mail.outbox == []
    # Residents have no such box: there is nobody to tell.
    client.logout()
    ReferralUnit.objects.filter(municipality__code="545").update(self_referral=True)
    assert "kun tila muuttuu" not in client.get(FORM_545).content.decode()
    client.post(FORM_545, valid(notify_referrer="on"))
    assert not Referral.objects.filter(source="self").get().notify_referrer


@pytest.mark.parametrize(
    ("from_request", "host", "link"),
    [
        # Production: the configured address, whatever host the request came to.
        (False, "testserver", "https://opas.example.fi/admin/referrals/"),
        # Development without WAGTAILADMIN_BASE_URL: the host and port being served.
        (True, "localhost:8123", "http://localhost:8123/admin/referrals/"),
    ],
)
def test_the_e_mail_link_leads_to_the_site_the_referral_was_sent_on(
    client, settings, django_capture_on_commit_callbacks, from_request, host, link
):
    settings.WAGTAILADMIN_BASE_URL = "https://opas.example.fi"
    settings.MAIL_LINKS_FROM_REQUEST = from_request
    counsellor("545", email="neuvoja@narpio.example.fi")
    client.force_login(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_545, valid(), HTTP_HOST=host)
    assert response.status_code == 302
    referral = Referral.objects.get()
    (message,) = mail.outbox
    assert f"{link}{referral.pk}/" in message.body
    assert "127.0.0.1:8000" not in message.body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"consent": None}, "consent", "Lähetteen voi lähettää vain suostumuksella"),
        ({"phone": "", "email": ""}, "phone", "Anna yhteydenottoa varten puhelinnumero"),
        ({"email": "matti@"}, "email", "Kirjoita sähköpostiosoite muodossa"),
        ({"phone": "12ab"}, "phone", "Kirjoita puhelinnumero numeroina"),
        ({"phone": "123"}, "phone", "Kirjoita puhelinnumero numeroina"),
        ({"client_name": ""}, "client_name", "Kirjoita lähetettävän henkilön nimi."),
        ({"reason_prediabetes": None}, "reason_prediabetes", "Valitse vähintään yksi syy."),
        ({"reason_other": "on"}, "other_reason", "Kerro lyhyesti, mikä muu syy on."),
        ({"referring_unit": ""}, "referring_unit", "Kirjoita lähettävä yksikkö."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, changes, field, message):
    client.force_login(professional())
    data = valid(**changes)
    response = client.post(FORM_545, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and message in html
    assert f'href="#id_{field}' in html  # the summary leads to the field
    assert 'aria-invalid="true"' in html
    assert 'value="aamupäivisin"' in html  # what was typed stays
    assert not Referral.objects.exists()
    assert not mail.outbox


def test_residents_refer_themselves_only_where_the_municipality_allows_it(client):
    html = client.get(FORM_545).content.decode()
    assert "lähetteellä" in html and 'name="client_name"' not in html
    client.post(FORM_545, valid())
    assert not Referral.objects.exists()

    ReferralUnit.objects.filter(municipality__code="545").update(self_referral=True)
    html = client.get(FORM_545).content.decode()
    assert "Ilmoittautuminen: Liikuntaneuvonta, Närpiö" in html
    assert 'name="referring_unit"' not in html and "OAB77" not in html
    assert "Annan suostumukseni" in html
    response = client.post(FORM_545, valid(referring_unit="Ignored"))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (
        referral.source == "self" and referral.referring_unit == "" and referral.referred_by is None
    )


def test_the_form_speaks_to_the_professional_about_the_client(client):
    intro = ReferralUnit.objects.get(municipality__code="545").intro_fi
    assert "soittaa sinulle" in intro  # written to the resident
    client.force_login(professional())
    html = client.get(FORM_545).content.decode()
    # The intro is what the professional tells the client, under that heading.
    told = html.index("<h2>Kerro asiakkaalle</h2>")
    assert html.index("soittaa sinulle") > told
    assert "ottaa yhteyttä asiakkaaseen" in html and "Asiakas</legend>" in html
    assert "Tietosi" not in html and "Annan suostumukseni" not in html
    assert "auttaa vastaanottajaa ottamaan yhteyttä asiakkaaseen" in html
    # A resident reads the same intro as written to them.
    client.logout()
    ReferralUnit.objects.filter(municipality__code="545").update(self_referral=True)
    html = client.get(FORM_545).content.decode()
    assert "soittaa sinulle" in html and "Kerro asiakkaalle" not in html
    assert "Tietosi" in html and "asiakkaaseen" not in html


def test_a_municipality_without_counselling_shows_its_exercise_services(client, demo_catalogue):
    response = client.get("/fi/liikuntaneuvonta/905/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Liikuntapalvelut: Vaasa" in html and 'name="client_name"' not in html
    assert html.count('class="result-list__title"') >= 1
    assert client.get("/sv/motionsradgivning/905/").status_code == 200
    assert client.get("/fi/liikuntaneuvonta/091/").status_code == 404  # not in the county


def test_too_many_self_referrals_from_one_address_are_refused(client, settings):
    settings.RATELIMIT_REFERRAL = "3/h"
    ReferralUnit.objects.filter(municipality__code="545").update(self_referral=True)
    for _ in range(3):
        assert client.post(FORM_545, valid()).status_code == 302
    response = client.post(FORM_545, valid(client_name="Neljäs"))
    assert response.status_code == 429
    assert "liian monta lähetettä" in response.content.decode()
    assert 'value="Neljäs"' in response.content.decode()
    assert Referral.objects.count() == 3


# --- Who may see what --------------------------------------------------------------------------


@pytest.fixture
def people():
    return {
        "anonymous": None,
        "professional": professional(),
        "counsellor_545": counsellor("545"),
        "counsellor_287": counsellor("287"),
        "coordinator": coordinator(),
        "plain_user": UserFactory(),
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        # inbox, detail of a Närpiö referral, its status change, indicators, CSV,
        # the referral form of Närpiö (no self-referral), sending it. 302: to the admin
        # login; 403: logged in to the admin without the permission; 404: a referral of a
        # unit the user does not receive for, whatever their role.
        ("anonymous", [302, 302, 302, 302, 302, "ask", "not saved"]),
        ("plain_user", [302, 302, 302, 302, 302, "ask", "not saved"]),
        ("professional", [302, 302, 302, 302, 302, "form", "saved"]),
        ("counsellor_545", [200, 200, "changed", 200, 403, "ask", "not saved"]),
        ("counsellor_287", [200, 404, 404, 200, 403, "ask", "not saved"]),
        ("coordinator", [403, 404, 404, 200, 200, "ask", "not saved"]),
    ],
)
def test_permission_matrix(client, people, who, expected):
    referral = ReferralFactory(municipality=Municipality.objects.get(code="545"))
    user = people[who]
    if user:
        client.force_login(user)
    inbox = client.get("/admin/referrals/")
    detail = client.get(f"/admin/referrals/{referral.pk}/")
    change = client.post(
        f"/admin/referrals/{referral.pk}/", {"action": "status", "status": "contacted"}
    )
    indicators = client.get("/admin/referrals/indicators/")
    export = client.get("/admin/referrals/indicators.csv")
    form = client.get(FORM_545).content.decode()
    before = Referral.objects.count()
    client.post(FORM_545, valid())
    saved = Referral.objects.count() > before

    referral.refresh_from_db()
    changed = referral.status == "contacted"
    got = [
        inbox.status_code,
        detail.status_code,
        "changed" if changed else change.status_code,
        indicators.status_code,
        export.status_code,
        "form" if 'name="client_name"' in form else "ask",
        "saved" if saved else "not saved",
    ]
    assert got == expected
    refused = [inbox, detail, indicators, export] + ([] if changed else [change])
    for response in refused:
        if response.status_code == 302:
            assert urlparse(response["Location"]).path == "/admin/login/"
    if detail.status_code != 200:
        assert referral.client_name not in detail.content.decode()
    if inbox.status_code == 200:
        html = inbox.content.decode()
        assert referral.client_name not in html  # the list shows no personal data
        assert (referral.reference in html) == (who == "counsellor_545")


def test_opening_and_changing_a_referral_is_recorded(client):
    user = counsellor("545")
    referral = ReferralFactory()
    client.force_login(user)
    html = client.get(f"/admin/referrals/{referral.pk}/").content.decode()
    assert referral.client_name in html and "040 1234567" in html  # as Finns write it
    client.post(
        f"/admin/referrals/{referral.pk}/", {"action": "note", "text": "Soitettu, ei vastannut."}
    )
    client.post(
        f"/admin/referrals/{referral.pk}/",
        {"action": "status", "status": "contacted", "note": "Tavoitettu."},
    )
    audit = list(ReferralAudit.objects.filter(referral=referral).order_by("at", "pk"))
    assert [(entry.action, entry.username) for entry in audit] == [
        ("viewed", user.username),
        ("note", user.username),
        ("status", user.username),
    ]
    events = list(referral.events.values_list("from_status", "to_status", "note", "user"))
    assert events[-2:] == [
        ("", "", "Soitettu, ei vastannut.", user.pk),
        ("received", "contacted", "Tavoitettu.", user.pk),
    ]
    # An impossible change is refused: a closed referral cannot be reopened.
    change_status(referral, "declined", user)
    response = client.post(
        f"/admin/referrals/{referral.pk}/", {"action": "status", "status": "contacted"}
    )
    referral.refresh_from_db()
    assert referral.status == "declined" and response.status_code == 200


def test_referrals_waiting_over_a_week_are_flagged(client):
    user = counsellor("545")
    with time_machine.travel(at("2026-11-01 09:00"), tick=False):
        old = ReferralFactory()
    with time_machine.travel(at("2026-11-07 09:00"), tick=False):
        fresh = ReferralFactory()
    with time_machine.travel(at("2026-11-09 09:00"), tick=False):
        client.force_login(user)
        html = client.get("/admin/referrals/").content.decode()
    assert "1 lähete on odottanut yhteydenottoa yli 7 päivää." in html
    row = html[html.index(old.reference) :].split("</tr>")[0]
    assert "Odottanut yli viikon" in row
    row = html[html.index(fresh.reference) :].split("</tr>")[0]
    assert "Odottanut yli viikon" not in row


# --- Indicators -------------------------------------------------------------------------------


def test_status_changes_update_the_indicators_and_the_csv_matches(client):
    narpes, kristinestad = counsellor("545"), counsellor("287")
    sender = professional()
    ReferralUnit.objects.filter(municipality__code="545").update(self_referral=True)

    def send(when, code, as_user=sender, **changes):
        with time_machine.travel(at(when), tick=False):
            if as_user:
                client.force_login(as_user)
            else:
                client.logout()
            response = client.post(f"/fi/liikuntaneuvonta/{code}/", valid(**changes))
            assert response.status_code == 302, response.content.decode()[:3000]
        return Referral.objects.latest("pk")

    def move(referral, when, status, user):
        with time_machine.travel(at(when), tick=False):
            client.force_login(user)
            client.post(f"/admin/referrals/{referral.pk}/", {"action": "status", "status": status})

    october = send("2026-10-30 12:00", "545")
    first = send("2026-11-02 10:00", "545")
    self_referred = send("2026-11-03 10:00", "545", as_user=None)
    other = send("2026-11-10 10:00", "287", referring_unit="Kristiinankaupungin terveysasema")
    declined = send("2026-11-15 10:00", "545")
    move(october, "2026-11-02 08:00", "contacted", narpes)
    move(first, "2026-11-05 10:00", "contacted", narpes)
    move(first, "2026-11-06 10:00", "started", narpes)
    move(first, "2026-11-28 10:00", "completed", narpes)
    move(self_referred, "2026-11-20 10:00", "not_reached", narpes)
    move(other, "2026-11-12 10:00", "contacted", kristinestad)
    move(declined, "2026-11-16 10:00", "declined", narpes)
    move(declined, "2026-11-17 10:00", "contacted", narpes)  # refused: already closed

    client.force_login(coordinator())
    response = client.get("/admin/referrals/indicators.csv", {"month": "2026-11"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="lahetteet-2026-11.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = {row["municipality_code"]: row for row in csv.DictReader(io.StringIO(text[1:]))}
    # Every receiving unit, with zeros where none: the four where liikuntaneuvonta started.
    assert sorted(rows) == ["287", "288", "545", "893"]
    assert rows["545"] == {
        "month": "2026-11",
        "referral_type": "liikuntaneuvonta",
        "municipality_code": "545",
        "unit": "Närpiö",
        "received": "3",
        "successful_contacts": "2",
        "completed": "1",
        "not_reached": "1",
        "declined": "1",
        "from_professionals": "2",
        "self_referrals": "1",
    }
    assert (rows["287"]["received"], rows["287"]["successful_contacts"]) == ("1", "1")
    assert rows["893"]["received"] == "0"
    october_rows = client.get("/admin/referrals/indicators.csv", {"month": "2026-10"})
    october_545 = next(
        row
        for row in csv.DictReader(io.StringIO(october_rows.content.decode()[1:]))
        if row["municipality_code"] == "545"
    )
    assert (october_545["received"], october_545["successful_contacts"]) == ("1", "0")

    # The counsellor sees the same figures for their own municipality only.
    client.force_login(narpes)
    html = client.get("/admin/referrals/indicators/", {"month": "2026-11"}).content.decode()
    assert "Närpiö" in html and "Kristiinankaupunki" not in html
    assert "Närpiön terveysasema, vastaanotto" in html  # referring units
    # The referring units' CSV: sent in the month, and came back completed in the month.
    client.force_login(coordinator())
    text = client.get(
        "/admin/referrals/indicators.csv", {"month": "2026-11", "table": "referring"}
    ).content.decode()[1:]
    referring = {row["referring_unit"]: row for row in csv.DictReader(io.StringIO(text))}
    assert referring["Kristiinankaupungin terveysasema"]["referrals_sent"] == "1"
    assert referring["Närpiön terveysasema, vastaanotto"]["referrals_sent"] == "2"
    assert referring["Närpiön terveysasema, vastaanotto"]["referrals_completed"] == "1"


# --- Retention ----------------------------------------------------------------------------------


def test_personal_data_is_erased_a_year_after_the_last_activity_and_the_indicators_stay(client):
    user = counsellor("545")
    with time_machine.travel(at("2025-09-15 10:00"), tick=False):
        old = ReferralFactory(note="Polvivaivoja.")
        change_status(old, "contacted", user, note="Puhuttu Matin kanssa.")
        recent = ReferralFactory()
        still_open = ReferralFactory()
    with time_machine.travel(at("2025-10-01 10:00"), tick=False):
        change_status(old, "completed", user)
    with time_machine.travel(at("2025-11-15 10:00"), tick=False):
        change_status(recent, "declined", user)
    client.force_login(coordinator())
    before = client.get("/admin/referrals/indicators.csv", {"month": "2025-09"}).content

    with time_machine.travel(at("2026-10-02 03:00"), tick=False):
        call_command("erase_referral_personal_data", verbosity=0)

    old.refresh_from_db()
    assert old.erased_at is not None
    for field in Referral.PERSONAL_FIELDS:
        assert getattr(old, field) == ""
    assert not ReferralEvent.objects.filter(referral=old).exclude(note="").exists()
    assert old.audit.filter(action="erased").exists()
    # What the indicators count stays.
    assert (old.municipality.code, old.status, old.source) == ("545", "completed", "professional")
    assert old.created_at and old.contacted_at and old.completed_at
    recent.refresh_from_db()
    assert recent.client_name and recent.erased_at is None
    # Left "received" for over a year: erased all the same.
    still_open.refresh_from_db()
    assert still_open.status == "received"
    assert still_open.client_name == "" and still_open.erased_at is not None
    after = client.get("/admin/referrals/indicators.csv", {"month": "2025-09"}).content
    assert after == before
    client.force_login(user)
    html = client.get(f"/admin/referrals/{old.pk}/").content.decode()
    assert "Poistettu 2.10.2026." in html


def test_a_mail_server_that_is_down_does_not_lose_the_referral(
    client, settings, django_capture_on_commit_callbacks
):
    counsellor("545", email="neuvoja@narpio.example.fi")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    client.force_login(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_545, valid())
    assert response.status_code == 302  # the sender sees the referral sent
    assert Referral.objects.count() == 1  # and it waits in the counsellor's inbox


def test_an_open_referral_is_erased_a_year_after_its_last_activity_not_before(client):
    """Issue 29, item 8: whatever the referral's state, its personal data goes N months after
    the last thing that happened to it (received, a status change, a note)."""
    user = counsellor("545")
    with time_machine.travel(at("2025-01-10 10:00"), tick=False):
        forgotten = ReferralFactory()  # never handled
        noted = ReferralFactory()
        contacted = ReferralFactory()
    with time_machine.travel(at("2025-06-01 10:00"), tick=False):
        change_status(contacted, "contacted", user)
    with time_machine.travel(at("2025-12-20 10:00"), tick=False):
        add_note(noted, user, "Soitetaan uudelleen tammikuussa.")

    with time_machine.travel(at("2026-01-11 03:00"), tick=False):
        call_command("housekeeping", verbosity=0)
    erased = {r.pk for r in Referral.objects.filter(erased_at__isnull=False)}
    assert erased == {forgotten.pk}

    with time_machine.travel(at("2026-06-02 03:00"), tick=False):
        call_command("housekeeping", verbosity=0)
    erased = {r.pk for r in Referral.objects.filter(erased_at__isnull=False)}
    assert erased == {forgotten.pk, contacted.pk}  # contacted stays "contacted", not closed
    contacted.refresh_from_db()
    assert contacted.status == "contacted" and contacted.phone == ""
    noted.refresh_from_db()
    assert noted.client_name and noted.erased_at is None
