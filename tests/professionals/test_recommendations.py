"""Service recommendation lists (palvelusuositus): building a list as a professional, the
personal-data check, the client's view (current details, ended services, expiry), what is
counted, and who may do what."""

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from catalogue.models import LocalEnrichment, Service, ServiceChannel
from core.models import DailyCount
from professionals.models import RecommendationItem, RecommendationList
from professionals.recommendations import purge_expired_lists
from ptv_sync.demo_catalogue import DEMO_DIR, lahella_key
from ptv_sync.runner import run_sync
from tests.support.factories.professionals import UserFactory, professional

pytestmark = pytest.mark.django_db

BUILDER = "/fi/ammattilaiset/palvelusuositus/"
ADD = "/fi/ammattilaiset/palvelusuositus/lisaa/"


@pytest.fixture
def pro(client):
    user = professional()
    client.force_login(user)
    return user


def services(count=3):
    """Active services with Finnish and Swedish names, from the demo catalogue."""
    return list(
        Service.objects.filter(is_active=True, duplicate_of=None)
        .exclude(name_sv="")
        .exclude(name_fi="")
        .order_by("pk")[:count]
    )


def add_all(client, chosen):
    for service in chosen:
        response = client.post(ADD, {"service": service.pk, "next": "/fi/palvelut/?q=x"})
        assert response.status_code == 302 and response["Location"] == "/fi/palvelut/?q=x"


def builder_form(client, **fields):
    html = client.get(BUILDER).content.decode()
    data = dict(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', html))
    data["language"] = "fi"
    data.update(fields)
    return data


def test_professionals_see_add_to_list_and_others_do_not(client, demo_catalogue):
    url = "/fi/palvelut/?q=liikunta"
    assert "Lisää listalle" not in client.get(url).content.decode()
    client.force_login(UserFactory())  # logged in, but not a professional
    assert "Lisää listalle" not in client.get(url).content.decode()
    client.force_login(professional())
    html = client.get(url).content.decode()
    assert html.count("Lisää listalle") >= 3
    service = services(1)[0]
    page = client.get(service.get_absolute_url()).content.decode()
    assert "Lisää listalle" in page
    add_all(client, [service])
    page = client.get(service.get_absolute_url()).content.decode()
    assert "Palvelusuosituksessa" in page and "Poista listalta" in page
    assert 'Palvelusuositus <span class="count-badge">1 kohde</span>' in page


def test_building_ordering_and_creating_a_list_in_swedish(client, pro, demo_catalogue):
    first, second, third = services(3)
    add_all(client, [first, second, third, second])  # adding twice keeps one
    html = client.get(BUILDER).content.decode()
    assert "Listalla 3 kohdetta" in html
    names = re.findall(r'class="builder-item__title"><a [^>]*>([^<]+)<', html)
    assert names == [first.name_fi, second.name_fi, third.name_fi]

    client.post(BUILDER, builder_form(client, action="down:0", **{"note-0": "Kysy Annelta."}))
    client.post(BUILDER, builder_form(client, action="remove:2"))
    html = client.get(BUILDER).content.decode()
    names = re.findall(r'class="builder-item__title"><a [^>]*>([^<]+)<', html)
    assert names == [second.name_fi, first.name_fi]
    assert ">Kysy Annelta.</textarea>" in html  # the note moved with its service

    response = client.post(
        BUILDER, builder_form(client, action="create", language="sv", note="Välkommen!")
    )
    made = RecommendationList.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{made.code}/")
    assert made.language == "sv" and made.note == "Välkommen!" and made.created_by == pro
    assert list(made.items.values_list("service", "position", "note")) == [
        (second.pk, 1, ""),
        (first.pk, 2, "Kysy Annelta."),
    ]
    assert len(made.code) >= 10 and re.fullmatch(r"[a-z2-9]+", made.code)
    assert made.expires_at - made.created_at == timedelta(days=90)
    ready = client.get(response["Location"]).content.decode()
    assert f"http://testserver/sv/rekommendation/{made.code}/" in ready
    assert "<svg" in ready and 'role="img"' in ready
    # The draft is emptied for the next client.
    assert "Lista on tyhjä" in client.get(BUILDER).content.decode()


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("Asiakas 131052-308T tarvitsee tukea", "henkilötunnus"),
        ("hetu 010199A123B", "henkilötunnus"),
        ("Soita numeroon 040 123 4567", "puhelinnumero"),
        ("Soita +358 6 325 1111", "puhelinnumero"),
        ("maija.meikalainen@example.fi", "sähköpostiosoite"),
    ],
)
def test_a_note_with_personal_data_is_refused_and_the_typed_text_kept(
    client, pro, demo_catalogue, note, kind
):
    add_all(client, services(2))
    response = client.post(
        BUILDER, builder_form(client, action="create", **{"note-1": note, "note-0": "Hyvä ryhmä."})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Listaa ei tallennettu" in html and 'id="error-summary"' in html
    assert f"Huomiossa näyttää olevan {kind}. Älä kirjoita asiakkaan henkilötietoja" in html
    assert f">{note}</textarea>" in html  # nothing typed is lost
    assert ">Hyvä ryhmä.</textarea>" in html
    assert 'aria-invalid="true"' in html
    assert not RecommendationList.objects.exists()
    # The refused note did not go into the draft either; the good one did.
    session_draft = client.session["recommendation_draft"]
    assert [item["note"] for item in session_draft["items"]] == ["Hyvä ryhmä.", ""]


def test_the_list_note_is_checked_too_and_ordinary_numbers_pass(client, pro, demo_catalogue):
    add_all(client, services(1))
    response = client.post(BUILDER, builder_form(client, action="create", note="Puh 0501234567"))
    assert "Huomiossa näyttää olevan puhelinnumero" in response.content.decode()
    ok = "Ryhmä ti klo 18.00–19.30, hinta 12 € / 10 kertaa, alkaa 1.12.2026."
    response = client.post(BUILDER, builder_form(client, action="create", note=ok))
    assert response.status_code == 302
    assert RecommendationList.objects.get().note == ok


def test_an_empty_list_is_not_created(client, pro):
    html = client.post(BUILDER, {"action": "create", "language": "fi"}).content.decode()
    assert "Lisää listalle vähintään yksi palvelu tai omahoidon kohde." in html
    assert not RecommendationList.objects.exists()


def test_creating_a_list_counts_lists_and_services_per_service_theme_and_municipality(
    client, pro, demo_catalogue
):
    chosen = services(3)
    add_all(client, chosen)
    client.post(BUILDER, builder_form(client, action="create"))
    counts = {
        (row.metric, row.key): row.count
        for row in DailyCount.objects.filter(
            day=timezone.localdate(), metric__startswith="recommendation."
        )
    }
    assert counts[("recommendation.lists", "")] == 1
    for service in chosen:
        assert counts[("recommendation.services", str(service.pk))] == 1
    themes = [theme.slug for service in chosen for theme in service.themes.all()]
    for slug in set(themes):
        assert counts[("recommendation.themes", slug)] == themes.count(slug)
    codes = [m.code for service in chosen for m in service.municipalities.all()]
    for code in set(codes):
        assert counts[("recommendation.municipalities", code)] == codes.count(code)
    # The counters say nothing about who made the list: a day, a metric, a key, a count.
    assert {field.name for field in DailyCount._meta.fields} == {
        "id",
        "day",
        "metric",
        "key",
        "count",
    }
    assert len(counts) == 1 + len(chosen) + len(set(themes)) + len(set(codes))


def make_list(user, chosen, language="sv", notes=()):
    made = RecommendationList.objects.create(
        language=language,
        created_by=user,
        expires_at=timezone.now() + timedelta(days=90),
    )
    for position, service in enumerate(chosen, start=1):
        note = notes[position - 1] if position <= len(notes) else ""
        RecommendationItem.objects.create(
            recommendation_list=made, service=service, position=position, note=note
        )
    return made


def test_the_client_sees_current_details_in_their_language_and_ended_services_marked(
    client, demo_catalogue
):
    first, second, third = services(3)
    made = make_list(professional(), [first, second, third], notes=["Ring först."])
    Service.objects.filter(pk=first.pk).update(name_sv="Nytt namn på svenska")
    Service.objects.filter(pk=second.pk).update(is_active=False)
    LocalEnrichment.objects.create(service=third, hidden=True)

    response = client.get(f"/sv/rekommendation/{made.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html and "Tjänster som rekommenderas för dig" in html
    assert "Nytt namn på svenska" in html  # current details, not a copy
    assert "Ring först." in html
    assert html.count("Den här tjänsten har upphört") == 2
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]
    # Anyone with the link may open it: no login, no cookie needed.
    assert client.get(f"/sv/rekommendation/{made.code}/skriv-ut/").status_code == 200
    assert client.get("/sv/rekommendation/eisellaista22/").status_code == 404


def test_the_client_sees_when_an_activity_meets_and_the_hours_in_their_language(
    client, demo_catalogue
):
    run = run_sync("lahella", from_dir=DEMO_DIR / "lahella", full=True)
    assert run.status == "succeeded", run.errors
    walking = Service.objects.get(source="lahella", external_id=lahella_key("kavelyryhma", "545"))
    shown = walking.duplicate_of or walking  # the pair is listed once
    schedule = ServiceChannel.objects.get(source="lahella", service_links__service=walking)
    first_start = datetime.fromisoformat(schedule.occurrences[0][0])
    open_place = (
        ServiceChannel.objects.filter(channel_type="place", is_active=True, hours__kind="regular")
        .exclude(service_links__service__is_active=False)
        .first()
    )
    with_hours = open_place.service_links.first().service
    made = make_list(professional(), [shown, with_hours], language="sv")
    for path, rule, next_label, hours_label in (
        (f"/sv/rekommendation/{made.code}/", "Tisdagar kl. 18–19.30", "Nästa gånger", "Öppettider"),
        (
            f"/fi/suositus/{made.code}/",
            "Tiistaisin klo 18–19.30",
            "Seuraavat kerrat",
            "Aukioloajat",
        ),
        (
            f"/sv/rekommendation/{made.code}/skriv-ut/",
            "Tisdagar kl. 18–19.30",
            "Nästa gånger",
            None,
        ),
    ):
        html = client.get(path).content.decode()
        assert f'<p class="schedule__rule">{rule}</p>' in html, path
        assert next_label in html
        assert f'<time datetime="{first_start.isoformat()}">' in html
        if hours_label:
            assert f"<caption>{hours_label}</caption>" in html
    # The A5 slip: the rule, the next times and the place's address as text.
    slip = client.get(f"/sv/rekommendation/{made.code}/lapp/").content.decode()
    assert "<p>Tisdagar kl. 18–19.30</p>" in slip
    assert f'<time datetime="{first_start.isoformat()}">' in slip
    assert re.search(r"<p><span>[^<{&]+</span> \d+, <span>NÄRPES</span></p>", slip)


def test_an_expired_list_says_so(client, demo_catalogue):
    made = make_list(professional(), services(1))
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        response = client.get(f"/fi/suositus/{made.code}/")
        assert response.status_code == 410
        assert "Lista on vanhentunut" in response.content.decode()
        assert services(1)[0].name_fi not in response.content.decode()


def test_expired_lists_are_deleted_a_month_after_expiry(demo_catalogue):
    made = make_list(professional(), services(1))
    assert purge_expired_lists(now=made.expires_at + timedelta(days=29)) == 0
    assert purge_expired_lists(now=made.expires_at + timedelta(days=31)) == 1
    assert not RecommendationList.objects.exists()


def test_the_list_duration_comes_from_settings(client, pro, demo_catalogue, settings):
    settings.RECOMMENDATION_LIST_DAYS = 30
    add_all(client, services(1))
    client.post(BUILDER, builder_form(client, action="create"))
    made = RecommendationList.objects.get()
    assert made.expires_at - made.created_at == timedelta(days=30)


def test_only_professionals_build_lists_and_only_the_maker_sees_the_ready_page(
    client, demo_catalogue
):
    response = client.get(BUILDER)
    assert response.status_code == 302 and "/fi/ammattilaiset/kirjaudu/" in response["Location"]
    assert client.post(ADD, {"service": services(1)[0].pk}).status_code == 302
    client.force_login(UserFactory())
    assert client.get(BUILDER).status_code == 403
    assert client.post(ADD, {"service": services(1)[0].pk}).status_code == 403
    maker = professional()
    made = make_list(maker, services(1))
    client.force_login(professional())
    assert client.get(f"/fi/ammattilaiset/palvelusuositus/valmis/{made.code}/").status_code == 404
    client.force_login(maker)
    assert client.get(f"/fi/ammattilaiset/palvelusuositus/valmis/{made.code}/").status_code == 200


def test_add_to_list_never_redirects_elsewhere(client, pro, demo_catalogue):
    response = client.post(ADD, {"service": services(1)[0].pk, "next": "https://evil.example/"})
    assert response["Location"] == BUILDER


def test_lists_beyond_the_rate_limit_are_refused_and_the_draft_kept(
    client, pro, demo_catalogue, settings
):
    settings.RATELIMIT_RECOMMENDATION_LIST = "2/h"
    chosen = services(2)
    for _ in range(2):
        add_all(client, chosen)
        response = client.post(BUILDER, builder_form(client, action="create"))
        assert response.status_code == 302
    add_all(client, chosen)
    response = client.post(BUILDER, builder_form(client, action="create", note="Kysy Annelta."))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Olet tehnyt monta listaa lyhyessä ajassa. Yritä myöhemmin uudelleen." in html
    assert RecommendationList.objects.count() == 2
    assert "Kysy Annelta." in html  # nothing typed is lost
