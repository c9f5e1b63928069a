"""The ``elasticsearch`` search backend (elasticsearch-dsl 8.18, imported from
``elasticsearch.dsl``).

- One index per language: texts analysed with Elasticsearch's ``finnish`` or ``swedish``
  analyzer, the name also as edge n-grams, so that a word finds its compounds ("liikunta" →
  "Liikuntaneuvonta") and a misspelt word still finds a name ("liikunata").
- Readers and writers use an alias (``<prefix>-fi``); ``rebuild()`` fills a new index and
  moves the alias in one atomic step, so search never sees a half-built index.
- Documents come from the search entries in the database (catalogue.search.indexing keeps
  them current on every upsert) and are sent with the bulk API, batch by batch.
- Filters and facets mirror the database backend: facets are aggregations over the hits, so a
  facet's count is the number of hits after applying it.
"""

import logging
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.dsl import (
    Boolean,
    GeoPoint,
    Index,
    Integer,
    Keyword,
    Mapping,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from ..models import Municipality, Service, ServiceSearchEntry, ServiceTheme
from .database import haversine_m
from .query import (
    CHANNEL_TYPES,
    FACET_AGES,
    SERVICE_LANGUAGES,
    CatalogueQuery,
    CatalogueResults,
    Hit,
)
from .terms import candidates, words

log = logging.getLogger(__name__)

ANALYZERS = {"fi": "finnish", "sv": "swedish"}
USER_AGENT = "hyvinvointiopas/0.1 (catalogue search)"
PREFIX_MAX = 20  # longest edge n-gram of a name word
BULK_CHUNK = 500

name_prefix = analyzer(
    "name_prefix",
    tokenizer="standard",
    filter=[
        "lowercase",
        token_filter("name_edge", "edge_ngram", min_gram=2, max_gram=PREFIX_MAX),
    ],
)
name_prefix_search = analyzer("name_prefix_search", tokenizer="standard", filter=["lowercase"])


class SearchIndexError(RuntimeError):
    """Elasticsearch could not be reached or refused a request."""


# --- the index -------------------------------------------------------------------------------


def alias_name(language):
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{language}"


def new_index_name(language, now=None):
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name(language)}-{stamp}"


def mapping(language):
    text = ANALYZERS[language]
    m = Mapping()
    m.meta("dynamic", "strict")
    m.field(
        "name",
        Text(
            analyzer=text,
            fields={
                "prefix": Text(analyzer=name_prefix, search_analyzer=name_prefix_search),
            },
        ),
    )
    for field in ("summary", "description", "extra"):
        m.field(field, Text(analyzer=text))
    m.field("service_id", Integer())
    m.field("sort", Keyword())
    for field in ("themes", "municipalities", "target_groups", "languages", "channels"):
        m.field(field, Keyword())
    m.field("provider_type", Keyword())
    m.field("age_min", Integer())
    m.field("age_max", Integer())
    for field in ("is_free", "wheelchair", "nationwide"):
        m.field(field, Boolean())
    m.field("location", GeoPoint())
    return m


def index_definition(name, language):
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=settings.ELASTICSEARCH_REPLICAS)
    index.mapping(mapping(language))
    return index


def alias_actions(alias, new_index, old_indexes):
    """The one atomic alias update of a rebuild: the alias leaves the old indexes and points
    at the new one in the same request."""
    actions = [{"remove": {"index": old, "alias": alias}} for old in sorted(old_indexes)]
    actions.append({"add": {"index": new_index, "alias": alias}})
    return actions


# --- documents -------------------------------------------------------------------------------


def documents(batch):
    """{service id: {language: document or None}} for the services of ``batch``; None when the
    service must not be found (inactive, hidden or gone)."""
    entries = {
        entry.service_id: entry for entry in ServiceSearchEntry.objects.filter(service_id__in=batch)
    }
    themes, municipalities, targets = {}, {}, {}
    for service_id, slug in ServiceTheme.objects.filter(service_id__in=batch).values_list(
        "service_id", "theme__slug"
    ):
        themes.setdefault(service_id, []).append(slug)
    through = Service.municipalities.through.objects.filter(service_id__in=batch)
    for service_id, code in through.values_list("service_id", "municipality__code"):
        municipalities.setdefault(service_id, []).append(code)
    classifications = Service.classifications.through.objects.filter(
        service_id__in=batch, classification__kind="target_group"
    )
    for service_id, code in classifications.values_list("service_id", "classification__code"):
        targets.setdefault(service_id, []).append(code)
    out = {}
    for service_id in batch:
        entry = entries.get(service_id)
        if entry is None or not entry.is_public:
            out[service_id] = dict.fromkeys(ANALYZERS)
            continue
        common = {
            "service_id": service_id,
            "themes": sorted(set(themes.get(service_id, ()))),
            "municipalities": sorted(set(municipalities.get(service_id, ()))),
            "target_groups": sorted(set(targets.get(service_id, ()))),
            "age_min": entry.age_min,
            "age_max": entry.age_max,
            "is_free": entry.is_free,
            "provider_type": entry.provider_type,
            "languages": [code for code in SERVICE_LANGUAGES if getattr(entry, f"in_{code}")],
            "channels": [kind for kind in CHANNEL_TYPES if getattr(entry, f"has_{kind}")],
            "wheelchair": entry.wheelchair,
            "nationwide": entry.nationwide,
        }
        if entry.latitude is not None and entry.longitude is not None:
            common["location"] = {"lat": entry.latitude, "lon": entry.longitude}
        out[service_id] = {
            language: {
                **common,
                "name": getattr(entry, f"name_{language}"),
                "summary": getattr(entry, f"summary_{language}"),
                "description": getattr(entry, f"description_{language}"),
                "extra": getattr(entry, f"extra_{language}"),
                "sort": getattr(entry, f"sort_{language}"),
            }
            for language in ANALYZERS
        }
    return out


def bulk_actions(batch, indexes=None):
    """Bulk API actions for the services of ``batch``: index a public service's document in
    each language's index, delete the others. ``indexes`` maps language → index name (the
    aliases by default)."""
    indexes = indexes or {language: alias_name(language) for language in ANALYZERS}
    for service_id, by_language in documents(batch).items():
        for language, document in by_language.items():
            if document is None:
                yield {"_op_type": "delete", "_index": indexes[language], "_id": str(service_id)}
            else:
                yield {
                    "_op_type": "index",
                    "_index": indexes[language],
                    "_id": str(service_id),
                    "_source": document,
                }


# --- the query -------------------------------------------------------------------------------


def text_query(text, language, fuzzy=False):
    """Every word must match: as analysed (stemmed) words in any text, weighted name 4,
    summary 2, description and the rest 1, or as a prefix of a word (compounds). ``fuzzy``:
    the words within the edit distance of a name word's start instead (typo tolerance)."""
    terms = words(text)
    if not terms:
        return None
    if fuzzy:
        return Q(
            "match",
            **{"name.prefix": {"query": " ".join(terms), "fuzziness": "AUTO", "operator": "and"}},
        )
    fields = {"name": 4.0, "summary": 2.0, "description": 1.0, "extra": 1.0}
    musts = []
    for term in terms:
        options = [
            Q("multi_match", query=term, fields=[f"{f}^{w:g}" for f, w in fields.items()]),
        ]
        for candidate in candidates(term, language):
            options.extend(
                Q("prefix", **{field: {"value": candidate, "boost": weight / 2}})
                for field, weight in fields.items()
            )
        musts.append(Q("bool", should=options, minimum_should_match=1))
    return Q("bool", must=musts)


def filters(query):
    """The filter clauses of a query, as the database backend applies them."""
    clauses = []
    clauses.extend(Q("term", themes=slug) for slug in query.themes)
    clauses.extend(
        Q("bool", should=[Q("term", nationwide=True), Q("term", municipalities=code)])
        for code in query.municipalities
    )
    if query.age is not None:
        clauses.append(Q("range", age_min={"lte": query.age}))
        clauses.append(Q("range", age_max={"gte": query.age}))
    clauses.extend(Q("term", target_groups=code) for code in query.target_groups)
    clauses.extend(Q("term", languages=code) for code in query.service_languages)
    if query.free_only:
        clauses.append(Q("term", is_free=True))
    clauses.extend(Q("term", provider_type=kind) for kind in query.provider_types)
    clauses.extend(Q("term", channels=kind) for kind in query.channel_types)
    if "wheelchair" in query.accessibility:
        clauses.append(Q("term", wheelchair=True))
    if query.near is not None and query.sort == "distance":
        clauses.append(Q("exists", field="location"))
    return clauses


def _age_filter(age):
    return Q("bool", filter=[Q("range", age_min={"lte": age}), Q("range", age_max={"gte": age})])


def build_search(query, fuzzy=False):
    """The Search for a CatalogueQuery: hits of the page, total and facet aggregations."""
    search = Search(index=alias_name(query.language))
    matched = text_query(query.text, query.language, fuzzy=fuzzy)
    search = search.query(Q("bool", must=[matched] if matched else [], filter=filters(query)))
    if query.sort == "distance" and query.near is not None:
        search = search.sort(
            {
                "_geo_distance": {
                    "location": {"lat": query.near[0], "lon": query.near[1]},
                    "order": "asc",
                    "unit": "m",
                    "distance_type": "arc",
                }
            },
            "sort",
            "service_id",
        )
    elif query.sort == "name" or matched is None:
        search = search.sort("sort", "service_id")
    else:
        search = search.sort("_score", "sort", "service_id")
    search.aggs.bucket("themes", "terms", field="themes", size=100)
    local = search.aggs.bucket("local", "filter", Q("term", nationwide=False))
    local.bucket("municipalities", "terms", field="municipalities", size=1000)
    search.aggs.bucket("nationwide", "filter", Q("term", nationwide=True))
    search.aggs.bucket("age", "filters", filters={str(age): _age_filter(age) for age in FACET_AGES})
    search.aggs.bucket(
        "service_languages",
        "filters",
        filters={code: Q("term", languages=code) for code in SERVICE_LANGUAGES},
    )
    search.aggs.bucket("free_only", "filters", filters={"true": Q("term", is_free=True)})
    search.aggs.bucket("provider_types", "terms", field="provider_type", size=10)
    search.aggs.bucket(
        "channel_types",
        "filters",
        filters={kind: Q("term", channels=kind) for kind in CHANNEL_TYPES},
    )
    search.aggs.bucket(
        "accessibility", "filters", filters={"wheelchair": Q("term", wheelchair=True)}
    )
    start = (query.page - 1) * query.page_size
    search = search.extra(track_total_hits=True)[start : start + query.page_size]
    return search.source(["service_id", "location"])


def results_from(body, query, municipality_codes):
    """CatalogueResults from a search response body."""
    hits = []
    for raw in body["hits"]["hits"]:
        source = raw["_source"]
        distance = None
        location = source.get("location")
        if query.near is not None and location:
            distance = haversine_m(query.near[0], query.near[1], location["lat"], location["lon"])
        hits.append(
            Hit(
                service_id=int(source["service_id"]),
                score=float(raw.get("_score") or 0.0),
                distance_m=distance,
            )
        )
    aggs = body["aggregations"]

    def buckets(agg):
        return {b["key"]: b["doc_count"] for b in agg["buckets"] if b["doc_count"]}

    def named(agg):
        return {key: b["doc_count"] for key, b in agg["buckets"].items()}

    local = buckets(aggs["local"]["municipalities"])
    nationwide = aggs["nationwide"]["doc_count"]
    codes = set(local) | (set(municipality_codes) if nationwide else set())
    municipalities = {
        code: local.get(code, 0) + nationwide for code in codes if local.get(code, 0) + nationwide
    }
    facets = {
        "themes": buckets(aggs["themes"]),
        "municipalities": municipalities,
        "age": named(aggs["age"]),
        "service_languages": named(aggs["service_languages"]),
        "free_only": named(aggs["free_only"]),
        "provider_types": buckets(aggs["provider_types"]),
        "channel_types": named(aggs["channel_types"]),
        "accessibility": named(aggs["accessibility"]),
    }
    return CatalogueResults(hits=hits, total=body["hits"]["total"]["value"], facets=facets)


# --- the backend -----------------------------------------------------------------------------

_clients = {}


def client():
    url = settings.ELASTICSEARCH_URL
    if not url:
        raise SearchIndexError(
            "CATALOGUE_SEARCH_BACKEND is 'elasticsearch' but ELASTICSEARCH_URL is not set"
        )
    if url not in _clients:
        _clients[url] = Elasticsearch(
            url,
            request_timeout=settings.ELASTICSEARCH_TIMEOUT,
            max_retries=2,
            retry_on_timeout=True,
            headers={"User-Agent": USER_AGENT},
        )
    return _clients[url]


class ElasticsearchBackend:
    name = "elasticsearch"
    typo_tolerant = True

    def __init__(self, es=None):
        self.es = es or client()
        self._indexes_exist = False

    def search(self, query):
        try:
            body = self._run(build_search(query))
            if body["hits"]["total"]["value"] == 0 and words(query.text):
                # Like the database backend: a near spelling of a name only when the words
                # themselves find nothing, whatever the filters.
                words_only = CatalogueQuery(text=query.text, language=query.language)
                count = self.es.count(
                    index=alias_name(query.language),
                    body={"query": build_search(words_only).to_dict()["query"]},
                )
                if count["count"] == 0:
                    body = self._run(build_search(query, fuzzy=True))
        except (ApiError, TransportError) as error:
            raise SearchIndexError(f"search failed: {error}") from error
        # Nationwide services count in every municipality: the codes only when there are some.
        nationwide = body["aggregations"]["nationwide"]["doc_count"]
        codes = Municipality.objects.values_list("code", flat=True) if nationwide else []
        return results_from(body, query, list(codes))

    def _run(self, search):
        index = search._index[0]  # the alias build_search chose
        return self.es.search(index=index, body=search.to_dict()).body

    # --- writing ---------------------------------------------------------------------------

    def _create_index(self, language):
        name = new_index_name(language)
        self.es.indices.create(index=name, body=index_definition(name, language).to_dict())
        return name

    def ensure_indexes(self):
        """Create each language's first index and alias when they do not exist yet (asked
        once per backend object, not for every batch)."""
        if self._indexes_exist:
            return
        for language in ANALYZERS:
            alias = alias_name(language)
            if not self.es.indices.exists_alias(name=alias):
                self.es.indices.put_alias(index=self._create_index(language), name=alias)
        self._indexes_exist = True

    def index(self, batch):
        """Bulk-index (or delete) the services of ``batch`` through the aliases."""
        try:
            self.ensure_indexes()
            self._bulk(bulk_actions(batch))
        except (ApiError, TransportError) as error:
            raise SearchIndexError(f"indexing failed: {error}") from error

    def _bulk(self, actions):
        _ok, errors = helpers.bulk(
            self.es,
            actions,
            chunk_size=BULK_CHUNK,
            raise_on_error=False,
            refresh=settings.ELASTICSEARCH_REFRESH or False,
        )
        # Deleting a document that was never indexed (an inactive service) is not an error.
        real = [error for error in errors if error.get("delete", {}).get("status") != 404]
        if real:
            raise SearchIndexError(f"{len(real)} bulk actions failed, e.g. {real[0]}")

    def rebuild(self, ids, progress=None):
        """Zero-downtime rebuild: new indexes filled in the background of the live ones, then
        both aliases moved atomically; the old indexes are deleted."""
        try:
            created = {}
            for language in ANALYZERS:
                created[language] = self._create_index(language)
            for start in range(0, len(ids), BULK_CHUNK * 4):
                self._bulk(bulk_actions(ids[start : start + BULK_CHUNK * 4], created))
                if progress:
                    progress(min(start + BULK_CHUNK * 4, len(ids)), len(ids))
            for language, name in created.items():
                self.es.indices.refresh(index=name)
                alias = alias_name(language)
                try:
                    old = set(self.es.indices.get_alias(name=alias).body)
                except NotFoundError:
                    old = set()
                self.es.indices.update_aliases(actions=alias_actions(alias, name, old))
                for index in old:
                    self.es.indices.delete(index=index)
            return created
        except (ApiError, TransportError) as error:
            raise SearchIndexError(f"rebuild failed: {error}") from error
