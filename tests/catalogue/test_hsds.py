"""Open data: the HSDS 3.0 API over the whole demo catalogue validates against the official
schemas page by page (acceptance 1); export → HSDS adapter → an equal catalogue (acceptance
2); another county's plain HSDS feed imports; bad parameters are explained."""

import io
import json
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from catalogue.classify import classify_all
from catalogue.hsds import mapping, queries
from catalogue.hsds.export import write_hsds, write_json
from catalogue.listing import public_services
from catalogue.models import Classification, Organisation, Service, ServiceChannel, Theme
from catalogue.models.base import OPEN_DATA_NAMESPACE
from portal.demo import ensure_local_services
from ptv_sync.adapters.hsds import HsdsSource
from ptv_sync.demo_catalogue import DEMO_DIR
from ptv_sync.models import SyncRun
from ptv_sync.records import ChannelRecord, OrganisationRecord, ServiceRecord
from ptv_sync.runner import SyncConfigurationError, import_hsds, run_sync
from tests.support.hsds_schemas import errors, page_validator

pytestmark = pytest.mark.django_db

LISTS = {
    # endpoint: (schema of a list item, schema of a full=true item)
    "services": ("compiled/service_list.json", "compiled/service.json.gz"),
    "service_at_locations": (
        "compiled/service_at_location_list.json",
        "compiled/service_at_location.json.gz",
    ),
    "organizations": ("compiled/organization_list.json", "compiled/organization.json.gz"),
    "taxonomies": ("taxonomy.json", None),
    "taxonomy_terms": ("taxonomy_term.json", None),
}


@pytest.fixture
def whole_demo(demo_catalogue):
    """PTV, Lähellä.fi and local services, as make run loads them."""
    run = run_sync("lahella", from_dir=DEMO_DIR / "lahella", full=True)
    assert run.status == "succeeded", run.errors
    ensure_local_services()
    return Service.objects.filter(is_active=True).count()


def crawl(client, endpoint, **params):
    """Every page of a list endpoint: (envelopes, items)."""
    pages, items, number = [], [], 1
    while True:
        response = client.get(f"/api/hsds/{endpoint}", {**params, "page": number})
        assert response.status_code == 200, response.content
        assert response["Content-Type"] == "application/json"
        page = response.json()
        pages.append(page)
        items += page["contents"]
        if page["last_page"]:
            return pages, items
        number += 1


def test_every_page_of_every_endpoint_validates_against_the_hsds_schemas(client, whole_demo):
    failures = []
    totals = {}
    for endpoint, (item_schema, full_schema) in LISTS.items():
        variants = [({}, item_schema)] + ([({"full": "true"}, full_schema)] if full_schema else [])
        for params, schema in variants:
            for language in ("fi", "sv"):
                pages, items = crawl(client, endpoint, per_page=40, lang=language, **params)
                for number, page in enumerate(pages, start=1):
                    failures += [
                        f"{endpoint} envelope: {e}" for e in page_validator().iter_errors(page)
                    ]
                    assert page["page_number"] == number
                    assert page["size"] == len(page["contents"]) <= 40
                    assert page["first_page"] == (number == 1)
                    assert page["total_pages"] == len(pages)
                for item in items:
                    failures += [f"{endpoint} {item['id']}: {e}" for e in errors(schema, item)]
                assert len({item["id"] for item in items}) == len(items) == pages[0]["total_items"]
                totals[endpoint] = len(items)
    # Detail endpoints: each organisation, taxonomy and a spread of the rest.
    details = [
        ("organizations", o["id"], "compiled/organization.json.gz")
        for o in crawl(client, "organizations", per_page=200)[1]
    ]
    details += [("taxonomies", t["id"], "taxonomy.json") for t in mapping.taxonomies("fi")]
    details += [
        ("taxonomy_terms", t["id"], "taxonomy_term.json") for t in mapping.all_terms("fi")[::15]
    ]
    services = crawl(client, "services", per_page=200)[1]
    details += [("services", s["id"], "compiled/service.json.gz") for s in services[::12]]
    pairs = crawl(client, "service_at_locations", per_page=200)[1]
    details += [
        ("service_at_locations", p["id"], "compiled/service_at_location.json.gz")
        for p in pairs[::30]
    ]
    for endpoint, ident, schema in details:
        response = client.get(f"/api/hsds/{endpoint}/{ident}")
        assert response.status_code == 200, (endpoint, ident)
        assert response.json()["id"] == ident
        failures += [f"{endpoint}/{ident}: {e}" for e in errors(schema, response.json())]
    assert not failures, failures[:20]
    # The lists hold the whole public catalogue: every public service, every organisation.
    assert totals["services"] == public_services().count() > 200
    assert totals["organizations"] == Organisation.objects.filter(is_active=True).count()
    assert totals["taxonomies"] == len(mapping.TAXONOMIES)


def test_a_service_in_hsds_carries_our_fields_in_their_hsds_places(client, whole_demo):
    """Both languages, opening hours as weekly RRULE parts, WGS84 coordinates, phones and
    themes as taxonomy terms, on a PTV service with a place."""
    channel = (
        ServiceChannel.objects.filter(
            is_active=True, channel_type="place", source="ptv", hours__isnull=False
        )
        .exclude(latitude=None)
        .first()
    )
    service = Service.objects.filter(channel_links__channel=channel).first()
    theme = service.themes.first()
    fi = client.get(f"/api/hsds/services/{service.hsds_id}").json()
    sv = client.get(f"/api/hsds/services/{service.hsds_id}", {"lang": "sv"}).json()
    assert fi["name"] == service.name_fi and sv["name"] == service.name_sv
    assert fi[mapping.EXT]["texts"]["sv"]["name"] == service.name_sv
    assert {lang["code"] for lang in fi["languages"]} == set(service.service_languages)
    assert mapping.term_id("theme", theme.slug) in {a["taxonomy_term_id"] for a in fi["attributes"]}
    location = next(
        pair["location"]
        for pair in fi["service_at_locations"]
        if pair["location_id"] == str(channel.hsds_id)
    )
    assert (location["latitude"], location["longitude"]) == (channel.latitude, channel.longitude)
    assert 59 < location["latitude"] < 71 and 19 < location["longitude"] < 32  # WGS84, Finland
    hours = channel.hours.first()
    first = hours.intervals[0]
    weekly = [s for s in location["schedules"] if s.get("freq") == "WEEKLY"]
    assert {
        "byday": mapping.DAYS[first["day_from"]],
        "opens_at": first["start"],
        "closes_at": first["end"],
    }.items() <= weekly[0].items()
    assert [p["number"] for p in location["phones"]] == [p.number for p in channel.phones.all()]


def test_the_api_pages_loader_gives_what_the_prefetching_loader_gives(
    whole_demo, django_assert_num_queries
):
    """The API's pages read each channel's lists in one query per kind
    (queries.attach_channel_details); the export prefetches them. Both give the same
    nested services, locations included, in both languages, and once loaded, nesting them
    asks the database nothing more, channels that several services share included."""
    ids = list(public_services().values_list("pk", flat=True))
    shared_channels = (
        ServiceChannel.objects.filter(service_links__service__in=ids)
        .annotate(services=Count("service_links"))
        .filter(services__gt=1)
    )
    assert shared_channels.exists()
    loaded = queries.services(ids)
    prefetched = queries.service_rows().in_bulk(ids)
    assert [row.pk for row in loaded] == ids
    for language in ("fi", "sv"):
        shared = mapping.context()
        with django_assert_num_queries(0):
            ours = [mapping.service_full(row, language, shared) for row in loaded]
        theirs = [mapping.service_full(prefetched[pk], language, mapping.context()) for pk in ids]
        assert ours == theirs
        assert any(
            pair["location"]["schedules"] for s in ours for pair in s["service_at_locations"]
        )


def test_list_filters_select_what_they_name(client, whole_demo):
    liikunta = Theme.objects.get(slug="liikunta")
    _pages, items = crawl(
        client, "services", taxonomy_term_id=mapping.term_id("theme", "liikunta"), per_page=200
    )
    expected = public_services().filter(themes=liikunta)
    assert {i["id"] for i in items} == {str(s.hsds_id) for s in expected} and items

    org = Organisation.objects.filter(services__isnull=False, is_active=True).first()
    _pages, items = crawl(client, "services", organization_id=str(org.hsds_id), per_page=200)
    assert {i["id"] for i in items} == {
        str(s.hsds_id) for s in public_services().filter(responsible_organisation=org)
    }

    newest = public_services().exclude(source_modified=None).order_by("-source_modified").first()
    after = (newest.source_modified - timedelta(seconds=1)).isoformat()
    _pages, items = crawl(client, "services", modified_after=after, per_page=200)
    assert str(newest.hsds_id) in {i["id"] for i in items}
    assert all(i["last_modified"] >= after[:19] for i in items)

    word = newest.name_fi.split()[0]
    _pages, items = crawl(client, "services", search=word, per_page=200)
    assert str(newest.hsds_id) in {i["id"] for i in items}

    lahella = mapping.taxonomy_id("lahella_theme")
    _pages, items = crawl(client, "taxonomy_terms", taxonomy_id=lahella, per_page=200)
    assert items and {i["taxonomy_id"] for i in items} == {lahella}


def test_the_whole_list_follows_the_catalogue_in_the_order_of_names(client, whole_demo, settings):
    """The unfiltered list, as harvesters page through it (its order kept per catalogue
    generation), is every public service by name in the language asked for, and a service
    an editor adds, renames or hides is in its place on the next request."""
    from catalogue.listing import ordered_by_name
    from catalogue.models import LocalEnrichment

    settings.CATALOGUE_PAGE_CACHE_SECONDS = 0

    def check(language="fi"):
        _pages, items = crawl(client, "services", per_page=50, lang=language)
        expected = ordered_by_name(public_services(), language).values_list("hsds_id", flat=True)
        assert [item["id"] for item in items] == [str(pk) for pk in expected]
        return [item["name"] for item in items]

    listed = check()
    assert len(listed) > 50 and check("sv") != listed  # several pages; the names differ

    added = Service.objects.create(
        source="local", external_id="hsds-order", name_fi="Aaa-kerho", name_sv="Aaa-klubben"
    )
    assert check()[0] == "Aaa-kerho"
    added.name_fi = "Zzz-kerho"
    added.save()
    assert check()[-1] == "Zzz-kerho"
    LocalEnrichment.objects.create(service=added, hidden=True)
    assert check() == listed


@given(st.lists(st.one_of(st.text(), st.integers(), st.uuids()), min_size=1, max_size=5))
def test_the_identifiers_of_nested_objects_stay_what_harvesters_have_stored(parts):
    """A phone's, a term's or a schedule's identifier is the UUID 5 of its parts in our
    namespace, as it has been since the API opened: written out from the digest
    (hsds_uuid), it is the same string uuid.uuid5 gives, for any parts."""
    name = ":".join(str(part) for part in parts)
    assert mapping.hsds_uuid(*parts) == str(uuid.uuid5(OPEN_DATA_NAMESPACE, name))


def test_a_nested_page_names_the_terms_a_running_sync_has_added(client, whole_demo, settings):
    """A page reads the classification terms once per catalogue generation. A sync writes
    new terms and their links without signals and starts a new generation only when it
    ends: until then a page names the new terms too, read on their own, instead of failing
    or leaving them out."""
    settings.CATALOGUE_PAGE_CACHE_SECONDS = 0
    params = {"full": "true", "per_page": 5, "lang": "fi"}
    first = client.get("/api/hsds/services", params).json()["contents"][0]
    service = Service.objects.get(hsds_id=first["id"])
    term = Classification.objects.bulk_create(
        [Classification(kind="ontology_term", uri="http://www.yso.fi/onto/yso/p-sync-kesken")]
    )[0]
    Service.classifications.through.objects.bulk_create(
        [Service.classifications.through(service=service, classification=term)]
    )
    again = client.get("/api/hsds/services", params).json()["contents"][0]
    new_terms = [
        attribute["taxonomy_term"]
        for attribute in again["attributes"]
        if attribute["taxonomy_term"]["id"]
        not in {a["taxonomy_term"]["id"] for a in first["attributes"]}
    ]
    assert [t["code"] for t in new_terms] == [term.uri]
    assert new_terms[0]["id"] == mapping.term_id("ontology_term", term.uri)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"per_page": "1000"}, "per_page"),
        ({"per_page": "ten"}, "per_page"),
        ({"modified_after": "last tuesday"}, "modified_after"),
        ({"taxonomy_term_id": "liikunta"}, "taxonomy_term_id"),
        ({"lang": "de"}, "lang"),
        ({"full": "maybe"}, "full"),
        ({"search": "uinti\x00"}, "search"),
        ({"search": "x" * 201}, "search"),
    ],
)
def test_bad_parameters_get_a_400_that_names_them(client, params, field):
    common = {"page", "per_page", "lang", "search"}
    takes = {"services": None, "organizations": {*common, "full"}, "taxonomy_terms": common}
    for endpoint, fields in takes.items():
        if fields is None or field in fields:
            response = client.get(f"/api/hsds/{endpoint}", params)
            assert response.status_code == 400, (endpoint, params)
            assert field in response.json()["detail"]


def test_the_messages_follow_the_language_asked_for(client, db):
    fi = client.get("/api/hsds/services", {"per_page": "0"}).json()["detail"]["per_page"]
    sv = client.get("/api/hsds/services", {"per_page": "0", "lang": "sv"}).json()["detail"]
    assert fi == "Anna luku väliltä 1–200." and sv["per_page"] == "Ange ett tal från 1 till 200."


def test_unknown_ids_get_a_404(client, db):
    for endpoint in ("services", "organizations", "taxonomies", "taxonomy_terms"):
        response = client.get(f"/api/hsds/{endpoint}/00000000-0000-4000-8000-000000000000")
        assert response.status_code == 404


def _catalogue_dump():
    out = io.StringIO()
    write_json(out)
    dump = json.loads(out.getvalue())
    return {
        key: {(row["source"], row["external_id"]): row for row in dump[key]}
        for key in ("organisations", "channels", "services")
    }


def test_export_then_import_through_the_hsds_adapter_gives_an_equal_catalogue(whole_demo, tmp_path):
    # Editors' theme overrides are editor-owned: no sync writes them, so a restore into an
    # empty database cannot bring them back (the demo has some). Without them, the themes
    # are the rules' alone, which the import must reproduce.
    assert Service.local_themes_added.through.objects.exists()
    Service.local_themes_added.through.objects.all().delete()
    Service.local_themes_removed.through.objects.all().delete()
    classify_all()
    before = _catalogue_dump()
    path = tmp_path / "catalogue.hsds.json"
    with open(path, "w", encoding="utf-8") as handle:
        counts = write_hsds(handle)
    assert counts["services"] == len(before["services"]) > 200
    document = json.loads(path.read_text(encoding="utf-8"))
    for item in document["services"]:
        assert not errors("compiled/service.json.gz", item)

    Service.objects.all().delete()
    ServiceChannel.objects.all().delete()
    Organisation.objects.all().delete()
    run = import_hsds(path)
    assert run.status == "succeeded", run.errors
    assert run.source == "hsds" and run.created == sum(len(rows) for rows in before.values())

    after = _catalogue_dump()
    for kind in ("organisations", "channels", "services"):
        assert after[kind].keys() == before[kind].keys(), kind
        different = {
            key: {
                field: (value, after[kind][key].get(field))
                for field, value in row.items()
                if after[kind][key].get(field) != value
            }
            for key, row in before[kind].items()
            if row != after[kind][key]
        }
        assert not different, (kind, list(different.items())[:3])

    # A second import of the same file changes nothing.
    again = import_hsds(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, run.created)


def test_the_export_command_writes_both_formats(whole_demo, tmp_path, capsys):
    call_command("export_catalogue", "--format", "hsds", "--public", "-o", str(tmp_path / "a.json"))
    call_command("export_catalogue", "--format", "json", "-o", str(tmp_path / "b.json"))
    hsds = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    dump = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert hsds["hsds_version"] == "3.0" and len(hsds["services"]) == public_services().count()
    assert len(dump["services"]) == Service.objects.filter(is_active=True).count()
    progress = capsys.readouterr().err
    assert "services: " in progress and "Exported" in progress


def test_a_swedish_export_names_everything_in_swedish(whole_demo, tmp_path):
    """Labels our own code sets give (the kind of opening hours, channel types, language
    names) follow the export's language, not the language active when it runs."""
    untitled = ServiceChannel.objects.filter(
        is_active=True, hours__title={}, hours__info={}, hours__kind="regular"
    ).first()
    assert untitled is not None
    with translation.override("fi"):
        call_command(
            "export_catalogue",
            "--format",
            "hsds",
            "--language",
            "sv",
            "-o",
            str(tmp_path / "sv.json"),
        )
    document = json.loads((tmp_path / "sv.json").read_text(encoding="utf-8"))
    location = next(loc for loc in document["locations"] if loc["id"] == str(untitled.hsds_id))
    assert "ordinarie öppettider" in {s.get("description") for s in location["schedules"]}
    kinds = {a["taxonomy_term"]["name"] for a in location["attributes"]}
    assert kinds & {"servicepunkt", "telefontjänst", "webbsida", "e-tjänst"}, kinds
    names = {lang["name"] for loc in document["locations"] for lang in loc["languages"]}
    assert {"finska", "svenska"} <= names


FOREIGN = {
    "organizations": [
        {
            "id": "0b3f5c1e-4a57-4d2c-9a4e-2f1d7c9b8a01",
            "name": "Esimerkkikunta",
            "description": "Kunta.",
            "website": "https://esimerkki.example/",
        }
    ],
    "services": [
        {
            "id": "6a8f4a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
            "organization_id": "0b3f5c1e-4a57-4d2c-9a4e-2f1d7c9b8a01",
            "name": "Vesijumppa",
            "description": "Ohjattua vesiliikuntaa.\nKaikille avoin.",
            "status": "active",
            "minimum_age": 65,
            "languages": [{"id": "1c7a9f0e-1111-4a2b-8c3d-4e5f6a7b8c9d", "code": "fi"}],
            "service_areas": [
                {
                    "id": "2d8b0a1f-2222-4b3c-9d4e-5f6a7b8c9d0e",
                    "uri": mapping.MUNICIPALITY_URI + "905",
                }
            ],
            "service_at_locations": [
                {
                    "id": "3e9c1b20-3333-4c4d-8e5f-6a7b8c9d0e1f",
                    "location_id": "4fad2c31-4444-4d5e-9f60-7b8c9d0e1f20",
                    "location": {
                        "id": "4fad2c31-4444-4d5e-9f60-7b8c9d0e1f20",
                        "location_type": "physical",
                        "organization_id": "0b3f5c1e-4a57-4d2c-9a4e-2f1d7c9b8a01",
                        "name": "Uimahalli",
                        "latitude": 63.096,
                        "longitude": 21.616,
                        "addresses": [
                            {
                                "id": "5abe3d42-5555-4e6f-8a71-8c9d0e1f2031",
                                "address_1": "Halliväylä 1",
                                "city": "Vaasa",
                                "state_province": "",
                                "postal_code": "65100",
                                "country": "FI",
                                "address_type": "physical",
                            }
                        ],
                        "phones": [
                            {
                                "id": "6bcf4e53-6666-4f70-9b82-9d0e1f203142",
                                "number": "+358 6 123 4567",
                            }
                        ],
                        "schedules": [
                            {
                                "id": "7cd05f64-7777-4081-8c93-0e1f20314253",
                                "freq": "WEEKLY",
                                "byday": "TU,TH",
                                "opens_at": "09:00",
                                "closes_at": "10:00",
                            }
                        ],
                    },
                }
            ],
        }
    ],
}


def test_a_plain_hsds_feed_from_elsewhere_imports_with_its_own_identity(db, tmp_path):
    # The sample is itself valid HSDS.
    assert not errors("compiled/service.json.gz", FOREIGN["services"][0])
    assert not errors("compiled/organization.json.gz", FOREIGN["organizations"][0])
    records = list(HsdsSource(FOREIGN).records())
    org, channel, service = records
    assert isinstance(org, OrganisationRecord) and org.source == "hsds" and org.org_type == "other"
    assert isinstance(channel, ChannelRecord) and channel.channel_type == "place"
    assert channel.organisation_ref == org.external_id
    assert channel.addresses[0].street.fi == "Halliväylä 1"
    assert channel.addresses[0].latitude == 63.096
    assert [(i.day_from, i.start, i.end) for i in channel.hours[0].intervals] == [
        (1, "09:00", "10:00"),
        (3, "09:00", "10:00"),
    ]
    assert isinstance(service, ServiceRecord) and service.name.fi == "Vesijumppa"
    assert (
        service.description.fi == "<p>Ohjattua vesiliikuntaa.<br>Kaikille avoin.</p>"
        or "vesiliikuntaa" in service.description.fi
    )
    assert service.area.municipalities == ("905",) and service.age_ranges == ((65, None),)
    assert service.channel_refs == (channel.external_id,)

    path = tmp_path / "feed.json"
    path.write_text(json.dumps(FOREIGN), encoding="utf-8")
    run = import_hsds(path)
    assert run.status == "succeeded", run.errors
    imported = Service.objects.get(source="hsds")
    assert imported.responsible_organisation.name_fi == "Esimerkkikunta"
    assert imported.active_channels().get().latitude == 63.096
    assert timezone.now() - imported.last_seen < timedelta(minutes=1)


def test_a_file_that_is_not_hsds_is_refused_before_anything_runs(db, tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"results": []}', encoding="utf-8")
    with pytest.raises(SyncConfigurationError, match="not an HSDS document"):
        import_hsds(path)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(None, id="cut short"),
        pytest.param(b'{"services": [{"id": "\xff\xfe", "name": "x"}]}', id="not UTF-8"),
        pytest.param(b"", id="empty"),
        pytest.param(b'[{"services": []}]', id="a list"),
    ],
)
def test_a_broken_file_is_refused_before_anything_is_written(db, tmp_path, content):
    # The import streams its file item by item; a file that breaks off half-way must still
    # be refused whole, before a run starts, and not deactivate what it seemed to lack.
    path = tmp_path / "feed.json"
    whole = json.dumps(FOREIGN).encode()
    path.write_bytes(whole[: len(whole) // 2] if content is None else content)
    with pytest.raises(SyncConfigurationError, match="feed.json"):
        import_hsds(path)
    assert not SyncRun.objects.exists()
    assert not Service.objects.filter(source="hsds").exists()


def test_the_streamed_file_gives_the_same_records_as_the_document(tmp_path):
    # Two services at one location, a top-level copy of another location, and a location
    # only nested in a service: each location once, in the order the document gives them.
    document = json.loads(json.dumps(FOREIGN))
    first = document["services"][0]
    second = json.loads(json.dumps(first))
    second["id"] = "8de16075-8888-4192-9da4-1f2031425364"
    second["name"] = "Kuntosali"
    hall = second["service_at_locations"][0]
    hall["id"] = "9ef27186-9999-42a3-8eb5-203142536475"
    library = json.loads(json.dumps(hall["location"]))
    library.update(id="a0f38297-aaaa-43b4-9fc6-314253647586", name="Kirjasto")
    second["service_at_locations"].append(
        {"id": "b1049308-bbbb-44c5-a0d7-425364758697", "location": library}
    )
    document["services"].append(second)
    document["locations"] = [json.loads(json.dumps(hall["location"]))]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    streamed = list(HsdsSource.from_file(path).records())
    assert streamed == list(HsdsSource(document).records())
    assert [type(record).__name__ for record in streamed] == [
        "OrganisationRecord",
        "ChannelRecord",
        "ChannelRecord",
        "ServiceRecord",
        "ServiceRecord",
    ]
    assert [record.name.fi for record in streamed[1:3]] == ["Uimahalli", "Kirjasto"]
    assert streamed[4].channel_refs == (streamed[1].external_id, streamed[2].external_id)
