"""Page weight benchmark: what a visitor's browser downloads, per page type.

Sets up a throw-away site the way production runs it (production settings, DEBUG off,
``collectstatic`` with WhiteNoise's compressed, hashed storage, the demo content and the
demo catalogue), serves it, and visits each page type in Chromium (Debian's
/usr/bin/chromium through Playwright) with an empty cache and again with a warm one. The
transfer sizes come from Playwright's network events (``request.sizes()``: the bytes on the
wire, i.e. compressed where the server compressed).

Budgets (issues 11 and 28): on every page that does not open a map by default, JS under 50 KB
and CSS under 60 KB compressed (the search results' map opens only on request: the page
without it is held to the budget, and is measured again with the map opened).
Map tiles come from the tile provider in production; here a local stand-in serves one plain
tile (no tile server is reachable), and tiles are not counted.

Usage:  .venv/bin/python bench/pages.py [--keep] [--port 8097]
Prints figures; asserts nothing. --keep reuses the site of an earlier run.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support import wait_for

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "hyvinvointiopas-bench-pages"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
JS_BUDGET, CSS_BUDGET = 50 * 1024, 60 * 1024
TILE_PORT = 8098
TILES = f"http://127.0.0.1:{TILE_PORT}/"

ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "bench-only-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "REDIS_URL": "redis://127.0.0.1:6379/13",
    "CACHE_KEY_PREFIX": "bench-pages",
    "SECURE_SSL_REDIRECT": "0",
    "DATABASE_URL": f"sqlite:///{WORK / 'db.sqlite3'}",
    "STATIC_ROOT": str(WORK / "static"),
    "MEDIA_ROOT": str(WORK / "media"),
    "MAP_TILE_URL": TILES + "tile.png?{z}/{x}/{y}",
}


def serve_tiles():
    """The stand-in tile server: one plain tile for every address."""
    import functools
    import http.server
    import threading

    folder = WORK / "tiles"
    folder.mkdir(exist_ok=True)
    shutil.copy(ROOT / "tests" / "static" / "test-map-tile.png", folder / "tile.png")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", TILE_PORT), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def manage(*args, quiet=True):
    env = {**os.environ, **ENV}
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def set_up(keep):
    if keep and (WORK / "db.sqlite3").exists():
        print("reusing", WORK)
        return
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    started = time.monotonic()
    print("migrating, loading the demo content and catalogue …", flush=True)
    manage("migrate", "--noinput")
    manage("load_demo")
    print("collectstatic (compressed, hashed) …", flush=True)
    manage("collectstatic", "--noinput")
    print(f"set up in {time.monotonic() - started:.0f} s", flush=True)


def pages(base):
    """(page type, URL, a map is open, what to do on the page)"""
    import sqlite3

    db = sqlite3.connect(WORK / "db.sqlite3")

    def service(with_place):
        row = db.execute(
            "SELECT service_id FROM catalogue_servicesearchentry WHERE is_public "
            "AND (latitude IS NOT NULL) = ? ORDER BY service_id LIMIT 1",
            (with_place,),
        ).fetchone()
        return f"{base}/fi/palvelut/x-{row[0]}/"  # redirected to the service's own address

    def open_map(page):
        page.get_by_role("button", name="Kartalla").click()
        page.locator(".results-view .leaflet-marker-icon").first.wait_for(timeout=10_000)

    return [
        ("home", f"{base}/fi/", False, None),
        ("theme", f"{base}/fi/teemat/liikunta/", False, None),
        ("search, no results", f"{base}/fi/palvelut/?q=zzzzqqq", False, None),
        ("service, no place", service(False), False, None),
        ("self-assessment", f"{base}/fi/itsearvioinnit/yksinaisyys/", False, None),
        ("programme", f"{base}/sv/egenvardsprogram/kom-i-rorelse-6-veckor/", False, None),
        ("referral form", f"{base}/fi/liikuntaneuvonta/545/", False, None),
        ("professional login", f"{base}/fi/ammattilaiset/kirjaudu/", False, None),
        ("search, list", f"{base}/fi/palvelut/?theme=liikunta", False, None),
        ("search, map open", f"{base}/fi/palvelut/?theme=liikunta", True, open_map),
        ("service, with a map", service(True), True, None),
    ]


KINDS = {"document": "html", "stylesheet": "css", "script": "js", "image": "img"}


def visit(page, url, action):
    """Open ``url`` (and do ``action``); the requests it made."""
    seen = []

    def listener(request):
        seen.append(request)

    page.on("requestfinished", listener)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if action:
        action(page)
        page.wait_for_load_state("networkidle")
    page.remove_listener("requestfinished", listener)
    return seen


def measure(browser, url, action):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = visit(page, url, action)
    totals = transfer(seen)
    encodings = {
        request.response().headers.get("content-encoding", "identity")
        for request in seen
        if KINDS.get(request.resource_type) in ("css", "js") and request.response()
    }
    context.close()
    return totals, encodings


def transfer(requests):
    """Bytes on the wire (headers and body) by kind; map tiles left out."""
    totals = {"html": 0, "css": 0, "js": 0, "img": 0, "other": 0}
    for request in requests:
        if request.url.startswith(TILES):
            continue
        sizes = request.sizes()
        kind = KINDS.get(request.resource_type, "other")
        totals[kind] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--port", type=int, default=8097)
    args = parser.parse_args()
    set_up(args.keep)
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{args.port}"
    tiles = serve_tiles()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{args.port}"],
        cwd=ROOT,
        env={**os.environ, **ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(args.port)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            header = f"{'page type':<22}{'html':>8}{'css':>8}{'js':>8}{'img':>8}{'other':>8}"
            print(f"\nFirst visit, empty cache (KB on the wire)\n{header}{'total':>8}  budget")
            rows = []
            for name, url, map_open, action in pages(base):
                totals, encodings = measure(browser, url, action)
                total = sum(totals.values())
                if map_open:
                    verdict = "map open"
                else:
                    within = totals["js"] < JS_BUDGET and totals["css"] < CSS_BUDGET
                    verdict = "ok" if within else "OVER"
                kb = {key: value / 1024 for key, value in totals.items()}
                print(
                    f"{name:<22}{kb['html']:>8.1f}{kb['css']:>8.1f}{kb['js']:>8.1f}"
                    f"{kb['img']:>8.1f}{kb['other']:>8.1f}{total / 1024:>8.1f}  {verdict}"
                    f"  ({'/'.join(sorted(encodings)) or 'no css/js'})"
                )
                rows.append((name, url, action))
            # A warm cache: hashed static files are cached for a year; public pages are
            # revalidated (a 304: headers only) and personal ones (a form token) sent again.
            print(f"\nRepeat visit, warm cache (KB on the wire)\n{header}{'total':>8}")
            for name, url, action in rows:
                context = browser.new_context()
                page = context.new_page()
                visit(page, url, action)  # fills the browser's cache
                seen = visit(page, url, action)
                totals = transfer(seen)
                context.close()
                kb = {key: value / 1024 for key, value in totals.items()}
                print(
                    f"{name:<22}{kb['html']:>8.1f}{kb['css']:>8.1f}{kb['js']:>8.1f}"
                    f"{kb['img']:>8.1f}{kb['other']:>8.1f}{sum(kb.values()):>8.1f}"
                    f"  ({len(seen)} requests)"
                )
            browser.close()
        hashed = [p.name for p in (WORK / "static" / "portal" / "css").glob("site.*.css")]
        gz = list((WORK / "static" / "portal" / "css").glob("site.*.css.gz"))
        print(f"\nstatic files: hashed {hashed[:1]}, precompressed .gz: {bool(gz)}")
    finally:
        tiles.shutdown()
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
