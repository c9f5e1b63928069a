"""Events calendar benchmark: N activities (weekly, every other week, monthly, daily) spread
over the county's 14 municipalities and the eight themes, indexed (which writes their
meetings for about three months), then

* the time to write the meetings of every activity (``catalogue.occurrences.refresh``, what
  housekeeping runs daily) and how many rows that is;
* p50/p95 of the calendar page (/fi/tapahtumat/) for a mix of filters, the page cache off:
  the listing, its 50 rows and every option's count;
* p50/p95 of the calendar's iCal feed for one municipality.

Usage:  .venv/bin/python bench/events.py [--activities 2000] [--requests 40] [--postgres]
Runs on a throw-away SQLite file by default; --postgres uses a throw-away database
bench_calendar on the local PostgreSQL (127.0.0.1:5432, trust). Prints figures; asserts
nothing.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from support import fresh_database, setup_django  # noqa: E402 - bench/ is on the path

DATABASE = "bench_calendar"
MUNICIPALITIES = [
    "231",
    "280",
    "287",
    "288",
    "399",
    "440",
    "475",
    "499",
    "545",
    "598",
    "599",
    "893",
    "905",
    "946",
]
AUDIENCES = ["older_people", "young_people", "carers", "children_families", ""]


def event(start, period, weekday):
    return {
        "start": start.isoformat(),
        "end": (start + timedelta(minutes=90)).isoformat(),
        "timezone": "Europe/Helsinki",
        "period": period,
        "until": None,
        "slots": [
            [weekday, start.strftime("%H:%M"), (start + timedelta(minutes=90)).strftime("%H:%M")]
        ]
        if period in ("P1W", "P2W")
        else [],
        "excluded": [],
    }


def generate(count, rng):
    from catalogue.models import (
        ChannelAddress,
        LocalEnrichment,
        Service,
        ServiceChannel,
        ServiceChannelLink,
        ServiceTheme,
        Theme,
    )
    from catalogue.openinghours import HELSINKI

    themes = list(Theme.objects.all())
    first = datetime.now(HELSINKI).replace(hour=0, minute=0, second=0, microsecond=0)
    ids = []
    for n in range(count):
        period = rng.choices(["P1W", "P2W", "P1M", "P1D"], weights=[6, 2, 2, 1])[0]
        start = (
            first
            - timedelta(days=rng.randrange(0, 60))
            + timedelta(hours=rng.choice([9, 13, 17, 18]))
        )
        service = Service.objects.create(
            source="lahella",
            external_id=f"bench-{n}",
            name_fi=f"Ryhmä {n}",
            name_sv=f"Grupp {n}",
            activity_type="hobby",
            charge_type=rng.choice(["free", "charged"]),
            content_hash=str(n),
            last_seen=first,
        )
        channel = ServiceChannel.objects.create(
            source="lahella",
            external_id=f"bench-place-{n}",
            channel_type="place",
            name_fi=f"Paikka {n}",
            events=[event(start, period, start.weekday())],
        )
        ChannelAddress.objects.create(
            channel=channel, kind="visiting", municipality_code=rng.choice(MUNICIPALITIES)
        )
        ServiceChannelLink.objects.create(
            service=service, channel=channel, channel_ref=channel.external_id
        )
        for theme in rng.sample(themes, rng.choice([1, 1, 2])):
            ServiceTheme.objects.create(service=service, theme=theme, origin="rules", score=2)
        audience = rng.choice(AUDIENCES)
        if audience:
            LocalEnrichment.objects.create(service=service, audiences=[audience])
        ids.append(service.pk)
    return ids


def percentiles(samples):
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    setup_django(
        fresh_database(args.postgres, DATABASE),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        CATALOGUE_PAGE_CACHE_SECONDS="0",
    )
    from django.db import connection
    from django.test import Client

    from catalogue.models import ServiceOccurrence
    from catalogue.occurrences import refresh
    from catalogue.search.indexing import index_services

    rng = random.Random(7)
    started = time.perf_counter()
    ids = generate(args.activities, rng)
    index_services(ids)
    print(
        f"{connection.vendor}: {args.activities} activities generated and indexed in "
        f"{time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    refresh()
    took = time.perf_counter() - started
    rows = ServiceOccurrence.objects.count()
    print(f"meetings written for every activity (housekeeping): {took:.2f} s, {rows} rows")

    client = Client()
    themes = ["", "liikunta", "mieli", "osallisuus"]
    page, feed = [], []
    for _ in range(args.requests):
        params = {
            "when": rng.choice(["today", "week", "month"]),
            "municipality": rng.choice(["", *MUNICIPALITIES]),
            "theme": rng.choice(themes),
            "audience": rng.choice(AUDIENCES),
            "free": rng.choice(["", "1"]),
        }
        started = time.perf_counter()
        response = client.get("/fi/tapahtumat/", {k: v for k, v in params.items() if v})
        page.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        started = time.perf_counter()
        response = client.get(
            "/fi/tapahtumat/kalenteri.ics", {"municipality": rng.choice(MUNICIPALITIES)}
        )
        feed.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    for label, samples in (
        ("calendar page, random filters", page),
        ("iCal feed of one municipality", feed),
    ):
        p50, p95 = percentiles(samples)
        print(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
