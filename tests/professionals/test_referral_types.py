"""Referral types (issue 24): liikuntaneuvonta, received by a municipality's counsellors, and a
peer support group, received by an NGO's contacts. The same consent, personal-data, rate-limit,
notification and retention rules hold for both (tests parametrised over the two), and each
receiver sees only their own unit's referrals while the referrer sees only the status."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from professionals.models import Referral, ReferralAudit, ReferralType, ReferralUnit
from professionals.referrals import add_note, change_status, erase_expired
from tests.support.factories.professionals import (
    UserFactory,
    coordinator,
    counsellor,
    organisation_unit,
    professional,
    receiver,
)

pytestmark = pytest.mark.django_db

TYPES = ["liikuntaneuvonta", "vertaistukiryhma"]
HELSINKI = ZoneInfo("Europe/Helsinki")
CLIENT = ("Maija Mallikas", "040 111 2233", "maija@example.fi")


@pytest.fixture
def units():
    """Liikuntaneuvonta in Närpiö with its counsellor; the peer group of two NGOs, each with
    its contact (and the first with a further address for the new-referral e-mail)."""
    narpio = ReferralUnit.objects.get(
        referral_type__slug="liikuntaneuvonta", municipality__code="545"
    )
    counsellor("545", username="neuvoja", email="neuvoja@narpio.example.fi")
    group = organisation_unit(contact_emails="ryhma@yhdistys.example.fi\n")
    other = organisation_unit()
    receiver(group, username="yhdistys", email="yhteys@yhdistys.example.fi")
    receiver(other, username="toinen-yhdistys", email="yhteys@toinen.example.fi")
    ReferralUnit.objects.filter(pk__in=[narpio.pk, group.pk]).update(self_referral=True)
    return {"liikuntaneuvonta": narpio, "vertaistukiryhma": group, "other_group": other}


def form_url(units, slug):
    if slug == "liikuntaneuvonta":
        return "/fi/liikuntaneuvonta/545/"
    return f"/fi/lahete/vertaistukiryhma/{units[slug].pk}/"


def valid(slug, **changes):
    data = {
        "client_name": CLIENT[0],
        "phone": CLIENT[1],
        "email": CLIENT[2],
        "language": "fi",
        "best_time": "iltaisin",
        "referring_unit": "Vaasan terveysasema",
        "note": "Toivoo soittoa iltapäivällä.",
        "consent": "on",
    }
    if slug == "liikuntaneuvonta":
        data["reason_low_activity"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def at(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=HELSINKI)


# --- Consent ----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", TYPES)
def test_no_referral_without_consent_and_the_consent_names_the_retention(client, units, slug):
    client.force_login(professional())
    html = client.get(form_url(units, slug)).content.decode()
    consent = ReferralType.objects.get(slug=slug).consent_fi
    assert consent in html and "12 kuukauden kuluttua" in html
    response = client.post(form_url(units, slug), valid(slug, consent=None))
    assert response.status_code == 400
    assert "Lähetteen voi lähettää vain suostumuksella" in response.content.decode()
    assert not Referral.objects.exists()
    assert client.post(form_url(units, slug), valid(slug)).status_code == 302
    assert Referral.objects.get().consent_at is not None


# --- Personal data: only what the type asks, only to the receivers ------------------------------


@pytest.mark.parametrize("slug", TYPES)
def test_a_referral_holds_only_what_its_type_asks_and_mail_carries_a_link_only(
    client, units, slug, django_capture_on_commit_callbacks
):
    client.force_login(professional())
    html = client.get(form_url(units, slug)).content.decode()
    asks_reasons = slug == "liikuntaneuvonta"
    assert ('name="reason_low_activity"' in html) is asks_reasons
    assert ('name="note"' in html) is asks_reasons  # the peer group asks only the best time
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(units, slug), valid(slug, reason_prediabetes="on"))
    referral = Referral.objects.get()
    assert referral.unit == units[slug] and referral.best_time == "iltaisin"
    assert referral.reason_prediabetes is asks_reasons
    assert referral.note == ("Toivoo soittoa iltapäivällä." if asks_reasons else "")

    (message,) = mail.outbox
    expected = {
        "liikuntaneuvonta": {"neuvoja@narpio.example.fi"},
        "vertaistukiryhma": {"yhteys@yhdistys.example.fi", "ryhma@yhdistys.example.fi"},
    }[slug]
    assert set(message.to) == expected  # never the other group's contact
    assert referral.reference in message.subject
    assert f"/admin/referrals/{referral.pk}/" in message.body
    for private in (*CLIENT, "Toivoo", "iltaisin", "Vaasan terveysasema"):
        assert private not in message.subject + message.body


# --- Rate limits ------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", TYPES)
def test_too_many_self_referrals_from_one_address_are_refused(client, units, slug, settings):
    settings.RATELIMIT_REFERRAL = "2/h"
    html = client.get(form_url(units, slug)).content.decode()
    assert "Ilmoittautuminen:" in html and 'name="referring_unit"' not in html
    for _ in range(2):
        assert client.post(form_url(units, slug), valid(slug)).status_code == 302
    response = client.post(form_url(units, slug), valid(slug, client_name="Kolmas"))
    assert response.status_code == 429 and 'value="Kolmas"' in response.content.decode()
    assert Referral.objects.filter(unit=units[slug], source="self").count() == 2
    # Professionals are not limited.
    client.force_login(professional())
    assert client.post(form_url(units, slug), valid(slug)).status_code == 302


# --- The referrer's status e-mail ----------------------------------------------------------------


@pytest.mark.parametrize("slug", TYPES)
def test_the_referrer_is_told_each_status_with_a_link_only(
    client, units, slug, django_capture_on_commit_callbacks
):
    sender = professional(email="hoitaja@terveysasema.example.fi")
    client.force_login(sender)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(units, slug), valid(slug, notify_referrer="on"))
    referral = Referral.objects.get()
    mail.outbox.clear()
    handler = units[slug].receivers.get()
    client.force_login(handler)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/referrals/{referral.pk}/",
            {"action": "status", "status": "contacted", "note": "Soitettu Maijalle."},
        )
    (message,) = mail.outbox
    assert message.to == [sender.email]
    assert "yhteys saatu" in message.body and referral.reference in message.subject
    assert "http://testserver/fi/ammattilaiset/" in message.body
    for private in (*CLIENT, "Soitettu", "iltaisin"):
        assert private not in message.subject + message.body


# --- Retention --------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", TYPES)
def test_personal_data_is_erased_after_the_retention_time_for_every_type(client, units, slug):
    sender = professional()
    with time_machine.travel(at("2025-09-15 10:00"), tick=False):
        client.force_login(sender)
        client.post(form_url(units, slug), valid(slug))
        referral = Referral.objects.get()
        handler = units[slug].receivers.get()
        change_status(referral, "contacted", handler, note="Puhuttu Maijan kanssa.")
        add_note(referral, handler, "Maija tulee ensi viikolla.")
    with time_machine.travel(at("2026-09-14 10:00"), tick=False):
        assert erase_expired() == 0
    with time_machine.travel(at("2026-09-16 10:00"), tick=False):
        assert erase_expired() == 1
    referral.refresh_from_db()
    assert (referral.client_name, referral.phone, referral.email, referral.best_time) == (
        "",
        "",
        "",
        "",
    )
    assert not referral.events.exclude(note="").exists()
    assert referral.status == "contacted" and referral.contacted_at is not None
    assert referral.audit.filter(action=ReferralAudit.Action.ERASED).exists()


# --- Who sees what: the permission matrix of the types -----------------------------------------


@pytest.fixture
def sent(units):
    """One referral to each unit, each from its own professional, each with a receiver's
    note."""
    made = {}
    for key, unit in units.items():
        sender = professional(username=f"lahettaja-{key}")
        referral = Referral.objects.create(
            unit=unit,
            municipality=unit.municipality,
            source="professional",
            referred_by=sender,
            client_name=f"Asiakas {key}",
            phone="040 999 8877",
            language="fi",
            consent_at=datetime(2026, 11, 2, tzinfo=HELSINKI),
        )
        change_status(referral, "contacted", unit.receivers.get(), note=f"Muistiinpano {key}")
        made[key] = referral
    return made


def test_each_receiver_sees_only_their_own_units_referrals(client, units, sent):
    for key, unit in units.items():
        client.force_login(unit.receivers.get())
        inbox = client.get("/admin/referrals/?status=all").content.decode()
        for other, referral in sent.items():
            shown = f'href="/admin/referrals/{referral.pk}/"' in inbox
            assert shown is (other == key), (key, other)
            detail = client.get(f"/admin/referrals/{referral.pk}/")
            if other == key:
                assert detail.status_code == 200
                assert f"Asiakas {key}" in detail.content.decode()
            else:
                assert detail.status_code == 404, (key, other)


def test_the_referrer_sees_the_status_only_and_nobody_else_sees_even_that(client, units, sent):
    referral = sent["vertaistukiryhma"]
    status_url = f"/fi/ammattilaiset/lahetteet/{referral.pk}/"
    client.force_login(referral.referred_by)
    workspace = client.get("/fi/ammattilaiset/").content.decode()
    page = client.get(status_url)
    assert page.status_code == 200
    html = page.content.decode()
    for shown in (workspace, html):
        assert "Yhteys saatu" in shown and referral.reference in shown
        assert "Asiakas vertaistukiryhma" not in shown and "040 999 8877" not in shown
        assert "Muistiinpano" not in shown
    assert "Vertaistukiryhmä" in html and "Pohjanmaan Mielenterveysyhdistys" in html
    # The referrer cannot open the receiver's view.
    response = client.get(f"/admin/referrals/{referral.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    others = {
        "anonymous": None,
        "another professional": professional(),
        "the other group's referrer": sent["other_group"].referred_by,
        "coordinator": coordinator(),
        "plain user": UserFactory(),
        # A receiver sees the status page of nothing they did not send.
        "the group's own contact": units["vertaistukiryhma"].receivers.get(),
    }
    for who, user in others.items():
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(status_url).status_code == 404, who
    for who in ("another professional", "anonymous", "coordinator"):
        client.logout()
        if others[who]:
            client.force_login(others[who])
        response = client.get(f"/admin/referrals/{referral.pk}/")
        assert response.status_code in (302, 404), who
        assert "Asiakas vertaistukiryhma" not in response.content.decode()
    for bad in ("x1", "99999999999999999999", "١٢", "0"):  # not ASCII digits, too big, none
        assert client.get(f"/fi/ammattilaiset/lahetteet/{bad}/").status_code == 404, bad
        assert client.get(f"/fi/lahete/vertaistukiryhma/{bad}/").status_code == 404, bad


# --- The catalogue's service offers the form ------------------------------------------------


def test_a_linked_catalogue_service_offers_the_form(client, units):
    from tests.support.factories.catalogue import ServiceFactory

    service = ServiceFactory(name_fi="Mielen hyvinvoinnin vertaisryhmä", name_sv="Kamratgrupp")
    unit = ReferralUnit.objects.get(pk=units["vertaistukiryhma"].pk)
    url = service.get_absolute_url()
    assert "Ilmoittaudu" not in client.get(url).content.decode()  # not linked yet
    unit.service = service
    unit.save()  # offered at once, though the page was seen before
    # A resident may sign up where the unit takes self-referrals.
    html = client.get(url).content.decode()
    assert re.search(rf'href="/fi/lahete/vertaistukiryhma/{unit.pk}/">Ilmoittaudu', html)
    unit.self_referral = False
    unit.save()  # the cached page is out of date at once
    assert "Ilmoittaudu" not in client.get(url).content.decode()
    client.force_login(professional())
    html = client.get(url).content.decode()
    assert re.search(rf'href="/fi/lahete/vertaistukiryhma/{unit.pk}/">Tee lähete', html)
    with translation.override("sv"):
        swedish = client.get(service.get_absolute_url())
    assert swedish.status_code == 200 and "Gör en remiss" in swedish.content.decode()


def test_the_demo_links_its_referral_units_to_the_catalogue(client, demo_catalogue):
    from catalogue.models import Service
    from portal.demo import ensure_referrals
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    assert run_sync("lahella", from_dir=DEMO_DIR / "lahella", full=True).status == "succeeded"
    assert ensure_referrals() == 6  # two associations' units, four liikuntaneuvonta links
    assert ensure_referrals() == 0  # what exists is kept
    narpio = Service.objects.get(name_fi="Liikuntaneuvonta – Närpiö")
    url = narpio.get_absolute_url()
    assert "Tee lähete" not in client.get(url).content.decode()  # professionals only there
    client.force_login(professional())
    html = client.get(url).content.decode()
    assert 'href="/fi/liikuntaneuvonta/545/">Tee lähete' in html
    digital = ReferralUnit.objects.get(referral_type__slug="digituki")
    client.logout()
    html = client.get(digital.service.get_absolute_url()).content.decode()
    assert f'href="/fi/lahete/digituki/{digital.pk}/">Ilmoittaudu' in html
