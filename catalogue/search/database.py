"""The ``database`` search backend: PostgreSQL full text (finnish/swedish configurations,
weighted tsvectors with GIN indexes, prefix queries, pg_trgm typo tolerance) or SQLite FTS5
(prefix queries over unicode61 tokens: no stemming beyond catalogue.search.terms, no typo
tolerance).

The work stays in the database. On PostgreSQL a search is one statement: the hits are matched
and ranked once in a materialised CTE, and the page, the total and every facet are read from
it. On SQLite it is a few ORM queries: the total and the yes/no facets (conditional counts in
one pass), the page, and the theme and municipality facets (GROUP BY over the hits). Filters are
EXISTS subqueries, so no row is counted twice."""

import math
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Count, Exists, F, FloatField, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from ..models import Municipality, Service, ServiceSearchEntry, ServiceTheme, Theme
from .query import (
    CHANNEL_TYPES,
    FACET_AGES,
    PROVIDER_TYPES,
    SERVICE_LANGUAGES,
    CatalogueResults,
    Hit,
)
from .terms import candidates, words

# The yes/no facets, each once as an ORM condition (the SQLite path) and once as SQL over the
# materialised hits (the PostgreSQL statement), side by side.
FLAGS = {
    "nationwide": (Q(nationwide=True), "nationwide"),
    "free": (Q(is_free=True), "is_free"),
    "wheelchair": (Q(wheelchair=True), "wheelchair"),
    **{f"in_{code}": (Q(**{f"in_{code}": True}), f"in_{code}") for code in SERVICE_LANGUAGES},
    **{f"has_{kind}": (Q(**{f"has_{kind}": True}), f"has_{kind}") for kind in CHANNEL_TYPES},
    **{
        f"provider_{kind}": (Q(provider_type=kind), f"provider_type = '{kind}'")
        for kind in PROVIDER_TYPES
    },
    **{
        f"age_{age}": (
            Q(age_min__lte=age, age_max__gte=age),
            f"age_min <= {age} AND age_max >= {age}",
        )
        for age in FACET_AGES
    },
}
# The columns that SQL reads.
FLAG_COLUMNS = [
    "nationwide",
    "is_free",
    "wheelchair",
    *(f"in_{code}" for code in SERVICE_LANGUAGES),
    *(f"has_{kind}" for kind in CHANNEL_TYPES),
    "provider_type",
    "age_min",
    "age_max",
]
EARTH_RADIUS_M = 6_371_008.8
TYPO_SIMILARITY = 0.5
CONFIGS = {"fi": "finnish", "sv": "swedish"}


def haversine_m(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def distance_expression(lat, lon):
    """The haversine distance in metres from (lat, lon) to an entry's point, in SQL."""
    half_lat = Sin((Radians(F("latitude")) - Value(math.radians(lat))) / 2)
    half_lon = Sin((Radians(F("longitude")) - Value(math.radians(lon))) / 2)
    a = Power(half_lat, 2) + Value(math.cos(math.radians(lat))) * Cos(
        Radians(F("latitude"))
    ) * Power(half_lon, 2)
    return Value(2 * EARTH_RADIUS_M) * ASin(Sqrt(a))


def ordering(query):
    """The order of the hits as field names ("-" descending): by distance, by name (also
    without words), or by relevance."""
    sort_name = f"sort_{query.language}"
    if query.sort == "distance":
        return ("distance", sort_name, "service_id")
    if query.sort == "name" or not words(query.text):
        return (sort_name, "service_id")
    return ("-score", sort_name, "service_id")


class DatabaseBackend:
    name = "database"

    @property
    def typo_tolerant(self):
        return connection.vendor == "postgresql"

    # --- filters -------------------------------------------------------------------------

    def filtered(self, query):
        """Public entries matching every filter of the query (no words)."""
        entries = ServiceSearchEntry.objects.filter(is_public=True)
        service = OuterRef("service_id")
        # Themes and municipalities by id: each filter is then one probe of a unique index
        # per candidate row (a join to the code table per row would cost far more).
        theme_ids = dict(Theme.objects.filter(slug__in=query.themes).values_list("slug", "pk"))
        for slug in query.themes:
            entries = entries.filter(
                Exists(
                    ServiceTheme.objects.filter(service_id=service, theme_id=theme_ids.get(slug))
                )
            )
        municipality_ids = dict(
            Municipality.objects.filter(code__in=query.municipalities).values_list("code", "pk")
        )
        through = Service.municipalities.through.objects
        for code in query.municipalities:
            entries = entries.filter(
                Q(nationwide=True)
                | Exists(
                    through.filter(service_id=service, municipality_id=municipality_ids.get(code))
                )
            )
        if query.age is not None:
            entries = entries.filter(age_min__lte=query.age, age_max__gte=query.age)
        classified = Service.classifications.through.objects
        for code in query.target_groups:
            entries = entries.filter(
                Exists(
                    classified.filter(
                        service_id=service,
                        classification__kind="target_group",
                        classification__code=code,
                    )
                )
            )
        for language in query.service_languages:
            entries = entries.filter(**{f"in_{language}": True})
        if query.free_only:
            entries = entries.filter(is_free=True)
        for kind in query.provider_types:
            entries = entries.filter(provider_type=kind)
        for channel in query.channel_types:
            entries = entries.filter(**{f"has_{channel}": True})
        if "wheelchair" in query.accessibility:
            entries = entries.filter(wheelchair=True)
        if query.near is not None and query.sort == "distance":
            entries = entries.filter(latitude__isnull=False)
        return entries

    # --- words ---------------------------------------------------------------------------

    def matching(self, entries, query, fuzzy=False):
        """``entries`` narrowed to the words, with a ``score``; on SQLite also the scores by
        service (FTS5's bm25 cannot be computed outside its own query)."""
        terms = words(query.text)
        language = query.language
        if connection.vendor == "postgresql":
            if fuzzy:  # a near spelling of a name ("liikunata")
                similarity = TrigramWordSimilarity(Value(" ".join(terms)), f"name_{language}")
                return (
                    entries.annotate(score=similarity).filter(score__gte=TYPO_SIMILARITY),
                    None,
                )
            tsquery = reduce(
                and_,
                (
                    reduce(
                        or_,
                        (
                            SearchQuery(f"{c}:*", search_type="raw", config=CONFIGS[language])
                            for c in candidates(term, language)
                        ),
                    )
                    for term in terms
                ),
            )
            vector = f"vector_{language}"
            return (
                entries.filter(**{vector: tsquery}).annotate(score=SearchRank(F(vector), tsquery)),
                None,
            )
        match = " AND ".join(
            "(" + " OR ".join(f'"{c}"*' for c in candidates(term, language)) + ")" for term in terms
        )
        fts = "FROM catalogue_service_fts WHERE catalogue_service_fts MATCH %s AND language = %s"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT service_id, -bm25(catalogue_service_fts, 10.0, 4.0, 2.0, 1.0) {fts}",
                [match, language],
            )
            scores = {int(service_id): score for service_id, score in cursor.fetchall()}
        ids = RawSQL(f"SELECT service_id {fts}", [match, language])  # noqa: S611 - values bound
        return entries.filter(service_id__in=ids).annotate(score=Value(0.0)), scores

    def words_match(self, query):
        """Whether the words find any public service, filters aside."""
        everything = ServiceSearchEntry.objects.filter(is_public=True)
        return self.matching(everything, query)[0].exists()

    # --- the search ----------------------------------------------------------------------

    def search(self, query):
        entries = self.filtered(query)
        has_words = bool(words(query.text))
        run = self._postgres if connection.vendor == "postgresql" else self._orm
        if has_words:
            results = run(query, *self.matching(entries, query))
            if not results.total and self.typo_tolerant and not self.words_match(query):
                # Typo tolerance only when the words themselves find nothing, whatever the
                # filters: a near spelling of a name stands in, without diluting results that
                # do match (and a filter never turns exact results into fuzzy ones).
                results = run(query, *self.matching(entries, query, fuzzy=True))
            return results
        return run(query, entries.annotate(score=Value(0.0, output_field=FloatField())), None)

    def _orm(self, query, hits, scores):
        """A few ORM queries: the yes/no counts, the page, theme and municipality counts."""
        counts = self.counts(hits)
        if counts["total"]:
            ids = hits.order_by().values("service_id")
            themes = dict(
                ServiceTheme.objects.filter(service_id__in=ids)
                .values_list("theme__slug")
                .annotate(count=Count("service_id"))
            )
            local = dict(
                Service.municipalities.through.objects.filter(
                    service_id__in=hits.order_by().filter(nationwide=False).values("service_id")
                )
                .values_list("municipality__code")
                .annotate(count=Count("service_id"))
            )
        else:
            themes, local = {}, {}
        return CatalogueResults(
            hits=self.page(hits, query, scores, counts["total"]),
            total=counts["total"],
            facets=self.facets(counts, themes, local),
        )

    def _postgres(self, query, hits, _scores):
        """One statement: the hits are matched and ranked once (a materialised CTE); the
        page, the counts and the facets are read from them."""
        fields = ordering(query)
        columns = ["service_id", "score", "latitude", "longitude", *FLAG_COLUMNS]
        columns += [name for name in (f.lstrip("-") for f in fields) if name not in columns]
        if "distance" in fields:
            hits = hits.annotate(distance=distance_expression(*query.near))
        hits_sql, hits_params = hits.order_by().values(*columns).query.sql_with_params()
        order = ", ".join(f"{f[1:]} DESC" if f.startswith("-") else f for f in fields)
        aggregates = ", ".join(
            ["count(*) AS total"]
            + [f"count(*) FILTER (WHERE {sql}) AS {name}" for name, (_q, sql) in FLAGS.items()]
        )
        pairs = ", ".join(f"('{name}', c.{name})" for name in ["total", *FLAGS])
        sql = (
            f"WITH hits AS MATERIALIZED ({hits_sql}) "  # noqa: S608 - our own SQL and names
            f"(SELECT 'page', service_id::text, score, latitude, longitude FROM hits "
            f"ORDER BY {order} LIMIT %s OFFSET %s) "
            f"UNION ALL SELECT 'count', v.name, v.n, NULL, NULL FROM "
            f"(SELECT {aggregates} FROM hits) c CROSS JOIN LATERAL (VALUES {pairs}) v(name, n) "
            f"UNION ALL SELECT 'theme', t.slug, count(*), NULL, NULL "
            f"FROM catalogue_servicetheme st JOIN catalogue_theme t ON t.id = st.theme_id "
            f"JOIN hits h ON h.service_id = st.service_id GROUP BY t.slug "
            f"UNION ALL SELECT 'municipality', m.code, count(*), NULL, NULL "
            f"FROM catalogue_service_municipalities sm "
            f"JOIN catalogue_municipality m ON m.id = sm.municipality_id "
            f"JOIN hits h ON h.service_id = sm.service_id AND NOT h.nationwide "
            f"GROUP BY m.code"
        )
        params = [*hits_params, query.page_size, (query.page - 1) * query.page_size]
        page, counts, themes, local = [], {}, {}, {}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for part, key, value, lat, lon in cursor.fetchall():
                if part == "page":
                    page.append(self._hit(int(key), value, lat, lon, query))
                elif part == "count":
                    counts[key] = int(value)
                elif part == "theme":
                    themes[key] = int(value)
                else:
                    local[key] = int(value)
        return CatalogueResults(
            hits=page, total=counts["total"], facets=self.facets(counts, themes, local)
        )

    def page(self, hits, query, scores, total):
        start = (query.page - 1) * query.page_size
        if start >= total:
            return []
        fields = ordering(query)
        columns = ("service_id", "score", "latitude", "longitude")
        if fields[0] == "-score" and scores is not None:  # SQLite: rank by the FTS5 scores
            rows = list(hits.values_list("service_id", fields[1]))
            rows.sort(key=lambda row: (-scores.get(row[0], 0.0), row[1], row[0]))
            ids = [row[0] for row in rows[start : start + query.page_size]]
            found = {row[0]: row for row in hits.filter(service_id__in=ids).values_list(*columns)}
            return [self._hit(pk, scores.get(pk, 0.0), *found[pk][2:], query) for pk in ids]
        if "distance" in fields:
            hits = hits.annotate(distance=distance_expression(*query.near))
        rows = hits.order_by(*fields).values_list(*columns)[start : start + query.page_size]
        return [self._hit(*row, query) for row in rows]

    @staticmethod
    def _hit(service_id, score, lat, lon, query):
        distance = None
        if query.near is not None and lat is not None:
            distance = haversine_m(query.near[0], query.near[1], lat, lon)
        return Hit(service_id=service_id, score=float(score or 0.0), distance_m=distance)

    # --- facets --------------------------------------------------------------------------

    def counts(self, hits):
        """The total and the yes/no facets in one pass over the hits."""
        flags = {"total": Count("service_id")}
        for name, (condition, _sql) in FLAGS.items():
            flags[name] = Count("service_id", filter=condition)
        return hits.order_by().aggregate(**flags)

    def facets(self, counts, themes, local):
        """The facets from the counts, the theme counts and the municipality counts of the
        services that are not nationwide (a nationwide one counts in every municipality)."""
        nationwide = counts["nationwide"]
        codes = set(local)
        if nationwide:
            codes |= set(Municipality.objects.values_list("code", flat=True))
        return {
            "themes": themes,
            "municipalities": {code: local.get(code, 0) + nationwide for code in codes},
            "age": {str(age): counts[f"age_{age}"] for age in FACET_AGES},
            "service_languages": {code: counts[f"in_{code}"] for code in SERVICE_LANGUAGES},
            "free_only": {"true": counts["free"]},
            "provider_types": {
                kind: counts[f"provider_{kind}"]
                for kind in PROVIDER_TYPES
                if counts[f"provider_{kind}"]
            },
            "channel_types": {kind: counts[f"has_{kind}"] for kind in CHANNEL_TYPES},
            "accessibility": {"wheelchair": counts["wheelchair"]},
        }
