"""The ``database`` search backend: PostgreSQL full text (finnish/swedish configurations,
weighted tsvectors with GIN indexes, prefix queries, pg_trgm typo tolerance) or SQLite FTS5
(prefix queries over unicode61 tokens: no stemming beyond catalogue.search.terms, no typo
tolerance). Filters and facets are plain SQL over ServiceSearchEntry on both."""

import math

from django.db import connection
from django.db.models import Count, Q

from ..models import Municipality, Service, ServiceSearchEntry, ServiceTheme
from .query import CatalogueResults, Hit
from .terms import candidates, words

EARTH_RADIUS_M = 6_371_008.8
TYPO_SIMILARITY = 0.5


def haversine_m(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


class DatabaseBackend:
    name = "database"

    # --- text ----------------------------------------------------------------------------

    def text_matches(self, query):
        """{service id: score} of the services matching the words, or None for no text."""
        terms = words(query.text)
        if not terms:
            return None
        if connection.vendor == "postgresql":
            return self._postgres(terms, query.language)
        if connection.vendor == "sqlite":
            return self._sqlite(terms, query.language)
        return self._plain(terms, query.language)

    def _postgres(self, terms, language):
        config = {"fi": "finnish", "sv": "swedish"}[language]
        parts, params = [], []
        for term in terms:
            options = " || ".join(f"to_tsquery('{config}', %s)" for _ in candidates(term, language))
            parts.append(f"({options})")
            params.extend(f"{candidate}:*" for candidate in candidates(term, language))
        tsquery = " && ".join(parts)
        text = " ".join(terms)
        exact = (
            f"SELECT service_id, ts_rank(vector_{language}, q) "  # noqa: S608
            f"FROM catalogue_servicesearchentry, (SELECT {tsquery} AS q) AS query "
            f"WHERE is_public AND vector_{language} @@ q"
        )
        # Typo tolerance only when the words themselves find nothing: a near spelling of a
        # name ("liikunata") then stands in, without diluting results that do match.
        fuzzy = (
            f"SELECT service_id, word_similarity(%s, name_{language}) "  # noqa: S608
            f"FROM catalogue_servicesearchentry "
            f"WHERE is_public AND word_similarity(%s, name_{language}) >= %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(exact, params)
            found = dict(cursor.fetchall())
            if not found:
                cursor.execute(fuzzy, [text, text, TYPO_SIMILARITY])
                found = dict(cursor.fetchall())
        return found

    def _sqlite(self, terms, language):
        match = " AND ".join(
            "(" + " OR ".join(f'"{c}"*' for c in candidates(term, language)) + ")" for term in terms
        )
        sql = (
            "SELECT service_id, -bm25(catalogue_service_fts, 10.0, 4.0, 2.0, 1.0) "
            "FROM catalogue_service_fts WHERE catalogue_service_fts MATCH %s AND language = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, language])
            return {int(service_id): score for service_id, score in cursor.fetchall()}

    def _plain(self, terms, language):
        entries = ServiceSearchEntry.objects.filter(is_public=True)
        for term in terms:
            word = candidates(term, language)[-1]
            entries = entries.filter(
                Q(**{f"name_{language}__icontains": word})
                | Q(**{f"summary_{language}__icontains": word})
                | Q(**{f"description_{language}__icontains": word})
            )
        return dict.fromkeys(entries.values_list("service_id", flat=True), 1.0)

    # --- filters -------------------------------------------------------------------------

    def filtered(self, query):
        """Public entries matching every filter of the query."""
        entries = ServiceSearchEntry.objects.filter(is_public=True)
        for slug in query.themes:
            entries = entries.filter(service__theme_links__theme__slug=slug)
        for code in query.municipalities:
            entries = entries.filter(Q(nationwide=True) | Q(service__municipalities__code=code))
        if query.age is not None:
            entries = entries.filter(age_min__lte=query.age, age_max__gte=query.age)
        for code in query.target_groups:
            entries = entries.filter(service__classifications__code=code)
        for language in query.service_languages:
            entries = entries.filter(**{f"in_{language}": True})
        if query.free_only:
            entries = entries.filter(is_free=True)
        if query.provider_types:
            entries = entries.filter(provider_type__in=query.provider_types)
        for channel in query.channel_types:
            entries = entries.filter(**{f"has_{channel}": True})
        if "wheelchair" in query.accessibility:
            entries = entries.filter(wheelchair=True)
        if query.near is not None and query.sort == "distance":
            entries = entries.filter(latitude__isnull=False)
        return entries.distinct()

    # --- the search ----------------------------------------------------------------------

    FACET_AGES = (8, 16, 40, 70)

    def search(self, query):
        scores = self.text_matches(query)
        entries = self.filtered(query)
        if scores is not None:
            entries = entries.filter(service_id__in=list(scores))
        rows = list(
            entries.values_list(
                "service_id",
                f"sort_{query.language}",
                "latitude",
                "longitude",
                "age_min",
                "age_max",
                "is_free",
                "provider_type",
                "in_fi",
                "in_sv",
                "in_en",
                "has_place",
                "has_phone",
                "has_online",
                "has_printable",
                "wheelchair",
                "nationwide",
            )
        )
        facets = self.facets(rows)
        hits = []
        for row in rows:
            service_id, sort_name, lat, lon = row[:4]
            distance = None
            if query.near is not None and lat is not None:
                distance = haversine_m(query.near[0], query.near[1], lat, lon)
            score = scores.get(service_id, 0.0) if scores is not None else 0.0
            hits.append((service_id, score, distance, sort_name))
        if query.sort == "distance":
            hits.sort(key=lambda h: (h[2] is None, h[2] or 0.0, h[3], h[0]))
        elif query.sort == "name" or scores is None:
            hits.sort(key=lambda h: (h[3], h[0]))
        else:
            hits.sort(key=lambda h: (-h[1], h[3], h[0]))
        start = (query.page - 1) * query.page_size
        page = hits[start : start + query.page_size]
        return CatalogueResults(
            hits=[Hit(service_id=h[0], score=h[1], distance_m=h[2], highlights={}) for h in page],
            total=len(hits),
            facets=facets,
        )

    def facets(self, rows):
        ids = [row[0] for row in rows]
        themes, municipalities = {}, {}
        nationwide = {row[0] for row in rows if row[16]}
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for slug, count in (
                ServiceTheme.objects.filter(service_id__in=chunk)
                .values_list("theme__slug")
                .annotate(count=Count("service_id", distinct=True))
            ):
                themes[slug] = themes.get(slug, 0) + count
            through = Service.municipalities.through.objects.filter(service_id__in=chunk)
            for code, service_id in through.values_list("municipality__code", "service_id"):
                municipalities.setdefault(code, set()).add(service_id)
        municipality_counts = {}
        if nationwide or municipalities:
            codes = set(municipalities)
            if nationwide:
                codes |= set(Municipality.objects.values_list("code", flat=True))
            for code in codes:
                count = len(municipalities.get(code, set()) | nationwide)
                if count:
                    municipality_counts[code] = count

        def count(index):
            return sum(1 for row in rows if row[index])

        return {
            "themes": themes,
            "municipalities": municipality_counts,
            "age": {
                str(age): sum(1 for row in rows if row[4] <= age <= row[5])
                for age in self.FACET_AGES
            },
            "service_languages": {"fi": count(8), "sv": count(9), "en": count(10)},
            "free_only": {"true": count(6)},
            "provider_types": {
                kind: n
                for kind in ("public", "municipal", "ngo", "private")
                if (n := sum(1 for row in rows if row[7] == kind))
            },
            "channel_types": {
                "place": count(11),
                "phone": count(12),
                "online": count(13),
                "printable": count(14),
            },
            "accessibility": {"wheelchair": count(15)},
        }
