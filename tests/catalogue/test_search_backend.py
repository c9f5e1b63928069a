"""The catalogue search behaviour suite: the same tests for every backend. The database
backend runs on the configured database (SQLite and PostgreSQL in CI); the Elasticsearch
backend runs against the server ELASTICSEARCH_URL names, or else against osmem-server, the
OpenSearch-compatible in-memory server from PyPI (a clone of it per test). Nothing is
skipped."""

import os
import uuid
from datetime import datetime, timedelta

import pytest
import time_machine
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pyproj import Geod

from catalogue.accessibility import PROFILES
from catalogue.audiences import AUDIENCES
from catalogue.models import Service
from catalogue.openinghours import HELSINKI
from catalogue.search import CatalogueQuery, get_backend
from catalogue.search.indexing import index_services
from tests.support.plans import explained

pytestmark = pytest.mark.django_db

BACKENDS = ["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


@pytest.fixture(params=BACKENDS)
def backend(request, demo_search_catalogue, settings):
    """The backend over the demo catalogue and the demo LIPAS places, with the services its
    editors marked as accepting Kaikukortti (as load_demo does). The sync keeps the search
    entries (and with Elasticsearch, the indexes) current: no separate indexing step after
    this."""
    if request.param == "database":
        yield get_backend("database")
        return
    url = os.environ.get("ELASTICSEARCH_URL", "") or request.getfixturevalue("osmem_url")
    from catalogue.search.elastic import ElasticsearchBackend, client

    settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_REFRESH = "wait_for"
    settings.ELASTICSEARCH_REPLICAS = 0
    # The sync wrote the entries; the server's index is built from them by the real rebuild.
    ElasticsearchBackend().rebuild(list(Service.objects.values_list("pk", flat=True)))
    try:
        yield get_backend()
    finally:
        if os.environ.get("ELASTICSEARCH_URL"):
            client().indices.delete(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*")


def next_local(weekday, hour, minute=0):
    """The next such weekday (0 = Monday) after tomorrow at a local time: inside the days
    the demo's open spans and occurrences cover."""
    day = datetime.now(HELSINKI).date() + timedelta(days=2)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI)


# A Thursday afternoon: offices are open and the memory cafés (Thursdays 14–15.30) meet.
THURSDAY_AFTERNOON = (3, 14, 30)


def names(results):
    by_id = dict(Service.objects.values_list("pk", "name_fi"))
    return [by_id[hit.service_id] for hit in results.hits]


def ids(results):
    return {hit.service_id for hit in results.hits}


def everything(backend, **filters):
    return backend.search(CatalogueQuery(page_size=50, **filters))


# --- words -------------------------------------------------------------------------------------


def test_inflected_finnish_and_swedish_words_find_the_base_form(backend):
    assert any(
        n.startswith("Liikuntaneuvonta")
        for n in names(backend.search(CatalogueQuery(text="liikuntaa", page_size=50)))
    )
    swedish = backend.search(CatalogueQuery(text="motionen", language="sv", page_size=50))
    assert swedish.total > 0
    assert any(n.startswith("Liikuntaneuvonta") for n in names(swedish))


def test_a_word_finds_its_compounds(backend):
    found = names(backend.search(CatalogueQuery(text="liikunta", page_size=50)))
    assert any(n.startswith("Liikuntaneuvonta") for n in found)


@pytest.fixture
def full_backend(backend):
    """The backend over the whole demo catalogue: PTV, Lähellä.fi activities and the local
    services, as ``make run`` loads it."""
    from portal.demo import ensure_local_services
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    assert run_sync("lahella", from_dir=DEMO_DIR / "lahella", full=True).status == "succeeded"
    ensure_local_services()
    return backend


def all_names(backend, text, language="fi", **options):
    """Every name found, in the query's language, group members included."""
    options.setdefault("collapse", True)
    results = backend.search(CatalogueQuery(text=text, language=language, page_size=50, **options))
    found = [h.service_id for h in results.hits] + [m for h in results.hits for m in h.members]
    by_id = {
        pk: (fi or sv) if language == "fi" else (sv or fi)
        for pk, fi, sv in Service.objects.values_list("pk", "name_fi", "name_sv")
    }
    return [by_id[pk] for pk in found]


def test_illative_genitive_and_plural_find_the_base_forms_services(full_backend):
    # yksinäisyyteen (illative): the meeting places' texts speak of yksinäisyys.
    assert any(n.startswith("Kohtaamispaikka") for n in all_names(full_backend, "yksinäisyyteen"))
    # painonhallinnan (genitive) → Painonhallintaryhmä.
    assert any(
        n.startswith("Painonhallintaryhmä") for n in all_names(full_backend, "painonhallinnan")
    )
    # nuoret (plural) → Nuorten ilta (an NGO activity) and Lasten ja nuorten suun terveys.
    found = all_names(full_backend, "nuoret")
    assert any(n.startswith("Nuorten ilta") for n in found)
    assert any(n.startswith("Lasten ja nuorten") for n in found)


def test_the_second_part_of_a_compound_finds_the_compound(full_backend):
    assert any(n.startswith("Uinti ja vesiliikunta") for n in all_names(full_backend, "liikunta"))
    # Swedish: "vård" is the second part of tandvård and hemvård.
    found = all_names(full_backend, "vård", language="sv")
    assert any(n.startswith("Tandvård") for n in found)
    assert any(n.startswith("Hemvård") for n in found)


def test_a_synonym_added_by_an_editor_takes_effect_at_once(full_backend):
    from catalogue.models import SynonymSet

    assert all_names(full_backend, "kuntosalikortti") == []
    synonyms = SynonymSet.objects.create(
        name="Kuntosali", words_fi="kuntosalikortti, senioriliikunta", words_sv="gymkort"
    )
    found = all_names(full_backend, "kuntosalikortti")
    assert found and all(n.startswith("Senioriliikunta") for n in found)
    # The Swedish word of the set finds the same services on /sv/.
    assert any(n.startswith("Seniormotion") for n in all_names(full_backend, "gymkort", "sv"))
    synonyms.is_active = False
    synonyms.save()
    assert all_names(full_backend, "kuntosalikortti") == []


def test_a_theme_word_finds_the_themes_ngo_activities(full_backend):
    found = all_names(full_backend, "liikunta")
    for name in (
        "Eläkeläisten kuntojumppa",
        "Perheiden luontoretki",
        "Puistojumppa",
        "Kävelyryhmä",
    ):
        assert any(n.startswith(name) for n in found), name


def test_finnish_words_on_sv_and_swedish_words_on_fi_find_the_services(full_backend):
    on_sv = all_names(full_backend, "liikuntaneuvonta", language="sv")
    assert on_sv and any(n.startswith("Motionsrådgivning") for n in on_sv)
    on_fi = all_names(full_backend, "motionsrådgivning", language="fi")
    assert on_fi and any(n.startswith("Liikuntaneuvonta") for n in on_fi)
    # A Swedish-only NGO activity from a Finnish word (its theme: osallisuus, via synonyms).
    assert any(n.startswith("Sångkör") for n in all_names(full_backend, "kuoro"))


def english_names(backend, text):
    results = backend.search(CatalogueQuery(text=text, language="en", page_size=50))
    found = [h.service_id for h in results.hits] + [m for h in results.hits for m in h.members]
    by_id = {
        pk: en or fi or sv
        for pk, fi, sv, en in Service.objects.values_list("pk", "name_fi", "name_sv", "name_en")
    }
    return [by_id[pk] for pk in found]


def test_english_words_find_english_named_services_on_every_backend(full_backend):
    # "swimming" and "exercises" are stemmed by the English Snowball stemmer.
    assert any(
        n.startswith("Swimming and water exercise – ")
        for n in english_names(full_backend, "swimming")
    )
    assert any(
        n.startswith("Exercise counselling – ") for n in english_names(full_backend, "exercises")
    )
    # A Finnish word on /en/ finds the English-named services and the Finnish-only ones.
    dental = english_names(full_backend, "hammashoito")
    assert any(n.startswith("Dental care – ") for n in dental)
    assert any(n.startswith("Kävelyryhmä") for n in english_names(full_backend, "kävelyryhmä"))
    # An English word reaches services written only in Finnish or Swedish through the
    # seeded synonym sets' English words (catalogue 0018).
    peer = english_names(full_backend, "peer support")
    assert any(n.startswith("Omaishoitajien vertaistukiryhmä") for n in peer)


def test_a_misspelt_word_finds_results_on_every_backend(full_backend):
    for typo in ("liikunata", "liikuntaneuvnota"):
        assert any(n.startswith("Liikuntaneuvonta") for n in all_names(full_backend, typo)), typo
    assert any(n.startswith("Tandvård") for n in all_names(full_backend, "tandvårt", "sv"))


def test_a_two_word_query_with_one_unmatched_word_still_finds_the_other(full_backend):
    found = all_names(full_backend, "liikuntaneuvonta qqqzzz")
    assert found and found[0].startswith("Liikuntaneuvonta")


def test_services_with_every_word_come_first(full_backend):
    results = full_backend.search(CatalogueQuery(text="liikuntaneuvonta vaasa", page_size=50))
    by_id = dict(Service.objects.values_list("pk", "name_fi"))
    assert by_id[results.hits[0].service_id] == "Liikuntaneuvonta – Vaasa"
    # The other counselling services (one word) and Vaasa's other services follow.
    found = [by_id[hit.service_id] for hit in results.hits]
    assert "Liikuntaneuvonta – Närpiö" in found
    assert "Kävelyryhmä – Vaasa" in found


def test_one_result_per_service_offered_in_several_municipalities(full_backend):
    results = full_backend.search(CatalogueQuery(text="hammashoito", collapse=True))
    by_id = dict(Service.objects.values_list("pk", "name_fi"))
    firsts = [by_id[hit.service_id] for hit in results.hits]
    assert len([n for n in firsts if n.startswith("Hammashoito –")]) == 1
    dental = next(hit for hit in results.hits if by_id[hit.service_id].startswith("Hammashoito"))
    assert len(dental.members) == 9  # ten municipalities in all
    assert results.total == len(results.hits)
    # The first page of a broad query shows many kinds of service, not one kind many times.
    broad = full_backend.search(CatalogueQuery(text="liikunta", collapse=True, page_size=10))
    kinds = {by_id[hit.service_id].split(" – ")[0] for hit in broad.hits}
    assert len(kinds) == 10


def test_the_residents_municipality_comes_first_in_a_group(full_backend):
    results = full_backend.search(
        CatalogueQuery(text="hammashoito", collapse=True, municipalities=("905",))
    )
    by_id = dict(Service.objects.values_list("pk", "name_fi"))
    dental = [by_id[h.service_id] for h in results.hits if by_id[h.service_id].startswith("Hamm")]
    assert dental == ["Hammashoito – Vaasa"]


def expected_results(backend, language, **options):
    """The collapsed results worked out in Python from the uncollapsed ones: a group's first
    member is its first by the order (highest score or nearest, then by name, then lowest
    id), the groups in the order of their first members, the others follow as members in the
    same order; where the first has no name in the query's language, the first member with
    one stands for the group."""
    from catalogue.models import ServiceSearchEntry
    from catalogue.search.database import MEMBERS_MAX

    every = backend.search(CatalogueQuery(language=language, page_size=1000, **options)).hits
    entries = {
        pk: (group, sort, name)
        for pk, group, sort, name in ServiceSearchEntry.objects.values_list(
            "service_id", "group_id", f"sort_{language}", f"service__name_{language}"
        )
    }

    def tie(hit):  # equals by the order: by name, then by id
        return entries[hit.service_id][1], hit.service_id

    if options.get("sort") == "distance":
        best = lambda h: (h.distance_m, *tie(h))  # noqa: E731
    elif options.get("text"):
        best = lambda h: (-h.score, *tie(h))  # noqa: E731
    else:
        best = tie
    groups = {}
    for hit in every:
        groups.setdefault(entries[hit.service_id][0], []).append(hit)
    results = []
    for members in groups.values():
        first, *others = sorted(members, key=best)
        key = best(first)
        ids = [first.service_id, *(h.service_id for h in others[:MEMBERS_MAX])]
        if not entries[ids[0]][2]:
            named = next((pk for pk in ids[1:] if entries[pk][2]), None)
            if named is not None:
                ids = [named, *(pk for pk in ids if pk != named)]
        results.append((key, ids))
    return [ids for _key, ids in sorted(results)]


@pytest.mark.parametrize(
    "options",
    [
        {"text": "liikunta"},
        {"text": "hammashoito ryhmä"},
        {"themes": ("liikunta",)},
        {"near": (63.0960, 21.6158), "sort": "distance"},
        {"text": "liikunta", "near": (63.0960, 21.6158), "sort": "distance"},
    ],
    ids=["word", "two words", "by name", "distance", "word by distance"],
)
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_each_page_of_results_holds_the_next_results_in_order(backend, options, language):
    """Whatever the order, the results page by page are the groups in order, each led by its
    first member with the others after it, as worked out from every hit; nothing is on two
    pages and nothing is left out, and the same on every backend."""
    expected = expected_results(backend, language, **options)
    assert len(expected) > 7, len(expected)  # more than one page
    shown, page = [], 1
    while True:
        results = backend.search(
            CatalogueQuery(language=language, collapse=True, page_size=7, page=page, **options)
        )
        assert results.total == len(expected)
        if not results.hits:
            break
        shown += [[hit.service_id, *hit.members] for hit in results.hits]
        page += 1
    assert shown == expected


# --- what is never shown --------------------------------------------------------------------


def test_inactive_services_are_never_found(backend):
    target = Service.objects.filter(name_fi__startswith="Liikuntaneuvonta").first()
    Service.objects.filter(pk=target.pk).update(is_active=False)
    index_services([target.pk])
    results = backend.search(CatalogueQuery(text="liikuntaneuvonta", page_size=50))
    assert target.pk not in ids(results)
    assert target.pk not in ids(everything(backend, themes=("liikunta",), sort="name"))


def test_an_editors_keywords_are_searchable_at_once_and_gone_when_removed(backend):
    from catalogue.models import LocalEnrichment

    service = Service.objects.filter(name_fi__startswith="Senioriliikunta").first()
    query = CatalogueQuery(text="kuntosalikortti")
    assert backend.search(query).total == 0
    enrichment, _created = LocalEnrichment.objects.update_or_create(
        service=service, defaults={"search_keywords": "kuntosalikortti"}
    )
    assert [hit.service_id for hit in backend.search(query).hits] == [service.pk]
    enrichment.delete()
    assert backend.search(query).total == 0


def test_an_editors_theme_takes_effect_in_the_theme_filter_at_once(backend):
    from catalogue.models import Theme

    theme = Theme.objects.get(slug="suu")
    service = Service.objects.exclude(theme_links__theme=theme).filter(is_active=True).first()
    assert service.pk not in ids(everything(backend, themes=("suu",)))
    service.local_themes_added.add(theme)
    found = everything(backend, themes=("suu",))
    assert service.pk in ids(found)


# --- distance --------------------------------------------------------------------------------


def test_distances_are_correct_and_sorted(backend):
    """Distances within 1% of the WGS84 geodesic distance (pyproj, an independent
    implementation), nearest first."""
    near = (63.0960, 21.6158)  # Vaasa market square
    results = backend.search(CatalogueQuery(near=near, sort="distance", page_size=50))
    distances = [hit.distance_m for hit in results.hits]
    assert None not in distances and distances == sorted(distances)
    geod = Geod(ellps="WGS84")
    for hit in results.hits:
        entry = Service.objects.get(pk=hit.service_id).search
        _az, _back, expected = geod.inv(near[1], near[0], entry.longitude, entry.latitude)
        assert abs(hit.distance_m - expected) <= max(expected * 0.01, 1.0)
    # Not all zero: the page spreads over Vaasa, and a later page reaches beyond it.
    assert distances[-1] - distances[0] > 1_000
    later = backend.search(CatalogueQuery(near=near, sort="distance", page_size=50, page=3))
    assert later.hits[-1].distance_m > 10_000 and later.hits[0].distance_m >= distances[-1]


def test_distance_sort_leaves_out_services_without_a_place(backend):
    results = everything(backend, near=(63.0960, 21.6158), sort="distance")
    with_place = Service.objects.filter(search__is_public=True, search__latitude__isnull=False)
    assert results.total == with_place.count()


# --- facets ----------------------------------------------------------------------------------


def public_services():
    return Service.objects.filter(is_active=True).exclude(enrichment__hidden=True)


def all_ids(backend, **filters):
    """Every hit of a search, page by page."""
    found, page = set(), 1
    while True:
        results = backend.search(CatalogueQuery(page_size=50, page=page, sort="name", **filters))
        found |= ids(results)
        if page * 50 >= results.total:
            return found
        page += 1


def test_facet_counts_over_the_whole_catalogue_agree_with_the_catalogue(backend):
    """Every facet's counts, checked against the catalogue's own rows (not the search
    entries), for the search with no words and no filters."""
    facets = everything(backend).facets
    public = public_services()
    assert (
        facets["themes"]["liikunta"] == public.filter(theme_links__theme__slug="liikunta").count()
    )
    assert facets["municipalities"]["905"] == public.filter(municipalities__code="905").count()
    # Age 70: services for older people and for everyone, not those only for the young.
    young_only = public.filter(classifications__code__in=["KR1.2", "KR1.3"]).exclude(
        classifications__code="KR1.1"
    )
    assert facets["age"]["70"] == public.count() - young_only.distinct().count()
    languages = list(public.values_list("service_languages", flat=True))
    assert facets["service_languages"]["sv"] == sum("sv" in found for found in languages)
    assert facets["free_only"]["true"] == public.filter(charge_type="free").count()
    assert (
        facets["provider_types"]["ngo"]
        == public.filter(responsible_organisation__org_type="ngo").count()
    )
    by_phone = public.filter(
        channel_links__channel__channel_type="phone", channel_links__channel__is_active=True
    )
    assert facets["channel_types"]["phone"] == by_phone.distinct().count()
    assert 0 < facets["accessibility"]["wheelchair"] < public.count()


def test_age_matches_services_for_that_age_and_for_everyone(backend):
    public = public_services()
    for_older = public.filter(classifications__code="KR1.1").first()
    for_all = public.exclude(classifications__code__in=["KR1.1", "KR1.2", "KR1.3"]).first()
    for_children = (
        public.filter(classifications__code="KR1.2").exclude(classifications__code="KR1.1").first()
    )
    seventy = all_ids(backend, age=70)
    assert len(seventy) == everything(backend).facets["age"]["70"]
    assert for_older.pk in seventy and for_all.pk in seventy
    assert for_children.pk not in seventy
    assert for_children.pk in all_ids(backend, age=8)


def test_a_nationwide_service_counts_in_every_municipality(backend):
    service = public_services().exclude(municipalities__code="499").first()
    before = everything(backend).facets["municipalities"]
    Service.objects.filter(pk=service.pk).update(area_type="nationwide")
    index_services([service.pk])
    after = everything(backend).facets["municipalities"]
    assert after["499"] == before.get("499", 0) + 1
    assert service.pk in ids(everything(backend, municipalities=("499",), text=service.name_fi))


def entries_in(theme, municipality, public=True):
    """The entries (``public`` ones, or all) having ``theme`` and offered in ``municipality``
    (or nationwide), from the services' own links."""
    from django.db.models import Q

    from catalogue.models import ServiceSearchEntry

    services = Service.objects.filter(themes__slug=theme).filter(
        Q(municipalities__code=municipality) | Q(area_type="nationwide")
    )
    entries = ServiceSearchEntry.objects.filter(service__in=services)
    if public:
        entries = entries.filter(is_public=True)
    return set(entries.values_list("service_id", flat=True))


def test_a_theme_and_a_municipality_are_read_from_the_index_together(demo_catalogue):
    """Issue 28: a search by theme and municipality reads only the entries having both. On
    PostgreSQL both are conditions of one scan of the facet ids' index (a nationwide entry
    by its mark), so the table is read for those rows only, not for every entry of the
    theme. The entries found are those the services' own links give, nationwide ones
    included."""
    from django.db import connection

    from catalogue.models import Municipality

    backend = get_backend("database")
    local = public_services().filter(themes__slug="liikunta", municipalities__code="905").first()
    far = public_services().filter(themes__slug="liikunta").exclude(municipalities__code="905")
    nationwide = far.first()
    Service.objects.filter(pk=nationwide.pk).update(area_type="nationwide")
    index_services([nationwide.pk])
    expected = entries_in("liikunta", "905")
    assert {local.pk, nationwide.pk} <= expected
    assert far.exclude(pk=nationwide.pk).exists()  # the theme has entries elsewhere too
    query = CatalogueQuery(themes=("liikunta",), municipalities=("905",))
    entries = backend.filtered(query)
    assert set(entries.values_list("service_id", flat=True)) == expected
    if connection.vendor != "postgresql":
        return
    # A catalogue this small would be read whole (cheaper then): the index's plan is what a
    # catalogue of thousands gets.
    nodes = explained(*entries.values("service_id").query.sql_with_params())
    scans = [node for node in nodes if node.get("Index Name") == "catalogue_search_facet_ids"]
    assert len(scans) == 1, nodes
    condition = scans[0]["Index Cond"]
    municipality = Municipality.objects.get(code="905")
    assert "@>" in condition and "&&" in condition and str(-municipality.pk) in condition
    # What the index gives is what is read of the table: the theme's entries in the
    # municipality or nationwide (the non-public ones among them then left out), not all of
    # the theme's. (The index's own count would include row versions no longer live.)
    (heap,) = [node for node in nodes if node["Node Type"] == "Bitmap Heap Scan"]
    read = heap["Actual Rows"] + heap.get("Rows Removed by Filter", 0)
    assert heap.get("Rows Removed by Index Recheck", 0) == 0
    assert read == len(entries_in("liikunta", "905", public=False))


def test_a_nationwide_entry_written_before_its_mark_is_marked_by_migrate(demo_catalogue):
    """An upgraded site: a nationwide service's entry written before the nationwide mark
    existed (no municipality in its facet ids) would match no municipality filter on
    PostgreSQL; ``migrate`` marks it, and it is found in every municipality again."""
    import importlib

    from django.apps import apps as django_apps

    from catalogue.models import ServiceSearchEntry
    from catalogue.models.search import NATIONWIDE_FACET_ID

    backend = get_backend("database")
    service = public_services().exclude(municipalities__code="499").first()
    Service.objects.filter(pk=service.pk).update(area_type="nationwide")
    index_services([service.pk])
    marked = ServiceSearchEntry.objects.get(pk=service.pk).facet_ids
    assert NATIONWIDE_FACET_ID in marked
    unmarked = [pk for pk in marked if pk != NATIONWIDE_FACET_ID]
    assert not [pk for pk in unmarked if pk < 0]  # no municipality either
    ServiceSearchEntry.objects.filter(pk=service.pk).update(facet_ids=unmarked)
    # The migration's own step, as ``migrate`` runs it (migrating back first cannot be done
    # inside a test's transaction on SQLite).
    migration = importlib.import_module("catalogue.migrations.0026_nationwide_facet_id")
    migration.mark(django_apps, None)
    assert ServiceSearchEntry.objects.get(pk=service.pk).facet_ids == sorted(marked)
    found = everything(backend, municipalities=("499",), text=service.name_fi)
    assert service.pk in ids(found)


FACET_FILTERS = {  # facet → (query field, value → filter value)
    "themes": ("themes", lambda v: (v,)),
    "municipalities": ("municipalities", lambda v: (v,)),
    "age": ("age", int),
    "service_languages": ("service_languages", lambda v: (v,)),
    "free_only": ("free_only", lambda v: True),
    "provider_types": ("provider_types", lambda v: (v,)),
    "channel_types": ("channel_types", lambda v: (v,)),
    "accessibility": ("accessibility", lambda v: (v,)),
    "kaikukortti": ("kaikukortti", lambda v: True),
    "audiences": ("audiences", lambda v: (v,)),
    "open_now": ("open_now", lambda v: True),
    "kinds": ("kinds", lambda v: (v,)),
    "place_types": ("place_types", lambda v: (v,)),
}


def apply_facet(query, facet, value):
    field, convert = FACET_FILTERS[facet]
    current = getattr(query, field)
    new = convert(value)
    if isinstance(new, tuple) and facet != "kinds":  # what a result is: one choice, replaced
        new = tuple(dict.fromkeys(current + new))
    return CatalogueQuery(**{**query.__dict__, field: new, "page": 1})


@pytest.mark.parametrize("collapse", [False, True], ids=["services", "results"])
@pytest.mark.parametrize("facet", sorted(FACET_FILTERS))
def test_each_facets_counts_equal_the_hits_after_applying_it(backend, facet, collapse):
    # Collapsed (the search page), counts are of results: one per service offered in several
    # municipalities.
    found = False
    with time_machine.travel(next_local(*THURSDAY_AFTERNOON), tick=False):
        for text in ("neuvonta", ""):
            base = CatalogueQuery(text=text, collapse=collapse)
            counts = backend.search(base).facets[facet]
            found = found or any(counts.values())
            for value, count in counts.items():
                assert backend.search(apply_facet(base, facet, value)).total == count, (
                    facet,
                    value,
                )
    assert found, f"the demo catalogue gives the {facet} facet nothing"


# The property: over random combinations of filters (and words), every facet value's count is
# the number of hits once that value is applied too. Every filter narrows (a service has one
# provider type, so two provider types find nothing, as two themes find services in both).
MUNICIPALITIES = ["905", "893", "499", "152", "280"]
queries = st.builds(
    CatalogueQuery,
    text=st.sampled_from(["", "", "neuvonta", "liikunta", "ryhmä", "mieli"]),
    language=st.sampled_from(["fi", "sv"]),
    themes=st.lists(
        st.sampled_from(["liikunta", "mieli", "osallisuus", "ravitsemus", "terveystaidot"]),
        max_size=2,
        unique=True,
    ).map(tuple),
    municipalities=st.lists(st.sampled_from(MUNICIPALITIES), max_size=1, unique=True).map(tuple),
    age=st.one_of(st.none(), st.sampled_from([8, 16, 40, 70])),
    service_languages=st.lists(st.sampled_from(["fi", "sv"]), max_size=2, unique=True).map(tuple),
    free_only=st.booleans(),
    provider_types=st.lists(
        st.sampled_from(["public", "municipal", "ngo"]), max_size=2, unique=True
    ).map(tuple),
    channel_types=st.lists(
        st.sampled_from(["place", "phone", "online"]), max_size=1, unique=True
    ).map(tuple),
    accessibility=st.lists(st.sampled_from(sorted(PROFILES)), max_size=1).map(tuple),
    audiences=st.lists(st.sampled_from(sorted(AUDIENCES)), max_size=2, unique=True).map(tuple),
    kaikukortti=st.booleans(),
    open_now=st.booleans(),
    kinds=st.lists(st.sampled_from(["service", "place"]), max_size=1).map(tuple),
    place_types=st.lists(
        st.sampled_from(["nature", "route", "pool", "beach"]), max_size=2, unique=True
    ).map(tuple),
    collapse=st.booleans(),
)


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries)
def test_property_facet_counts_equal_hits_after_applying_the_facet(backend, query):
    with time_machine.travel(next_local(*THURSDAY_AFTERNOON), tick=False):
        check_facet_counts(backend, query)


def check_facet_counts(backend, query):
    results = backend.search(query)
    checked = 0
    for facet, counts in results.facets.items():
        for value, count in counts.items():
            if facet == "age" and query.age is not None and int(value) != query.age:
                continue  # one age at a time: choosing another replaces it, it does not narrow
            if facet == "kinds" and query.kinds and (value,) != query.kinds:
                continue  # services or places: choosing the other replaces the choice
            if facet == "municipalities" and value not in MUNICIPALITIES:
                continue  # the 311 municipalities of nationwide services: a sample suffices
            assert backend.search(apply_facet(query, facet, value)).total == count, (facet, value)
            checked += 1
    assert checked or results.total == 0


def test_search_index_rebuild_restores_every_entry_with_progress(demo_catalogue):
    from io import StringIO

    from django.core.management import call_command

    from catalogue.models import ServiceSearchEntry

    expected = ServiceSearchEntry.objects.filter(is_public=True).count()
    ServiceSearchEntry.objects.all().delete()
    assert get_backend("database").search(CatalogueQuery(text="liikunta")).total == 0
    out = StringIO()
    call_command("search_index", "rebuild", stdout=out)
    assert ServiceSearchEntry.objects.filter(is_public=True).count() == expected
    assert (
        f"database: {Service.objects.count()}/{Service.objects.count()} services" in out.getvalue()
    )
    assert get_backend("database").search(CatalogueQuery(text="liikunta")).total > 0


def test_a_renamed_theme_is_found_by_its_new_name(full_backend):
    from catalogue.models import Theme

    assert all_names(full_backend, "kuntoilutaivas") == []
    theme = Theme.objects.get(slug="liikunta")
    theme.name_fi = "Kuntoilutaivas"
    theme.save()
    found = all_names(full_backend, "kuntoilutaivas")
    assert any(n.startswith("Eläkeläisten kuntojumppa") for n in found)
    assert any(n.startswith("Kävelyryhmä") for n in found)


def test_entries_indexed_before_the_facet_columns_are_rebuilt_by_migrate(demo_catalogue):
    """An upgraded site: entries written before the facet ids and bits existed (NULL) would
    match no theme or municipality filter; ``migrate`` rebuilds them."""
    from django.core.management import call_command

    from catalogue.models import ServiceSearchEntry

    backend = get_backend("database")
    query = CatalogueQuery(themes=("liikunta",), municipalities=("905",), page_size=50)
    before = backend.search(query)
    assert before.total > 0
    ServiceSearchEntry.objects.update(facet_ids=None, facet_bits=None)
    call_command("migrate", interactive=False, verbosity=0)
    assert not ServiceSearchEntry.objects.filter(facet_ids__isnull=True).exists()
    after = backend.search(query)
    assert (after.total, ids(after)) == (before.total, ids(before))
    assert after.facets == before.facets


def test_a_deleted_theme_leaves_the_facets_at_once(backend):
    from catalogue.models import Theme
    from portal.models import ThemePage

    before = everything(backend).facets["themes"]
    assert {"liikunta", "mieli"} <= set(before), before
    theme = Theme.objects.get(slug="mieli")
    ThemePage.objects.filter(theme=theme).delete()  # a theme's page protects it
    theme.delete()
    after = everything(backend).facets["themes"]
    assert "mieli" not in after
    assert after["liikunta"] == before["liikunta"]


def test_kaikukortti_finds_exactly_the_services_editors_marked(backend):
    from catalogue.models import LocalEnrichment

    marked = set(
        LocalEnrichment.objects.filter(kaikukortti=True, service__is_active=True).values_list(
            "service_id", flat=True
        )
    )
    assert len(marked) >= 10  # the demo's swimming, courses, senior exercise and cooking
    found = all_ids(backend, kaikukortti=True)
    assert found == marked & all_ids(backend)
    assert everything(backend).facets["kaikukortti"] == {"true": len(found)}
    # An editor's change takes effect at once: unmarked, the service leaves the filter.
    one = LocalEnrichment.objects.filter(service_id__in=found).first()
    one.kaikukortti = False
    one.save()
    assert one.service_id not in all_ids(backend, kaikukortti=True)
