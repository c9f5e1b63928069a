"""The admin in Finnish and Swedish for every role that works in it: a municipal editor, a
coordinator and an exercise counsellor. The views each can reach are found by following the
admin's own links (its menu included) from the dashboard, one view of each kind, in Chromium;
the visible text of each, with the labels assistive technology reads, is checked for the
interface's English (tests.support.english). Proper names are allowed by name."""

import re
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve

from tests.support.english import english_words
from tests.support.factories.editors import municipal_editor
from tests.support.factories.professionals import ReferralFactory, coordinator, counsellor

from .conftest import admin_as

# Not views to read: they act, export, or open another tool's page.
NOT_VIEWS = re.compile(
    r"logout|delete|unpublish|/revisions/|/compare/|/lock|/unlock|/copy/|/move/|/workflow|"
    r"/history/|usage|\.csv|/export|/preview|/chooser/|/api/|autocomplete|jsi18n|password|"
    r"/approve|/reject|/action|/sync/start|/restore|/convert_alias|/set_privacy|/cancel|"
    r"/reorder|/duplicate|/bulk/|/disable|/enable|/components/"
)
MENU_LINKS = re.compile(r'"url": "(/admin/[^"]*)"')
LINKS = re.compile(r'href="(/admin/[^"#?]*)"')

# What an assistive technology reads besides the text: labels, titles and placeholders of
# the elements that are shown. Left out: code and file names (<code>, <kbd>, <samp>), and
# content marked as another language (lang="en": an English synonym, a source's detail).
VISIBLE_TEXT = """() => {
    const shown = el => el.getClientRects().length > 0
        && getComputedStyle(el).visibility !== 'hidden';
    const other = [...document.body.querySelectorAll(
        'code, kbd, samp, [lang]:not([lang="fi"]):not([lang="sv"])')];
    const before = other.map(el => el.style.display);
    other.forEach(el => { el.style.display = 'none'; });
    const text = document.body.innerText;
    other.forEach((el, i) => { el.style.display = before[i]; });
    const words = [document.title, text];
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
        if (!shown(el)) continue;
        for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
            if (el.hasAttribute(name)) words.push(el.getAttribute(name));
        }
    }
    return words.join('\\n');
}"""

ROLES = {
    # Vaasa's editor; the counsellor of Närpiö and Kristinestad, with a referral waiting.
    "editor": lambda: municipal_editor(
        "905", username="ville", first_name="Ville", last_name="Vaasalainen"
    ),
    "coordinator": lambda: coordinator(
        username="kaisa", first_name="Kaisa", last_name="Koordinaattori"
    ),
    "counsellor": lambda: counsellor(
        "545", "287", username="niklas", first_name="Niklas", last_name="Neuvoja"
    ),
}


# The editor guides' pictures (docs/editor.fi.md, docs/editor.sv.md), taken on the way:
# `make docs` copies them from here into docs/img/.
SCREENSHOTS = {
    "editor": {
        "/admin/": "dashboard",
        "/admin/snippets/editors/localservice/": "local-services",
        "/admin/snippets/catalogue/localenrichment/add/": "enrichment",
    },
    "coordinator": {"/admin/indicators/": "indicators"},
}
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "docs"


def each_reachable_view(page, base_url):
    """Open, in the logged-in browser ``page``, one address of each admin view its user can
    open, found by following links from the dashboard: the first of each route (with and
    without an object) that answers 200 with HTML, without a redirect. Links are read from
    the HTML the server sent (as a crawler sees them, the menu's JSON included). Yields each
    view's address while the browser shows it."""
    seen_routes, queue, visited = set(), ["/admin/"], set()
    while queue and len(visited) < 400:
        url = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        try:
            match = resolve(url)
        except Resolver404:
            continue
        route = (match.view_name, bool(match.kwargs))
        if route in seen_routes:
            continue
        seen_routes.add(route)
        response = page.goto(base_url + url)
        if (
            response is None
            or response.request.redirected_from is not None
            or response.status != 200
            or "html" not in response.headers.get("content-type", "")
        ):
            continue
        html = response.text()
        yield url
        for link in [*MENU_LINKS.findall(html), *LINKS.findall(html)]:
            if not NOT_VIEWS.search(link) and link not in visited:
                queue.append(link)


@pytest.fixture
def admin_world(catalogue_site):
    """The demo catalogue with the local services, the editors' marks and the referral
    units, as load_demo leaves them."""
    from portal.demo import ensure_enrichments, ensure_local_services, ensure_referrals

    ensure_local_services()
    ensure_referrals()
    ensure_enrichments()
    return catalogue_site


@pytest.mark.browser
@pytest.mark.parametrize("role", ROLES)
def test_every_admin_view_a_role_reaches_is_in_finnish_and_swedish(admin_world, browser_page, role):
    user = ROLES[role]()
    if role == "counsellor":
        ReferralFactory(client_name="Maija Meikäläinen")
    page = browser_page
    untranslated = {}
    for language in ("fi", "sv"):
        admin_as(page, admin_world.url, user, language)
        views = []
        for url in each_reachable_view(page, admin_world.url):
            views.append(url)
            if url in SCREENSHOTS.get(role, {}):
                SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=SCREENSHOT_DIR / f"{language}-{SCREENSHOTS[role][url]}.png")
            text = page.evaluate(VISIBLE_TEXT)
            words = english_words(text, language)
            if words:
                # Each word with the line it is on, so that the string can be found.
                lines = [line.strip() for line in text.splitlines()]
                untranslated[f"{language} {url}"] = [
                    f"{word} ({next((line for line in lines if word in line), '')[:80]!r})"
                    for word in sorted(words)
                ]
        assert len(views) >= 5, views
    for name in SCREENSHOTS.get(role, {}).values():
        assert (SCREENSHOT_DIR / f"fi-{name}.png").exists(), name
    assert not untranslated, "\n".join(
        f"{url}: {' '.join(words)}" for url, words in untranslated.items()
    )
