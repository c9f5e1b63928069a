"""LIPAS sports and recreation places (ptv_sync.adapters.lipas, catalogue.places): the V2
shape read into places and their services, each type's theme, where a route or an area is,
the demo imported twice, the deletion guard, paging against a recorded API (responses), and
the places that are also PTV locations found as one place."""

import copy
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
import responses
from pyproj import Geod

from catalogue import places
from catalogue.models import Service, ServiceChannel
from ptv_sync import demo_lipas
from ptv_sync.adapters import lipas
from ptv_sync.adapters.common import lipas_ref
from ptv_sync.demo_catalogue import DEMO_DIR
from ptv_sync.http import PoliteRetry
from ptv_sync.models import SyncRun
from ptv_sync.records import RecordError
from ptv_sync.runner import run_sync

API = "https://lipas.example.test/"
LIPAS_DIR = DEMO_DIR / "lipas"

# The illustration of ../shared/reference/lipas.md: a nature trail in Närpes.
TRAIL = {
    "lipas-id": 612345,
    "status": "active",
    "event-date": "2025-05-20T08:15:00.000Z",
    "name": "Närpes naturstig",
    "name-localized": {"se": "Närpes naturstig", "en": "Närpes nature trail  "},
    "type": {"type-code": 4404},
    "owner": "city",
    "admin": "city-technical-services",
    "www": "www.narpes.fi/naturstig",
    "email": "naturstig@example.fi",
    "phone-number": "06 224 1111",
    "construction-year": 2019,
    "location": {
        "city": {"city-code": 545, "neighborhood": "Centrum"},
        "address": "Exempelvägen 1",
        "postal-code": "64200",
        "postal-office": "Närpes",
        "geometries": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": "a",
                    "properties": {},
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[21.3370, 62.4730], [21.3411, 62.4752], [21.3459, 62.4761]],
                    },
                }
            ],
        },
    },
    "properties": {
        "route-length-km": 2.4,
        "lit-route-length-km": 0,
        "surface-material": ["natural-surface", "wood", "lava"],
        "ligthing?": False,
        "free-use?": True,
        "accessibility-info": "https://www.example.fi/tillganglighet",
    },
    "activities": {
        "outdoor-recreation-routes": {
            "status": "active",
            "description-short": {"se": "Kort stig genom strandskog.", "fi": "Lyhyt polku."},
            "arrival": {"fi": "Lähtö pysäköintipaikalta.", "se": "Start vid parkeringen."},
            "routes": [{"id": "r", "accessibility-classification": "accessible"}],
        }
    },
}


def trail(**changes):
    site = copy.deepcopy(TRAIL)
    site.update(changes)
    return site


def test_a_site_becomes_a_place_and_its_service():
    channel, service = (pending.parse() for pending in lipas.pending(TRAIL))
    assert (channel.kind, channel.source, channel.external_id) == (
        "channel",
        "lipas",
        "lipas-612345",
    )
    assert (service.kind, service.external_id, service.service_kind) == (
        "service",
        "612345",
        "place",
    )
    # name is Finnish; name-localized.se is Swedish; the English name is trimmed.
    assert (service.name.fi, service.name.sv, service.name.en) == (
        "Närpes naturstig",
        "Närpes naturstig",
        "Närpes nature trail",
    )
    assert (
        service.summary.sv == "Kort stig genom strandskog." and service.summary.fi == "Lyhyt polku."
    )
    assert service.service_classes == ("P27.2",)
    assert service.source_codes == (("lipas_type", "4404"),)
    assert service.charge_type == "free" and service.area.municipalities == ("545",)
    assert service.channel_refs == ("lipas-612345",)
    address = channel.addresses[0]
    assert (address.street.sv, address.postal_code, address.municipality_code) == (
        "Exempelvägen 1",
        "64200",
        "545",
    )
    assert address.info.sv == "Start vid parkeringen."
    # A route is where it starts: its first point, as latitude and longitude.
    assert (address.latitude, address.longitude) == (62.473, 21.337)
    assert json.loads(channel.geometry)["type"] == "MultiLineString"
    facts = dict(channel.facts)
    assert facts["route-length-km"] == "2.4"
    assert facts["ligthing?"] == "false" and facts["free-use?"] == "true"
    assert facts["surface-material"] == "natural-surface,wood"  # "lava" is no LIPAS surface
    assert facts["owner"] == "city" and facts["construction-year"] == "2019"
    assert channel.place_type == "4404"
    assert channel.accessibility.features == ("wheelchair",)
    links = {(link.kind, link.url) for link in channel.links}
    assert ("page", "https://www.narpes.fi/naturstig") in links
    assert ("accessibility", "https://www.example.fi/tillganglighet") in links
    assert channel.phones[0].number == "+35862241111"
    assert channel.emails[0].address == "naturstig@example.fi"


def test_a_route_without_its_length_is_measured_on_the_ellipsoid():
    site = trail(properties={})
    channel = lipas.parse_channel(site)
    coordinates = TRAIL["location"]["geometries"]["features"][0]["geometry"]["coordinates"]
    metres = Geod(ellps="GRS80").line_length(
        [c[0] for c in coordinates], [c[1] for c in coordinates]
    )
    assert dict(channel.facts)["route-length-km"] == f"{round(metres / 1000, 2):g}"
    assert 0.3 < metres / 1000 < 0.6


def test_an_area_is_placed_at_its_centroid_and_keeps_its_outline():
    ring = [[21.0, 63.0], [21.02, 63.0], [21.02, 63.01], [21.0, 63.01], [21.0, 63.0]]
    site = trail(type={"type-code": 103})
    site["location"]["geometries"]["features"] = [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]}}
    ]
    channel = lipas.parse_channel(site)
    address = channel.addresses[0]
    assert address.latitude == pytest.approx(63.005, abs=0.0002)
    assert address.longitude == pytest.approx(21.01, abs=0.0002)
    assert json.loads(channel.geometry) == {"type": "MultiPolygon", "coordinates": [[ring]]}


def test_coordinates_outside_finland_are_dropped_not_the_place():
    site = trail()
    site["location"]["geometries"]["features"][0]["geometry"] = {
        "type": "Point",
        "coordinates": [62.47, 21.33],  # latitude first: in the Indian Ocean
    }
    channel = lipas.parse_channel(site)
    assert channel.addresses[0].latitude is None and channel.geometry == ""
    assert channel.addresses[0].street.fi == "Exempelvägen 1"


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        ("active", True),
        ("out-of-service-temporarily", True),
        ("planned", False),
        ("out-of-service-permanently", False),
        ("incorrect-data", False),
    ],
)
def test_only_places_in_use_are_shown(status, shown):
    service = lipas.parse_site(trail(status=status))
    assert service.active is shown


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "demolished"}, "unknown status"),
        ({"type": {"type-code": 6110}}, "type code 6110"),
        ({"type": {"type-code": True}}, "type code True"),
        ({"name": ""}, "has no name"),
        ({"lipas-id": "612345"}, "without a lipas-id"),
    ],
)
def test_what_cannot_be_shown_is_named_in_the_run_log(changes, message):
    with pytest.raises(RecordError) as error:
        lipas.parse_site(trail(**changes))
    assert message in error.value.message


def test_a_ptv_location_exported_by_lipas_names_its_lipas_id():
    assert lipas_ref("lipas-0a1b2c3d-0000-4000-8000-00000000abcd-612345-2024-06-15T10-30-00Z") == (
        "lipas:612345"
    )
    assert lipas_ref("lipas-0a1b2c3d-0000-4000-8000-00000000abcd-ptv-77") == ""
    assert lipas_ref("oma-123") == "" and lipas_ref(None) == ""


# --- every mapped type and its theme ----------------------------------------------------------


@pytest.mark.django_db
def test_each_mapped_type_code_gives_the_theme_exercise_and_outdoor_life(demo_pages, tmp_path):
    """One site of each type the guide imports, through a real run: each type's PTV service
    class (P27.1 sports, P27.2 outdoor recreation, as LIPAS exports it) puts it in the theme
    "Liikunta ja ulkoilu", and its type's words find it."""
    items = []
    for n, code in enumerate(lipas.type_codes()):
        site = trail(**{"lipas-id": 700_000 + n, "type": {"type-code": code}})
        site["name"] = f"Paikka {code}"
        items.append(site)
    (tmp_path / "sites.json").write_text(json.dumps({"items": items, "pagination": {}}))
    run = run_sync("lipas", from_dir=tmp_path, full=True)
    assert run.status == "succeeded", run.errors
    themes = {
        code: set(
            Service.objects.get(source="lipas", external_id=str(700_000 + n)).themes.values_list(
                "slug", flat=True
            )
        )
        for n, code in enumerate(lipas.type_codes())
    }
    assert len(themes) == 48
    wrong = {code: slugs for code, slugs in themes.items() if slugs != {"liikunta"}}
    assert wrong == {}
    expected = {3110: "P27.1", 301: "P27.2", 4404: "P27.2", 1130: "P27.1", 3220: "P27.1"}
    for code, service_class in expected.items():
        service = Service.objects.get(source="lipas", name_fi=f"Paikka {code}")
        assert list(
            service.classifications.filter(kind="service_class").values_list("code", flat=True)
        ) == [service_class]


# --- the demo -------------------------------------------------------------------------------


def test_the_demo_has_forty_places_in_all_fourteen_municipalities():
    files = demo_lipas.build()
    sites = [site for page in files.values() for site in page["items"]]
    assert len(sites) == 40
    assert len({site["location"]["city"]["city-code"] for site in sites}) == 14
    kinds = {site["location"]["geometries"]["features"][0]["geometry"]["type"] for site in sites}
    assert kinds == {"Point", "LineString", "Polygon"}
    on_disk = {path.name: json.loads(path.read_text()) for path in LIPAS_DIR.glob("*.json")}
    assert on_disk == files, "run build_demo_payloads: the recorded pages are out of date"


@pytest.fixture
def demo_places(demo_catalogue):
    run = run_sync("lipas", from_dir=LIPAS_DIR, full=True)
    assert run.status == "succeeded", run.errors
    return run


def test_the_demo_imports_twice_with_nothing_changed_the_second_time(demo_places):
    shown = Service.objects.filter(source="lipas", is_active=True)
    assert shown.count() == 38  # two of the forty are gone or wrong in LIPAS
    assert not shown.filter(name_fi="Kruunupyyn kuntorata").exists()
    again = run_sync("lipas", from_dir=LIPAS_DIR, full=True)
    assert again.status == "succeeded", again.errors
    assert (again.created, again.updated, again.archived, again.failed) == (0, 0, 0, 0)
    assert Service.objects.filter(source="lipas", is_active=True).count() == 38


def test_losing_ninety_per_cent_of_the_places_needs_force(demo_places, tmp_path):
    sites = [site for page in demo_lipas.build().values() for site in page["items"]]
    (tmp_path / "few.json").write_text(json.dumps({"items": sites[:4], "pagination": {}}))
    refused = run_sync("lipas", from_dir=tmp_path, full=True)
    assert refused.status == SyncRun.Status.FAILED
    assert "guard" in refused.message.lower() or "%" in refused.message
    assert Service.objects.filter(source="lipas", is_active=True).count() == 38
    forced = run_sync("lipas", from_dir=tmp_path, full=True, force=True)
    assert forced.status == SyncRun.Status.SUCCEEDED
    assert Service.objects.filter(source="lipas", is_active=True).count() <= 4


def test_the_demo_swimming_and_sports_halls_in_ptv_are_the_lipas_places(demo_places):
    pairs = {
        (channel.name_fi, channel.same_place.name_fi)
        for channel in ServiceChannel.objects.filter(same_place__isnull=False).select_related(
            "same_place"
        )
    }
    assert ("Uimahalli – Vaasa", "Vaasan uimahalli") in pairs
    # Different words in Finnish, the same in Swedish: Idrottshuset – Närpes, Närpes idrottshall.
    assert ("Urheilutalo – Närpiö", "Närpiön liikuntahalli") in pairs
    assert len(pairs) == 10
    # The library and the health centre near the hall are not the hall.
    assert not any(name.startswith(("Kirjasto", "Terveysasema")) for name, _place in pairs)
    hall = ServiceChannel.objects.get(source="lipas", name_fi="Vaasan uimahalli")
    assert [s.name_fi for s in places.services_at(hall)] == ["Uinti ja vesiliikunta – Vaasa"]
    swimming = Service.objects.get(name_fi="Uinti ja vesiliikunta – Vaasa")
    assert places.place_of(swimming) == hall


def test_a_ptv_location_that_lipas_exported_is_paired_by_its_id_wherever_it_is(demo_places):
    area = ServiceChannel.objects.get(source="lipas", name_fi="Mustasaaren ulkoilualue")
    office = (
        ServiceChannel.objects.filter(source="ptv", channel_type="place")
        .exclude(same_place__isnull=False)
        .first()
    )
    office.same_as = f"lipas:{area.external_id.removeprefix('lipas-')}"
    office.save(update_fields=["same_as"])
    outcome = places.pair()
    office.refresh_from_db()
    assert office.same_place == area
    assert outcome.paired == 11


# --- the API, recorded --------------------------------------------------------------------------


@pytest.fixture
def no_waiting(monkeypatch):
    monkeypatch.setattr(PoliteRetry, "wait", staticmethod(lambda seconds: None))


def page(numbers, current, total_pages):
    return {
        "items": [trail(**{"lipas-id": 800_000 + n, "name": f"Polku {n}"}) for n in numbers],
        "pagination": {
            "current-page": current,
            "page-size": 100,
            "total-items": 3,
            "total-pages": total_pages,
        },
    }


@responses.activate
def test_pages_are_read_for_the_county_types_and_every_status(db, settings, no_waiting):
    settings.LIPAS_API_URL = API
    settings.CATALOGUE_MUNICIPALITIES = ["545", "905"]
    pages = {1: page([0, 1], 1, 2), 2: page([1, 2], 2, 2)}  # no sort order: 1 comes twice

    def answer(request):
        query = parse_qs(urlparse(request.url).query)
        assert query["city-codes"] == ["545,905"]
        assert "4404" in query["type-codes"][0].split(",")
        assert set(query["statuses"][0].split(",")) >= {"active", "out-of-service-permanently"}
        assert request.headers["User-Agent"].startswith("hyvinvointiopas")
        return 200, {}, json.dumps(pages[int(query["page"][0])])

    responses.add_callback(responses.GET, API + "v2/sports-sites", callback=answer)
    run = run_sync("lipas")
    assert run.status == "succeeded", run.errors
    assert sorted(Service.objects.filter(source="lipas").values_list("external_id", flat=True)) == [
        "800000",
        "800001",
        "800002",
    ]
    assert len(responses.calls) == 2


def test_without_municipalities_nothing_is_asked_of_the_whole_country(settings):
    """No city-codes would make the API answer with every place in Finland: refused."""
    from types import SimpleNamespace

    from core import sources
    from ptv_sync.sources.base import SyncConfigurationError

    settings.LIPAS_API_URL = API
    adapter = sources.get("lipas").adapter
    with responses.RequestsMock() as rsps, pytest.raises(SyncConfigurationError) as refused:
        adapter.items(SimpleNamespace(scope={"municipalities": []}))
    assert len(rsps.calls) == 0 and "municipalities" in str(refused.value)


@responses.activate
def test_an_empty_page_before_the_last_ends_the_run_as_partial(db, settings, no_waiting):
    settings.LIPAS_API_URL = API
    responses.add(responses.GET, API + "v2/sports-sites", json=page([0, 1], 1, 3))
    responses.add(
        responses.GET,
        API + "v2/sports-sites",
        json={"items": [], "pagination": {"current-page": 2, "total-pages": 3}},
    )
    run = run_sync("lipas")
    assert run.status == "partial"
    assert "page 2 of 3 was empty" in run.errors[0]["message"]
    assert len(responses.calls) == 2  # no endless loop
    assert Service.objects.filter(source="lipas", is_active=True).count() == 2


@responses.activate
def test_an_answer_that_is_not_a_lipas_page_fails_the_run_with_the_reason(db, settings, no_waiting):
    settings.LIPAS_API_URL = API
    responses.add(responses.GET, API + "v2/sports-sites", json=[{"lipas-id": 1}])
    run = run_sync("lipas")
    assert run.status == "failed"
    assert "not a LIPAS page" in run.message


# --- the place's page ------------------------------------------------------------------------


def test_a_place_page_says_what_it_is_where_how_to_get_there_and_what_is_held_there(
    demo_places, client
):
    trail_page = Service.objects.get(source="lipas", name_fi="Närpiön luontopolku")
    swedish = client.get(trail_page.get_absolute_url("sv")).content.decode()
    assert "Om platsen" in swedish and "Naturstig" in swedish  # the type's Swedish name
    assert "<dt>Längd</dt><dd>2,4 km</dd>" in swedish
    assert "<dt>Underlag</dt><dd>naturligt underlag, trä</dd>" in swedish
    assert "Så hittar du dit" in swedish and "Parkering vid ledens början." in swedish
    # Luontoon.fi's accessibility text, under the place (no empty heading above it).
    assert "går att ta sig fram med rullstol" in swedish and "<h4></h4>" not in swedish
    # The route is drawn on the map under its starting point's marker.
    script = re.search(r'<script id="service-map-points"[^>]*>(.*?)</script>', swedish, re.S)
    points = json.loads(script.group(1))
    assert points["features"][0]["properties"]["outline"]["type"] == "MultiLineString"

    hall = Service.objects.get(source="lipas", name_fi="Vaasan uimahalli")
    finnish = client.get(hall.get_absolute_url("fi")).content.decode()
    assert "Tietoa paikasta" in finnish and "<dd>Uimahalli</dd>" in finnish
    swimming = Service.objects.get(name_fi="Uinti ja vesiliikunta – Vaasa")
    held = finnish.split('id="held-heading"')[1].split("</section>")[0]
    assert swimming.get_absolute_url("fi") in held
    assert "Lipas.fi, Jyväskylän yliopisto (CC BY 4.0)" in finnish
    # And the swimming service's page leads to the place.
    service_page = client.get(swimming.get_absolute_url("fi")).content.decode()
    assert f'<a href="{hall.get_absolute_url("fi")}">Paikka: ' in service_page


# --- places in the search, on the theme pages and in widgets ---------------------------------


def result_names(html):
    """The result titles, without the <mark> of the matched words."""
    titles = re.findall(r'class="result-list__title"><a href="[^"]+"[^>]*>(.*?)</a>', html)
    return [re.sub("<[^>]+>", "", title) for title in titles]


def test_the_search_shows_places_beside_services_with_a_facet_for_the_kind_of_place(
    demo_places, client
):
    found = client.get("/fi/palvelut/", {"q": "uimahalli"}).content.decode()
    assert '<span class="badge badge--place">Paikka</span> Uimahalli' in found
    assert re.search(
        r'name="kind" value="place"[^>]*>\s*<label[^>]*>Paikat <span class="facet__count">\(\d+\)',
        found,
    )
    routes = client.get("/fi/palvelut/", {"kind": "place", "place": "route"}).content.decode()
    names = result_names(routes)
    assert names and all(name.endswith(("luontopolku", "kuntorata")) for name in names)
    assert "Remove filter" not in routes and "Poista rajaus: Polut ja reitit" in routes
    swedish = client.get("/sv/tjanster/", {"q": "vindskydd"}).content.decode()
    # The lean-tos of four towns are one result, the other three towns listed with it.
    shown = [name for name in result_names(swedish) if name.endswith("vindskydd")]
    assert len(shown) == 1
    also = swedish.split('class="result-list__also"')[1].split("</details>")[0]
    towns = {"Närpes", "Larsmo", "Pedersöre", "Vörå"} - {shown[0].split()[0]}
    assert len(towns) == 3 and all(f">{town}</a>" in also for town in towns)
    assert '<span class="badge badge--place">Plats</span> Vindskydd eller kåta' in swedish
    services_only = client.get("/fi/palvelut/", {"q": "uimahalli", "kind": "service"})
    assert "badge--place" not in services_only.content.decode()


def test_the_api_filters_by_place_and_refuses_an_unknown_kind_of_place(demo_places, client):
    data = client.get(
        "/api/v1/services", {"kind": "place", "place": "pool", "page_size": 50}
    ).json()
    assert data["count"] == 7
    assert {row["source"] for row in data["results"]} == {"lipas"}
    assert data["facets"]["place_types"]["pool"] == 7
    refused = client.get("/api/v1/services", {"place": "castle"})
    assert refused.status_code == 422
    assert "castle" in refused.json()["detail"][0]["msg"]


def test_a_theme_page_shows_the_chosen_municipalitys_places_nature_first(demo_places, client):
    from portal.models import ThemePage

    page = ThemePage.objects.get(theme__slug="liikunta")
    html = client.get(page.url + "?municipality=545").content.decode()
    nearby = html.split('id="theme-places-heading"')[1].split("</section>")[0]
    names = re.findall(r'<h3 class="result-list__title"><a [^>]+>([^<]+)</a>', nearby)
    assert names[0] == "Närpiön luontopolku"  # nature before halls
    assert {"Närpiön laavu", "Närpiön uimahalli", "Närpiön liikuntahalli"} <= set(names)
    assert all(name.startswith("Närpiön") for name in names)
    assert "kind=place&amp;theme=liikunta&amp;municipality=545" in nearby
    # The services list is of services; without a municipality there is no "nearby".
    services = html.split('id="theme-services-heading"')[1].split("</section>")[0]
    assert "Närpiön luontopolku" not in services
    assert 'id="theme-places-heading"' not in client.get(page.url).content.decode()


def test_a_places_widget_lists_the_municipalitys_places_with_their_kind(demo_places, client):
    from django.urls import reverse

    from catalogue.models import Municipality
    from editors.models import EmbedWidget

    widget = EmbedWidget.objects.create(
        name="Närpes platser",
        kind="places",
        language="sv",
        municipality=Municipality.objects.get(code="545"),
    )
    html = client.get(reverse("embed", args=[widget.key])).content.decode()
    assert '<h1 class="embed__heading">Platser – Närpes</h1>' in html
    assert "Närpes simhall" in html and '<p class="embed__detail">Simhall</p>' in html
    assert "Simning och vattenmotion" not in html  # a service, not a place
    assert "kind=place" in html and "municipality=545" in html
