"""The events calendar, the sports and recreation places and the widget for municipal
websites in a real browser, in Finnish and Swedish: the calendar's filters without
JavaScript, "Lisää kalenteriin" giving an iCal file, a place found in the search and its
page, a theme page's nearby places, the widget (a places widget too) framed by an allowed
site and refused by any other, at 320 px, and axe on every new page."""

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from .test_journeys import LAYOUT_CHECK, TARGETS


@pytest.fixture
def events_site(catalogue_site):
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    assert run_sync("lahella", from_dir=DEMO_DIR / "lahella", full=True).status == "succeeded"
    assert run_sync("lipas", from_dir=DEMO_DIR / "lipas", full=True).status == "succeeded"
    return catalogue_site


CALENDAR = {
    "fi": {
        "path": "/fi/tapahtumat/",
        "municipality": "Närpiö",
        "month": "Seuraavat 30 päivää",
        "show": "Näytä tapahtumat",
        "add": "Lisää kalenteriin",
    },
    "sv": {
        "path": "/sv/evenemang/",
        "municipality": "Närpes",
        "month": "De närmaste 30 dagarna",
        "show": "Visa evenemang",
        "add": "Lägg till i kalendern",
    },
}


def test_the_calendar_and_the_widget_for_websites_in_a_browser(events_site, chromium, axe_check):
    # One site for every journey: importing the demo catalogue is most of the time.
    for language in ("fi", "sv"):
        calendar_journey(events_site, chromium, axe_check, language)
        places_journey(events_site, chromium, axe_check, language)
    widget_journey(events_site, chromium, axe_check)


PLACES = {
    "fi": {
        "search": "/fi/palvelut/?q=laavu",
        "badge": "Paikka",
        "about": "Tietoa paikasta",
        "kind": "Paikan tyyppi",
        "show": "Näytä",
        "nearby": "Lähiluonto ja liikuntapaikat",
        "trail": "Närpiön luontopolku",
    },
    "sv": {
        "search": "/sv/tjanster/?q=vindskydd",
        "badge": "Plats",
        "about": "Om platsen",
        "kind": "Typ av plats",
        "show": "Visa",
        "nearby": "Natur och idrottsplatser i närheten",
        "trail": "Närpes naturstig",
    },
}


def places_journey(site, chromium, axe_check, language):
    """A resident on a phone looks for a lean-to, opens the place, and then sees the nature
    places near Närpes on the exercise theme's page."""
    from portal.models import ThemePage

    text = PLACES[language]
    context = chromium.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{site.url}{text['search']}")
        place = page.locator(".result-list > li", has=page.locator(".badge--place")).first
        assert place.locator(".badge--place").inner_text() == text["badge"]
        name = place.locator(".result-list__title a").inner_text()
        place.locator(".result-list__title a").click()
        assert page.locator("h1").inner_text() == name
        assert page.get_by_role("heading", name=text["about"]).is_visible()
        assert page.locator("dt", has_text=text["kind"]).count() == 1
        layout = page.evaluate(LAYOUT_CHECK, TARGETS)
        assert layout["overflow"] == 0, layout
        violations = axe_check(page, f"axe-place-{language}")
        assert [(v["id"], len(v["nodes"])) for v in violations] == []

        with translation.override(language):
            theme_url = ThemePage.objects.get(theme__slug="liikunta").get_url()
        page.goto(f"{site.url}{theme_url}")
        page.select_option("#theme-municipality", "545")
        page.get_by_role("button", name=text["show"], exact=True).click()
        page.wait_for_url("**municipality=545**")
        nearby = page.get_by_role("region", name=text["nearby"])
        assert nearby.locator("h3").first.inner_text() == text["trail"]
        violations = axe_check(page, f"axe-theme-places-{language}")
        assert [(v["id"], len(v["nodes"])) for v in violations] == []
    finally:
        context.close()


def calendar_journey(events_site, chromium, axe_check, language):
    text = CALENDAR[language]
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 320, "height": 800}, accept_downloads=True
    )
    page = context.new_page()
    try:
        page.goto(f"{events_site.url}{text['path']}")
        page.get_by_label(text["month"]).check()
        page.select_option("#events-municipality", "545")
        layout = page.evaluate(LAYOUT_CHECK, TARGETS)
        assert (layout["small"], layout["overflow"]) == ([], 0), layout
        page.get_by_role("button", name=text["show"]).click()
        page.wait_for_url("**municipality=545**")
        count = page.locator("#events-count").inner_text()
        listed = page.locator(".events-list li")
        assert listed.count() == int(count.split()[0]) > 0
        selected = page.locator("#events-municipality option:checked").inner_text()
        assert selected.startswith(text["municipality"]) and f"({listed.count()})" in selected
        filtered = page.url
        with page.expect_download() as download:
            page.get_by_role("link", name=text["add"]).first.click()
        with open(download.value.path(), "rb") as saved:
            body = saved.read()
        events = icalendar.Calendar.from_ical(body).walk("VEVENT")
        assert len(events) == 1 and str(events[0]["dtstart"].params["TZID"]) == "Europe/Helsinki"
        # Each event leads to its service.
        first = page.locator(".events-list__name a").first
        name = first.inner_text()
        first.click()
        assert page.locator("h1").inner_text().startswith(name.split(" – ")[0])
    finally:
        context.close()
    # axe runs as a script: in a browser with JavaScript, on the same page.
    context = chromium.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        page.goto(filtered)
        violations = axe_check(page, f"axe-events-{language}")
        assert [(v["id"], len(v["nodes"])) for v in violations] == []
    finally:
        context.close()


def framing_page(widget_url):
    return (
        '<!DOCTYPE html><html lang="fi"><head><title>Kunnan sivu</title></head><body>'
        f'<iframe id="widget" src="{widget_url}" title="Hyvinvointiopas" width="320" '
        'height="600"></iframe></body></html>'
    )


@contextmanager
def municipal_site():
    """A made-up municipality's website on this machine (a page at /kunta that frames the
    URL last given to ``show``): a real server, as a browser treats a page it only
    imagines as a public site, which may not frame anything local."""
    shown = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = framing_page(shown["url"]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", lambda url: shown.update(url=url)
    finally:
        server.shutdown()
        server.server_close()


def widget_journey(events_site, chromium, axe_check):
    """The widget shows on an allowed site only, and passes axe at 320 px."""
    from catalogue.models import Municipality, Theme
    from editors.models import EmbedOrigin, EmbedWidget

    narpes = Municipality.objects.get(code="545")
    widgets = {
        "sv": EmbedWidget.objects.create(
            name="Närpes motion",
            language="sv",
            municipality=narpes,
            theme=Theme.objects.get(slug="liikunta"),
        ),
        "fi": EmbedWidget.objects.create(
            name="Närpiön tapahtumat", kind="events", language="fi", municipality=narpes
        ),
        "fi-places": EmbedWidget.objects.create(
            name="Närpiön paikat", kind="places", language="fi", municipality=narpes
        ),
    }
    # Two made-up municipal sites on this machine: one is allowed.
    with municipal_site() as (allowed, show_allowed), municipal_site() as (other, show_other):
        EmbedOrigin.objects.create(origin=allowed)
        assert urlsplit(events_site.url).hostname != "127.0.0.1"  # another origin
        context = chromium.new_context(
            java_script_enabled=False, viewport={"width": 320, "height": 700}
        )
        page = context.new_page()
        try:
            for language, widget in widgets.items():
                url = events_site.url + reverse("embed", args=[widget.key])
                show_allowed(url)
                show_other(url)
                page.goto(f"{allowed}/kunta")
                frame = page.frame_locator("#widget")
                frame.locator(".embed__heading").wait_for()
                links = frame.locator("main a")
                assert links.count() > 1
                assert all(
                    links.nth(i).get_attribute("target") == "_blank" for i in range(links.count())
                )
                page.goto(f"{other}/kunta")
                page.wait_for_timeout(500)
                assert page.frame_locator("#widget").locator(".embed__heading").count() == 0
                # The widget on its own: readable at 320 px, nothing sideways, no cookie.
                page.goto(url)
                assert page.locator("html").get_attribute("lang") == language[:2]
                layout = page.evaluate(LAYOUT_CHECK, "main a")
                assert layout["overflow"] == 0, layout
                assert context.cookies() == []
        finally:
            context.close()
    # axe runs as a script: in a browser with JavaScript, on the same widgets.
    context = chromium.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    try:
        for language, widget in widgets.items():
            page.goto(events_site.url + reverse("embed", args=[widget.key]))
            violations = axe_check(page, f"axe-embed-{language}")
            assert [(v["id"], len(v["nodes"])) for v in violations] == []
    finally:
        context.close()
