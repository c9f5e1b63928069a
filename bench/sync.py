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


def generate(folder, services, channels_per_service=1.5):
    """Write pages of 100 v11 objects; returns (services, channels, organisations)."""
    from ptv_sync import payloads as p
    from ptv_sync.demo_catalogue import MUNICIPALITIES

    folder.mkdir(parents=True, exist_ok=True)
    organisations = []
    for code, fi, sv, *_rest in MUNICIPALITIES:
        organisations.append(
            p.organisation(
                p.stable_id("bench-org", code),
                names={"fi": f"{fi} (bench)", "sv": f"{sv} (bench)"},
                org_type="Municipality",
                business_code=p.business_id(int(code) * 31),
                municipality=code,
            )
        )
    (folder / "organisations.json").write_text(json.dumps(p.page(organisations)))

    service_page, channel_page = [], []
    service_pages = channel_pages = channel_count = 0
    classes = ["P27.1", "P5.17", "P5.20", "P5.7", "P25.1", "P5.10", "P4.12", "P27.2"]

    def flush(kind, items, number):
        (folder / f"{kind}-{number:05d}.json").write_text(json.dumps(p.page(items, number)))

    for n in range(services):
        code, fi, sv, postal, po_fi, po_sv, lat, lon, _swedish = MUNICIPALITIES[
            n % len(MUNICIPALITIES)
        ]
        service_id = p.stable_id("bench-service", n)
        org_id = p.stable_id("bench-org", code)
        channel_ids = []
        count = 2 if n % 2 else 1  # 1.5 channels per service on average
        for k in range(count):
            channel_id = p.stable_id("bench-channel", n, k)
            channel_ids.append(channel_id)
            if k == 0:
                channel = p.channel(
                    channel_id,
                    "ServiceLocation",
                    names={"fi": f"Toimipiste {n} – {fi}", "sv": f"Verksamhetsställe {n} – {sv}"},
                    summaries={"fi": "Palvelupaikka.", "sv": "Serviceställe."},
                    organisation_id=org_id,
                    municipalities=[code],
                    addresses=[
                        p.street_address(
                            {"fi": "Kirkkotie", "sv": "Kyrkvägen"},
                            str(n % 90 + 1),
                            postal,
                            {"fi": po_fi, "sv": po_sv},
                            code,
                            lat + (n % 50) / 5000,
                            lon + (n % 70) / 5000,
                        )
                    ],
                    phones=[p.phone(f"40{n:07d}", "fi"), p.phone(f"40{n:07d}", "sv")],
                    hours=[p.opening_hours((0, 1, 2, 3, 4), "08:00", "16:00")],
                    service_ids=[service_id],
                )
            else:
                channel = p.channel(
                    channel_id,
                    "WebPage",
                    names={"fi": f"Verkkosivu {n}", "sv": f"Webbsida {n}"},
                    summaries={"fi": "Lisätietoa.", "sv": "Mer information."},
                    organisation_id=org_id,
                    municipalities=[code],
                    web_pages=[(f"https://bench.example.fi/{n}", None, "fi")],
                    service_ids=[service_id],
                )
            channel_page.append(channel)
            channel_count += 1
            if len(channel_page) == 100:
                channel_pages += 1
                flush("channels", channel_page, channel_pages)
                channel_page = []
        service_page.append(
            p.service(
                service_id,
                names={"fi": f"Palvelu {n} – {fi}", "sv": f"Tjänst {n} – {sv}"},
                summaries={
                    "fi": f"Tiivistelmä palvelusta {n}.",
                    "sv": f"Sammanfattning av tjänst {n}.",
                },
                # Texts differ per service, as real ones do; half use Markdown lists.
                descriptions={
                    "fi": f"Palvelu {n} tarjoaa neuvontaa.\n\n* ryhmä {n % 7}\n* **vastaanotto**"
                    if n % 2
                    else f"Palvelu {n} tarjoaa neuvontaa ja ohjausta.\nKysy lisää puhelimitse.",
                    "sv": f"Tjänst {n} erbjuder rådgivning.\n\n* grupp {n % 7}\n* **mottagning**"
                    if n % 2
                    else f"Tjänst {n} erbjuder rådgivning och handledning.\nFråga mer per telefon.",
                },
                instructions={
                    "fi": f"Varaa aika numerosta 040 {n:07d}.",
                    "sv": f"Boka tid på 040 {n:07d}.",
                },
                service_classes=[classes[n % len(classes)]],
                target_groups=["KR1"],
                municipalities=[code],
                organisation_id=org_id,
                channel_ids=channel_ids,
            )
        )
        if len(service_page) == 100:
            service_pages += 1
            flush("services", service_page, service_pages)
            service_page = []
    if service_page:
        flush("services", service_page, service_pages + 1)
    if channel_page:
        flush("channels", channel_page, channel_pages + 1)
    return services, channel_count, len(organisations)


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
