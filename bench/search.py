"""Search benchmark on PostgreSQL: 50k services with Finnish and Swedish texts, four query
mixes, and for each mix

* p50/p95 end to end through the search page view (/fi/palvelut/: parsing, backend, facets,
  the rendered page) with the page cache off, the way a resident's first request, or any new
  filter combination, gets it;
* p50/p95 of the raw SQL full-text query for the same queries (the page of 20 hits, same
  tsquery and filters, one statement through psycopg, no ORM, no facets);
* p50/p95 of Wagtail's default search backend (the database backend, finnish configuration)
  over the same rows, for the mixes with words;
* p50/p95 of ``get_backend().search()`` as the page asks it (one result per group, facets).

Targets (issue 5): p95 end to end at most 1.5x the raw query; at least 5x faster than Wagtail's
default search.

Each mix is ``--queries`` distinct queries (words inflected as residents type them, in both
languages; filters and points varied), so that nothing is answered from a cache of an
earlier identical request.

Usage:  .venv/bin/python bench/search.py [--services 50000] [--queries 200] [--keep] [--no-wagtail]
Uses a throw-away database bench_search on the local PostgreSQL (127.0.0.1:5432, trust); --keep
reuses it when it already holds the services; --no-wagtail leaves out Wagtail's search (its
index takes minutes to build). Prints figures; asserts nothing.
"""

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from support import setup_django  # noqa: E402 - bench/ is on the path

DATABASE = "bench_search"

# Word pools: (Finnish, Swedish) pairs, weighted like a catalogue (common words first).
TOPICS = [
    ("liikunta", "motion"),
    ("liikuntaneuvonta", "motionsrådgivning"),
    ("ryhmä", "grupp"),
    ("neuvonta", "rådgivning"),
    ("vertaistuki", "kamratstöd"),
    ("ravitsemus", "näring"),
    ("kuntosali", "gym"),
    ("uinti", "simning"),
    ("mielenterveys", "psykisk hälsa"),
    ("keskusteluapu", "samtalsstöd"),
    ("päihdetyö", "missbruksarbete"),
    ("unikoulu", "sömnskola"),
    ("suunterveys", "munhälsa"),
    ("yksinäisyys", "ensamhet"),
    ("kohtaamispaikka", "mötesplats"),
    ("vapaaehtoistoiminta", "frivilligverksamhet"),
    ("perhekeskus", "familjecentral"),
    ("muisti", "minne"),
    ("painonhallinta", "viktkontroll"),
    ("tanssi", "dans"),
    ("jooga", "yoga"),
    ("kävely", "promenad"),
    ("ulkoilu", "friluftsliv"),
    ("kerho", "klubb"),
]
FILLER_FI = [
    "palvelu",
    "tarjoaa",
    "tukea",
    "arkeen",
    "ja",
    "hyvinvointiin",
    "kaikenikäisille",
    "asukkaille",
    "sekä",
    "ohjausta",
    "terveellisiin",
    "elintapoihin",
    "kunnan",
    "alueella",
    "ilman",
    "lähetettä",
    "maksutta",
]
FILLER_SV = [
    "tjänsten",
    "erbjuder",
    "stöd",
    "i",
    "vardagen",
    "och",
    "för",
    "välbefinnande",
    "åt",
    "invånare",
    "i",
    "alla",
    "åldrar",
    "samt",
    "handledning",
    "i",
    "hälsosamma",
    "levnadsvanor",
    "inom",
    "kommunen",
    "utan",
    "remiss",
    "avgiftsfritt",
]
THEMES = [
    "liikunta",
    "ravitsemus",
    "uni",
    "mieli",
    "paihteet",
    "osallisuus",
    "suu",
    "terveystaidot",
]


def fresh_database(keep):
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and keep:
            return False
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    return True


def text(rng, pool, filler, words):
    return " ".join(
        rng.choice(pool) if rng.random() < 0.35 else rng.choice(filler) for _ in range(words)
    )


def generate(count, rng):
    """Organisations per municipality, services with fi/sv texts, a place channel each (two in
    three), municipality, theme and target group links; then the search entries through the
    real indexing path."""
    from django.db import transaction

    from catalogue.models import (
        Classification,
        Municipality,
        OpeningHours,
        Organisation,
        Service,
        ServiceChannel,
        ServiceChannelLink,
        ServiceTheme,
        Theme,
    )
    from catalogue.reference import ensure_code_lists
    from catalogue.search.indexing import index_services
    from portal.demo import load_pages
    from ptv_sync.demo_catalogue import MUNICIPALITIES

    load_pages()
    ensure_code_lists(Municipality, Classification)
    municipalities = {m.code: m for m in Municipality.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    targets = {c.code: c for c in Classification.objects.filter(kind="target_group")}
    kinds = ["municipality", "ngo", "regional", "company"]
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                source="ptv",
                external_id=f"bench-org-{code}-{kind}",
                name_fi=f"{fi} {kind}",
                name_sv=f"{sv} {kind}",
                org_type=kind,
            )
            for code, fi, sv, *_rest in MUNICIPALITIES
            for kind in kinds
        ]
    )
    fi_words = [fi for fi, _sv in TOPICS]
    sv_words = [sv for _fi, sv in TOPICS]
    weights = [1 / (rank + 1) for rank in range(len(TOPICS))]
    started = time.perf_counter()
    for start in range(0, count, 2000):
        services, channels, links, places, theme_rows, target_rows = [], [], [], [], [], []
        for n in range(start, min(start + 2000, count)):
            code, fi, sv, _postal, _po_fi, _po_sv, lat, lon, _swedish = MUNICIPALITIES[
                n % len(MUNICIPALITIES)
            ]
            topic = rng.choices(range(len(TOPICS)), weights)[0]
            extra = rng.choice(["", "seniorit", "nuoret", "lapsiperheet"])
            extra_sv = {
                "": "",
                "seniorit": "seniorer",
                "nuoret": "unga",
                "lapsiperheet": "barnfamiljer",
            }[extra]
            services.append(
                Service(
                    source="ptv",
                    external_id=f"bench-service-{n}",
                    name_fi=f"{TOPICS[topic][0].capitalize()} {extra} – {fi}".replace("  ", " "),
                    name_sv=f"{TOPICS[topic][1].capitalize()} {extra_sv} – {sv}".replace("  ", " "),
                    summary_fi=text(rng, fi_words, FILLER_FI, 12),
                    summary_sv=text(rng, sv_words, FILLER_SV, 12),
                    description_fi=text(rng, fi_words, FILLER_FI, 60),
                    description_sv=text(rng, sv_words, FILLER_SV, 60),
                    charge_type="free" if n % 3 else "charged",
                    service_languages=["fi", "sv"] if n % 4 else ["fi"],
                    responsible_organisation=organisations[
                        (n % len(MUNICIPALITIES)) * len(kinds) + n % len(kinds)
                    ],
                )
            )
            if n % 3:
                channels.append(
                    ServiceChannel(
                        source="ptv",
                        external_id=f"bench-place-{n}",
                        channel_type="place",
                        name_fi=f"Toimipiste {n}",
                        name_sv=f"Verksamhetsställe {n}",
                        latitude=lat + rng.uniform(-0.05, 0.05),
                        longitude=lon + rng.uniform(-0.1, 0.1),
                    )
                )
        with transaction.atomic():
            services = Service.objects.bulk_create(services)
            channels = {c.external_id: c for c in ServiceChannel.objects.bulk_create(channels)}
            through = Service.municipalities.through
            targets_through = Service.classifications.through
            for n, service in enumerate(services, start):
                code = MUNICIPALITIES[n % len(MUNICIPALITIES)][0]
                places.append(
                    through(service_id=service.pk, municipality_id=municipalities[code].pk)
                )
                channel = channels.get(f"bench-place-{n}")
                if channel:
                    links.append(
                        ServiceChannelLink(
                            service=service, channel=channel, channel_ref=channel.external_id
                        )
                    )
                for slug in rng.sample(THEMES, rng.choice([1, 1, 2])):
                    theme_rows.append(
                        ServiceTheme(service=service, theme=themes[slug], origin="rule", score=2)
                    )
                group = rng.choice(["KR1", "KR1", "KR1.1", "KR1.2", "KR1.3"])
                target_rows.append(
                    targets_through(service_id=service.pk, classification_id=targets[group].pk)
                )
            through.objects.bulk_create(places)
            targets_through.objects.bulk_create(target_rows)
            ServiceChannelLink.objects.bulk_create(links)
            ServiceTheme.objects.bulk_create(theme_rows)
            # Opening hours (what "open now" and the open spans are computed from): weekdays
            # 8–16, every third place also Saturdays 10–14 and Tuesday evenings.
            hours = []
            for n, channel in enumerate(channels.values()):
                days = [(day, "08:00", "16:00") for day in range(5)]
                if n % 3 == 0:
                    days += [(5, "10:00", "14:00"), (1, "17:00", "20:00")]
                intervals = [
                    {"day_from": day, "day_to": day, "start": begin, "end": end}
                    for day, begin, end in days
                ]
                hours.append(OpeningHours(channel=channel, kind="regular", intervals=intervals))
            OpeningHours.objects.bulk_create(hours)
        index_services([service.pk for service in services])
        done = min(start + 2000, count)
        print(f"  generated and indexed {done}/{count} services", flush=True)
    return time.perf_counter() - started


FI_ENDINGS = ["", "a", "n", "lle", "ssa", "sta", "ksi", "an"]
SV_ENDINGS = ["", "en", "er", "et", "s"]
EXTRAS = [("fi", "seniorit"), ("fi", "nuoret"), ("fi", "lapsiperheet"), ("sv", "seniorer")]


def words_as_typed(language):
    """The topic words as residents type them: inflected (not always correctly)."""
    if language == "fi":
        return [fi + ending for fi, _sv in TOPICS for ending in FI_ENDINGS]
    return [sv + ending for _fi, sv in TOPICS for ending in SV_ENDINGS if " " not in sv]


def misspelt(rng, word):
    """One edit: a letter left out, doubled, or two swapped."""
    at = rng.randrange(1, len(word) - 1)
    edit = rng.choice(["drop", "double", "swap"])
    if edit == "drop":
        return word[:at] + word[at + 1 :]
    if edit == "double":
        return word[:at] + word[at] + word[at:]
    return word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :]


def nonsense(rng):
    return "".join(rng.choice("bdfgjkmpqvxz") + rng.choice("aeiouy") for _ in range(4))


def queries(rng, mix, count):
    """``count`` distinct (language, parameters) of a mix."""
    from ptv_sync.demo_catalogue import MUNICIPALITIES

    out, seen = [], set()
    while len(out) < count:
        language = rng.choice(["fi", "sv"])
        typed = words_as_typed(language)
        if mix == "single":
            params = {"q": rng.choice(typed)}
        elif mix in ("filters", "open"):
            other = rng.choice(typed + [e for lang, e in EXTRAS if lang == language])
            params = {"q": f"{rng.choice(typed)} {other}"}
            if mix == "open":
                params["open"] = "1"
            else:
                params["theme"] = rng.choice(THEMES)
                params["municipality"] = rng.choice(MUNICIPALITIES)[0]
                if rng.random() < 0.5:
                    params["free"] = "1"
        elif mix == "distance":
            _code, _fi, _sv, _postal, _po_fi, _po_sv, lat, lon, _ = rng.choice(MUNICIPALITIES)
            lat, lon = lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.1, 0.1)
            params = {"theme": rng.choice(THEMES), "near": f"{lat:.4f},{lon:.4f}"}
        elif mix == "zero":  # words no service has
            params = {"q": nonsense(rng)}
        elif mix == "typo":  # a topic word misspelt (corrected to the nearest indexed word)
            params = {"q": misspelt(rng, rng.choice(typed))}
        key = (language, tuple(sorted(params.items())))
        if key not in seen:
            seen.add(key)
            out.append((language, params))
    return out


def percentiles(samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]
    return statistics.median(samples) * 1000, p95 * 1000


def raw_sql(language, params):
    """One SQL statement returning the page of 20 hits for the same query: the same tsquery
    (the query's analysed words, catalogue.search.expansion, in every language's vector), the
    same filters; no coverage ranking, grouping or facets."""
    from catalogue.search.analysis import words
    from catalogue.search.database import tsquery
    from catalogue.search.expansion import query_groups
    from core.i18n import language_codes

    select, select_args = "", []
    where, where_args = ["e.is_public"], []
    order = f"e.sort_{language}"
    groups = query_groups(params.get("q", "")) if words(params.get("q", "")) else []
    if groups:
        every = {
            lang: " | ".join(tsquery(group.alternatives(lang)) for group in groups)
            for lang in language_codes()
        }
        select = f", ts_rank(e.vector_{language}, to_tsquery('simple', %s)) AS rank"
        select_args = [every[language]]
        where.append(
            "("
            + " OR ".join(f"e.vector_{lang} @@ to_tsquery('simple', %s)" for lang in every)
            + ")"
        )
        where_args.extend(every.values())
        order = "rank DESC"
    from catalogue.models import Municipality, Theme

    if "theme" in params:  # by id in the entry's own facet ids, as the backend does
        where.append("e.facet_ids @> ARRAY[%s]::integer[]")
        where_args.append(Theme.objects.get(slug=params["theme"]).pk)
    if "municipality" in params:  # municipality ids are negated there
        where.append("(e.nationwide OR e.facet_ids @> ARRAY[%s]::integer[])")
        where_args.append(-Municipality.objects.get(code=params["municipality"]).pk)
    if params.get("free"):
        where.append("e.is_free")
    if params.get("open"):  # open now, as catalogue.opening.open_at reads the spans
        where.append(
            "e.service_id IN (SELECT service_id FROM catalogue_serviceopenspan "
            "WHERE starts > now() - interval '25 hours' AND starts <= now() AND ends > now())"
        )
    if "near" in params:
        lat, lon = (float(x) for x in params["near"].split(","))
        where.append("e.latitude IS NOT NULL")
        select = (
            ", 2 * 6371008.8 * asin(sqrt(power(sin(radians(e.latitude - %s) / 2), 2) + "
            "cos(radians(%s)) * cos(radians(e.latitude)) * "
            "power(sin(radians(e.longitude - %s) / 2), 2))) AS distance"
        )
        select_args = [lat, lat, lon]
        order = "distance"
    sql = (
        f"SELECT e.service_id{select} FROM catalogue_servicesearchentry e "  # noqa: S608
        f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT 20"
    )
    return sql, select_args + where_args


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-wagtail", action="store_true")
    args = parser.parse_args()
    fresh = fresh_database(args.keep)
    # Every request is answered afresh: the page cache would answer repeated URLs from Redis.
    setup_django(
        f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        ALLOWED_HOSTS="127.0.0.1",
        CATALOGUE_PAGE_CACHE_SECONDS="0",
    )
    from django.db import connection
    from django.test import Client

    from catalogue.models import Service, ServiceSearchEntry

    rng = random.Random(20261125)
    if fresh or Service.objects.count() != args.services:
        print(f"generating {args.services} services on PostgreSQL …", flush=True)
        seconds = generate(args.services, rng)
        print(
            f"generated and indexed in {seconds:.0f} s ({args.services / seconds:.0f} services/s)"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"search entries: {ServiceSearchEntry.objects.filter(is_public=True).count()}")

    wagtail = None if args.no_wagtail else wagtail_backend()
    if wagtail is not None:
        print("indexing the same rows in Wagtail's default search backend …", flush=True)
        started = time.perf_counter()
        wagtail_index(wagtail)
        print(f"  Wagtail indexing took {time.perf_counter() - started:.0f} s")

    from urllib.parse import urlencode

    from django.http import QueryDict

    from catalogue.search import get_backend
    from catalogue.search.page import parse_request

    backend = get_backend()
    client = Client(HTTP_HOST="127.0.0.1")
    path = {"fi": "/fi/palvelut/", "sv": "/sv/tjanster/"}
    print()
    print(
        f"{'mix':<34} {'view p50':>9} {'view p95':>9} {'raw p50':>8} {'raw p95':>8} "
        f"{'wagtail p50':>11} {'wagtail p95':>11} {'p95 view/raw':>12} {'wagtail/view p95':>16} "
        f"{'backend p50':>11} {'backend p95':>11} {'backend/raw':>11}"
    )
    print(
        "(view: the search page, page cache off; backend: get_backend().search() as the page "
        "asks it; raw: one SQL statement, the page of 20 for the same tsquery and filters)"
    )
    for mix, label in (
        ("single", "1. single word"),
        ("filters", "2. two words + theme, municipality"),
        ("distance", "3. filter only, distance sort"),
        ("open", "4. two words + open now"),
        ("zero", "5. a word nothing has"),
        ("typo", "6. a misspelt word"),
    ):
        batch = queries(rng, mix, args.queries)
        for language, params in batch[:5]:  # warm caches
            client.get(path[language], params)
        view, raw, wag, back = [], [], [], []
        for language, params in batch:
            started = time.perf_counter()
            response = client.get(path[language], params)
            view.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
            # The backend's search as the page asks it (one result per group), never cached.
            query = replace(parse_request(QueryDict(urlencode(params)), language)[0], collapse=True)
            started = time.perf_counter()
            backend.search(query)
            back.append(time.perf_counter() - started)
            sql, sql_args = raw_sql(language, params)
            with connection.cursor() as cursor:
                started = time.perf_counter()
                cursor.execute(sql, sql_args)
                cursor.fetchall()
                raw.append(time.perf_counter() - started)
            if "q" in params and wagtail is not None:
                started = time.perf_counter()
                wagtail_search(wagtail, language, params["q"])
                wag.append(time.perf_counter() - started)
        v50, v95 = percentiles(view)
        r50, r95 = percentiles(raw)
        b50, b95 = percentiles(back)
        if wag:
            w50, w95 = percentiles(wag)
            wagtail_cols = f"{w50:>9.1f}ms {w95:>9.1f}ms"
            ratio = f"{w95 / v95:>15.1f}x"
        else:
            wagtail_cols = f"{'n/a':>11} {'n/a':>11}"
            ratio = f"{'n/a':>16}"
        print(
            f"{label:<34} {v50:>7.1f}ms {v95:>7.1f}ms {r50:>6.1f}ms {r95:>6.1f}ms "
            f"{wagtail_cols} {v95 / r95:>11.1f}x {ratio} {b50:>9.1f}ms {b95:>9.1f}ms "
            f"{b95 / r95:>10.1f}x"
        )


# --- Wagtail's default search over the same rows ---------------------------------------------


def wagtail_backend():
    from wagtail.search.backends import get_search_backend

    return get_search_backend(
        "default",
        BACKEND="wagtail.search.backends.database",
        SEARCH_CONFIG="finnish",
    )


_proxy = None


def wagtail_model():
    """The search entries as a model Wagtail's search indexes (a proxy: the same rows)."""
    global _proxy
    if _proxy is None:
        from django.db import models
        from modelsearch.abstract_models import TextIDGenericRelation
        from wagtail.search import index
        from wagtail.search.models import IndexEntry
        from wagtail.search.queryset import SearchableQuerySetMixin

        from catalogue.models import ServiceSearchEntry

        class EntryQuerySet(SearchableQuerySetMixin, models.QuerySet):
            pass

        class WagtailSearchEntry(index.Indexed, ServiceSearchEntry):
            objects = EntryQuerySet.as_manager()
            search_fields = [
                index.SearchField("name_fi", boost=4),
                index.SearchField("name_sv", boost=4),
                index.SearchField("summary_fi", boost=2),
                index.SearchField("summary_sv", boost=2),
                index.SearchField("description_fi"),
                index.SearchField("description_sv"),
                index.AutocompleteField("name_fi"),
                index.AutocompleteField("name_sv"),
                index.FilterField("is_public"),
            ]

            class Meta:
                proxy = True
                app_label = "catalogue"

        TextIDGenericRelation(IndexEntry).contribute_to_class(WagtailSearchEntry, "index_entries")
        _proxy = WagtailSearchEntry
    return _proxy


def wagtail_index(backend):
    model = wagtail_model()
    ids = list(model.objects.filter(is_public=True).values_list("pk", flat=True))
    for start in range(0, len(ids), 2000):
        backend.add_bulk(model, list(model.objects.filter(pk__in=ids[start : start + 2000])))


def wagtail_search(backend, language, words):
    """The first page and the total, as a search page needs them."""
    model = wagtail_model()
    results = backend.search(words, model.objects.filter(is_public=True), operator="and")
    list(results[:20])
    results.count()


if __name__ == "__main__":
    main()
