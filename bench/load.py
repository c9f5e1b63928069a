"""Load benchmark: requests per second and latency of each public page type under load, with
the page cache off (every request rendered afresh: a resident's first view, a new filter
combination, any page after an edit or a sync) and on.

Sets up a throw-away site on PostgreSQL the way production runs it (production settings,
DEBUG off, collectstatic with WhiteNoise's compressed, hashed storage, Redis as the shared
cache, persistent database connections), with the demo content and catalogue plus generated
PTV services (ptv_sync.synthetic, imported through the real sync, then VACUUM (ANALYZE) as
production's autovacuum would do), and serves it with gunicorn, 2 sync workers.

For each page type it writes thousands of varied addresses (every service's page in both
languages; searches over the catalogue's own words, zero-result words and misspellings,
with themes, municipalities and "free"; API searches the same; every page of the HSDS
lists) and

* drives gunicorn with wrk (Debian's package, ``make bench-tools``) and a Lua script that
  walks the addresses, each thread from its own offset: requests per second, p50, p95 and
  p99 latency, and non-200 answers, ``--repeat`` times (min and median reported);
* in a separate process with the same settings, requests a sample of the addresses through
  Django's test client and reports the SQL statements per request (mean and most), the
  time per request, the part of it spent waiting for the database, and the rest (Python);
  one pyinstrument pass per page type writes its profile to the work folder.

wrk and the database share the machine's cores with gunicorn, as a proxy and the database
would on a small server.

Targets (issue 28): page cache off, at least 150 req/s with p95 at most 100 ms for the home
page, a theme page, search with filters, a service page and API search; at least 50 req/s
for the HSDS nested list of 50.

Usage:  .venv/bin/python bench/load.py [--keep] [--seconds 10] [--repeat 3]
        [--connections 8] [--services 10000] [--only "service page,home"] [--no-cached]
        [--database-url postgres://postgres@127.0.0.1:5432/hyvinvointiopas_load]
Prints figures; asserts nothing. --keep reuses the database of an earlier run.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from support import fresh_database, wait_for

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "hyvinvointiopas-bench-load"
PORT = 8099
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/hyvinvointiopas_load"
ADDRESSES = 4000  # at most this many addresses per page type
SAMPLE = 60  # requests per page type in the statement count and profile pass

LUA = """
-- Walks the page type's addresses; each thread starts at its own offset.
local paths = {}
local position = 0
local count = 0
function setup(thread)
  count = count + 1
  thread:set("offset", count * 7919)
end
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  position = offset or 0
  wrk.headers["X-Forwarded-Proto"] = "https"
  wrk.headers["Accept-Encoding"] = "gzip"
  wrk.headers["User-Agent"] = "Mozilla/5.0 (bench)"
end
function request()
  position = position + 1
  return wrk.format("GET", paths[(position % #paths) + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, '
    .. '"non_200": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def environment(database_url, cache_seconds):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "CACHE_KEY_PREFIX": "bench-load",
        # The proxy in front terminates TLS; the requests say so (X-Forwarded-Proto).
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "CATALOGUE_PAGE_CACHE_SECONDS": str(cache_seconds),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
    }


def manage(env, *args):
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def child(env, function, *args):
    """Run ``function`` of this module in a child process with Django set up by ``env``."""
    subprocess.run(  # noqa: S603 - this script
        [sys.executable, __file__, "--child", function, *map(str, args)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def set_up(database_url, services, keep):
    env = environment(database_url, 600)
    if keep and (WORK / "static").exists():
        print("reusing", WORK, "and", database_url)
        return
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    started = time.monotonic()
    name = urlsplit(database_url).path.lstrip("/")
    fresh_database(True, name)
    print("migrating, loading the demo content and catalogue …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    print(f"generating and importing {services} services …", flush=True)
    child(env, "import_generated", services)
    print("VACUUM (ANALYZE) …", flush=True)
    child(env, "vacuum")
    print("collectstatic (compressed, hashed) …", flush=True)
    manage(env, "collectstatic", "--noinput")
    print(f"set up in {time.monotonic() - started:.0f} s", flush=True)


# --- in the child process -------------------------------------------------------------------


def import_generated(services):
    """Generate ``services`` PTV services in a drop folder and import them through the real
    sync pipeline."""
    from ptv_sync.runner import run_sync
    from ptv_sync.synthetic import generate

    folder = WORK / "generated"
    print(generate(folder, int(services)))
    print(run_sync("ptv", from_dir=folder).summary)


def vacuum():
    """What production's autovacuum does after an import: the sync updates rows it has just
    written (those it read before their organisation: here, every channel), and a server
    with autovacuum off (as the test machines' may be) would leave the tables with a dead
    copy of each, which every scan reads past."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def catalogue_words(rng):
    """Words residents would type, in both languages: words of the catalogue's service names
    (as they are written, and inflected as people type them), misspellings, and words that
    find nothing."""
    from catalogue.models import Service

    names = Service.objects.filter(is_active=True).values_list("name_fi", "name_sv")
    found = {"fi": set(), "sv": set()}
    for row in names[:5000]:
        for language, name in zip(("fi", "sv"), row, strict=True):
            found[language].update(
                word.lower() for word in (name or "").split() if word.isalpha() and len(word) > 3
            )
    words = {language: sorted(pool) for language, pool in found.items()}
    for language in words:
        pool = words[language]
        typos = [w[: len(w) // 2] + w[len(w) // 2 + 1 :] for w in rng.sample(pool, len(pool) // 4)]
        endings = ("a", "ssa", "lle", "en") if language == "fi" else ("en", "er", "na")
        inflected = [w + rng.choice(endings) for w in rng.sample(pool, len(pool) // 4)]
        zero = ["qwzyx", "xylofonikurssi", "zzbrakk"] if language == "fi" else ["qwzyx", "xylofon"]
        words[language] = pool + typos + inflected + zero
    return words


def addresses():
    """{page type: [path, …]}, written one per line to the work folder."""
    from django.urls import reverse
    from django.utils import translation

    from catalogue.listing import scope_municipalities
    from catalogue.models import Municipality, Service, Theme
    from portal.models import HomePage, ThemePage

    rng = random.Random(20261205)
    words = catalogue_words(rng)
    themes = list(Theme.objects.values_list("slug", flat=True))
    # Mostly the county's own municipalities, sometimes any of the country's.
    scope = list(scope_municipalities().values_list("code", flat=True))
    every = list(Municipality.objects.values_list("code", flat=True))
    municipalities = scope * 4 + every[:: max(1, len(every) // len(scope))]
    out = {}

    def both_languages(function):
        paths = []
        for language in ("fi", "sv"):
            with translation.override(language):
                paths.extend(function(language))
        return paths

    out["home"] = both_languages(lambda _lang: [page.url for page in HomePage.objects.live()])
    # Each theme page alone, for each municipality, and its next pages.
    out["theme page"] = both_languages(
        lambda _lang: [
            f"{page.url}?{urlencode(params)}"
            for page in ThemePage.objects.live()
            for code in ["", *scope]
            for number in ("1", "2", "3")
            for params in [{"municipality": code, "page": number} if code else {"page": number}]
        ]
    )

    def search(language):
        path = reverse("catalogue:search")
        for _ in range(ADDRESSES // 2):
            params = {"q": " ".join(rng.sample(words[language], rng.choice([1, 1, 2])))}
            if rng.random() < 0.7:
                params["theme"] = rng.choice(themes)
            if rng.random() < 0.7:
                params["municipality"] = rng.choice(municipalities)
            if rng.random() < 0.3:
                params["free"] = "1"
            yield f"{path}?{urlencode(params)}"

    out["search with filters"] = both_languages(lambda lang: list(search(lang)))
    ids = list(
        Service.objects.filter(search__is_public=True)
        .order_by("?")
        .values_list("pk", flat=True)[: ADDRESSES // 2]
    )
    services = Service.objects.filter(pk__in=ids)
    out["service page"] = both_languages(lambda _lang: [s.get_absolute_url() for s in services])

    def api():
        for _ in range(ADDRESSES):
            language = rng.choice(["fi", "sv"])
            params = {"q": rng.choice(words[language]), "lang": language}
            if rng.random() < 0.7:
                params["theme"] = rng.choice(themes)
            if rng.random() < 0.7:
                params["municipality"] = rng.choice(municipalities)
            yield f"/api/v1/services?{urlencode(params)}"

    out["API search"] = list(api())
    pages = max(1, Service.objects.filter(search__is_public=True).count() // 50)
    out["HSDS list of 50"] = [f"/api/hsds/services?per_page=50&page={n}" for n in range(1, pages)]
    out["HSDS nested list of 50"] = [
        f"/api/hsds/services?full=true&per_page=50&page={n}" for n in range(1, pages)
    ]
    folder = WORK / "addresses"
    folder.mkdir(exist_ok=True)
    for kind, paths in out.items():
        rng.shuffle(paths)
        (folder / f"{slug(kind)}.txt").write_text("\n".join(paths) + "\n")


def probe(mode, only):
    """The statements, time and database time per request for a sample of each page type's
    addresses through Django's test client; a pyinstrument profile of the sample."""
    import pyinstrument
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_USER_AGENT="Mozilla/5.0 (bench)")
    results = {}
    for kind in only.split(","):
        paths = (WORK / "addresses" / f"{slug(kind)}.txt").read_text().split()[:SAMPLE]
        for path in paths[:3]:  # warm the process
            client.get(path)
        waited = 0.0

        def timed(execute, sql, params, many, context):
            nonlocal waited
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                waited += time.perf_counter() - started

        counts, statuses = [], set()
        began = time.perf_counter()
        with connection.execute_wrapper(timed):
            for path in paths:
                with CaptureQueriesContext(connection) as queries:
                    statuses.add(client.get(path).status_code)
                counts.append(len(queries))
        elapsed = time.perf_counter() - began
        # A second pass under the profiler, for where the time goes (not for the figures).
        profiler = pyinstrument.Profiler(interval=0.001)
        profiler.start()
        for path in paths:
            client.get(path)
        profiler.stop()
        (WORK / "profiles").mkdir(exist_ok=True)
        (WORK / "profiles" / f"{slug(kind)}-{mode}.txt").write_text(
            profiler.output_text(unicode=True, show_all=False)
        )
        results[kind] = {
            "queries_mean": statistics.mean(counts),
            "queries_max": max(counts),
            "ms": elapsed * 1000 / len(paths),
            "db_ms": waited * 1000 / len(paths),
            "statuses": sorted(statuses),
        }
    (WORK / f"probe-{mode}.json").write_text(json.dumps(results))


# --- in this process ------------------------------------------------------------------------


def slug(kind):
    return kind.replace(" ", "-")


def cpu_reference():
    """Seconds this machine's Python takes for ten million additions in a loop: to compare
    figures between machines (about 0.5 s on a recent desktop core)."""
    started = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.perf_counter() - started


def gunicorn(env):
    process = subprocess.Popen(  # noqa: S603 - our own application
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "portal.wsgi",
        ],
        cwd=ROOT,
        env=env,
    )
    wait_for(PORT, what="gunicorn")
    return process


def warm(paths):
    for path in paths[:6]:  # both workers, their connections and caches of code
        request = urllib.request.Request(  # noqa: S310 - our own server
            f"http://127.0.0.1:{PORT}{path}", headers={"X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()


def wrk(kind, seconds, connections):
    script = WORK / "walk.lua"
    script.write_text(LUA)
    output = subprocess.run(  # noqa: S603 - Debian's wrk
        [
            shutil.which("wrk"),
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{PORT}",
            "--",
            str(WORK / "addresses" / f"{slug(kind)}.txt"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rate"] = result["requests"] / result["seconds"]
    return result


def measure(database_url, cache_seconds, kinds, args):
    env = environment(database_url, cache_seconds)
    mode = "cached" if cache_seconds else "uncached"
    subprocess.run(["redis-cli", "-n", "13", "FLUSHDB"], check=False, capture_output=True)  # noqa: S607
    child(env, "probe", mode, ",".join(kinds))
    probed = json.loads((WORK / f"probe-{mode}.json").read_text())
    server = gunicorn(env)
    rows = []
    try:
        for kind in kinds:
            warm((WORK / "addresses" / f"{slug(kind)}.txt").read_text().split())
            runs = [wrk(kind, args.seconds, args.connections) for _ in range(args.repeat)]
            rows.append((kind, runs, probed[kind]))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


def report(label, rows):
    print(f"\n{label}")
    print(
        f"{'page type':<20}{'addresses':>10}{'req/s min':>10}{'median':>8}"
        f"{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'non-200':>8}"
        f"{'SQL/req':>9}{'most':>6}{'ms/req':>8}{'DB ms':>7}{'Py ms':>7}"
    )
    for kind, runs, probed in rows:
        count = len((WORK / "addresses" / f"{slug(kind)}.txt").read_text().split())
        rates = [run["rate"] for run in runs]

        def median_of(key, runs=runs):
            return statistics.median(run[key] for run in runs)

        errors = sum(run["non_200"] + run["socket_errors"] for run in runs)
        print(
            f"{kind:<20}{count:>10}{min(rates):>10.0f}{statistics.median(rates):>8.0f}"
            f"{median_of('p50'):>8.1f}{median_of('p95'):>8.1f}{median_of('p99'):>8.1f}"
            f"{errors:>8}{probed['queries_mean']:>9.1f}{probed['queries_max']:>6}"
            f"{probed['ms']:>8.1f}{probed['db_ms']:>7.1f}{probed['ms'] - probed['db_ms']:>7.1f}"
        )
        if probed["statuses"] != [200]:
            print(f"  (the sample answered {probed['statuses']})")


KINDS = [
    "home",
    "theme page",
    "search with filters",
    "service page",
    "API search",
    "HSDS list of 50",
    "HSDS nested list of 50",
]


def main():
    if sys.argv[1:2] == ["--child"]:
        import django

        django.setup()
        globals()[sys.argv[2]](*sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="reuse an earlier set-up")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--only", default=",".join(KINDS), help="page types, comma-separated")
    parser.add_argument("--no-cached", action="store_true", help="only the page cache off")
    parser.add_argument("--database-url", default=DEFAULT_DB)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: make bench-tools")
    kinds = [kind.strip() for kind in args.only.split(",") if kind.strip() in KINDS]
    set_up(args.database_url, args.services, args.keep)
    child(environment(args.database_url, 0), "addresses")
    print(
        f"\ngunicorn, 2 sync workers; wrk, 2 threads, {args.connections} connections, "
        f"{args.seconds} s per run, {args.repeat} runs per page type; {os.cpu_count()} cores "
        f"shared by gunicorn, PostgreSQL, Redis and wrk. SQL/req, ms/req, DB ms and Py ms: "
        f"{SAMPLE} requests per page type through Django's test client (profiles in "
        f"{WORK / 'profiles'}).\nCPU reference: 10 million additions in a Python loop take "
        f"{cpu_reference():.2f} s here."
    )
    modes = [("page cache off", 0)] + ([] if args.no_cached else [("page cache on", 600)])
    for label, cache_seconds in modes:
        report(label, measure(args.database_url, cache_seconds, kinds, args))


if __name__ == "__main__":
    main()
