"""Search benchmark on PostgreSQL: services with Finnish and Swedish texts (50k by default;
issue 28 asks for 50k and 100k), six query mixes, and for each mix the p50/p95 of

* the search page view (/fi/palvelut/: parsing, backend, facets, the rendered page) with the
  page cache off, the way a resident's first request, or any new filter combination, gets it;
* the JSON API search (/api/v1/services) with the same parameters, page cache off;
* ``get_backend().search()`` as the page asks it (one result per group, facets);
* the raw query: one SQL statement through psycopg, no ORM, with the same tsquery and filters,
  in two forms: the page of 20 hits only, and the page with the total and every facet count
  (what a search page has to show; the view and the API are compared with this one);
* Wagtail's default search backend (the database backend, finnish configuration) over the
  services' names, summaries and descriptions, given the same filters (as a subquery of the
  same rows), for the mixes with words: the page of 20 and the total;
* a naive ``icontains`` search over the same texts with the same filters: the page and the
  total (for the first ``--icontains`` queries of each mix: it scans every text).

The figures with the page cache on are not measured here: bench/load.py measures both.

Targets (issue 28): the view's and the API's p95 at most 1.5x the raw query's (page, total and
facets), for every mix; the view at least 5x faster than Wagtail's default search.

Each mix is ``--queries`` distinct queries (words inflected as residents type them, in both
languages; filters and points varied; words nothing has; misspelt words), and each repetition
draws them anew, so that nothing within a repetition is answered from a cache of an earlier
identical request (there are no result caches; the words' analyses are kept per process, as
on the site).
Every generated service has a name of its own (half of them shared by one service in each of
the 14 municipalities, as a region's services are), so that the rows are distinct at every
scale. Django runs with the production settings (Redis cache), as the site does.

Usage:  .venv/bin/python bench/search.py [--services 50000] [--queries 200] [--repeat 3]
        [--icontains 40] [--mixes single,filters,distance,open,zero,typo] [--keep]
        [--no-wagtail]
Uses a throw-away database bench_search_<services> on the local PostgreSQL (127.0.0.1:5432,
trust) and Redis database 13; --keep reuses the database when it already holds the services
(and Wagtail's index); --no-wagtail leaves out Wagtail's search (its index takes minutes to
build). Prints figures; asserts nothing.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from support import setup_django  # noqa: E402 - bench/ is on the path

DATABASE = "bench_search_{}"

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


def fresh_database(name, keep):
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and keep:
            return False
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return True


SYLLABLES = [c + v for c in "hklmnrstv" for v in "aeiou"]


def made_up_name(n):
    """A name of its own for each ``n`` ("Kotamela"-like, at least three syllables): no two
    generated services share one unless they are meant to."""
    n += len(SYLLABLES) ** 2
    parts = []
    while n:
        n, rest = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[rest])
    return "".join(parts).capitalize()


def own_name(n):
    """Service ``n``'s own name: shared by its block of 14 (one per municipality) every other
    block, else its alone."""
    block = n // MUNICIPALITIES_ORDER
    return made_up_name(block) if block % 2 == 0 else made_up_name(10**6 + n)


def naming(n, rng):
    """(topic index, extra words fi, sv, its own name, organisation kind index) of service
    ``n``: every other block of 14 consecutive services (one per municipality) is one
    service of one organisation kind offered in all 14 (one search result with its members);
    the others are services of their own."""
    block = n // MUNICIPALITIES_ORDER
    shared = block % 2 == 0
    chooser = random.Random(block) if shared else rng
    topic = chooser.choices(range(len(TOPICS)), TOPIC_WEIGHTS)[0]
    extra = chooser.choice(["", "seniorit", "nuoret", "lapsiperheet"])
    kind = (block // 2) % 4 if shared else n % 4
    return topic, extra, EXTRA_SV[extra], own_name(n), kind


EXTRA_SV = {"": "", "seniorit": "seniorer", "nuoret": "unga", "lapsiperheet": "barnfamiljer"}
TOPIC_WEIGHTS = [1 / (rank + 1) for rank in range(len(TOPICS))]
MUNICIPALITIES_ORDER = 14  # the reference region's municipalities (demo_catalogue.MUNICIPALITIES)


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
    assert len(MUNICIPALITIES) == MUNICIPALITIES_ORDER
    started = time.perf_counter()
    for start in range(0, count, 2000):
        services, channels, links, places, theme_rows, target_rows = [], [], [], [], [], []
        for n in range(start, min(start + 2000, count)):
            code, fi, sv, _postal, _po_fi, _po_sv, lat, lon, _swedish = MUNICIPALITIES[
                n % len(MUNICIPALITIES)
            ]
            topic, extra, extra_sv, own, kind = naming(n, rng)
            services.append(
                Service(
                    source="ptv",
                    external_id=f"bench-service-{n}",
                    name_fi=f"{TOPICS[topic][0].capitalize()} {extra} {own} – {fi}".replace(
                        "  ", " "
                    ),
                    name_sv=f"{TOPICS[topic][1].capitalize()} {extra_sv} {own} – {sv}".replace(
                        "  ", " "
                    ),
                    summary_fi=text(rng, fi_words, FILLER_FI, 12),
                    summary_sv=text(rng, sv_words, FILLER_SV, 12),
                    description_fi=text(rng, fi_words, FILLER_FI, 60),
                    description_sv=text(rng, sv_words, FILLER_SV, 60),
                    charge_type="free" if n % 3 else "charged",
                    service_languages=["fi", "sv"] if n % 4 else ["fi"],
                    responsible_organisation=organisations[
                        (n % len(MUNICIPALITIES)) * len(kinds) + kind
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


def queries(rng, mix, count, services):
    """``count`` distinct (language, parameters) of a mix. A single word is a topic word as
    typed, and every third one a service's own name (of ``services`` generated), so that each
    repetition asks the same mixture."""
    from ptv_sync.demo_catalogue import MUNICIPALITIES

    out, seen = [], set()
    while len(out) < count:
        language = rng.choice(["fi", "sv"])
        typed = words_as_typed(language)
        if mix == "single" and len(out) % 3 == 2:
            params = {"q": own_name(rng.randrange(services)).lower()}
        elif mix == "single":
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


OPEN_NOW = (
    "SELECT service_id FROM catalogue_serviceopenspan "
    "WHERE starts > now() - interval '25 hours' AND starts <= now() AND ends > now()"
)


def raw_parts(language, params):
    """The parts of the raw statement for a query: (the select's sort key, its parameters,
    the WHERE conditions, their parameters, the ORDER BY). The same tsquery as the backend's
    (the query's analysed words, catalogue.search.expansion, in every language's vector), the
    same filters; no coverage ranking and no grouping."""
    from catalogue.models import Municipality, Theme
    from catalogue.models.search import NATIONWIDE_FACET_ID
    from catalogue.search.analysis import words
    from catalogue.search.database import tsquery
    from catalogue.search.expansion import query_groups
    from core.i18n import language_codes

    key, key_args = f"e.sort_{language}", []
    where, where_args = ["e.is_public"], []
    order = "key"
    groups = query_groups(params.get("q", "")) if words(params.get("q", "")) else []
    if groups:
        every = {
            lang: " | ".join(tsquery(group.alternatives(lang)) for group in groups)
            for lang in language_codes()
        }
        key = f"ts_rank(e.vector_{language}, to_tsquery('simple', %s))"
        key_args = [every[language]]
        where.append(
            "("
            + " OR ".join(f"e.vector_{lang} @@ to_tsquery('simple', %s)" for lang in every)
            + ")"
        )
        where_args.extend(every.values())
        order = "key DESC"
    if "theme" in params:  # by id in the entry's own facet ids, as the backend does
        where.append("e.facet_ids @> ARRAY[%s]::integer[]")
        where_args.append(Theme.objects.get(slug=params["theme"]).pk)
    if "municipality" in params:  # municipality ids negated there, nationwide ones marked
        where.append("e.facet_ids && ARRAY[%s, %s]::integer[]")
        where_args += [
            -Municipality.objects.get(code=params["municipality"]).pk,
            NATIONWIDE_FACET_ID,
        ]
    if params.get("free"):
        where.append("e.is_free")
    if params.get("open"):  # open now, as catalogue.opening.open_at reads the spans
        where.append(f"e.service_id IN ({OPEN_NOW})")
    if "near" in params:
        lat, lon = (float(x) for x in params["near"].split(","))
        where.append("e.latitude IS NOT NULL")
        key = (
            "2 * 6371008.8 * asin(sqrt(power(sin(radians(e.latitude - %s) / 2), 2) + "
            "cos(radians(%s)) * cos(radians(e.latitude)) * "
            "power(sin(radians(e.longitude - %s) / 2), 2)))"
        )
        key_args = [lat, lat, lon]
        order = "key"
    return key, key_args, " AND ".join(where), where_args, order


def raw_sql(language, params):
    """One SQL statement returning the page of 20 hits for the same query."""
    key, key_args, where, where_args, order = raw_parts(language, params)
    sql = (
        f"SELECT e.service_id, {key} AS key FROM catalogue_servicesearchentry e "  # noqa: S608
        f"WHERE {where} ORDER BY {order}, e.sort_{language}, e.service_id LIMIT 20"
    )
    return sql, key_args + where_args


def raw_full_sql(language, params):
    """One SQL statement returning what a search page shows for the same query: the page of
    20 hits, the total, every yes/no facet's count ("open now" included) and the count of
    every theme and municipality, the hits matched once."""
    from catalogue.models.search import NATIONWIDE_FACET_ID
    from catalogue.search.database import FLAG_BITS

    key, key_args, where, where_args, order = raw_parts(language, params)
    names = ["total", *FLAG_BITS, "open_now"]
    counts = ", ".join(
        [
            "count(*)",
            *(f"count(*) FILTER (WHERE facet_bits & {bit} <> 0)" for bit in FLAG_BITS.values()),
            f"count(*) FILTER (WHERE service_id IN ({OPEN_NOW}))",
        ]
    )
    pairs = ", ".join(f"('{name}', c.n{index})" for index, name in enumerate(names))
    columns = ", ".join(f"n{index}" for index in range(len(names)))
    sql = (
        "WITH hits AS MATERIALIZED (SELECT e.service_id, e.facet_ids, e.facet_bits, "  # noqa: S608
        f"e.sort_{language} AS sort, {key} AS key FROM catalogue_servicesearchentry e "
        f"WHERE {where}) "
        "(SELECT 'page', service_id::text, NULL::bigint FROM hits "
        f"ORDER BY {order}, sort, service_id LIMIT 20) "
        f"UNION ALL SELECT 'count', v.name, v.n FROM (SELECT {counts} FROM hits) c({columns}) "
        f"CROSS JOIN LATERAL (VALUES {pairs}) v(name, n) "
        "UNION ALL SELECT 'facet', id::text, count(*) FROM hits, unnest(facet_ids) id "
        f"WHERE id <> {NATIONWIDE_FACET_ID} GROUP BY id"
    )
    return sql, key_args + where_args


def same_rows(params):
    """The ids of the public entries passing the query's filters, by the ORM (a subquery):
    what the baselines search within."""
    from django.db.models import Q

    from catalogue.models import Service, ServiceSearchEntry, ServiceTheme
    from catalogue.opening import open_at

    entries = ServiceSearchEntry.objects.filter(is_public=True)
    if "theme" in params:
        themed = ServiceTheme.objects.filter(theme__slug=params["theme"]).values("service_id")
        entries = entries.filter(service_id__in=themed)
    if "municipality" in params:
        local = Service.municipalities.through.objects.filter(
            municipality__code=params["municipality"]
        ).values("service_id")
        entries = entries.filter(Q(nationwide=True) | Q(service_id__in=local))
    if params.get("free"):
        entries = entries.filter(is_free=True)
    if params.get("open"):
        entries = entries.filter(service_id__in=open_at())
    return entries.values("service_id")


def icontains_search(language, params):
    """The naive search: every word somewhere in a name, summary or description (fi or sv),
    within the same filters; the page of 20 by name and the total."""
    from django.db.models import Q

    from catalogue.models import Service

    rows = Service.objects.filter(pk__in=same_rows(params))
    for word in params["q"].split():
        anywhere = Q()
        for field in ("name", "summary", "description"):
            for lang in ("fi", "sv"):
                anywhere |= Q(**{f"{field}_{lang}__icontains": word})
        rows = rows.filter(anywhere)
    list(rows.order_by(f"name_{language}", "pk").values_list("pk", flat=True)[:20])
    rows.count()


MIXES = (
    ("single", "1. single word"),
    ("filters", "2. two words + theme, municipality"),
    ("distance", "3. filter only, distance sort"),
    ("open", "4. two words + open now"),
    ("zero", "5. a word nothing has"),
    ("typo", "6. a misspelt word"),
)
MEASURES = ("view", "api", "backend", "raw", "raw+facets", "wagtail", "icontains")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--icontains", type=int, default=40, help="queries per mix the icontains baseline runs"
    )
    parser.add_argument("--mixes", default=",".join(mix for mix, _label in MIXES))
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-wagtail", action="store_true")
    args = parser.parse_args()
    database = DATABASE.format(args.services)
    fresh = fresh_database(database, args.keep)
    # Production settings (the Redis cache); every request is answered afresh: the page cache
    # would answer repeated URLs from Redis.
    static = Path(tempfile.gettempdir()) / "bench-search-static"
    setup_django(
        f"postgres://postgres@127.0.0.1:5432/{database}",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        REDIS_URL="redis://127.0.0.1:6379/13",
        CACHE_KEY_PREFIX="bench-search",
        STATIC_ROOT=str(static),
        LOG_LEVEL="WARNING",
        CATALOGUE_PAGE_CACHE_SECONDS="0",
    )
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from catalogue.models import Service, ServiceSearchEntry

    call_command("collectstatic", interactive=False, verbosity=0)
    rng = random.Random(20261125)
    if fresh or Service.objects.count() != args.services:
        print(f"generating {args.services} services on PostgreSQL …", flush=True)
        seconds = generate(args.services, rng)
        print(
            f"generated and indexed in {seconds:.0f} s ({args.services / seconds:.0f} services/s)"
        )
    public = ServiceSearchEntry.objects.filter(is_public=True).count()
    groups = ServiceSearchEntry.objects.filter(is_public=True).values("group_id").distinct()
    print(f"search entries: {public} public, in {groups.count()} results (groups)")

    wagtail = None if args.no_wagtail else wagtail_backend()
    if wagtail is not None:
        print("indexing the same services in Wagtail's default search backend …", flush=True)
        started = time.perf_counter()
        indexed = wagtail_index(wagtail, public)
        print(f"  {indexed} indexed in {time.perf_counter() - started:.0f} s")
    # Every table vacuumed and analysed after it is written, Wagtail's index too (autovacuum
    # analyses a table that many rows were written to): without statistics the planner
    # takes Wagtail's index for empty, and its search took 1,169 ms at p95 (single words,
    # 60 queries at 50k) where it takes 635 ms analysed.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    from urllib.parse import urlencode

    from django.http import QueryDict

    from catalogue.search import get_backend
    from catalogue.search.page import parse_request

    backend = get_backend()
    # The proxy in front terminates TLS and says so.
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    path = {"fi": "/fi/palvelut/", "sv": "/sv/tjanster/"}

    def measured(language, params, naive=True):
        """{measure: seconds} for one query (the icontains baseline only if ``naive``), the
        measures in a random order (none always first, with the caches cold for the query's
        words)."""
        query = replace(parse_request(QueryDict(urlencode(params)), language)[0], collapse=True)
        raw, raw_args = raw_sql(language, params)
        full, full_args = raw_full_sql(language, params)

        def view():
            response = client.get(path[language], params)
            assert response.status_code == 200, response.status_code

        def api():
            response = client.get("/api/v1/services", {**params, "lang": language})
            assert response.status_code == 200, (response.status_code, response.content[:300])

        def sql(statement, statement_args):
            with connection.cursor() as cursor:
                cursor.execute(statement, statement_args)
                cursor.fetchall()

        steps = {
            "view": view,
            "api": api,
            "backend": lambda: backend.search(query),
            "raw": lambda: sql(raw, raw_args),
            "raw+facets": lambda: sql(full, full_args),
        }
        if "q" in params and naive:
            steps["icontains"] = lambda: icontains_search(language, params)
        if "q" in params and wagtail is not None:
            steps["wagtail"] = lambda: wagtail_search(wagtail, params)
        order = list(steps)
        rng.shuffle(order)
        seconds = {}
        for name in order:
            started = time.perf_counter()
            steps[name]()
            seconds[name] = time.perf_counter() - started
        return seconds

    print(
        "\nview: the search page, page cache off; api: /api/v1/services; backend: "
        "get_backend().search() as the page asks it; raw: one SQL statement, the page of 20 "
        "for the same tsquery and filters; raw+facets: the page, the total and every facet "
        "in one statement; wagtail and icontains: the page and the total within the same "
        "filters. ms; ratios of p95."
    )
    p95s = {}
    mixes = [(mix, label) for mix, label in MIXES if mix in args.mixes.split(",")]
    for repetition in range(1, args.repeat + 1):
        print(f"\nrepetition {repetition} of {args.repeat}, {args.queries} queries per mix")
        print(
            f"{'mix':<35}"
            + "".join(f"{name + ' p50/p95':>22}" for name in MEASURES)
            + f"{'view/raw+f':>11}{'api/raw+f':>10}{'wagtail/view':>13}"
        )
        for mix, label in mixes:
            # Distinct within the repetition; the next one draws anew (a single word's
            # topic words are fewer than three repetitions' queries).
            batch = queries(rng, mix, args.queries + 5, args.services)
            for language, params in batch[:5]:  # warm the connection and the process
                measured(language, params)
            times = {name: [] for name in MEASURES}
            for index, (language, params) in enumerate(batch[5:]):
                for name, value in measured(language, params, index < args.icontains).items():
                    times[name].append(value)
            row = {name: percentiles(values) for name, values in times.items() if values}
            cells = "".join(
                f"{row[name][0]:>10.1f} /{row[name][1]:>8.1f}  " if name in row else f"{'n/a':>22}"
                for name in MEASURES
            )
            ratios = {
                "view/raw": row["view"][1] / row["raw+facets"][1],
                "api/raw": row["api"][1] / row["raw+facets"][1],
            }
            if "wagtail" in row:
                ratios["wagtail/view"] = row["wagtail"][1] / row["view"][1]
            for name, (_p50, p95) in row.items():
                p95s.setdefault((mix, name), []).append(p95)
            for name, ratio in ratios.items():
                p95s.setdefault((mix, name), []).append(ratio)
            print(
                f"{label:<35}{cells}{ratios['view/raw']:>10.2f}x{ratios['api/raw']:>9.2f}x"
                + (f"{ratios['wagtail/view']:>12.1f}x" if "wagtail/view" in ratios else "")
            )
    summary(p95s, args)


def summary(p95s, args):
    """Min and median over the repetitions of each p95 and each ratio, with the targets."""
    print(
        f"\n{args.services} services, {args.repeat} repetitions: p95 ms (min / median over "
        "the repetitions) and the ratios of p95 (min / median); targets: view and api at most "
        "1.5x raw+facets, wagtail at least 5x the view"
    )
    shown = ("view", "api", "raw+facets", "wagtail", "view/raw", "api/raw", "wagtail/view")
    print(f"{'mix':<35}" + "".join(f"{name:>17}" for name in shown) + "  targets met")
    for mix, label in MIXES:
        if (mix, "view") not in p95s:  # not asked (--mixes)
            continue
        cells, met = [], []
        for name in shown:
            values = p95s.get((mix, name))
            if not values:
                cells.append(f"{'n/a':>17}")
                continue
            low, middle = min(values), statistics.median(values)
            suffix = "x" if "/" in name else ""
            cells.append(f"{low:>8.2f}{suffix} /{middle:>6.2f}{suffix}")
            if name in ("view/raw", "api/raw"):
                met.append(f"{name} {'yes' if middle <= 1.5 else 'NO'}")
            elif name == "wagtail/view":
                met.append(f"{name} {'yes' if middle >= 5 else 'NO'}")
        print(f"{label:<35}" + "".join(cells) + "  " + ", ".join(met))


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
    """The services as a model Wagtail's search indexes (a proxy: the same rows), with their
    names, summaries and descriptions in both languages (the texts the catalogue's own index
    analyses) and the id to filter by."""
    global _proxy
    if _proxy is None:
        from django.db import models
        from modelsearch.abstract_models import TextIDGenericRelation
        from wagtail.search import index
        from wagtail.search.models import IndexEntry
        from wagtail.search.queryset import SearchableQuerySetMixin

        from catalogue.models import Service

        class ServiceQuerySet(SearchableQuerySetMixin, models.QuerySet):
            pass

        class WagtailService(index.Indexed, Service):
            objects = ServiceQuerySet.as_manager()
            search_fields = [
                index.SearchField("name_fi", boost=4),
                index.SearchField("name_sv", boost=4),
                index.SearchField("summary_fi", boost=2),
                index.SearchField("summary_sv", boost=2),
                index.SearchField("description_fi"),
                index.SearchField("description_sv"),
                index.AutocompleteField("name_fi"),
                index.AutocompleteField("name_sv"),
                index.FilterField("id"),
            ]

            class Meta:
                proxy = True
                app_label = "catalogue"

        TextIDGenericRelation(IndexEntry).contribute_to_class(WagtailService, "index_entries")
        _proxy = WagtailService
    return _proxy


def wagtail_index(backend, public):
    """Index the public services (not again when --keep finds them indexed); how many are."""
    from wagtail.search.models import IndexEntry

    model = wagtail_model()
    if IndexEntry.objects.count() == public:
        return public
    IndexEntry.objects.all().delete()
    ids = list(same_rows({}).values_list("service_id", flat=True))
    for start in range(0, len(ids), 2000):
        backend.add_bulk(model, list(model.objects.filter(pk__in=ids[start : start + 2000])))
    return IndexEntry.objects.count()


def wagtail_search(backend, params):
    """The first page and the total within the query's filters, as a search page needs them."""
    model = wagtail_model()
    within = model.objects.filter(pk__in=same_rows(params))
    results = backend.search(params["q"], within, operator="and")
    list(results[:20])
    results.count()


if __name__ == "__main__":
    main()
