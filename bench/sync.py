"""Sync benchmark: generate services and channels in PTV v11's real shapes as a drop folder
(by default 10,000 services and 15,000 channels), import them into an empty database, and
report:

* full-import items/s (issue 28's target at 10^5 services: at least 1,000 items/s on
  PostgreSQL, and at least 1/10 of the raw COPY rate below),
* a digest-skipped resync (the same files again: no file is parsed; target ≤ 5% of the
  full import),
* a re-parsing resync: every file rewritten with other whitespace, so that each is read and
  each item's raw digest compared, though no content changed (target ≤ 10%),
* the process's peak RSS (resource.ru_maxrss) for the full import, against a reference run
  of --reference services (target: within 1.2x of it),
* on PostgreSQL, a raw COPY of the same rows: every table the import wrote, copied out and
  into an empty table of the same columns and indexes, as the floor no importer can beat,
* the time to re-run the theme classification of every service.

Usage:  .venv/bin/python bench/sync.py [--services 10000] [--channels 15000]
        [--reference 2500] [--postgres]
e.g.    .venv/bin/python bench/sync.py --postgres --services 100000 --channels 150000 \
            --reference 10000
Runs on a throw-away SQLite file by default; --postgres uses a throw-away database on the
local PostgreSQL (127.0.0.1:5432, trust). Prints figures; asserts nothing about them.
"""

import argparse
import io
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from support import fresh_database, setup_django  # noqa: E402 - bench/ is on the path


def rss_mb():
    """The process's peak resident memory so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_folder(folder):
    from ptv_sync.runner import run_sync

    started = time.perf_counter()
    run = run_sync("ptv", from_dir=folder, full=True)
    return run, time.perf_counter() - started


def rewrite_whitespace(folder):
    """Every file's bytes change, its content doesn't: the pages again with an indent."""
    for path in sorted(Path(folder).glob("*.json")):
        path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8")), indent=1))


def table_rows():
    from django.db import connection

    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - our own tables
            counts[table] = cursor.fetchone()[0]
    return counts


def raw_copy(tables):
    """Seconds to COPY every row of ``tables`` into empty tables of the same columns and
    indexes (psycopg's COPY FROM STDIN, the fastest way into PostgreSQL); the rows copied
    per table."""
    from django.db import connection

    connection.ensure_connection()
    raw = connection.connection
    seconds, rows = 0.0, {}
    with raw.cursor() as cursor:
        for table in tables:
            buffer = io.BytesIO()
            with cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                for data in copy:
                    buffer.write(data)
            cursor.execute(
                f'CREATE TEMP TABLE "raw_{table}" (LIKE "{table}" INCLUDING DEFAULTS '
                "INCLUDING INDEXES)"
            )
            started = time.perf_counter()
            with cursor.copy(f'COPY "raw_{table}" FROM STDIN') as copy:
                copy.write(buffer.getvalue())
            raw.commit()
            seconds += time.perf_counter() - started
            cursor.execute(f'SELECT count(*) FROM "raw_{table}"')  # noqa: S608
            rows[table] = cursor.fetchone()[0]
    return seconds, rows


def child(args):
    """One measurement in a fresh process (Django is set up once per process)."""
    setup_django(args.database_url)
    from django.db import connection

    folder = Path(args.folder)
    start_mb = rss_mb()
    before = table_rows()
    run, full_time = import_folder(folder)
    assert run.status == "succeeded", (run.status, run.message, run.errors[:3])
    result = {"items": run.created, "full_s": full_time, "start_mb": start_mb, "peak_mb": rss_mb()}
    if args.mode == "memory":
        print(json.dumps(result))
        return
    items = run.created
    resync, resync_time = import_folder(folder)
    assert resync.unchanged == items and resync.created == resync.updated == 0
    rewrite_whitespace(folder)
    reparse, reparse_time = import_folder(folder)
    assert reparse.unchanged == items and reparse.created == reparse.updated == 0
    result.update(resync_s=resync_time, reparse_s=reparse_time)
    from catalogue.classify import classify_all

    started = time.perf_counter()
    outcome = classify_all()
    result.update(classified=outcome.services, classify_s=time.perf_counter() - started)
    if connection.vendor == "postgresql":
        after = table_rows()
        written = sorted(table for table, count in after.items() if count > before.get(table, 0))
        copy_s, copy_rows = raw_copy(written)
        result.update(copy_s=copy_s, copy_rows=copy_rows)
    print(json.dumps(result))


def main():
    import subprocess

    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--channels", type=int, help="default: 1.5 per service")
    parser.add_argument("--reference", type=int, help="services of the memory reference run")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--child", choices=["speed", "memory"], dest="mode")
    parser.add_argument("--database-url")
    parser.add_argument("--folder")
    args = parser.parse_args()
    if args.mode:
        return child(args)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    os.environ["DATABASE_URL"] = "sqlite:///" + str(work / "unused.sqlite3")
    import django

    django.setup()

    def measure(mode, folder, label):
        url = fresh_database(args.postgres, f"bench_sync_{label}")
        command = [sys.executable, __file__, "--child", mode, "--database-url", url]
        out = subprocess.run(  # noqa: S603 - our own script
            [*command, "--folder", str(folder)], capture_output=True, text=True, check=True
        ).stdout
        return json.loads(out.strip().splitlines()[-1])

    from ptv_sync.synthetic import generate

    backend = "PostgreSQL" if args.postgres else "SQLite"
    channels = args.channels or args.services * 3 // 2
    reference = args.reference or max(1, args.services // 4)
    big, small = work / "big", work / "small"
    started = time.perf_counter()
    services, channels, organisations = generate(big, args.services, channels)
    generate(small, reference, reference * channels // args.services)
    print(
        f"generated {services} services, {channels} channels, {organisations} organisations "
        f"in {time.perf_counter() - started:.1f} s ({work})",
        flush=True,
    )

    speed = measure("speed", big, "speed")
    rate = speed["items"] / speed["full_s"]
    print(
        f"[{backend}] full import: {speed['items']} items in {speed['full_s']:.1f} s "
        f"= {rate:.0f} items/s"
    )
    for key, label in (("resync_s", "digest-skipped"), ("reparse_s", "re-parsing")):
        share = 100 * speed[key] / speed["full_s"]
        print(f"[{backend}] {label} resync: {speed[key]:.1f} s = {share:.1f}% of the full import")
    print(
        f"[{backend}] re-run classification of all {speed['classified']} services: "
        f"{speed['classify_s']:.1f} s"
    )
    if "copy_s" in speed:
        copy_rate = speed["items"] / speed["copy_s"]
        rows = speed["copy_rows"]
        print(
            f"[{backend}] raw COPY of the same {sum(rows.values())} rows ({len(rows)} tables): "
            f"{speed['copy_s']:.1f} s = {copy_rate:.0f} items/s; the import runs at "
            f"1/{copy_rate / rate:.1f} of it"
        )
        largest = sorted(rows.items(), key=lambda pair: -pair[1])
        print("    rows per table: " + ", ".join(f"{t} {n}" for t, n in largest))
    memory = measure("memory", small, "memory")
    for result in (memory, speed):
        print(
            f"[{backend}] peak RSS importing {result['items']} items: {result['peak_mb']:.0f} MB "
            f"(at start {result['start_mb']:.0f} MB)"
        )
    print(
        f"[{backend}] peak RSS for {speed['items'] / memory['items']:.1f}x the items: "
        f"{speed['peak_mb'] / memory['peak_mb']:.2f}x"
    )


if __name__ == "__main__":
    main()
