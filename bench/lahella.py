"""Lähellä.fi benchmark: the demo PTV catalogue plus N generated activities in Lähellä.fi's
real shape (copies of the demo activities under new keys, every tenth one named like a PTV
service of the same association, so the matcher has work), imported into a throw-away SQLite
database. Prints the import rate, the no-change resync time and the time of one duplicate
pairing pass (``catalogue.dedupe.refresh``) over the whole catalogue. Asserts nothing.

Usage:  .venv/bin/python bench/lahella.py [--activities 5000]
"""

import argparse
import copy
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=5000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-lahella-"))
    os.environ["DATABASE_URL"] = "sqlite:///" + str(work / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)

    from catalogue import dedupe
    from catalogue.models import Service, ServicePair
    from ptv_sync import demo_lahella
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    base = [item for page in demo_lahella.build().values() for item in page["items"]]
    folder = work / "lahella"
    folder.mkdir()
    page, pages = [], 0
    for n in range(args.activities):
        obj = copy.deepcopy(base[n % len(base)])
        obj["_key"] = f"b{n}"
        for channel in obj["channels"]:
            channel["id"] = f"{channel['id']}-{n}"
        if n % 10:
            for text in obj["traits"]["translations"].values():
                text["name"] = f"{text['name']} #{n}"
        page.append(obj)
        if len(page) == 100:
            pages += 1
            (folder / f"page-{pages}.json").write_text(json.dumps({"items": page}))
            page = []
    if page:
        (folder / f"page-{pages + 1}.json").write_text(json.dumps({"items": page}))

    started = time.perf_counter()
    run = run_sync("lahella", from_dir=folder, full=True)
    first = time.perf_counter() - started
    items = run.created + run.updated + run.unchanged
    print(f"activities: {args.activities}, records written: {items} ({run.status})")
    print(
        f"full import: {first:.1f} s, {items / first:.0f} records/s, {args.activities / first:.0f} activities/s"
    )

    started = time.perf_counter()
    run = run_sync("lahella", from_dir=folder, full=True)
    again = time.perf_counter() - started
    print(
        f"no-change resync: {again:.2f} s ({100 * again / first:.1f}% of the import), unchanged={run.unchanged}"
    )

    started = time.perf_counter()
    outcome = dedupe.refresh()
    took = time.perf_counter() - started
    print(
        f"duplicate pairing pass: {took:.2f} s over {Service.objects.count()} services, "
        f"{outcome.pairs} pairs ({ServicePair.objects.filter(method='name').count()} by name)"
    )


if __name__ == "__main__":
    main()
