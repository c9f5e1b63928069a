"""Export and import benchmark: the whole catalogue to HSDS and to JSON, and the HSDS file
back through the HSDS adapter, on the load benchmark's PostgreSQL database (the demo
catalogue plus 10,000 generated PTV services; bench/load.py sets it up, --keep reuses it).

For each step: seconds, items per second, file size, the process's memory once Django is set
up ("start") and its peak (RSS), so that the export's item-by-item writing and the import's
streaming are seen to keep memory flat.

Usage:  .venv/bin/python bench/export.py [--keep] [--services 10000]
        [--database-url postgres://postgres@127.0.0.1:5432/hyvinvointiopas_load]
Prints figures; asserts nothing. The import runs into a copy of the database (bench_export),
emptied of its catalogue first, so the load benchmark's database is left as it was.
"""

import argparse
import resource
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from load import DEFAULT_DB, ROOT, WORK, environment, set_up

CHILD = """
import sys, time, resource, json
import django; django.setup()
settled = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
step, path = sys.argv[1], sys.argv[2]
started = time.monotonic()
if step == "clear":
    # Its own process, so that the import's peak memory is the import's alone.
    from catalogue.models import Organisation, Service, ServiceChannel
    from professionals.models import ReferralUnit
    Service.objects.all().delete(); ServiceChannel.objects.all().delete()
    # Organisations a referral unit names stay (protected); the import updates them.
    Organisation.objects.exclude(pk__in=ReferralUnit.objects.values("organisation")).delete()
    counts = {"items": 0}
elif step == "import":
    from ptv_sync.runner import import_hsds
    started = time.monotonic()
    run = import_hsds(path)
    counts = {"items": run.created + run.updated + run.unchanged, "status": run.status}
else:
    from catalogue.hsds.export import write_hsds, write_json
    with open(path, "w", encoding="utf-8") as handle:
        counts = (write_hsds if step == "hsds" else write_json)(handle)
    counts = {"items": sum(counts.values())}
elapsed = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": peak, "start_mb": settled, **counts}))
"""


def copy_database(database_url, name):
    import psycopg

    parts = urlsplit(database_url)
    source = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    return parts._replace(path=f"/{name}").geturl()


def step(env, name, path):
    import json

    result = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", CHILD, name, str(path)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="reuse bench/load.py's set-up")
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--database-url", default=DEFAULT_DB)
    args = parser.parse_args()
    set_up(args.database_url, args.services, args.keep)
    env = environment(args.database_url, 600)
    hsds, dump = WORK / "catalogue.hsds.json", WORK / "catalogue.json"
    print(
        f"\n{'step':<26}{'items':>8}{'s':>8}{'items/s':>9}{'MB file':>9}{'start MB':>9}{'peak MB':>9}"
    )
    for label, name, path, environ in (
        ("export --format hsds", "hsds", hsds, env),
        ("export --format json", "json", dump, env),
        (
            "import_catalogue (HSDS)",
            "import",
            hsds,
            {**env, "DATABASE_URL": copy_database(args.database_url, "bench_export")},
        ),
    ):
        if name == "import":
            step(environ, "clear", path)
        figures = step(environ, name, path)
        size = Path(path).stat().st_size / 1e6
        rate = figures["items"] / figures["seconds"] if figures["seconds"] else 0
        print(
            f"{label:<26}{figures['items']:>8}{figures['seconds']:>8.1f}{rate:>9.0f}"
            f"{size:>9.1f}{figures['start_mb']:>9.0f}{figures['peak_mb']:>9.0f}"
            + (f"  ({figures['status']})" if "status" in figures else "")
        )
    print(f"\n(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
