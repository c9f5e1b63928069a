"""Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium).

No browser is downloaded. The pages are served by pytest-django's live server on the test
database, which Django flushes after each of these (transactional) tests. Django's serialized
rollback cannot restore the rows migrations create here: Playwright's sync API runs in greenlets
with their own context variables, so the database connection it sees is not the one the
snapshot was stored on. The ``site`` fixture therefore recreates those rows itself
(Wagtail's, and the catalogue's code lists).
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.support.migration_rows import restore_migration_rows

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "salasana-123"  # the users' factories' password

# Playwright's sync API runs an event loop in this thread; Django's ORM (used by the live
# server fixtures in the same thread) refuses to run while one is running unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the demo pages loaded."""
    from portal.demo import load_pages

    restore_migration_rows()
    load_pages()
    return live_server


@pytest.fixture
def catalogue_site(site):
    """The live server with the demo pages and the demo catalogue imported (as load_demo
    does: through the drop folder)."""
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    run = run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    assert run.status == "succeeded", run.errors
    return site


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Run axe-core (WCAG 2.1 A and AA rules) on the page; return the violations."""
    axe = Axe()

    def check(page, name):
        results = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_21_AA},
                "resultTypes": ["violations"],
            },
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        violations = results.response["violations"]
        if violations:
            (ARTIFACTS / f"{name}-axe.txt").write_text(results.generate_report())
        return violations

    return check


@pytest.fixture
def axe_pages(axe_check):
    """Visit each path (of a read-only tour: one site set-up for all of them) and run axe;
    return {path: [(rule, help, nodes)]} for every path, so that one assertion names each
    page with violations. Every path must answer ``status``."""

    def check(page, base_url, prefix, paths, status=200):
        found = {}
        for path in paths:
            response = page.goto(f"{base_url}{path}")
            assert response.status == status, path
            name = prefix + path.replace("/", "-").replace("?", "_").replace("=", "-").rstrip("-")
            found[path] = [(v["id"], v["help"], len(v["nodes"])) for v in axe_check(page, name)]
        return found

    return check


def admin_as(page, base_url, user, language, next_path=""):
    """Give ``user`` the test password and ``language`` as their admin language, and log in."""
    from wagtail.users.models import UserProfile

    user.set_password(PASSWORD)
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    admin_log_in(page, base_url, user.username, PASSWORD, next_path)


def admin_log_in(page, base_url, username, password, next_path=""):
    """Log in through Wagtail's admin login page."""
    page.goto(f"{base_url}/admin/login/" + (f"?next={next_path}" if next_path else ""))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()


def tab_to(page, predicate, limit=200):
    """Press Tab until the focused element satisfies the JavaScript ``predicate``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")
