"""Relevance benchmark: the project's own judged query set over the demo catalogue.

The judgements were made by reading the demo catalogue's texts (names, summaries, themes:
``ptv_sync/demo_catalogue.py``, ``ptv_sync/demo_lahella.py``, ``portal/demo/data/local_services.json``), never by
running the search. A judgement names services by the start of their Finnish or Swedish name
(every municipality's service of that name), or LIPAS places by their type (``place:3110``,
every swimming hall of ``ptv_sync/demo_lipas.py``), with a grade: 2 what was asked for, 1
also useful.

Prints, per backend: recall@20 (the services of the first 20 results, a result's other
municipalities included), nDCG@10 (a result's gain: its best grade), MRR, distinct kinds of
service in the first 10 (a kind: the name without its municipality), and p50/p95 latency of
the backend's search call; then the same by query category.

Usage:
  .venv/bin/python bench/relevance.py                   # SQLite (a throw-away file)
  .venv/bin/python bench/relevance.py --postgres        # a throw-away database on 127.0.0.1
  .venv/bin/python bench/relevance.py --elasticsearch   # also the osmem-server in-memory server
Asserts nothing.
"""

import argparse
import contextlib
import io
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MOVE = {
    "Liikuntaneuvonta": 2,
    "Senioriliikunta": 2,
    "Uinti ja vesiliikunta": 2,
    "Kävelyryhmä": 2,
    "Ulkoilureitit": 2,
    "Puistojumppa": 2,
    "Eläkeläisten kuntojumppa": 2,
    "Kävelykaveritoiminta": 2,
    "Perheiden luontoretki": 1,
    "Elintapaohjaus": 1,
    # Places to exercise on one's own (LIPAS): also useful.
    "place:4401": 1,
    "place:1130": 1,
    "place:3110": 1,
    "place:2210": 1,
    "place:4404": 1,
}
DENTAL = {"Hammashoito": 2, "Lasten ja nuorten suun terveys": 2, "Suun terveyden neuvonta": 1}
GAMBLING = {
    "Rahapelaamisen vertaistukiryhmä": 2,
    "Rahapelaajien vertaistukiryhmä": 2,
    "Päihdeneuvonta": 1,
}
WEIGHT = {"Painonhallintaryhmä": 2, "Ravitsemusterapeutin": 1, "Elintapaohjaus": 1}
DIET = {
    "Ravitsemusterapeutin": 2,
    "Elintapaohjaus": 2,
    "Perheiden ruokaneuvonta": 2,
    "Painonhallintaryhmä": 1,
    "Diabeteshoitajan": 1,
}
SLEEP = {"Uniryhmä": 2, "Unikoulu verkossa": 2, "Stressinhallinta": 1}
MEMORY = {"Muistineuvola": 2, "Muistikahvila": 2}
MIND = {"Mielenterveyden matalan": 2, "Nuorten keskusteluapu": 1, "Kriisiapu": 1}
YOUTH = {"Nuorten ilta": 2, "Nuorten keskusteluapu": 2, "Lasten ja nuorten suun terveys": 1}
PEER = {
    "Omaishoitajien vertaistukiryhmä": 2,
    "Rahapelaamisen vertaistukiryhmä": 2,
    "Rahapelaajien vertaistukiryhmä": 2,
    "Kamratstödsgrupp för anhöriga": 2,
    "Sururyhmä": 1,
}
LONELY = {"Kohtaamispaikka": 2, "Ryhdy vapaaehtoiseksi ystäväksi": 2}

# (category, query, language, home municipality or None, {name start: grade})
QUERIES = [
    ("fi", "liikunta", "fi", None, MOVE),
    ("inflected", "liikuntaa", "fi", None, MOVE),
    ("inflected", "liikunnan", "fi", None, MOVE),
    ("inflected", "yksinäisyyteen", "fi", None, LONELY),
    ("inflected", "nuoret", "fi", None, YOUTH),
    ("inflected", "nuorille", "fi", None, YOUTH),
    ("compound", "hammaslääkäri", "fi", None, DENTAL),
    ("inflected", "hammashoitoon", "fi", None, DENTAL),
    ("compound", "peliriippuvuus", "fi", None, GAMBLING),
    ("fi", "rahapelaaminen", "fi", None, GAMBLING),
    ("synonym", "laihdutus", "fi", None, WEIGHT),
    ("fi", "painonhallinta", "fi", None, WEIGHT),
    ("multi-word", "tupakoinnin lopettaminen", "fi", None, {"Tupakasta vieroitus": 2}),
    (
        "multi-word",
        "ikäihmisten liikunta",
        "fi",
        None,
        {
            "Senioriliikunta": 2,
            "Eläkeläisten kuntojumppa": 2,
            "Kävelyryhmä": 1,
            "Uinti ja vesiliikunta": 1,
            "Liikuntaneuvonta": 1,
        },
    ),
    ("synonym", "ruokavalio", "fi", None, DIET),
    ("synonym", "unettomuus", "fi", None, SLEEP),
    ("compound", "univaikeudet", "fi", None, SLEEP),
    ("fi", "muisti", "fi", None, MEMORY),
    ("compound", "muistisairaus", "fi", None, MEMORY),
    ("fi", "mielenterveys", "fi", None, MIND),
    ("synonym", "masennus", "fi", None, MIND),
    ("fi", "kriisi", "fi", None, {"Kriisiapu": 2}),
    ("fi", "omaishoitaja", "fi", None, {"Omaishoitajien vertaistukiryhmä": 2}),
    ("inflected", "omaishoitajille", "fi", None, {"Omaishoitajien vertaistukiryhmä": 2}),
    ("fi", "vertaistuki", "fi", None, PEER),
    (
        "fi",
        "päihteet",
        "fi",
        None,
        {"Päihdeneuvonta": 2, "Kamratstödsgrupp för anhöriga": 1, "Tupakasta vieroitus": 1},
    ),
    ("synonym", "alkoholi", "fi", None, {"Päihdeneuvonta": 2}),
    (
        "fi",
        "uinti",
        "fi",
        None,
        {"Uinti ja vesiliikunta": 2, "place:3110": 1, "place:3220": 1},
    ),
    ("synonym", "uimahalli", "fi", None, {"Uinti ja vesiliikunta": 2, "place:3110": 2}),
    (
        "fi",
        "kävely",
        "fi",
        None,
        {"Kävelyryhmä": 2, "Kävelykaveritoiminta": 2, "Ulkoilureitit": 1},
    ),
    ("inflected", "kävelyryhmään", "fi", None, {"Kävelyryhmä": 2, "Kävelykaveritoiminta": 1}),
    (
        "fi",
        "ulkoilu",
        "fi",
        None,
        {
            "Ulkoilureitit": 2,
            "Perheiden luontoretki": 2,
            "place:103": 2,
            "Kävelyryhmä": 1,
            "place:4404": 1,
        },
    ),
    (
        "compound",
        "luontopolku",
        "fi",
        None,
        {"Ulkoilureitit": 2, "place:4404": 2, "Perheiden luontoretki": 1},
    ),
    # Places (LIPAS): what a resident asks for by the kind of place.
    ("places", "laavu", "fi", None, {"place:301": 2, "place:206": 1, "Ulkoilureitit": 1}),
    ("places", "uimaranta", "fi", None, {"place:3220": 2}),
    ("places", "kuntorata", "fi", None, {"place:4401": 2, "place:4404": 1}),
    ("places", "ulkokuntosali", "fi", None, {"place:1130": 2}),
    ("places", "vindskydd", "sv", None, {"place:301": 2, "place:206": 1}),
    ("places", "badstrand", "sv", None, {"place:3220": 2}),
    ("places", "simhall", "sv", None, {"place:3110": 2, "Uinti ja vesiliikunta": 2}),
    ("fi", "kirjasto", "fi", None, {"Kirjaston palvelut": 2}),
    ("inflected", "kansalaisopistoon", "fi", None, {"Kansalaisopiston kurssit": 2}),
    ("fi", "diabetes", "fi", None, {"Diabeteshoitajan": 2, "Elintapaohjaus": 1}),
    ("fi", "terveystarkastus", "fi", None, {"Terveystarkastus eläkkeelle": 2}),
    (
        "inflected",
        "eläkeläisille",
        "fi",
        None,
        {
            "Terveystarkastus eläkkeelle": 2,
            "Eläkeläisten kuntojumppa": 2,
            "Senioriliikunta": 1,
            "Digiapua senioreille": 1,
            "Kokkikerho ikäihmisille": 1,
        },
    ),
    ("synonym", "digituki", "fi", None, {"Digiapua senioreille": 2}),
    ("fi", "suru", "fi", None, {"Sururyhmä": 2}),
    ("compound", "stressi", "fi", None, {"Stressinhallinta": 2}),
    ("fi", "kotihoito", "fi", None, {"Kotihoito": 2}),
    (
        "compound",
        "ruokakurssi",
        "fi",
        None,
        {"Marttojen arkiruokakurssi": 2, "Kokkikerho ikäihmisille": 2},
    ),
    ("cross-language", "kuoro", "fi", None, {"Sångkör": 2}),
    ("compound", "vapaaehtoistyö", "fi", None, {"Ryhdy vapaaehtoiseksi ystäväksi": 2}),
    (
        "multi-word",
        "lasten hammashoito",
        "fi",
        None,
        {"Lasten ja nuorten suun": 2, "Hammashoito": 1},
    ),
    (
        "multi-word",
        "vertaistuki omaishoitajille",
        "fi",
        None,
        {"Omaishoitajien vertaistukiryhmä": 2},
    ),
    ("typo", "liikunata", "fi", None, MOVE),
    ("typo", "hammashoitto", "fi", None, DENTAL),
    ("typo", "painonhalinta", "fi", None, {"Painonhallintaryhmä": 2}),
    ("typo", "kirjsato", "fi", None, {"Kirjaston palvelut": 2}),
    ("typo", "mielenterveis", "fi", None, MIND),
    ("typo", "tandvårt", "sv", None, DENTAL),
    ("sv", "motion", "sv", None, MOVE),
    ("synonym", "träning", "sv", None, MOVE),
    ("sv", "tandvård", "sv", None, DENTAL),
    ("synonym", "tandläkare", "sv", None, DENTAL),
    ("synonym", "viktminskning", "sv", None, WEIGHT),
    ("sv", "ensamhet", "sv", None, LONELY),
    ("compound", "sömnproblem", "sv", None, SLEEP),
    ("synonym", "spelberoende", "sv", None, GAMBLING),
    ("sv", "rökavvänjning", "sv", None, {"Tupakasta vieroitus": 2}),
    ("sv", "kör", "sv", None, {"Sångkör": 2}),
    ("inflected", "minnet", "sv", None, MEMORY),
    ("inflected", "ungdomar", "sv", None, YOUTH),
    ("sv", "sorg", "sv", None, {"Sururyhmä": 2}),
    ("cross-language", "liikunta", "sv", None, MOVE),
    ("cross-language", "motion", "fi", None, MOVE),
    ("cross-language", "hammashoito", "sv", None, DENTAL),
    ("cross-language", "tandvård", "fi", None, DENTAL),
    ("cross-language", "muistikahvila", "sv", None, {"Muistikahvila": 2}),
    ("cross-language", "kamratstöd", "fi", None, PEER),
    ("cross-language", "painonhallinta", "sv", None, WEIGHT),
    ("home", "liikunta", "fi", "905", MOVE),
    ("home", "ruokavalio", "fi", "598", DIET),
    ("home", "vertaistuki", "fi", "499", PEER),
    ("home", "motion", "sv", "545", MOVE),
    ("home", "nuoret", "fi", "905", YOUTH),
    # English on /en/: the demo catalogue has English texts for nine kinds of service (as PTV
    # has for many); the rest are reached only through the other languages' words.
    ("english", "dental care", "en", None, DENTAL),
    ("english", "swimming", "en", None, {"Uinti ja vesiliikunta": 2}),
    ("english", "exercise counselling", "en", None, {"Liikuntaneuvonta": 2, "Senioriliikunta": 1}),
    ("english", "stop smoking", "en", None, {"Tupakasta vieroitus": 2}),
    ("english", "mental health", "en", None, MIND),
    ("english", "sleep", "en", None, SLEEP),
    ("english", "peer support", "en", None, PEER),
]


def setup(postgres):
    import logging

    from support import fresh_database, setup_django

    url = fresh_database(postgres, "bench_relevance")
    # Quiet: migrate's and load_demo's own output is not the benchmark's.
    with contextlib.redirect_stdout(io.StringIO()):
        setup_django(url)
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)
        from django.core.management import call_command

        call_command("load_demo", verbosity=0)


def judged(query_spec, catalogue):
    """{service id: grade} of a query: the services whose name starts with a judged name, in
    the home municipality (or nationwide) when the query has one."""
    _category, _text, _language, home, grades = query_spec
    found = {}
    for pk, (name_fi, name_sv, places, nationwide, *place_type) in catalogue.items():
        if home and not (nationwide or home in places):
            continue
        for start, grade in grades.items():
            named = (name_fi or "").startswith(start) or (name_sv or "").startswith(start)
            if named or (place_type and start == f"place:{place_type[0]}"):
                found[pk] = max(grade, found.get(pk, 0))
    return found


def kind(name):
    return name.split(" – ")[0].split(" (")[0].strip()


def measure(backend, catalogue, groups):
    from catalogue.search import CatalogueQuery

    collapsing = "collapse" in CatalogueQuery.__dataclass_fields__
    rows, latencies = [], []
    for spec in QUERIES:
        category, text, language, home, _grades = spec
        relevant = judged(spec, catalogue)
        options = {"collapse": True} if collapsing else {}
        query = CatalogueQuery(
            text=text,
            language=language,
            municipalities=(home,) if home else (),
            page_size=50,
            **options,
        )
        started = time.perf_counter()
        results = backend.search(query)
        latencies.append(time.perf_counter() - started)
        every = [[hit.service_id, *getattr(hit, "members", [])] for hit in results.hits]
        shown = every[:20]
        retrieved = {pk for result in shown for pk in result}
        recall = len(retrieved & set(relevant)) / len(relevant) if relevant else 1.0
        gains = [max((relevant.get(pk, 0) for pk in result), default=0) for result in shown]
        dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:10]))
        if collapsing:  # the ideal page: one result per relevant group
            best = {}
            for pk, grade in relevant.items():
                key = groups.get(pk, pk)
                best[key] = max(grade, best.get(key, 0))
            ideal_gains = sorted(best.values(), reverse=True)
        else:
            ideal_gains = sorted(relevant.values(), reverse=True)
        ideal = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal_gains[:10]))
        ndcg = dcg / ideal if ideal else 1.0
        first = next((i for i, g in enumerate(gains) if g), None)
        mrr = 1 / (first + 1) if first is not None else 0.0
        names = [catalogue[result[0]][0] or catalogue[result[0]][1] for result in shown[:10]]
        kinds = len({kind(name) for name in names})
        # Kinds there are: among the first 50 results (the target: min(7, that)).
        available = len({kind(catalogue[r[0]][0] or catalogue[r[0]][1]) for r in every})
        rows.append((category, text, language, home, recall, ndcg, mrr, kinds, available))
    return rows, latencies


def report(label, rows, latencies):
    def mean(values):
        return sum(values) / len(values) if values else 0.0

    recall = mean([r[4] for r in rows])
    ndcg = mean([r[5] for r in rows])
    mrr = mean([r[6] for r in rows])
    kinds = mean([r[7] for r in rows])
    diverse = sum(1 for r in rows if r[7] >= min(7, r[8]))
    p50 = statistics.median(latencies) * 1000
    p95 = sorted(latencies)[max(0, math.ceil(0.95 * len(latencies)) - 1)] * 1000
    print(
        f"\n== {label}: {len(rows)} queries  recall@20 {recall:.3f}  nDCG@10 {ndcg:.3f}  "
        f"MRR {mrr:.3f}  kinds in top 10 {kinds:.1f} (queries with ≥ min(7, kinds in top 50): "
        f"{diverse}/{len(rows)})  latency p50 {p50:.1f} ms  p95 {p95:.1f} ms"
    )
    categories = sorted({r[0] for r in rows})
    print(f"   {'category':<15} {'n':>3} {'recall@20':>9} {'nDCG@10':>8} {'MRR':>6}")
    for category in categories:
        part = [r for r in rows if r[0] == category]
        print(
            f"   {category:<15} {len(part):>3} {mean([r[4] for r in part]):>9.3f} "
            f"{mean([r[5] for r in part]):>8.3f} {mean([r[6] for r in part]):>6.3f}"
        )
    misses = [r for r in rows if r[4] < 1.0 or r[5] < 0.8]
    if misses:
        print("   below recall 1 or nDCG 0.8:")
        for r in misses:
            home = f" home={r[3]}" if r[3] else ""
            print(f"     {r[1]!r} ({r[2]}{home}): recall {r[4]:.2f} nDCG {r[5]:.2f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--elasticsearch", action="store_true")
    args = parser.parse_args()
    setup(args.postgres)
    from django.conf import settings
    from django.db import connection

    from catalogue.models import Service, ServiceSearchEntry
    from catalogue.search import get_backend

    place_types = dict(
        Service.objects.filter(kind="place").values_list("pk", "channel_links__channel__place_type")
    )
    catalogue = {}
    for service in Service.objects.prefetch_related("municipalities"):
        catalogue[service.pk] = (
            service.name_fi,
            service.name_sv,
            {m.code for m in service.municipalities.all()},
            service.area_type in ("nationwide", "nationwide_except_aland"),
            *([place_types[service.pk]] if service.pk in place_types else []),
        )
    public = set(
        ServiceSearchEntry.objects.filter(is_public=True).values_list("service_id", flat=True)
    )
    catalogue = {pk: row for pk, row in catalogue.items() if pk in public}
    fields = {f.name for f in ServiceSearchEntry._meta.get_fields()}
    groups = (
        dict(ServiceSearchEntry.objects.values_list("service_id", "group_key"))
        if "group_key" in fields
        else {}
    )
    print(
        f"{len(QUERIES)} judged queries over {len(catalogue)} public services ({connection.vendor})"
    )
    rows, latencies = measure(get_backend("database"), catalogue, groups)
    report(f"database ({connection.vendor})", rows, latencies)
    if args.elasticsearch:
        from osmem_server import OsmemServer

        from catalogue.search.indexing import rebuild

        with OsmemServer.start(japanese=False) as server:
            settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
            settings.ELASTICSEARCH_URL = server.url
            settings.ELASTICSEARCH_REPLICAS = 0
            settings.ELASTICSEARCH_REFRESH = "wait_for"
            rebuild()
            rows, latencies = measure(get_backend("elasticsearch"), catalogue, groups)
            report("elasticsearch (osmem-server, in memory)", rows, latencies)


if __name__ == "__main__":
    main()
