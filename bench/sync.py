"""Sync benchmark: generate ~10k services and ~15k channels in PTV v11's real shapes as a drop
folder, import them into an empty database, import them again unchanged, and report:

* full-import items/s (target: at least 500 on this machine),
* the no-change resync time (target: at most 5% of the full import),
* peak Python memory of the import at two sizes (target: flat, not growing with items),
* the time to re-run the theme classification of every service ("Re-run classification").

Usage:  .venv/bin/python bench/sync.py [--services 10000] [--postgres]
Runs on a throw-away SQLite file by default; --postgres uses a throw-away database on the
local PostgreSQL (127.0.0.1:5432, trust). Prints figures; asserts nothing.
"""

import argparse
import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from support import fresh_database, setup_django  # noqa: E402 - bench/ is on the path


def import_folder(folder, trace_memory=False):
    from ptv_sync.runner import run_sync

    if trace_memory:
        tracemalloc.start()
    started = time.perf_counter()
    run = run_sync("ptv", from_dir=folder, full=True)
    elapsed = time.perf_counter() - started
    peak = None
    if trace_memory:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return run, elapsed, peak


def child(args):
    """One measurement in a fresh process (Django is set up once per process)."""
    setup_django(args.database_url)
    folder = Path(args.folder)
    if args.mode == "speed":
        run, full_time, _ = import_folder(folder)
        items = run.created
        assert run.status == "succeeded", (run.status, run.message, run.errors[:3])
        resync, resync_time, _ = import_folder(folder)
        assert resync.unchanged == items and resync.created == resync.updated == 0
        from catalogue.classify import classify_all

        started = time.perf_counter()
        outcome = classify_all()
        classify_time = time.perf_counter() - started
        result = {"items": items, "full_s": full_time, "resync_s": resync_time}
        result.update(classified=outcome.services, classify_s=classify_time)
        print(json.dumps(result))
    else:
        run, _elapsed, peak = import_folder(folder, trace_memory=True)
        print(json.dumps({"items": run.created, "peak_bytes": peak}))


def main():
    import subprocess

    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=10_000)
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
        out = subprocess.run(  # noqa: S603 - our own script
            [
                sys.executable,
                __file__,
                "--child",
                mode,
                "--database-url",
                url,
                "--folder",
                str(folder),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])

    from ptv_sync.synthetic import generate

    backend = "PostgreSQL" if args.postgres else "SQLite"
    big = work / "big"
    started = time.perf_counter()
    services, channels, organisations = generate(big, args.services)
    print(
        f"generated {services} services, {channels} channels, {organisations} organisations "
        f"in {time.perf_counter() - started:.1f} s ({work})"
    )

    speed = measure("speed", big, "speed")
    rate = speed["items"] / speed["full_s"]
    share = 100 * speed["resync_s"] / speed["full_s"]
    print(
        f"[{backend}] full import: {speed['items']} items in {speed['full_s']:.1f} s = {rate:.0f} items/s"
    )
    print(
        f"[{backend}] no-change resync: {speed['resync_s']:.1f} s = {share:.1f}% of the full import"
    )
    print(
        f"[{backend}] re-run classification of all {speed['classified']} services: "
        f"{speed['classify_s']:.1f} s"
    )

    small = work / "small"
    generate(small, args.services // 4)
    memory_small = measure("memory", small, "mem_small")
    memory_big = measure("memory", big, "mem_big")
    for result in (memory_small, memory_big):
        print(
            f"[{backend}] peak Python memory importing {result['items']} items: {result['peak_bytes'] / 2**20:.1f} MiB"
        )
    growth = memory_big["peak_bytes"] / memory_small["peak_bytes"]
    print(
        f"[{backend}] memory ratio for {memory_big['items'] / memory_small['items']:.1f}x the items: {growth:.2f}x"
    )


if __name__ == "__main__":
    main()
