"""The ``database`` search backend: PostgreSQL full text (weighted tsvectors, 'simple'
configuration, over the analysed terms of catalogue.search.analysis, GIN-indexed) or SQLite FTS5
(the same terms, ranked by bm25). Words, synonyms and respellings come from
catalogue.search.expansion, the same for every backend.

The work stays in the database. On PostgreSQL a search is one statement: the hits are matched
and ranked once into a narrow materialised CTE, and the page, the total and every facet are
read from it; themes and municipalities are filtered and counted from the entry's own
``facet_ids`` and the yes/no facets from its ``facet_bits``, with no join. On SQLite it is a
few ORM queries: the total and the yes/no facets (conditional counts in one pass), the page,
and the theme and municipality facets (GROUP BY over the hits), with themes and municipalities
filtered by EXISTS subqueries. No row is counted twice."""

import math

from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.lookups import Exact
from django.utils import timezone

from core.geo import EARTH_RADIUS_M
from core.geo import distance_m as haversine_m
from core.i18n import language_codes
from core.pagecache import per_generation

from ..models import Municipality, Service, ServiceSearchEntry, ServiceTheme, Theme
from ..models.search import NATIONWIDE_FACET_ID
from ..opening import open_at
from .analysis import words
from .expansion import could_match, query_groups
from .query import (
    ACCESSIBILITY,
    AUDIENCE_CODES,
    CHANNEL_TYPES,
    FACET_AGES,
    KINDS,
    PLACE_GROUPS,
    PROVIDER_TYPES,
    SERVICE_LANGUAGES,
    CatalogueResults,
    Hit,
)

# The yes/no facets, each as an ORM condition (the SQLite path) and as a test of an entry,
# which indexing stores as one bit of ServiceSearchEntry.facet_bits, in this order (the
# PostgreSQL statement counts the bits). Changing the list needs `search_index rebuild`.
FLAGS = {
    "nationwide": (Q(nationwide=True), lambda e: e.nationwide),
    "free": (Q(is_free=True), lambda e: e.is_free),
    "wheelchair": (Q(wheelchair=True), lambda e: e.wheelchair),
    **{
        f"in_{code}": (Q(**{f"in_{code}": True}), lambda e, code=code: getattr(e, f"in_{code}"))
        for code in SERVICE_LANGUAGES
    },
    **{
        f"has_{kind}": (Q(**{f"has_{kind}": True}), lambda e, kind=kind: getattr(e, f"has_{kind}"))
        for kind in CHANNEL_TYPES
    },
    **{
        f"provider_{kind}": (Q(provider_type=kind), lambda e, kind=kind: e.provider_type == kind)
        for kind in PROVIDER_TYPES
    },
    **{
        f"age_{age}": (
            Q(age_min__lte=age, age_max__gte=age),
            lambda e, age=age: e.age_min <= age <= e.age_max,
        )
        for age in FACET_AGES
    },
    # Added last so that the earlier flags keep their bits.
    "kaikukortti": (Q(kaikukortti=True), lambda e: e.kaikukortti),
}


def _bit_flag(name, test):
    """A flag kept only as its bit (no column of its own): the ORM tests the bit."""
    bit = 1 << len(FLAGS)
    FLAGS[name] = (Q(Exact(F("facet_bits").bitand(bit), bit)), test)


# Accessibility profiles besides the wheelchair (catalogue.accessibility) and audiences
# (catalogue.audiences): indexing sets ``profiles`` and ``audiences`` on the entry it builds.
for _profile in ACCESSIBILITY:
    if _profile != "wheelchair":
        _bit_flag(f"access_{_profile}", lambda e, p=_profile: p in getattr(e, "profiles", ()))
for _audience in AUDIENCE_CODES:
    _bit_flag(f"for_{_audience}", lambda e, a=_audience: a in getattr(e, "audiences", ()))
# What a result is, and a place's kind (indexing sets ``kind`` and ``place_groups``).
for _kind in KINDS:
    _bit_flag(f"kind_{_kind}", lambda e, k=_kind: getattr(e, "kind", "service") == k)
for _group in PLACE_GROUPS:
    _bit_flag(f"place_{_group}", lambda e, g=_group: g in getattr(e, "place_groups", ()))
FLAG_BITS = {name: 1 << index for index, name in enumerate(FLAGS)}
assert len(FLAGS) < 62, "facet_bits is a 64-bit integer, and OPEN_BIT is the last but one"
# "Open now" depends on the time of the search, not on the entry: the PostgreSQL statement
# sets this bit of each hit from the open spans as it reads them.
OPEN_BIT = 1 << 62
LIVE_BITS = {**FLAG_BITS, "open_now": OPEN_BIT}


def profile_flag(profile):
    """The flag of an accessibility profile."""
    return "wheelchair" if profile == "wheelchair" else f"access_{profile}"


def facet_bits(entry):
    """The bits of the yes/no facets that ``entry`` (a ServiceSearchEntry) has."""
    return sum(FLAG_BITS[name] for name, (_q, test) in FLAGS.items() if test(entry))


# Ranking: every word of the query that an entry matches adds COVERAGE, so entries matching
# all the words come first whatever their text rank; a match in the other language than the
# query's counts OTHER_LANGUAGE of one in the query's language.
COVERAGE = 1000.0
# The most other municipalities' services listed under one result.
MEMBERS_MAX = 30
RANK_SCALE = 100.0
OTHER_LANGUAGE = 0.8


def tsquery(alternatives):
    """PostgreSQL tsquery text ('simple' configuration) of a group's alternatives."""
    return (
        "("
        + " | ".join("(" + " & ".join(f"'{t}'" for t in alt) + ")" for alt in alternatives)
        + ")"
    )


def fts_match(alternatives):
    """SQLite FTS5 MATCH expression of a group's alternatives."""
    return " OR ".join("(" + " AND ".join(f'"{t}"' for t in alt) + ")" for alt in alternatives)


def distance_expression(lat, lon):
    """The haversine distance in metres from (lat, lon) to an entry's point, in SQL: one
    expression, not a tree of a dozen ORM functions (whose building and compiling took
    0.39 ms of CPU a search by distance, this 0.05)."""
    table = ServiceSearchEntry._meta.db_table
    return RawSQL(  # noqa: S611 - the numbers are bound
        f"%s * asin(sqrt(power(sin((radians({table}.latitude) - %s) / 2), 2) + "
        f"%s * cos(radians({table}.latitude)) * "
        f"power(sin((radians({table}.longitude) - %s) / 2), 2)))",
        [2 * EARTH_RADIUS_M, math.radians(lat), math.cos(math.radians(lat)), math.radians(lon)],
        FloatField(),
    )


def has_facet_id(pk):
    """PostgreSQL: the entry's facet ids hold ``pk`` (a theme's id, a municipality's id
    negated; None, unknown: never)."""
    return RawSQL(  # noqa: S611 - the id is bound
        "facet_ids @> ARRAY[%s]::integer[]", [pk if pk is not None else 0], BooleanField()
    )


def in_municipality(pk):
    """PostgreSQL: the entry is offered in the municipality ``pk`` (None, unknown: only the
    nationwide entries are): its facet ids hold the municipality's id negated, or
    NATIONWIDE_FACET_ID. One condition on the GIN index, so that with a theme's the index
    alone finds the entries having both, and only those are read (at 50,000 generated
    services, a theme and a municipality: 595 rows, not the theme's 8,432)."""
    return RawSQL(  # noqa: S611 - the ids are bound
        "facet_ids && ARRAY[%s, %s]::integer[]",
        [-pk if pk is not None else 0, NATIONWIDE_FACET_ID],
        BooleanField(),
    )


def own_language_first(results, query, named=None):
    """Collapsed results: a result stands for its group in the query's language where a member
    has a name in it (on /sv/, "Seniormotion – Vasa", not a Finnish-only member). ``named``:
    the ids of the page's results that have a name in it, when the search has read them."""
    if not query.collapse or not results.hits:
        return results
    field = f"service__name_{query.language}"
    if named is None:
        named = set(
            ServiceSearchEntry.objects.filter(service_id__in=[h.service_id for h in results.hits])
            .exclude(**{field: ""})
            .exclude(**{f"{field}__isnull": True})
            .values_list("service_id", flat=True)
        )
    lacking = [hit for hit in results.hits if hit.members and hit.service_id not in named]
    if not lacking:
        return results
    rows = {
        pk: (lat, lon)
        for pk, lat, lon in ServiceSearchEntry.objects.filter(
            service_id__in=[pk for hit in lacking for pk in hit.members]
        )
        .exclude(**{field: ""})
        .values_list("service_id", "latitude", "longitude")
    }
    for index, hit in enumerate(results.hits):
        if hit not in lacking:
            continue
        chosen = next((pk for pk in hit.members if pk in rows), None)
        if chosen is None:
            continue
        replacement = DatabaseBackend._hit(chosen, hit.score, *rows[chosen], query)
        replacement.members = [hit.service_id, *(pk for pk in hit.members if pk != chosen)]
        results.hits[index] = replacement
    return results


def ordering(query):
    """The order of the hits as field names ("-" descending): by distance, by name (also
    without words), or by relevance."""
    sort_name = f"sort_{query.language}"
    if query.sort == "distance":
        return ("distance", sort_name, "service_id")
    if query.sort == "name" or not words(query.text):
        return (sort_name, "service_id")
    return ("-score", sort_name, "service_id")


def ids_by(model, field):
    """{``field``: pk} of every row of ``model`` (the themes by slug, the municipalities by
    code), once per catalogue generation: a filter's words become ids without a statement."""
    return per_generation(
        f"ids-by-{model._meta.label}-{field}", lambda: dict(model.objects.values_list(field, "pk"))
    )


class DatabaseBackend:
    name = "database"

    # --- filters -------------------------------------------------------------------------

    def filtered(self, query, moment=None):
        """Public entries matching every filter of the query (no words); "open now" at
        ``moment``."""
        entries = ServiceSearchEntry.objects.filter(is_public=True)
        service = OuterRef("service_id")
        # Themes and municipalities by id. PostgreSQL: the entry's facet ids (GIN-indexed);
        # elsewhere one probe of a unique index of the link table per candidate row.
        theme_ids = ids_by(Theme, "slug")
        municipality_ids = ids_by(Municipality, "code")
        if connection.vendor == "postgresql":
            for slug in query.themes:
                entries = entries.filter(has_facet_id(theme_ids.get(slug)))
            for code in query.municipalities:
                entries = entries.filter(in_municipality(municipality_ids.get(code)))
        else:
            for slug in query.themes:
                entries = entries.filter(
                    Exists(
                        ServiceTheme.objects.filter(
                            service_id=service, theme_id=theme_ids.get(slug)
                        )
                    )
                )
            through = Service.municipalities.through.objects
            for code in query.municipalities:
                entries = entries.filter(
                    Q(nationwide=True)
                    | Exists(
                        through.filter(
                            service_id=service, municipality_id=municipality_ids.get(code)
                        )
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
        for profile in query.accessibility:
            entries = entries.filter(FLAGS[profile_flag(profile)][0])
        for audience in query.audiences:
            entries = entries.filter(FLAGS[f"for_{audience}"][0])
        if len(query.kinds) == 1:
            entries = entries.filter(FLAGS[f"kind_{query.kinds[0]}"][0])
        for group in query.place_types:  # a place is of one kind, as a service has one provider
            entries = entries.filter(FLAGS[f"place_{group}"][0])
        if query.kaikukortti:
            entries = entries.filter(kaikukortti=True)
        if query.open_now:
            entries = entries.filter(service_id__in=open_at(moment))
        if query.near is not None and query.sort == "distance":
            entries = entries.filter(latitude__isnull=False)
        return entries

    # --- words ---------------------------------------------------------------------------

    def matching(self, entries, query, groups):
        """``entries`` narrowed to those matching at least one group (word) in either
        language, with a ``score``: COVERAGE for every group matched (so entries with all the
        words come first), plus the text rank, a match in the query's language counting
        fully and one in the other language at OTHER_LANGUAGE. On SQLite also the scores by
        service (FTS5's bm25 cannot be computed outside its own query)."""
        language = query.language
        codes = language_codes()
        others = [code for code in codes if code != language]
        if connection.vendor == "postgresql":
            per_group = [
                {lang: tsquery(group.alternatives(lang)) for lang in codes} for group in groups
            ]
            every = {lang: " | ".join(q[lang] for q in per_group) for lang in codes}
            condition = (
                "("
                + " OR ".join(f"vector_{lang} @@ to_tsquery('simple', %s)" for lang in codes)
                + ")"
            )
            if len(per_group) > 1:
                covered = " + ".join(
                    f"(CASE WHEN {condition} THEN {COVERAGE} ELSE 0 END)" for _q in per_group
                )
                score_params = [q[lang] for q in per_group for lang in codes]
            else:  # one word: every hit covers it
                covered, score_params = f"{COVERAGE}", []
            # One text rank per hit (ranking costs as much as matching): its rank in the
            # query's language where it matches there, else OTHER_LANGUAGE of the best of the
            # others'.
            other_ranks = [f"ts_rank(vector_{lang}, to_tsquery('simple', %s))" for lang in others]
            other_rank = (
                other_ranks[0] if len(other_ranks) == 1 else f"GREATEST({', '.join(other_ranks)})"
            )
            score = (
                f"{covered} + CASE WHEN vector_{language} @@ to_tsquery('simple', %s) "
                f"THEN {RANK_SCALE} * ts_rank(vector_{language}, to_tsquery('simple', %s)) "
                f"ELSE {RANK_SCALE * OTHER_LANGUAGE} * {other_rank} END"
            )
            score_params += [every[language], every[language], *(every[lang] for lang in others)]
            matched = RawSQL(  # noqa: S611 - values bound
                condition, [every[lang] for lang in codes], output_field=BooleanField()
            )
            return (
                entries.filter(matched).annotate(
                    score=RawSQL(score, score_params, output_field=FloatField())  # noqa: S611
                ),
                None,
            )
        selects, params = [], []
        for index, group in enumerate(groups):
            for lang in codes:
                selects.append(
                    f"SELECT {index}, '{lang}', service_id, "  # noqa: S608
                    f"-bm25(catalogue_service_fts, 10.0, 4.0, 2.0, 1.0) "
                    "FROM catalogue_service_fts WHERE catalogue_service_fts MATCH %s "
                    "AND language = %s"
                )
                params += [fts_match(group.alternatives(lang)), lang]
        scores, covered = {}, {}
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            for index, lang, service_id, rank in cursor.fetchall():
                weight = 1.0 if lang == language else OTHER_LANGUAGE
                covered.setdefault(service_id, set()).add(index)
                scores[service_id] = scores.get(service_id, 0.0) + min(rank, 99.0) * weight
        scores = {pk: COVERAGE * len(covered[pk]) + value for pk, value in scores.items()}
        ids = RawSQL(  # noqa: S611 - values bound
            " UNION ".join(
                "SELECT service_id FROM catalogue_service_fts "
                "WHERE catalogue_service_fts MATCH %s AND language = %s"
                for _select in selects
            ),
            params,
        )
        return entries.filter(service_id__in=ids).annotate(score=Value(0.0)), scores

    # --- the search ----------------------------------------------------------------------

    def search(self, query):
        moment = timezone.now()  # one "now" for the filter and its count
        groups = query_groups(query.text) if words(query.text) else []
        if groups and connection.vendor == "postgresql" and not could_match(groups):
            # No word (nor a respelling of it) is in any indexed text: nothing to run. Not on
            # SQLite, whose FTS5 folds diacritics (there "ika" also matches "ikä").
            counts = dict.fromkeys(("total", *LIVE_BITS), 0)
            results = CatalogueResults(hits=[], total=0, facets=self.facets(counts, {}, {}))
        else:
            results = self.run(query, groups, moment)
        results.groups = groups
        return results

    def run(self, query, groups, moment):
        """The statement(s) of a search for ``groups`` (the query's words, expanded)."""
        entries = self.filtered(query, moment)
        if query.collapse:
            entries = entries.annotate(result_group=F("group_id"))
        run = self._postgres if connection.vendor == "postgresql" else self._orm
        if groups:
            return run(query, *self.matching(entries, query, groups), moment)
        return run(
            query, entries.annotate(score=Value(0.0, output_field=FloatField())), None, moment
        )

    def _orm(self, query, hits, scores, moment):
        """A few ORM queries: the yes/no counts, the page, theme and municipality counts."""
        counts = self.counts(hits, query.collapse, moment)
        if counts["total"]:
            ids = hits.order_by().values("service_id")
            # Collapsed: each facet value counts results (groups), not services.
            counted = Count(
                F("service__search__group_id") if query.collapse else F("service_id"),
                distinct=query.collapse,
            )
            themes = dict(
                ServiceTheme.objects.filter(service_id__in=ids)
                .values_list("theme__slug")
                .annotate(count=counted)
            )
            local = dict(
                Service.municipalities.through.objects.filter(
                    service_id__in=hits.order_by().filter(nationwide=False).values("service_id")
                )
                .values_list("municipality__code")
                .annotate(count=counted)
            )
        else:
            themes, local = {}, {}
        if query.collapse:
            page = self.collapsed_page(hits, query, scores, counts["total"])
        else:
            page = self.page(hits, query, scores, counts["total"])
        results = CatalogueResults(
            hits=page, total=counts["total"], facets=self.facets(counts, themes, local)
        )
        return own_language_first(results, query)

    def collapsed_page(self, hits, query, scores, total):
        """The page with one result per group, in Python (SQLite)."""
        if not total:
            return []
        sort_name = f"sort_{query.language}"
        rows = list(
            hits.values_list("service_id", "result_group", sort_name, "latitude", "longitude")
        )
        if query.sort == "distance":
            lat, lon = query.near

            def key(row):
                return (haversine_m(lat, lon, row[3], row[4]), row[2], row[0])

        elif query.sort == "name" or scores is None:

            def key(row):
                return (row[2], row[0])

        else:

            def key(row):
                return (-scores.get(row[0], 0.0), row[2], row[0])

        rows.sort(key=key)
        groups = {}
        for row in rows:
            groups.setdefault(row[1], []).append(row)
        firsts = list(dict.fromkeys(row[1] for row in rows))
        start = (query.page - 1) * query.page_size
        page = []
        for name in firsts[start : start + query.page_size]:
            first, *others = groups[name]
            hit = self._hit(first[0], (scores or {}).get(first[0], 0.0), *first[3:], query)
            hit.members = [row[0] for row in others[:MEMBERS_MAX]]
            page.append(hit)
        return page

    def _postgres(self, query, hits, _scores, moment):
        """One statement. The hits are matched and ranked once into a narrow materialised
        CTE (id, score, group, facet bits and ids); the page, the counts and the facets are
        read from it, with no join to the link tables. Collapsed: one hash aggregate forms
        the groups (each group's lead by the order and the bits any member has), the page
        holds the first hit of each of the page's groups (by the order, then by name, then
        by id, as on SQLite and Elasticsearch) and the others follow as members, and every
        count is of results (groups), not services."""
        fields = ordering(query)
        # The entry's bits with OPEN_BIT set where it is open now (the open services are
        # read once, as a hashed subplan).
        open_sql, open_params = open_at(moment).query.sql_with_params()
        hits = hits.annotate(
            live_bits=RawSQL(  # noqa: S611 - values bound
                f"catalogue_servicesearchentry.facet_bits | CASE WHEN "
                f"catalogue_servicesearchentry.service_id IN ({open_sql}) "
                f"THEN {OPEN_BIT} ELSE 0 END",
                open_params,
                output_field=BigIntegerField(),
            )
        )
        columns = ["service_id", "score", "live_bits", "facet_ids"]
        sort_name = f"sort_{query.language}"
        if query.collapse:
            columns.append("result_group")
            if fields[0] == sort_name:  # the groups' order is their first names
                columns.append(sort_name)
        else:  # the page is read from the hits themselves
            columns += ["latitude", "longitude"]
            columns += [name for name in (f.lstrip("-") for f in fields) if name not in columns]
        if "distance" in fields:
            hits = hits.annotate(distance=distance_expression(*query.near))
            if "distance" not in columns:
                columns.append("distance")
        hits_sql, hits_params = hits.order_by().values(*columns).query.sql_with_params()
        order = ", ".join(f"{f[1:]} DESC" if f.startswith("-") else f for f in fields)
        edge_params = []

        def counted(bits, rows):
            """The total and one count per yes/no facet, of ``rows`` by their ``bits``. The
            rows are first counted by their bits, of which a result has few distinct sets (64
            among the 50,000 generated services, 68 among the demo catalogue's 290), and each
            facet adds up the counts of the sets that have its bit: a test per set and facet,
            not per row and facet (at 50,000 hits, 12 of the 20 ms the counts took)."""
            tests = ", ".join(
                f"coalesce(sum(n) FILTER (WHERE b & {bit} <> 0), 0)::bigint AS {name}"
                for name, bit in LIVE_BITS.items()
            )
            return (
                f"SELECT coalesce(sum(n), 0)::bigint AS total, {tests} "  # noqa: S608 - ours
                f"FROM (SELECT {bits} AS b, count(*) AS n FROM {rows} GROUP BY 1) p"
            )

        if query.collapse:
            # A group's lead: the smallest of its members' first sort key (``fields[0]``, as
            # SQL: the score negated, so that the highest comes first, the distance or the
            # name), found by a hash aggregate. The groups come in the order of their leads,
            # then of their first members' names and ids. So only the groups whose lead
            # reaches the lead of the page's last group can be on the page: only their
            # members equal to the lead are read with their names (the group's first member
            # is the first of those by name, then by id), not every group's.
            key = fields[0]
            lead = f"min({key})"
            of_hit = f"-h.{key[1:]}" if key.startswith("-") else f"h.{key}"
            kept = ", h.distance" if "distance" in fields else ""
            # Whether a first member has a name in the query's language (own_language_first).
            name_column = connection.ops.quote_name(f"name_{query.language}")
            ctes = (
                # A group that has one hit keeps its facet ids (counted without DISTINCT).
                ", groups AS MATERIALIZED (SELECT result_group, "  # noqa: S608
                f"{lead} AS lead, bit_or(live_bits) AS bits, count(*) AS n, "
                "CASE WHEN count(*) = 1 THEN min(facet_ids) END AS own_ids "
                "FROM hits GROUP BY result_group), "
                "firsts AS MATERIALIZED (SELECT * FROM (SELECT DISTINCT ON (h.result_group) "
                f"h.service_id, h.result_group, h.score{kept}, e.latitude, e.longitude, "
                f"e.{sort_name}, coalesce(s.{name_column}, '') <> '' AS named "
                "FROM groups g JOIN hits h ON h.result_group = g.result_group "
                f"AND {of_hit} = g.lead "
                "JOIN catalogue_servicesearchentry e ON e.service_id = h.service_id "
                "JOIN catalogue_service s ON s.id = h.service_id "
                "WHERE g.lead <= ALL (SELECT lead FROM groups ORDER BY lead LIMIT 1 OFFSET %s) "
                f"ORDER BY h.result_group, e.{sort_name}, h.service_id) f "
                f"ORDER BY {order} LIMIT %s OFFSET %s), "
                # The members of the page's groups in the same order (their names read for
                # these few rows only).
                "members AS (SELECT service_id, result_group, row_number() OVER "
                f"(PARTITION BY result_group ORDER BY {order}) AS rn FROM (SELECT "
                f"h.service_id, h.result_group, h.score{kept}, (SELECT e.{sort_name} "
                "FROM catalogue_servicesearchentry e WHERE e.service_id = h.service_id) "
                f"AS {sort_name} FROM hits h "
                "WHERE h.result_group IN (SELECT result_group FROM firsts)) m) "
            )
            edge_params = [query.page * query.page_size - 1]
            page = (
                "(SELECT CASE WHEN named THEN 'page' ELSE 'page unnamed' END, "  # noqa: S608
                "service_id::text, score, latitude, longitude, result_group "
                f"FROM firsts ORDER BY {order}) "
                "UNION ALL (SELECT 'member', service_id::text, rn, NULL, NULL, result_group "
                f"FROM members WHERE rn > 1 AND rn <= {MEMBERS_MAX + 1} ORDER BY rn) "
            )
            counts_sql = counted("bits", "groups")
            facet_ids = (
                "SELECT unnest(own_ids) AS id FROM groups WHERE n = 1 UNION ALL "
                "SELECT id FROM (SELECT DISTINCT result_group, unnest(facet_ids) AS id "
                "FROM hits WHERE result_group IN "
                "(SELECT result_group FROM groups WHERE n > 1)) d"
            )
        else:
            ctes = " "
            page = (
                "(SELECT 'page', service_id::text, score, latitude, longitude, NULL FROM hits "  # noqa: S608
                f"ORDER BY {order} LIMIT %s OFFSET %s) "
            )
            counts_sql = counted("live_bits", "hits")
            facet_ids = "SELECT unnest(facet_ids) AS id FROM hits"
        pairs = ", ".join(f"('{name}', c.{name})" for name in ["total", *LIVE_BITS])
        # Theme ids are positive, municipality ids negated: one pass counts both (a
        # nationwide hit counts in every municipality by its bit, not by its mark).
        sql = (
            f"WITH hits AS MATERIALIZED ({hits_sql}){ctes}"  # noqa: S608 - our own SQL
            f"{page}"
            f"UNION ALL SELECT 'count', v.name, v.n, NULL, NULL, NULL FROM ({counts_sql}) c "
            f"CROSS JOIN LATERAL (VALUES {pairs}) v(name, n) "
            "UNION ALL SELECT CASE WHEN ids.id > 0 THEN 'theme' ELSE 'municipality' END, "
            "coalesce(t.slug, m.code), ids.n, NULL, NULL, NULL "
            f"FROM (SELECT id, count(*) AS n FROM ({facet_ids}) x "
            f"WHERE id <> {NATIONWIDE_FACET_ID} GROUP BY id) ids "
            "LEFT JOIN catalogue_theme t ON t.id = ids.id "
            "LEFT JOIN catalogue_municipality m ON m.id = -ids.id"
        )
        params = [*hits_params, *edge_params, query.page_size, (query.page - 1) * query.page_size]
        page, counts, themes, local, members, named = [], {}, {}, {}, {}, set()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for part, key, value, lat, lon, group in cursor.fetchall():
                if part in ("page", "page unnamed"):
                    hit = self._hit(int(key), value, lat, lon, query)
                    hit.group = group
                    page.append(hit)
                    if part == "page":
                        named.add(hit.service_id)
                elif part == "member":
                    members.setdefault(group, []).append(int(key))
                elif part == "count":
                    counts[key] = int(value)
                elif key is None:  # a theme or municipality deleted since indexing
                    continue
                elif part == "theme":
                    themes[key] = int(value)
                else:
                    local[key] = int(value)
        for hit in page:
            hit.members = members.get(hit.__dict__.pop("group", None), [])
        results = CatalogueResults(
            hits=page,
            total=counts["total"],
            facets=self.facets(counts, themes, local),
        )
        return own_language_first(results, query, named if query.collapse else None)

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

    def counts(self, hits, collapse=False, moment=None):
        """The total and the yes/no facets in one pass over the hits (collapsed: results,
        i.e. groups); "open now" at ``moment``."""
        counted, distinct = ("result_group", True) if collapse else ("service_id", False)
        flags = {"total": Count(counted, distinct=distinct)}
        for name, (condition, _test) in FLAGS.items():
            flags[name] = Count(counted, filter=condition, distinct=distinct)
        flags["open_now"] = Count(
            counted, filter=Q(service_id__in=open_at(moment)), distinct=distinct
        )
        return hits.order_by().aggregate(**flags)

    def facets(self, counts, themes, local):
        """The facets from the counts, the theme counts and the municipality counts of the
        services that are not nationwide (a nationwide one counts in every municipality)."""
        nationwide = counts["nationwide"]
        codes = set(local)
        if nationwide:
            codes |= set(ids_by(Municipality, "code"))
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
            "accessibility": {profile: counts[profile_flag(profile)] for profile in ACCESSIBILITY},
            "audiences": {audience: counts[f"for_{audience}"] for audience in AUDIENCE_CODES},
            "kinds": {kind: counts[f"kind_{kind}"] for kind in KINDS},
            "place_types": {group: counts[f"place_{group}"] for group in PLACE_GROUPS},
            "kaikukortti": {"true": counts["kaikukortti"]},
            "open_now": {"true": counts["open_now"]},
        }
