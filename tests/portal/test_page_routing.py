"""Finding the page an address names, kept per catalogue generation (portal.routing): a page
seen once is found again with fewer statements, and a rename, an unpublication or a move
shows at once; addresses that name no page are not kept; the breadcrumbs follow a rename."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import pagecache
from portal.models import ThemeIndexPage, ThemePage

THEME = "/fi/teemat/liikunta/"


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Every request renders its page: what is measured is the lookup, not the page cache."""
    settings.CATALOGUE_PAGE_CACHE_SECONDS = 0


def page_tree_statements(client, path, everything=False):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    tree = [q["sql"] for q in queries if '"wagtailcore_page"' in q["sql"]]
    if everything:
        return response, tree, [q["sql"] for q in queries]
    return response, tree


def test_a_page_seen_once_is_found_again_with_fewer_statements(client, demo_pages):
    first, first_tree = page_tree_statements(client, THEME)
    again, again_tree, again_all = page_tree_statements(client, THEME, everything=True)
    # Found again: whether the page is live and its ancestors' view restrictions (Wagtail's
    # check), instead of a walk from the site's root through each level's children. The page
    # and its theme are kept in the process: neither is read again.
    assert len(again_tree) <= 2 < len(first_tree)
    assert not [sql for sql in again_all if '"wagtailcore_page"."title"' in sql]
    assert not [sql for sql in again_all if 'FROM "catalogue_theme"' in sql]
    assert again.content == first.content
    # A Swedish visitor gets the Swedish page, not the Finnish page kept before.
    swedish = client.get("/sv/teman/motion-och-friluftsliv/")
    assert swedish.status_code == 200 and 'lang="sv"' in swedish.content.decode()


def test_a_renamed_page_answers_at_its_new_address_at_once(client, demo_pages):
    assert client.get(THEME).status_code == 200
    page = ThemePage.objects.get(theme__slug="liikunta")
    page.slug_fi = "liikunta-ja-ulkoilu"
    page.save_revision().publish()
    assert client.get(THEME).status_code == 404
    assert client.get("/fi/teemat/liikunta-ja-ulkoilu/").status_code == 200


def test_an_unpublished_page_is_gone_at_once(client, demo_pages):
    assert client.get(THEME).status_code == 200
    ThemePage.objects.get(theme__slug="liikunta").unpublish()
    assert client.get(THEME).status_code == 404


def test_a_kept_page_unpublished_without_a_signal_is_not_served(client, demo_pages):
    """Even if no signal started a new generation (a change made in SQL), a kept route is
    served only while its page is live."""
    assert client.get(THEME).status_code == 200
    ThemePage.objects.filter(theme__slug="liikunta").update(live=False)
    assert client.get(THEME).status_code == 404


def test_addresses_that_name_no_page_are_not_kept(client, demo_pages):
    client.get(THEME)
    before = set(cache._cache)  # the test settings' local-memory cache
    here = set(pagecache._LOCAL)  # and what this process keeps
    for number in range(30):
        assert client.get(f"/fi/teemat/ei-ole-{number}/").status_code == 404
    assert set(cache._cache) - before == set()
    assert set(pagecache._LOCAL) - here == set()


def test_a_programme_step_is_routed_every_time(client, demo_pages):
    """A routable page's sub-routes (a programme's steps) are not kept as the page itself:
    each address keeps giving its own step."""
    base = "/fi/omahoito-ohjelmat/liikkeelle-6-viikkoa/"
    for _ in range(2):
        for number in (2, 3):
            response = client.get(f"{base}vaihe/{number}/")
            assert response.templates[0].name == "selfcare/programme_step.html"
            assert response.context["step"] is response.context["steps"][number - 1]
        overview = client.get(base)
        assert overview.status_code == 200
        assert overview.templates[0].name != "selfcare/programme_step.html"


def test_the_breadcrumbs_follow_a_renamed_parent(client, demo_pages):
    assert 'href="/fi/teemat/"' in client.get(THEME).content.decode()
    index = ThemeIndexPage.objects.get()
    index.title_fi = "Hyvinvoinnin teemat"
    index.slug_fi = "hyvinvoinnin-teemat"
    index.save_revision().publish()
    html = client.get("/fi/hyvinvoinnin-teemat/liikunta/").content.decode()
    assert '<a href="/fi/hyvinvoinnin-teemat/">Hyvinvoinnin teemat</a>' in html
    assert client.get(THEME).status_code == 404


def test_a_page_view_reads_the_generation_from_the_shared_cache_once(
    client, demo_pages, monkeypatch
):
    reads = []
    original = cache.get

    def counting_get(key, *args, **kwargs):
        if key == pagecache.GENERATION_KEY:
            reads.append(key)
        return original(key, *args, **kwargs)

    client.get(THEME)
    monkeypatch.setattr(cache, "get", counting_get)
    assert client.get(THEME).status_code == 200
    assert len(reads) == 1
