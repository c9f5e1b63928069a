"""Load benchmark: requests per second and latency under concurrent load.

Sets up a throw-away site on PostgreSQL the way production runs it (production settings,
DEBUG off, collectstatic with WhiteNoise's compressed, hashed storage, Redis as the shared
cache, persistent database connections), with the demo content and catalogue plus 10,000
generated PTV services (bench/sync.py's generator, imported through the real sync), and
serves it with gunicorn, 2 sync workers. A load generator in this process (threads, one
connection per request, as a proxy in front of gunicorn's sync workers would) then requests
each page type for a fixed time and reports requests per second, median and 99th percentile
latency, and errors: once with the catalogue page cache on (the default) and once with it
off (CATALOGUE_PAGE_CACHE_SECONDS=0).

Target (issue 12): at least 150 req/s for the service and search pages with caching on.
Every public page view also writes the usage indicators' daily counters (issue 13).
The load generator shares the machine's cores with gunicorn, so the figures are a lower
bound of what the server does on its own.

Usage:  .venv/bin/python bench/load.py [--keep] [--seconds 10] [--concurrency 8]
        [--services 10000] [--database-url postgres://postgres@127.0.0.1:5432/hyvinvointiopas_load]
Prints figures; asserts nothing. --keep reuses the database of an earlier run.
"""

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from support import wait_for

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "hyvinvointiopas-bench-load"
PORT = 8099
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/hyvinvointiopas_load"


def environment(database_url, cache_seconds):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "CACHE_KEY_PREFIX": "bench-load",
        # The proxy in front terminates TLS; the requests below say so (X-Forwarded-Proto).
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "CATALOGUE_PAGE_CACHE_SECONDS": str(cache_seconds),
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def recreate_database(database_url):
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def import_generated(env, services):
    """Generate ``services`` PTV services in a drop folder and import them (in a child
    process with the bench settings: the real sync pipeline)."""
    folder = WORK / "generated"
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, 'bench'); "
        "import django; django.setup(); "
        "from sync import generate; from ptv_sync.runner import run_sync; "
        f"print(generate(Path({str(folder)!r}), {services})); "
        f"run = run_sync('ptv', from_dir=Path({str(folder)!r})); print(run.summary)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)  # noqa: S603


def set_up(database_url, services, keep):
    env = environment(database_url, 600)
    if keep and (WORK / "static").exists():
        print("reusing", WORK, "and", database_url)
        return
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    started = time.monotonic()
    recreate_database(database_url)
    print("migrating, loading the demo content and catalogue …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    print(f"generating and importing {services} services …", flush=True)
    import_generated(env, services)
    print("collectstatic (compressed, hashed) …", flush=True)
    manage(env, "collectstatic", "--noinput")
    print(f"set up in {time.monotonic() - started:.0f} s", flush=True)


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


HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1", "Accept-Encoding": "gzip"}


def request(path):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def hammer(path, seconds, concurrency):
    """Request ``path`` from ``concurrency`` threads for ``seconds``; (req/s, p50, p99 ms,
    errors)."""
    latencies, errors = [], []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        mine, bad = [], 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                status, _location = request(path)
            except OSError:
                status = 0
            mine.append((time.perf_counter() - started) * 1000)
            if status != 200:
                bad += 1
        with lock:
            latencies.extend(mine)
            errors.append(bad)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies), p99, sum(errors)


def pages():
    import json

    # A service with a place (its page has a map and opening hours): the first one listed.
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request("GET", "/api/v1/services?channel=place&page_size=1", headers=HEADERS)
    body = json.loads(connection.getresponse().read())
    connection.close()
    service = urlsplit(body["results"][0]["url"]).path
    return [
        ("home", "/fi/"),
        ("theme page", "/fi/teemat/liikunta/"),
        ("search with filters", "/fi/palvelut/?q=liikunta&theme=liikunta&municipality=905"),
        ("service page", service),
        ("API search", "/api/v1/services?q=palvelu&theme=liikunta&municipality=905"),
        ("HSDS list, 50", "/api/hsds/services?per_page=50&page=3"),
        ("HSDS nested, 50", "/api/hsds/services?full=true&per_page=50&page=3"),
    ]


def measure(database_url, cache_seconds, seconds, concurrency):
    env = environment(database_url, cache_seconds)
    subprocess.run(["redis-cli", "-n", "13", "FLUSHDB"], check=False, capture_output=True)  # noqa: S607
    server = gunicorn(env)
    try:
        rows = []
        for name, path in pages():
            for _ in range(3):  # warm both workers and their connections
                request(path)
            rows.append((name, path, *hammer(path, seconds, concurrency)))
        return rows
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="reuse an earlier set-up")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--database-url", default=DEFAULT_DB)
    args = parser.parse_args()
    set_up(args.database_url, args.services, args.keep)
    print(
        f"\ngunicorn, 2 sync workers; {args.concurrency} concurrent clients, "
        f"{args.seconds:.0f} s per page type; {os.cpu_count()} cores shared with the clients"
    )
    for label, cache_seconds in (("page cache on", 600), ("page cache off", 0)):
        print(f"\n{label}")
        print(f"{'page type':<22}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  path")
        for name, path, rate, p50, p99, errors in measure(
            args.database_url, cache_seconds, args.seconds, args.concurrency
        ):
            print(f"{name:<22}{rate:>8.0f}{p50:>9.1f}{p99:>9.1f}{errors:>8}  {path}")


if __name__ == "__main__":
    main()
