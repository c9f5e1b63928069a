"""The ``elasticsearch`` search backend (elasticsearch-dsl 8.18, imported from
``elasticsearch.dsl``).

- One index: each language's texts as the analysed terms of catalogue.search.analysis (the same
  terms the database backends index), split by a ``standard`` analyzer (defined by ``type``,
  which Elasticsearch and OpenSearch-compatible servers both accept). A query is the same
  groups of alternatives as the database backends match (catalogue.search.expansion): synonyms
  and typo tolerance included, so the backends agree by construction.
- Readers and writers use an alias (``<prefix>-services``); ``rebuild()`` fills a new index and
  moves the alias in one atomic step, so search never sees a half-built index.
- Documents come from the search entries in the database (catalogue.search.indexing keeps
  them current on every upsert) and are sent with the bulk API, batch by batch.
- Filters and facets mirror the database backend: facets are aggregations over the hits, so a
  facet's count is the number of hits after applying it. Collapsed results use ``collapse`` on
  the group key, the members of the page's groups a second query.
- Requests are sent as plain ``application/json``, which Elasticsearch 8 accepts too: the
  client's ``compatible-with=8`` media types are refused by OpenSearch-compatible servers.
"""

import logging
from dataclasses import replace
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from elastic_transport import Urllib3HttpNode
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
)

from core.i18n import language_codes

from ..models import Municipality, Service, ServiceSearchEntry, ServiceSearchTerms, ServiceTheme
from ..opening import open_at
from .analysis import words
from .database import (
    COVERAGE,
    FLAG_BITS,
    MEMBERS_MAX,
    OTHER_LANGUAGE,
    haversine_m,
    own_language_first,
    profile_flag,
)
from .expansion import query_groups
from .query import (
    ACCESSIBILITY,
    AUDIENCE_CODES,
    CHANNEL_TYPES,
    FACET_AGES,
    KINDS,
    PLACE_GROUPS,
    SERVICE_LANGUAGES,
    CatalogueResults,
    Hit,
)

log = logging.getLogger(__name__)

TEXT_FIELDS = {"name": 10.0, "summary": 4.0, "description": 2.0, "extra": 1.0}
USER_AGENT = "hyvinvointiopas/0.1 (catalogue search)"
BULK_CHUNK = 500
terms_analyzer = analyzer("catalogue_terms", type="standard", max_token_length=255)


class SearchIndexError(RuntimeError):
    """Elasticsearch could not be reached or refused a request."""


# --- the index -------------------------------------------------------------------------------


def alias_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-services"


def new_index_name(now=None):
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name()}-{stamp}"


def mapping():
    m = Mapping()
    m.meta("dynamic", "strict")
    for language in language_codes():
        for field in TEXT_FIELDS:
            m.field(f"{language}_{field}", Text(analyzer=terms_analyzer))
        m.field(f"sort_{language}", Keyword())
    m.field("service_id", Integer())
    m.field("group", Keyword())
    for field in (
        "themes",
        "municipalities",
        "target_groups",
        "languages",
        "channels",
        "accessibility",
        "audiences",
        "kind",
        "place_types",
    ):
        m.field(field, Keyword())
    m.field("provider_type", Keyword())
    m.field("age_min", Integer())
    m.field("age_max", Integer())
    for field in ("is_free", "wheelchair", "kaikukortti", "nationwide"):
        m.field(field, Boolean())
    m.field("location", GeoPoint())
    return m


def index_definition(name):
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=settings.ELASTICSEARCH_REPLICAS)
    index.mapping(mapping())
    return index


def alias_actions(alias, new_index, old_indexes):
    """The one atomic alias update of a rebuild: the alias leaves the old indexes and points
    at the new one in the same request."""
    actions = [{"remove": {"index": old, "alias": alias}} for old in sorted(old_indexes)]
    actions.append({"add": {"index": new_index, "alias": alias}})
    return actions


# --- documents -------------------------------------------------------------------------------


def documents(batch):
    """{service id: document or None} for the services of ``batch``; None when the service
    must not be found (inactive, hidden or gone)."""
    entries = {
        entry.service_id: entry for entry in ServiceSearchEntry.objects.filter(service_id__in=batch)
    }
    analysed = dict(
        ServiceSearchTerms.objects.filter(service_id__in=batch).values_list("service_id", "terms")
    )
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
            out[service_id] = None
            continue
        document = {
            "service_id": service_id,
            "group": entry.group_key or str(service_id),
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
            # The profiles and audiences as indexing found them (the entry's bits).
            "accessibility": [
                profile
                for profile in ACCESSIBILITY
                if (entry.facet_bits or 0) & FLAG_BITS[profile_flag(profile)]
            ],
            "audiences": [
                audience
                for audience in AUDIENCE_CODES
                if (entry.facet_bits or 0) & FLAG_BITS[f"for_{audience}"]
            ],
            "kind": next(
                (k for k in KINDS if (entry.facet_bits or 0) & FLAG_BITS[f"kind_{k}"]), "service"
            ),
            "place_types": [
                group
                for group in PLACE_GROUPS
                if (entry.facet_bits or 0) & FLAG_BITS[f"place_{group}"]
            ],
            "kaikukortti": entry.kaikukortti,
            "nationwide": entry.nationwide,
        }
        for language in language_codes():
            fields = (analysed.get(service_id) or {}).get(language, {})
            for field in TEXT_FIELDS:
                document[f"{language}_{field}"] = fields.get(field, "")
            document[f"sort_{language}"] = getattr(entry, f"sort_{language}")
        if entry.latitude is not None and entry.longitude is not None:
            document["location"] = {"lat": entry.latitude, "lon": entry.longitude}
        out[service_id] = document
    return out


def bulk_actions(batch, index=None):
    """Bulk API actions for the services of ``batch``: index a public service's document,
    delete the others. ``index``: the index name (the alias by default)."""
    index = index or alias_name()
    for service_id, document in documents(batch).items():
        if document is None:
            yield {"_op_type": "delete", "_index": index, "_id": str(service_id)}
        else:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": str(service_id),
                "_source": document,
            }


# --- the query -------------------------------------------------------------------------------


def _alternative(alternative, language):
    """A conjunction of terms in any of a language's text fields, weighted by field."""
    fields = [f"{language}_{field}^{weight:g}" for field, weight in TEXT_FIELDS.items()]
    if len(alternative) == 1:
        return Q("multi_match", query=alternative[0], fields=fields, type="most_fields")
    return Q(
        "bool",
        must=[
            Q("multi_match", query=term, fields=fields, type="most_fields") for term in alternative
        ],
    )


def group_query(group, language):
    """One word: any alternative in any language, the query's language weighted fully and
    the others at OTHER_LANGUAGE; COVERAGE for matching at all."""
    options = [_alternative(alt, language) for alt in group.alternatives(language)]
    options += [
        Q("bool", must=[_alternative(alt, other)], boost=OTHER_LANGUAGE)
        for other in group.languages()
        if other != language
        for alt in group.alternatives(other)
    ]
    matched = Q("bool", should=options, minimum_should_match=1)
    return Q(
        "bool",
        should=[Q("constant_score", filter=matched, boost=COVERAGE), matched],
        minimum_should_match=1,
    )


def text_query(groups, language):
    """At least one word must match; each matched word adds COVERAGE, so services with all
    the words come first."""
    if not groups:
        return None
    return Q(
        "bool", should=[group_query(group, language) for group in groups], minimum_should_match=1
    )


def filters(query, open_ids=()):
    """The filter clauses of a query, as the database backend applies them; ``open_ids``:
    the services open at the time of the search (read from the database)."""
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
    clauses.extend(Q("term", accessibility=profile) for profile in query.accessibility)
    clauses.extend(Q("term", audiences=audience) for audience in query.audiences)
    if len(query.kinds) == 1:
        clauses.append(Q("term", kind=query.kinds[0]))
    clauses.extend(Q("term", place_types=group) for group in query.place_types)
    if query.kaikukortti:
        clauses.append(Q("term", kaikukortti=True))
    if query.open_now:
        clauses.append(Q("terms", service_id=list(open_ids)))
    if query.near is not None and query.sort == "distance":
        clauses.append(Q("exists", field="location"))
    return clauses


def _age_filter(age):
    return Q("bool", filter=[Q("range", age_min={"lte": age}), Q("range", age_max={"gte": age})])


def build_search(query, groups=None, open_ids=()):
    """The Search for a CatalogueQuery: hits of the page, total and facet aggregations.
    ``groups``: the query's words as catalogue.search.expansion makes them; ``open_ids``: the
    services open now."""
    search = Search(index=alias_name())
    if groups is None:
        groups = query_groups(query.text) if words(query.text) else []
    matched = text_query(groups, query.language)
    search = search.query(
        Q("bool", must=[matched] if matched else [], filter=filters(query, open_ids))
    )
    sort_name = f"sort_{query.language}"
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
            sort_name,
            "service_id",
        )
    elif query.sort == "name" or matched is None:
        search = search.sort(sort_name, "service_id")
    else:
        search = search.sort("_score", sort_name, "service_id")
    if query.collapse:
        search = search.extra(collapse={"field": "group"})
        search.aggs.bucket("groups", "cardinality", field="group")
    facets = [
        search.aggs.bucket("themes", "terms", field="themes", size=100),
        search.aggs.bucket("local", "filter", Q("term", nationwide=False)).bucket(
            "municipalities", "terms", field="municipalities", size=1000
        ),
        search.aggs.bucket("nationwide", "filter", Q("term", nationwide=True)),
        search.aggs.bucket(
            "age", "filters", filters={str(age): _age_filter(age) for age in FACET_AGES}
        ),
        search.aggs.bucket(
            "service_languages",
            "filters",
            filters={code: Q("term", languages=code) for code in SERVICE_LANGUAGES},
        ),
        search.aggs.bucket("free_only", "filters", filters={"true": Q("term", is_free=True)}),
        search.aggs.bucket("provider_types", "terms", field="provider_type", size=10),
        search.aggs.bucket(
            "channel_types",
            "filters",
            filters={kind: Q("term", channels=kind) for kind in CHANNEL_TYPES},
        ),
        search.aggs.bucket(
            "accessibility",
            "filters",
            filters={profile: Q("term", accessibility=profile) for profile in ACCESSIBILITY},
        ),
        search.aggs.bucket(
            "audiences",
            "filters",
            filters={audience: Q("term", audiences=audience) for audience in AUDIENCE_CODES},
        ),
        search.aggs.bucket(
            "kinds", "filters", filters={kind: Q("term", kind=kind) for kind in KINDS}
        ),
        search.aggs.bucket(
            "place_types",
            "filters",
            filters={group: Q("term", place_types=group) for group in PLACE_GROUPS},
        ),
        search.aggs.bucket("kaikukortti", "filters", filters={"true": Q("term", kaikukortti=True)}),
        search.aggs.bucket(
            "open_now", "filters", filters={"true": Q("terms", service_id=list(open_ids))}
        ),
    ]
    if query.collapse:  # every facet value counts results (groups), not services
        for facet in facets:
            facet.metric("groups", "cardinality", field="group")
    start = (query.page - 1) * query.page_size
    search = search.extra(track_total_hits=True)[start : start + query.page_size]
    return search.source(["service_id", "location", "group"])


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

    def count(bucket):  # collapsed: the results (groups) of the bucket
        return bucket["groups"]["value"] if "groups" in bucket else bucket["doc_count"]

    def buckets(agg):
        return {b["key"]: count(b) for b in agg["buckets"] if b["doc_count"]}

    def named(agg):
        return {key: count(b) for key, b in agg["buckets"].items()}

    local = buckets(aggs["local"]["municipalities"])
    nationwide = count(aggs["nationwide"])
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
        "audiences": named(aggs["audiences"]),
        "kinds": named(aggs["kinds"]),
        "place_types": named(aggs["place_types"]),
        "kaikukortti": named(aggs["kaikukortti"]),
        "open_now": named(aggs["open_now"]),
    }
    total = body["hits"]["total"]["value"]
    if query.collapse:
        total = aggs["groups"]["value"]
    return CatalogueResults(hits=hits, total=total, facets=facets)


# --- the backend -----------------------------------------------------------------------------

_clients = {}
MEMBERS_FETCHED = 2000  # the members of a page's groups, at most


class PlainJsonNode(Urllib3HttpNode):
    """Sends ``application/json`` instead of the client's ``compatible-with=8`` media types:
    Elasticsearch 8 accepts both, OpenSearch-compatible servers only the plain one."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = headers[name].replace("vnd.elasticsearch+", "").split(";")[0]
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


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
            node_class=PlainJsonNode,
        )
    return _clients[url]


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, es=None):
        self.es = es or client()
        self._indexes_exist = False

    def search(self, query):
        groups = query_groups(query.text) if words(query.text) else []
        # Open now: read from the database's open spans, once for the filter and its count.
        open_ids = sorted(set(open_at(timezone.now())))
        try:
            body = self._run(build_search(query, groups, open_ids))
            if query.collapse and body["hits"]["hits"]:
                members = self._members(query, groups, body, open_ids)
        except (ApiError, TransportError) as error:
            raise SearchIndexError(f"search failed: {error}") from error
        # Nationwide services count in every municipality: the codes only when there are some.
        nationwide = body["aggregations"]["nationwide"]["doc_count"]
        codes = Municipality.objects.values_list("code", flat=True) if nationwide else []
        results = results_from(body, query, list(codes))
        if query.collapse:
            for hit, raw in zip(results.hits, body["hits"]["hits"], strict=True):
                hit.members = [
                    pk
                    for pk in members.get(raw["_source"].get("group"), [])
                    if pk != hit.service_id
                ][:MEMBERS_MAX]
        results.groups = groups
        return own_language_first(results, query)

    def _members(self, query, groups, body, open_ids):
        """{group: [service id]} of the page's groups among the hits, in result order."""
        keys = sorted({raw["_source"].get("group") for raw in body["hits"]["hits"]})
        search = build_search(replace(query, collapse=False, page=1), groups, open_ids)
        search = search.filter("terms", group=keys).source(["service_id", "group"])
        body = search.to_dict()
        body.pop("aggs", None)
        body.update(size=MEMBERS_FETCHED, **{"from": 0}, track_total_hits=False)
        found = {}
        for raw in self.es.search(index=alias_name(), body=body).body["hits"]["hits"]:
            found.setdefault(raw["_source"]["group"], []).append(int(raw["_source"]["service_id"]))
        return found

    def _run(self, search):
        return self.es.search(index=alias_name(), body=search.to_dict()).body

    # --- writing ---------------------------------------------------------------------------

    def _create_index(self):
        name = new_index_name()
        self.es.indices.create(index=name, body=index_definition(name).to_dict())
        return name

    def ensure_indexes(self):
        """Create the first index and its alias when they do not exist yet (asked once per
        backend object, not for every batch)."""
        if self._indexes_exist:
            return
        if not self.es.indices.exists_alias(name=alias_name()):
            self.es.indices.put_alias(index=self._create_index(), name=alias_name())
        self._indexes_exist = True

    def index(self, batch):
        """Bulk-index (or delete) the services of ``batch`` through the alias."""
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
        """Zero-downtime rebuild: a new index filled beside the live one, then the alias moved
        atomically; the old indexes are deleted. Returns the new index's name."""
        try:
            created = self._create_index()
            for start in range(0, len(ids), BULK_CHUNK * 4):
                self._bulk(bulk_actions(ids[start : start + BULK_CHUNK * 4], created))
                if progress:
                    progress(min(start + BULK_CHUNK * 4, len(ids)), len(ids))
            self.es.indices.refresh(index=created)
            alias = alias_name()
            try:
                old = set(self.es.indices.get_alias(name=alias).body)
            except NotFoundError:
                old = set()
            self.es.indices.update_aliases(actions=alias_actions(alias, created, old))
            for index in old:
                self.es.indices.delete(index=index)
            self._indexes_exist = True
            return created
        except (ApiError, TransportError) as error:
            raise SearchIndexError(f"rebuild failed: {error}") from error
