"""A generated PTV catalogue of any size in v11's real shapes, as a drop folder: for the
benchmarks (bench/sync.py, bench/load.py) and the tests that grow the catalogue to show what
does not grow with it. Its texts differ per service, as real ones do."""

import json

from . import payloads as p
from .demo_catalogue import MUNICIPALITIES


def hours(n):
    """The opening hours of service n's place, which repeat with some variety as real places'
    do: 48 weekly patterns (opening 7–10, closing 14–19, Monday to Friday or Saturday), every
    tenth place also closed on Christmas Eve and open 10–14 on New Year's Eve 2026 (a
    Thursday); 72 distinct sets of hours in all."""
    days = (0, 1, 2, 3, 4, 5) if n // 24 % 2 else (0, 1, 2, 3, 4)
    found = [p.opening_hours(days, f"{7 + n % 4:02d}:00", f"{14 + n // 4 % 6}:00")]
    if n % 10 == 0:
        found.append(
            p.opening_hours(
                (),
                "00:00",
                "00:00",
                hour_type="Exceptional",
                valid_from="2026-12-24T00:00:00",
                closed=True,
            )
        )
        found.append(
            p.opening_hours(
                (3,), "10:00", "14:00", hour_type="Exceptional", valid_from="2026-12-31T00:00:00"
            )
        )
    return found


def generate(folder, services, channels=None):
    """Write ``services`` services and ``channels`` channels (1.5 per service unless given:
    each service has a location, the others are web pages spread evenly over the services)
    and an organisation per municipality as pages of 100 v11 objects in ``folder``; returns
    (services, channels, organisations)."""
    channels = services * 3 // 2 if channels is None else max(channels, services)
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
        count = (n + 1) * channels // services - n * channels // services
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
                    hours=hours(n),
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
