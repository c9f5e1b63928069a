"""Finding by situation in a real browser: the "Vad passar mig?" path without JavaScript, the
home page's municipality remembered on the device, and axe on the new pages and filters."""

import pytest

from .test_journeys import LAYOUT_CHECK, TARGETS


@pytest.fixture
def situation_site(catalogue_site):
    from portal.demo import ensure_enrichments
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    assert run_sync("lahella", from_dir=DEMO_DIR / "lahella", full=True).status == "succeeded"
    ensure_enrichments()
    return catalogue_site


def test_the_path_works_without_javascript_and_the_home_page_remembers_a_municipality(
    situation_site, chromium, axe_check
):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 800}
    )
    page = context.new_page()
    try:
        page.goto(f"{situation_site.url}/sv/tjanster/vad-passar-mig/")
        page.get_by_label("Närståendevårdare").check()
        page.select_option("#situation-municipality", "545")
        # Every control is a target of 44 px or more, and nothing scrolls sideways.
        layout = page.evaluate(LAYOUT_CHECK, TARGETS)
        assert (layout["small"], layout["overflow"]) == ([], 0)
        # The third question skipped: any kind of help.
        page.get_by_role("button", name="Visa det som passar mig").click()
        page.wait_for_url("**audience=carers**")
        assert "municipality=545" in page.url
        titles = page.locator(".result-list__title").all_inner_texts()
        assert titles and all("Närpes" in title or "Närpiö" in title for title in titles)
        assert (
            page.get_by_role("link", name="Ta bort avgränsningen: Närståendevårdare").count() == 1
        )
    finally:
        context.close()

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        # The choice stays on this device only: the next visit offers it back.
        page.goto(f"{situation_site.url}/fi/")
        page.select_option("#home-municipality", "905")
        page.get_by_role("button", name="Näytä", exact=True).click()
        page.wait_for_url("**municipality=905**")
        assert page.get_by_role("heading", name="Tulossa tällä viikolla").is_visible()
        page.set_viewport_size({"width": 375, "height": 800})
        layout = page.evaluate(LAYOUT_CHECK, TARGETS)
        assert (layout["small"], layout["overflow"]) == ([], 0)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{situation_site.url}/fi/")
        remembered = page.get_by_role("link", name="Näytä aiemmin valitsemasi kunta: Vaasa")
        remembered.click()
        page.wait_for_url("**municipality=905**")
        assert page.context.cookies() == []
        page.goto(f"{situation_site.url}/fi/")
        page.get_by_role("button", name="Unohda valinta").click()
        page.goto(f"{situation_site.url}/fi/")
        assert page.locator("[data-remembered]").is_hidden()

        from catalogue.models import Service

        library = Service.objects.get(name_fi="Kirjaston palvelut – Vaasa")
        found = {}
        for path in (
            "/fi/palvelut/mika-sopisi-minulle/",
            "/sv/tjanster/vad-passar-mig/",
            "/fi/?municipality=905",
            "/sv/?municipality=905",
            "/fi/palvelut/?audience=older_people&open=1&accessibility=hearing_loop",
            library.get_absolute_url("sv"),
        ):
            page.goto(f"{situation_site.url}{path}")
            name = "axe" + path.replace("/", "_").replace("?", "_").replace("&", "_")
            found[path] = [(v["id"], v["help"], len(v["nodes"])) for v in axe_check(page, name)]
        assert found == {path: [] for path in found}
    finally:
        context.close()
