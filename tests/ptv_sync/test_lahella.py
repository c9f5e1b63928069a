"""Lähellä.fi activities: the adapter (texts, schedule, places, codes), the partner API's
paging, the demo import, deduplication against PTV with editors' decisions, and the pages."""

import copy
import re
from datetime import date, datetime, time, timedelta
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
import responses

from catalogue.models import Service, ServiceChannel, ServicePair
from catalogue.search import CatalogueQuery, get_backend
from ptv_sync import demo_lahella
from ptv_sync.adapters import lahella, schedule
from ptv_sync.demo_catalogue import DEMO_DIR, lahella_key
from ptv_sync.demo_lahella import ms
from ptv_sync.http import PoliteRetry
from ptv_sync.records import EventRecord, TimeSlot
from ptv_sync.runner import run_sync

HKI = ZoneInfo("Europe/Helsinki")
API = "https://lahella.test/v1/"
LAHELLA_DIR = DEMO_DIR / "lahella"


def sample(**traits):
    """The reference activity (../shared/reference/lahella.md), with changes."""
    activity = {
        "_key": "12345",
        "status": "published",
        "traits": {
            "type": "hobby",
            "requiredLocales": ["fi", "sv"],
            "translations": {
                "fi": {
                    "name": "Iltakävely",
                    "summary": '<p dir="ltr">Kävellään yhdessä.</p>',
                    "description": "<p>Tule <strong>mukaan</strong>!</p>",
                    "pricing": "<p>Maksuton</p>",
                },
                "sv": {"name": "Kvällspromenad", "summary": "<p>Vi går tillsammans.</p>"},
            },
            "theme": ["ht_urheilu"],
            "format": ["hm_harrastukset"],
            "locale": ["fi-FI", "sv-FI"],
            "demographic": ["ageGroup/range:18-29", "ageGroup/range:65-", "gender/gender"],
            "region": ["city/FI/Vaasa"],
            "pricing": ["free"],
            "contacts": [
                {"type": "www", "value": "https://example.fi/kavely"},
                {"type": "email", "value": "kavely@example.fi"},
            ],
        },
        "channels": [
            {
                "type": ["place"],
                "accessibility": ["ac_wheelchair", "ac_inductionloop"],
                "map": {"center": {"type": "Point", "coordinates": [21.6158, 63.0960]}},
                "translations": {
                    "fi": {
                        "address": {
                            "street": "Kirkkopuistikko 1",
                            "postalCode": "65100",
                            "city": "Vaasa",
                        }
                    }
                },
                "events": [
                    {
                        "start": ms(datetime(2026, 9, 1, 18, 0, tzinfo=HKI)),
                        "end": ms(datetime(2026, 9, 1, 19, 30, tzinfo=HKI)),
                        "timeZone": "Europe/Helsinki",
                        "recurrence": {
                            "period": "P1W",
                            "end": ms(datetime(2027, 6, 30, tzinfo=HKI)),
                            "daySpecificTimes": [
                                {"weekday": 2, "startTime": "18:00", "endTime": "19:30"}
                            ],
                        },
                    }
                ],
                "registrationRequired": True,
            }
        ],
        "links": {
            "groups": [
                {"_key": "g1", "traits": {"name": "Vaasan Kävelijät ry", "businessId": "1234567-1"}}
            ]
        },
    }
    activity["traits"].update(traits)
    return activity


NOW = datetime(2026, 11, 24, 12, 0, tzinfo=HKI)


def parse(obj, moment=NOW):
    items = lahella.pending(obj, moment)
    return {item.kind: item.parse() for item in items}


# --- the adapter ------------------------------------------------------------------------------


def test_an_activity_becomes_a_service_a_place_and_an_association():
    records = parse(sample())
    service, channel, org = records["service"], records["channel"], records["organisation"]
    assert service.source == "lahella" and service.external_id == "12345"
    assert (service.name.fi, service.name.sv) == ("Iltakävely", "Kvällspromenad")
    assert service.summary.fi == "Kävellään yhdessä."  # plain text
    assert service.description.fi == "<p>Tule <strong>mukaan</strong>!</p>"
    assert service.activity_type == "hobby" and service.charge_type == "free"
    assert service.age_ranges == ((18, 29), (65, None))
    assert service.registration_required is True
    assert ("lahella_theme", "ht_urheilu") in service.source_codes
    assert ("lahella_format", "hm_harrastukset") in service.source_codes
    assert service.area.municipalities == ("905",)
    assert service.responsible_ref == "g1" and service.channel_refs == (channel.external_id,)
    # GeoJSON [lon, lat] → latitude 63.096, longitude 21.6158.
    address = channel.addresses[0]
    assert (address.latitude, address.longitude) == (63.096, 21.6158)
    assert address.municipality_code == "905" and address.street.fi == "Kirkkopuistikko 1"
    assert channel.accessibility.features == ("induction_loop", "wheelchair")
    assert {link.url for link in channel.links} == {"https://example.fi/kavely"}
    assert (org.business_id, org.org_type, org.name.fi) == (
        "1234567-1",
        "ngo",
        "Vaasan Kävelijät ry",
    )


def test_coordinates_outside_finland_are_dropped_not_swapped():
    obj = sample()
    obj["channels"][0]["map"]["center"]["coordinates"] = [63.0960, 21.6158]  # lat, lon: wrong
    address = parse(obj)["channel"].addresses[0]
    assert address.latitude is None and address.longitude is None


def test_html_is_sanitised_and_renders_inert(client, db):
    obj = sample()
    obj["traits"]["translations"]["fi"]["description"] = (
        '<p onclick="steal()">Hei<script>alert(1)</script></p>'
        '<img src="x" onerror="alert(2)">'
        '<a href="javascript:alert(3)">linkki</a> <a href="https://example.fi">turvallinen</a>'
    )
    description = parse(obj)["service"].description.fi
    assert description == (
        '<p>Hei</p><a rel="noopener noreferrer nofollow">linkki</a> '
        '<a href="https://example.fi" rel="noopener noreferrer nofollow">turvallinen</a>'
    )
    run = run_sync("lahella", items=lahella.pending(obj), full=True)
    assert run.status == "succeeded", run.errors
    page = client.get(Service.objects.get(source="lahella").get_absolute_url("fi"))
    html = page.content.decode()
    # The description's section (the page has its own scripts: the map).
    html = html[html.index('aria-labelledby="about-heading"') :]
    html = html[: html.index("</section>")]
    assert "turvallinen" in html
    for dangerous in ("<script", "onerror", "onclick", "javascript:", "alert("):
        assert dangerous not in html


@pytest.mark.parametrize(
    ("period", "days", "fi", "sv"),
    [
        ("P1W", [(2, "18:00", "19:30")], "tiistaisin klo 18–19.30", "tisdagar kl. 18–19.30"),
        (
            "P1W",
            [(2, "18:00", "19:30"), (4, "18:00", "19:30")],
            "tiistaisin ja torstaisin klo 18–19.30",
            "tisdagar och torsdagar kl. 18–19.30",
        ),
        (
            "P1W",
            [(1, "10:00", "11:00"), (5, "17:00", "18:15")],
            "maanantaisin klo 10–11, perjantaisin klo 17–18.15",
            "måndagar kl. 10–11, fredagar kl. 17–18.15",
        ),
        (
            "P2W",
            [(4, "14:00", "15:30")],
            "joka toinen torstai klo 14–15.30",
            "varannan torsdag kl. 14–15.30",
        ),
        ("P1D", [], "päivittäin klo 18–19.30", "dagligen kl. 18–19.30"),
        (
            "P1M",
            [(2, "18:00", "19:30")],
            "kuukauden ensimmäisenä tiistaina klo 18–19.30",
            "första tisdagen i månaden kl. 18–19.30",
        ),
    ],
)
def test_the_recurrence_reads_as_finnish_and_swedish(period, days, fi, sv):
    obj = sample()
    event = obj["channels"][0]["events"][0]
    event["recurrence"]["period"] = period
    event["recurrence"]["daySpecificTimes"] = [
        {"weekday": d, "startTime": s, "endTime": e} for d, s, e in days
    ]
    text = parse(obj)["channel"].schedule
    assert (text.fi, text.sv) == (fi, sv)


def test_a_one_off_event_reads_as_its_date():
    event = EventRecord(
        start=datetime(2027, 5, 15, 10, 0, tzinfo=HKI), end=datetime(2027, 5, 15, 14, 0, tzinfo=HKI)
    )
    assert schedule.schedule_text([event]).fi == "la 15.5.2027 klo 10–14"
    assert schedule.schedule_text([event]).sv == "lör 15.5.2027 kl. 10–14"


def test_the_next_five_occurrences_keep_the_wall_clock_time_across_daylight_saving():
    event = EventRecord(
        start=datetime(2026, 9, 1, 18, 0, tzinfo=HKI),
        period="P1W",
        until=date(2027, 6, 30),
        slots=(TimeSlot(1, "18:00", "19:30"),),
        excluded=(date(2027, 3, 23),),
    )
    found = schedule.occurrences([event], datetime(2027, 3, 10, 12, 0, tzinfo=HKI))
    assert [start.date() for start, _end in found] == [
        date(2027, 3, 16),
        date(2027, 3, 30),  # 23 March is excluded
        date(2027, 4, 6),
        date(2027, 4, 13),
        date(2027, 4, 20),
    ]
    assert all((s.hour, s.minute, e.hour, e.minute) == (18, 0, 19, 30) for s, e in found)
    # Winter time before 28 March 2027, summer time after it.
    assert [s.utcoffset() for s, _e in found] == [timedelta(hours=2)] + [timedelta(hours=3)] * 4


def test_every_other_week_counts_from_the_first_week_and_stops_at_the_end():
    event = EventRecord(
        start=datetime(2026, 11, 5, 14, 0, tzinfo=HKI),
        period="P2W",
        until=date(2026, 12, 10),
        slots=(TimeSlot(3, "14:00", "15:30"),),
    )
    found = schedule.occurrences([event], datetime(2026, 11, 1, tzinfo=HKI), count=5)
    assert [s.date() for s, _e in found] == [
        date(2026, 11, 5),
        date(2026, 11, 19),
        date(2026, 12, 3),
    ]


def test_a_past_one_off_event_makes_the_activity_inactive():
    obj = sample()
    obj["channels"][0]["events"] = [
        {
            "start": ms(datetime(2026, 9, 12, 8, 0, tzinfo=HKI)),
            "end": ms(datetime(2026, 9, 12, 18, 0, tzinfo=HKI)),
        }
    ]
    assert parse(obj, datetime(2026, 9, 12, 12, 0, tzinfo=HKI))["service"].active is True
    assert parse(obj, datetime(2026, 9, 13, 12, 0, tzinfo=HKI))["service"].active is False


# --- the partner API ---------------------------------------------------------------------------


def activity_page(skip, count, has_more, total=None):
    items = []
    for n in range(skip, skip + count):
        obj = copy.deepcopy(sample())
        obj["_key"] = f"a{n}"
        obj["channels"][0]["id"] = f"c{n}"
        items.append(obj)
    return {"items": items, "hasMore": has_more, "total": total if total is not None else 0}


@pytest.fixture
def no_waiting(monkeypatch):
    monkeypatch.setattr(PoliteRetry, "wait", staticmethod(lambda seconds: None))


@responses.activate
def test_pages_are_read_by_skip_and_limit_with_the_token(db, settings, no_waiting):
    settings.LAHELLA_API_URL, settings.LAHELLA_API_TOKEN = API, "sekret"
    pages = {0: activity_page(0, 2, True, 3), 2: activity_page(2, 1, False, 3)}

    def answer(request):
        query = parse_qs(urlparse(request.url).query)
        assert request.headers["Authorization"] == "Bearer sekret"
        assert query["limit"] == ["100"] and query["links[groups]"] == ["true"]
        import json

        return 200, {}, json.dumps(pages[int(query["skip"][0])])

    responses.add_callback(responses.GET, API + "activities", callback=answer)
    run = run_sync("lahella")
    assert run.status == "succeeded", run.errors
    assert run.mode == "full"
    assert sorted(
        Service.objects.filter(source="lahella").values_list("external_id", flat=True)
    ) == [
        "a0",
        "a1",
        "a2",
    ]
    assert len(responses.calls) == 2


@responses.activate
def test_has_more_with_an_empty_page_ends_the_run_as_partial(db, settings, no_waiting):
    settings.LAHELLA_API_URL = API
    responses.add(responses.GET, API + "activities", json=activity_page(0, 2, True))
    responses.add(responses.GET, API + "activities", json={"items": [], "hasMore": True})
    run = run_sync("lahella")
    assert run.status == "partial"
    assert "hasMore was true but the page at skip=2 was empty" in run.errors[0]["message"]
    assert len(responses.calls) == 2  # no endless loop
    assert Service.objects.filter(source="lahella", is_active=True).count() == 2


@responses.activate
def test_activities_outside_the_scope_are_left_out(db, settings, no_waiting):
    settings.LAHELLA_API_URL = API
    page = activity_page(0, 2, False)
    page["items"][1]["traits"]["region"] = ["city/FI/Helsinki"]
    page["items"][1]["channels"][0]["translations"]["fi"]["address"]["city"] = "Helsinki"
    responses.add(responses.GET, API + "activities", json=page)
    assert run_sync("lahella").status == "succeeded"
    assert list(Service.objects.values_list("external_id", flat=True)) == ["a0"]


# --- the demo import, dedupe and pages --------------------------------------------------------


@pytest.fixture
def demo_both(demo_catalogue):
    run = run_sync("lahella", from_dir=LAHELLA_DIR, full=True)
    assert run.status == "succeeded", run.errors
    return run


def test_the_demo_has_forty_activities_in_eight_municipalities_some_in_swedish_only():
    files = demo_lahella.build()
    activities = [item for page in files.values() for item in page["items"]]
    assert len(activities) >= 40
    cities = {a["traits"]["region"][0] for a in activities}
    assert len(cities) >= 8
    assert any(a["traits"]["requiredLocales"] == ["sv"] for a in activities)


def test_importing_the_demo_activities_gives_schedules_occurrences_places_and_themes(demo_both):
    service = Service.objects.get(source="lahella", external_id=lahella_key("kavelyryhma", "545"))
    assert service.is_active and service.activity_type == "hobby"
    assert set(service.themes.values_list("slug", flat=True)) >= {"liikunta"}
    channel = ServiceChannel.objects.get(source="lahella", service_links__service=service)
    assert (channel.schedule_fi, channel.schedule_sv) == (
        "tiistaisin klo 18–19.30",
        "tisdagar kl. 18–19.30",
    )
    starts = [datetime.fromisoformat(start) for start, _end in channel.occurrences]
    assert len(starts) == 5
    assert all(s.weekday() == 1 and (s.hour, s.minute) == (18, 0) for s in starts)

    def on_break(day):  # the group walks on Tuesdays, but not from 21 December to 6 January
        return (day.month, day.day) >= (12, 21) or (day.month, day.day) <= (1, 6)

    # The next walk that has not ended, then every Tuesday after it but the break's.
    now = datetime.now(HKI)
    day = now.date()
    while not (
        day.weekday() == 1
        and not on_break(day)
        and datetime.combine(day, time(19, 30), tzinfo=HKI) > now
    ):
        day += timedelta(days=1)
    expected = []
    while len(expected) < 5:
        if not on_break(day):
            expected.append(day)
        day += timedelta(days=7)
    assert [s.date() for s in starts] == expected
    assert 62.3 < channel.latitude < 62.6 and 21.2 < channel.longitude < 21.5  # Närpes
    # The past one-off event is not in the catalogue as an active service.
    past = lahella_key("syysretki", "905")
    assert not Service.objects.filter(source="lahella", external_id=past, is_active=True).exists()


def test_a_swedish_only_activity_is_shown_on_the_finnish_site_marked_swedish(demo_both, client):
    service = Service.objects.get(source="lahella", external_id=lahella_key("sangkor", "545"))
    assert service.name_fi == "" and service.name_sv == "Sångkör för alla – Närpes"
    html = client.get(service.get_absolute_url("fi")).content.decode()
    assert '<h1 lang="sv">Sångkör för alla – Närpes</h1>' in html
    assert "Tiistaisin klo 19–21" in html  # the schedule in the page's language
    search = client.get("/fi/palvelut/", {"q": "sångkör"}).content.decode()
    assert re.search(r'<a href="[^"]+" lang="sv">', search)


def hits(text, language="fi"):
    results = get_backend().search(CatalogueQuery(text=text, language=language, page_size=50))
    return [hit.service_id for hit in results.hits]


def test_overlapping_activities_appear_once_crediting_both_sources(demo_both, client):
    lahella_id = Service.objects.get(external_id=lahella_key("kavelyryhma", "545")).pk
    ptv_id = Service.objects.get(source="ptv", name_fi="Kävelyryhmä – Närpiö").pk
    assert ServicePair.objects.filter(ptv_service=ptv_id, lahella_service=lahella_id).exists()
    found = hits("kävelyryhmä närpiö")
    assert ptv_id in found and lahella_id not in found  # PTV's text is the fresher one
    theme = client.get("/fi/teemat/liikunta/", {"municipality": "545"}).content.decode()
    assert theme.count("Kävelyryhmä – Närpiö") == 1 and "Kävelyryhmä Närpiö" not in theme
    assert "Lähteet: Suomi.fi-palvelutietovaranto ja Lähellä.fi" in theme
    search = client.get("/fi/palvelut/", {"q": "kävelyryhmä närpiö"}).content.decode()
    assert "Lähteet: Suomi.fi-palvelutietovaranto ja Lähellä.fi" in search
    # The activity's own page leads to the one entry, which shows its schedule too.
    page = client.get(Service.objects.get(pk=lahella_id).get_absolute_url("fi"))
    assert page.status_code == 302
    html = client.get(page["Location"]).content.decode()
    assert "Tiistaisin klo 18–19.30" in html and "Lähellä.fi" in html


def test_the_fresher_text_is_the_one_shown(demo_both):
    # In Vaasa the omaishoitajat group was updated in Lähellä.fi after PTV.
    lahella_service = Service.objects.get(external_id=lahella_key("omaishoitajat", "905"))
    ptv = Service.objects.get(source="ptv", name_fi="Omaishoitajien vertaistukiryhmä – Vaasa")
    ptv.refresh_from_db()
    assert ptv.duplicate_of_id == lahella_service.pk and lahella_service.duplicate_of_id is None
    pair = ServicePair.objects.get(ptv_service=ptv, lahella_service=lahella_service)
    assert pair.method == "source_link"
    found = hits("omaishoitajien vertaistukiryhmä")
    assert lahella_service.pk in found and ptv.pk not in found


def test_a_similar_name_of_another_association_or_activity_is_not_merged(demo_both):
    cooking = Service.objects.get(external_id=lahella_key("ruokakurssi", "893"))
    assert not ServicePair.objects.filter(lahella_service=cooking).exists()
    assert cooking.duplicate_of_id is None


def test_an_editor_split_and_merge_survive_a_resync(demo_both, admin_client):
    lahella_id = Service.objects.get(external_id=lahella_key("kavelyryhma", "545")).pk
    ptv_id = Service.objects.get(source="ptv", name_fi="Kävelyryhmä – Närpiö").pk
    pair = ServicePair.objects.get(ptv_service=ptv_id, lahella_service=lahella_id)
    response = admin_client.post(
        f"/admin/snippets/catalogue/servicepair/edit/{pair.pk}/",
        {"ptv_service": ptv_id, "lahella_service": lahella_id, "state": "split"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert lahella_id in hits("kävelyryhmä närpiö") and ptv_id in hits("kävelyryhmä närpiö")
    # A missed pair: the cooking course is, the editor says, the same as the PTV cooking club.
    course = Service.objects.get(external_id=lahella_key("ruokakurssi", "893")).pk
    club = Service.objects.get(source="ptv", name_fi="Kokkikerho ikäihmisille – Uusikaarlepyy").pk
    response = admin_client.post(
        "/admin/snippets/catalogue/servicepair/add/",
        {"ptv_service": club, "lahella_service": course, "state": "merged"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Service.objects.get(pk=course).duplicate_of_id == club  # PTV's text is fresher

    run = run_sync("lahella", from_dir=LAHELLA_DIR, full=True)
    assert run.status == "succeeded"
    run = run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    assert run.status == "succeeded"
    assert ServicePair.objects.get(pk=pair.pk).state == "split"
    assert Service.objects.get(pk=lahella_id).duplicate_of_id is None
    assert Service.objects.get(pk=ptv_id).duplicate_of_id is None
    assert Service.objects.get(pk=course).duplicate_of_id == club
    found = hits("kävelyryhmä närpiö")
    assert lahella_id in found and ptv_id in found


def test_age_and_free_facets_use_the_activity_data(demo_both):
    backend = get_backend()
    ids = set(
        Service.objects.filter(name_fi__startswith="Eläkeläisten kuntojumppa").values_list(
            "pk", flat=True
        )
    )
    assert ids
    for_children = backend.search(
        CatalogueQuery(text="eläkeläisten kuntojumppa", language="fi", age=10, page_size=50)
    )
    assert not {h.service_id for h in for_children.hits} & ids  # 65+ only
    free = backend.search(
        CatalogueQuery(text="eläkeläisten kuntojumppa", language="fi", free_only=True, page_size=50)
    )
    assert not {h.service_id for h in free.hits} & ids  # paid
    walking = backend.search(
        CatalogueQuery(text="kävelyryhmä närpiö", language="fi", free_only=True)
    )
    first = Service.objects.get(pk=walking.hits[0].service_id)
    assert first.name_fi.startswith("Kävelyryhmä") and "Närpiö" in first.name_fi


def test_editors_find_the_pairs_in_the_admin(demo_both, admin_client):
    html = admin_client.get("/admin/snippets/catalogue/servicepair/").content.decode()
    assert "Kävelyryhmä – Närpiö" in html and "Kävelyryhmä Närpiö" in html
    assert "same association, similar name" in html or "sama yhdistys" in html
    pair = ServicePair.objects.filter(method="source_link").first()
    form = admin_client.get(f"/admin/snippets/catalogue/servicepair/edit/{pair.pk}/")
    assert form.status_code == 200
    # An editor chooses between the two decisions; "found automatically" is not offered.
    choices = re.findall(r'<option value="(\w+)"', form.content.decode())
    assert "split" in choices and "merged" in choices and "auto" not in choices
