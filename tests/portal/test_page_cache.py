"""HTTP caching of public pages and the catalogue pages' own cache: what a visitor gets from
a cache, what never goes into one, and that syncs, editors' changes and publishing make the
cached pages fresh at once."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import caches
from django.test import override_settings

from catalogue.models import LocalEnrichment, Service
from tests.support.factories.professionals import professional

SEARCH = "/fi/palvelut/?q=liikunta"


@pytest.fixture(autouse=True)
def _start_of_a_minute():
    """The search page is kept a minute at most ("open now"): each test starts at the
    beginning of a minute, so its two requests never fall on either side of one."""
    with time_machine.travel(datetime.now(UTC).replace(second=0, microsecond=0), tick=True):
        yield


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_public_pages_are_kept_by_caches_and_revalidated(client, demo_catalogue):
    for path in ("/fi/", "/sv/teman/motion-och-friluftsliv/", SEARCH):
        response = client.get(path)
        assert response.status_code == 200
        assert directives(response) == {"public", "max-age=0", "must-revalidate"}, path
        assert "Cookie" in response["Vary"]
        # Asked again with the ETag: 304, no body, until the page changes.
        again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304 and again.content == b"", path


def test_public_pages_may_be_kept_for_a_while_without_asking(client, demo_pages, settings):
    settings.PUBLIC_PAGE_MAX_AGE = 300
    assert directives(client.get("/fi/")) == {"public", "max-age=300"}


def test_pages_for_a_logged_in_professional_are_private(client, demo_catalogue):
    client.force_login(professional())
    response = client.get(SEARCH)
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert "X-Page-Cache" not in response  # never stored, never served from the cache


def test_a_page_with_a_form_token_is_private(client, demo_pages):
    response = client.get("/fi/ammattilaiset/kirjaudu/")
    assert response.cookies.get("csrftoken")
    assert "private" in response["Cache-Control"]


def test_the_admin_and_the_api_decide_their_own_caching(client, demo_catalogue):
    assert "public" not in client.get("/api/v1/services?q=liikunta").get("Cache-Control", "")
    assert "public" not in client.get("/admin/login/").get("Cache-Control", "")


def test_catalogue_pages_come_from_the_cache_the_second_time(client, demo_catalogue):
    service = Service.objects.filter(name_fi__startswith="Liikuntaneuvonta").first()
    for path in (SEARCH, service.get_absolute_url("fi"), "/fi/teemat/liikunta/"):
        first = client.get(path)
        second = client.get(path)
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), path
        assert first.content == second.content
    # Each language and each query is a page of its own.
    assert client.get(service.get_absolute_url("sv"))["X-Page-Cache"] == "miss"
    assert client.get(SEARCH + "&page=2")["X-Page-Cache"] == "miss"


def test_a_sync_run_makes_every_cached_page_fresh(client, demo_catalogue):
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    client.get(SEARCH)
    assert client.get(SEARCH)["X-Page-Cache"] == "hit"
    assert run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True).status == "succeeded"
    assert client.get(SEARCH)["X-Page-Cache"] == "miss"


def test_an_editor_hiding_a_service_takes_it_off_the_cached_pages(client, demo_catalogue):
    service = Service.objects.filter(name_fi__startswith="Liikuntaneuvonta").first()
    url = service.get_absolute_url("fi")
    assert client.get(url).status_code == 200
    theme_page = client.get(
        "/fi/teemat/liikunta/?municipality=" + service.municipalities.first().code
    )
    assert url in theme_page.content.decode()
    LocalEnrichment.objects.update_or_create(service=service, defaults={"hidden": True})
    assert client.get(url).status_code == 404
    theme_page = client.get(
        "/fi/teemat/liikunta/?municipality=" + service.municipalities.first().code
    )
    assert theme_page["X-Page-Cache"] == "miss"
    assert url not in theme_page.content.decode()


def test_publishing_a_page_makes_the_cached_theme_page_fresh(client, demo_catalogue):
    from portal.models import ThemePage

    client.get("/fi/teemat/liikunta/")
    assert client.get("/fi/teemat/liikunta/")["X-Page-Cache"] == "hit"
    page = ThemePage.objects.get(theme__slug="liikunta")
    page.body = [("paragraph", "<p>Uusi kesän liikuntakalenteri on julkaistu.</p>")]
    page.save_revision().publish()
    response = client.get("/fi/teemat/liikunta/")
    assert response["X-Page-Cache"] == "miss"
    assert "Uusi kesän liikuntakalenteri" in response.content.decode()


def test_the_cache_can_be_turned_off(client, demo_catalogue, settings):
    settings.CATALOGUE_PAGE_CACHE_SECONDS = 0
    client.get(SEARCH)
    assert "X-Page-Cache" not in client.get(SEARCH)


REDIS_CACHE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/14",
        "KEY_PREFIX": "hyvinvointiopas-test",
    }
}


@pytest.fixture
def redis_cache():
    with override_settings(CACHES=REDIS_CACHE):  # Django opens the cache connections anew
        cache = caches["default"]
        cache.clear()
        yield cache
        cache.clear()


def test_with_redis_the_cached_pages_are_shared_between_processes(
    client, demo_catalogue, redis_cache
):
    """REDIS_URL set: the pages live in Redis, where every worker process finds them."""
    client.get(SEARCH)
    assert client.get(SEARCH)["X-Page-Cache"] == "hit"
    keys = redis_cache.client.get_client().keys("hyvinvointiopas-test:*catalogue-pages:*")
    assert len(keys) >= 2  # the generation and the page
