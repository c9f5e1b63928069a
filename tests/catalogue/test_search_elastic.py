"""The Elasticsearch backend without a server: the generated mappings, queries and bulk
actions, the parsing of a response, and the requests of a zero-downtime rebuild and of the
bulk indexing on sync, recorded at the HTTP level. The behaviour suite in
test_search_backend.py runs against a server (osmem-server, or ELASTICSEARCH_URL's)."""

import json
import re

import pytest
import responses
from elasticsearch import Elasticsearch

from catalogue.accessibility import PROFILES
from catalogue.audiences import AUDIENCES
from catalogue.models import LocalEnrichment, Service, ServiceSearchTerms
from catalogue.search import CatalogueQuery, elastic
from catalogue.search.elastic import (
    ElasticsearchBackend,
    alias_actions,
    build_search,
    bulk_actions,
    index_definition,
    results_from,
)

pytestmark = pytest.mark.django_db

ES = "http://es.test:9200"
PRODUCT = {"X-Elastic-Product": "Elasticsearch"}


@pytest.fixture
def es_settings(settings):
    settings.ELASTICSEARCH_URL = ES
    settings.ELASTICSEARCH_INDEX_PREFIX = "hyvinvointiopas-services"
    settings.ELASTICSEARCH_REFRESH = ""
    return settings


# --- mappings --------------------------------------------------------------------------------


def test_one_index_holds_both_languages_analysed_terms(es_settings):
    body = index_definition("x").to_dict()
    fields = body["mappings"]["properties"]
    for language in ("fi", "sv"):
        for name in ("name", "summary", "description", "extra"):
            assert fields[f"{language}_{name}"] == {"type": "text", "analyzer": "catalogue_terms"}
        assert fields[f"sort_{language}"] == {"type": "keyword"}
    # The analysis ran in Python: the server only splits the terms, with an analyzer defined
    # by type (Elasticsearch and OpenSearch-compatible servers both accept it).
    assert body["settings"]["analysis"]["analyzer"]["catalogue_terms"]["type"] == "standard"
    assert fields["location"] == {"type": "geo_point"}
    for keyword in ("themes", "municipalities", "languages", "channels", "provider_type", "group"):
        assert fields[keyword] == {"type": "keyword"}
    assert body["mappings"]["dynamic"] == "strict"  # a misspelt field fails loudly


# --- queries ---------------------------------------------------------------------------------


def dsl(query, **kwargs):
    return build_search(query, **kwargs).to_dict()


def test_collapsed_queries_collapse_on_the_group_and_count_groups(es_settings):
    body = dsl(CatalogueQuery(collapse=True))
    assert body["collapse"] == {"field": "group"}
    assert body["aggs"]["groups"] == {"cardinality": {"field": "group"}}
    assert "collapse" not in dsl(CatalogueQuery())


@pytest.mark.parametrize(
    "filters,clause",
    [
        ({"themes": ("liikunta",)}, {"term": {"themes": "liikunta"}}),
        (
            {"municipalities": ("905",)},
            {
                "bool": {
                    "should": [{"term": {"nationwide": True}}, {"term": {"municipalities": "905"}}]
                }
            },
        ),
        ({"age": 70}, {"range": {"age_min": {"lte": 70}}}),
        ({"age": 70}, {"range": {"age_max": {"gte": 70}}}),
        ({"target_groups": ("KR1.1",)}, {"term": {"target_groups": "KR1.1"}}),
        ({"service_languages": ("sv",)}, {"term": {"languages": "sv"}}),
        ({"free_only": True}, {"term": {"is_free": True}}),
        ({"provider_types": ("ngo",)}, {"term": {"provider_type": "ngo"}}),
        ({"channel_types": ("online",)}, {"term": {"channels": "online"}}),
        ({"accessibility": ("wheelchair",)}, {"term": {"accessibility": "wheelchair"}}),
        ({"accessibility": ("hearing_loop",)}, {"term": {"accessibility": "hearing_loop"}}),
        ({"audiences": ("carers",)}, {"term": {"audiences": "carers"}}),
        ({"kinds": ("place",)}, {"term": {"kind": "place"}}),
        ({"place_types": ("route",)}, {"term": {"place_types": "route"}}),
        ({"kaikukortti": True}, {"term": {"kaikukortti": True}}),
        ({"open_now": True}, {"terms": {"service_id": []}}),  # the open ids: none given here
        ({"near": (63.1, 21.6), "sort": "distance"}, {"exists": {"field": "location"}}),
    ],
)
def test_each_filter_becomes_a_filter_clause(es_settings, filters, clause):
    body = dsl(CatalogueQuery(**filters))
    assert clause in body["query"]["bool"]["filter"]


def test_no_filters_no_clauses_and_one_index_for_both_languages(es_settings):
    search = build_search(CatalogueQuery(language="sv"))
    assert search._index == ["hyvinvointiopas-services-services"]
    assert search.to_dict()["query"] == {"bool": {}}


def test_distance_sort_is_a_geo_distance_sort_in_metres(es_settings):
    body = dsl(CatalogueQuery(near=(63.096, 21.6158), sort="distance"))
    assert body["sort"][0] == {
        "_geo_distance": {
            "location": {"lat": 63.096, "lon": 21.6158},
            "order": "asc",
            "unit": "m",
            "distance_type": "arc",
        }
    }


@pytest.mark.parametrize(
    "query,first",
    [
        (CatalogueQuery(text="uni"), "_score"),  # relevance
        (CatalogueQuery(), "sort_fi"),  # no words: by name
        (CatalogueQuery(text="uni", sort="name", language="sv"), "sort_sv"),
    ],
)
def test_sort_orders(es_settings, query, first):
    assert dsl(query)["sort"][0] == first


def test_pages_and_totals(es_settings):
    body = dsl(CatalogueQuery(page=3, page_size=10))
    assert (body["from"], body["size"], body["track_total_hits"]) == (20, 10, True)
    assert body["_source"] == ["service_id", "location", "group"]


def test_every_facet_is_an_aggregation(es_settings):
    aggs = dsl(CatalogueQuery())["aggs"]
    assert aggs["themes"] == {"terms": {"field": "themes", "size": 100}}
    assert aggs["local"]["aggs"]["municipalities"]["terms"]["field"] == "municipalities"
    assert aggs["nationwide"] == {"filter": {"term": {"nationwide": True}}}
    assert set(aggs["age"]["filters"]["filters"]) == {"8", "16", "40", "70"}
    assert set(aggs["service_languages"]["filters"]["filters"]) == {"fi", "sv", "en"}
    assert aggs["free_only"]["filters"]["filters"] == {"true": {"term": {"is_free": True}}}
    assert aggs["provider_types"]["terms"]["field"] == "provider_type"
    assert set(aggs["channel_types"]["filters"]["filters"]) == {
        "place",
        "phone",
        "online",
        "printable",
    }
    # Every accessibility profile and audience the page offers is counted.
    assert set(aggs["accessibility"]["filters"]["filters"]) == set(PROFILES)
    assert set(aggs["audiences"]["filters"]["filters"]) == set(AUDIENCES)
    assert set(aggs["kaikukortti"]["filters"]["filters"]) == {"true"}
    assert set(aggs["open_now"]["filters"]["filters"]) == {"true"}


# --- a response ------------------------------------------------------------------------------


def response_body():
    """A search response in Elasticsearch 8's shape."""

    def named(**counts):
        return {"buckets": {key: {"doc_count": n} for key, n in counts.items()}}

    return {
        "took": 3,
        "timed_out": False,
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "max_score": None,
            "hits": [
                {
                    "_index": "hyvinvointiopas-services-fi-20261125",
                    "_id": "7",
                    "_score": None,
                    "_source": {"service_id": 7, "location": {"lat": 63.1, "lon": 21.6}},
                    "sort": [480.2, "liikuntaneuvonta", 7],
                },
                {
                    "_index": "hyvinvointiopas-services-fi-20261125",
                    "_id": "9",
                    "_score": None,
                    "_source": {"service_id": 9},
                    "sort": [None, "puhelin", 9],
                },
            ],
        },
        "aggregations": {
            "themes": {"buckets": [{"key": "liikunta", "doc_count": 2}]},
            "local": {
                "doc_count": 1,
                "municipalities": {"buckets": [{"key": "905", "doc_count": 1}]},
            },
            "nationwide": {"doc_count": 1},
            "age": named(**{"8": 1, "16": 1, "40": 2, "70": 2}),
            "service_languages": named(fi=2, sv=1, en=0),
            "free_only": named(true=1),
            "provider_types": {"buckets": [{"key": "municipal", "doc_count": 2}]},
            "channel_types": named(place=1, phone=1, online=0, printable=0),
            "accessibility": named(wheelchair=0, rollator=0, hearing_loop=1),
            "audiences": named(older_people=2, carers=0),
            "kinds": named(service=1, place=1),
            "place_types": named(pool=1, route=0),
            "kaikukortti": named(true=1),
            "open_now": named(true=1),
        },
    }


def test_a_response_becomes_hits_with_distances_and_facets():
    query = CatalogueQuery(near=(63.1, 21.61), sort="distance")
    results = results_from(response_body(), query, municipality_codes=["905", "893"])
    assert [hit.service_id for hit in results.hits] == [7, 9]
    assert 480 < results.hits[0].distance_m < 520 and results.hits[1].distance_m is None
    assert results.total == 2
    # The nationwide service counts in every municipality, the local one in its own.
    assert results.facets["municipalities"] == {"905": 2, "893": 1}
    assert results.facets["themes"] == {"liikunta": 2}
    assert results.facets["age"]["70"] == 2
    assert results.facets["service_languages"] == {"fi": 2, "sv": 1, "en": 0}
    assert results.facets["free_only"] == {"true": 1}
    assert results.facets["kaikukortti"] == {"true": 1}
    assert results.facets["accessibility"]["hearing_loop"] == 1
    assert results.facets["audiences"] == {"older_people": 2, "carers": 0}
    assert results.facets["kinds"] == {"service": 1, "place": 1}
    assert results.facets["place_types"] == {"pool": 1, "route": 0}
    assert results.facets["open_now"] == {"true": 1}


# --- documents and bulk actions --------------------------------------------------------------


def test_bulk_actions_index_public_services_and_delete_the_rest(demo_catalogue, es_settings):
    vaasa = Service.objects.filter(is_active=True, municipalities__code="905").first()
    hidden = Service.objects.filter(is_active=True).exclude(pk=vaasa.pk).first()
    LocalEnrichment.objects.create(service=hidden, hidden=True)
    inactive = Service.objects.filter(is_active=True).exclude(pk__in=[vaasa.pk, hidden.pk]).first()
    Service.objects.filter(pk=inactive.pk).update(is_active=False)
    from catalogue.search.indexing import index_services

    index_services([inactive.pk])  # the database backend is configured: entries only
    actions = list(bulk_actions([vaasa.pk, hidden.pk, inactive.pk]))
    by_id = {a["_id"]: a for a in actions}
    assert len(actions) == 3
    document = by_id[str(vaasa.pk)]
    assert document["_op_type"] == "index"
    assert document["_index"] == "hyvinvointiopas-services-services"
    entry = vaasa.search
    terms = ServiceSearchTerms.objects.get(service=vaasa).terms
    assert document["_source"]["fi_name"] == terms["fi"]["name"]
    assert document["_source"]["sv_name"] == terms["sv"]["name"]
    assert document["_source"]["group"] == entry.group_key
    assert "905" in document["_source"]["municipalities"]
    assert set(document["_source"]["themes"]) == set(
        vaasa.theme_links.values_list("theme__slug", flat=True)
    )
    assert document["_source"]["provider_type"] == vaasa.responsible_organisation.provider_type
    for service in (hidden, inactive):
        action = by_id[str(service.pk)]
        assert action["_op_type"] == "delete" and "_source" not in action


def test_a_document_carries_only_mapped_fields(demo_catalogue, es_settings):
    """dynamic: strict would refuse a document with a field the mapping lacks."""
    mapped = set(index_definition("x").to_dict()["mappings"]["properties"])
    ids = list(Service.objects.filter(is_active=True).values_list("pk", flat=True)[:50])
    for action in bulk_actions(ids):
        assert set(action["_source"]) <= mapped


# --- requests to the server ------------------------------------------------------------------


def ok(body, status=200):
    return (status, {**PRODUCT, "Content-Type": "application/json"}, json.dumps(body))


@pytest.fixture
def recorded_server(es_settings):
    """An Elasticsearch client whose HTTP requests are answered by `responses` (the
    requests-based transport node), and the list of (method, path, body) it received."""
    seen, aliases = [], set()

    def record(request):
        body = request.body
        if isinstance(body, bytes):
            body = body.decode()
        path = request.path_url.split("?")[0]
        seen.append((request.method, request.path_url, body or ""))
        if request.method == "HEAD":  # does the alias exist?
            return (200 if path.rsplit("/", 1)[-1] in aliases else 404, PRODUCT, "")
        if request.method == "PUT" and "/_alias/" in path:
            aliases.add(path.rsplit("/", 1)[-1])
        if request.path_url.startswith("/_bulk"):
            lines = [json.loads(line) for line in body.splitlines() if line.strip()]
            items = [
                {op: {"_id": meta[op]["_id"], "status": 404 if op == "delete" else 201}}
                for meta in lines
                for op in meta
                if op in ("index", "delete")
            ]
            return ok({"took": 1, "errors": any(i.get("delete") for i in items), "items": items})
        if request.method == "GET" and "/_alias/" in request.path_url:
            return ok({f"{path.rsplit('/', 1)[-1]}-old": {"aliases": {}}})
        return ok({"acknowledged": True})

    client = Elasticsearch(ES, node_class="requests")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        for method in ("GET", "HEAD", "PUT", "POST", "DELETE"):
            mock.add_callback(method, re.compile(rf"{ES}/.*"), callback=record)
        elastic._clients[ES] = client
        try:
            yield seen
        finally:
            elastic._clients.pop(ES, None)


def bulk_lines(seen):
    return [
        json.loads(line)
        for method, path, body in seen
        if path.startswith("/_bulk")
        for line in body.splitlines()
        if line.strip()
    ]


def test_rebuild_fills_a_new_index_then_moves_the_alias_atomically(demo_catalogue, recorded_server):
    public = Service.objects.filter(search__is_public=True).count()
    ids = list(Service.objects.values_list("pk", flat=True))
    created = ElasticsearchBackend().rebuild(ids)
    seen = recorded_server
    steps = [(method, path.split("?")[0]) for method, path, _body in seen]
    alias = "hyvinvointiopas-services-services"
    assert created.startswith(f"{alias}-")
    # The new index first, then documents, then the alias switch, then the old index goes.
    paths = [path for _method, path in steps]
    assert paths.index(f"/{created}") < paths.index("/_bulk")
    switch = [body for method, path, body in seen if path.startswith("/_aliases")]
    assert json.loads(switch[0]) == {
        "actions": [
            {"remove": {"index": f"{alias}-old", "alias": alias}},
            {"add": {"index": created, "alias": alias}},
        ]
    }
    last_bulk = max(i for i, path in enumerate(paths) if path == "/_bulk")
    assert last_bulk < steps.index(("POST", "/_aliases"))
    assert ("DELETE", f"/{alias}-old") in steps
    indexed = [line["index"]["_index"] for line in bulk_lines(seen) if "index" in line]
    assert indexed.count(created) == public
    created_body = json.loads(
        next(b for m, p, b in seen if m == "PUT" and p.startswith(f"/{created}"))
    )
    assert created_body["mappings"]["properties"]["fi_name"]["analyzer"] == "catalogue_terms"


def test_alias_actions_remove_every_old_index_in_the_same_request():
    assert alias_actions("a", "a-3", {"a-2", "a-1"}) == [
        {"remove": {"index": "a-1", "alias": "a"}},
        {"remove": {"index": "a-2", "alias": "a"}},
        {"add": {"index": "a-3", "alias": "a"}},
    ]


def test_the_sync_sends_written_services_in_bulk(demo_pages, recorded_server, es_settings):
    """With the elasticsearch backend configured, a sync bulk-indexes what it writes through
    the aliases (creating the first indexes when there are none)."""
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    es_settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
    run = run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    assert run.status == "succeeded", run.errors
    lines = bulk_lines(recorded_server)
    indexed = {
        line["index"]["_id"]
        for line in lines
        if line.get("index", {}).get("_index") == "hyvinvointiopas-services-services"
    }
    public = set(
        map(str, Service.objects.filter(search__is_public=True).values_list("pk", flat=True))
    )
    assert indexed == public
    steps = [(method, path.split("?")[0]) for method, path, _body in recorded_server]
    assert ("HEAD", "/_alias/hyvinvointiopas-services-services") in steps
    assert any(
        method == "PUT" and path.startswith("/hyvinvointiopas-services-services-")
        for method, path in steps
    )
