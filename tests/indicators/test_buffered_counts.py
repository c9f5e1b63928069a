"""Issue 28: with Redis as the cache (production), a page view does not write the database:
its counts wait in Redis until the background worker, housekeeping or a report adds them, and
the report's figures stay exact. Runs against the machine's real Redis."""

import uuid
from datetime import date

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_redis import get_redis_connection
from django_tasks_db.models import DBTaskResult

from core import counters
from core.models import DailyCount
from indicators.counting import QUERY_TEXT_METRIC
from tests.indicators.test_indicators import BROWSER, coordinator_client, report
from tests.support.worker import run_worker

REDIS = "redis://127.0.0.1:6379/12"


@pytest.fixture
def redis_cache(settings):
    """The default cache in the local Redis (database 12), under a prefix of this test's
    own, removed afterwards."""
    prefix = f"test-counts-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
        }
    }
    settings.CATALOGUE_PAGE_CACHE_SECONDS = 0
    client = get_redis_connection("default")
    yield client
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def pending(client):
    return {
        field.decode(): int(value)
        for field, value in client.hgetall(cache.make_key(counters.PENDING)).items()
    }


def search(times, words=""):
    """``times`` searches on the search page, as a resident's browser asks them."""
    resident = Client(HTTP_USER_AGENT=BROWSER)
    for _ in range(times):
        assert resident.get("/fi/palvelut/", {"q": words} if words else {}).status_code == 200


@pytest.mark.django_db
def test_a_page_view_writes_no_counter_row_and_the_report_counts_it(redis_cache):
    with CaptureQueriesContext(connection) as queries:
        search(1, "uinti")
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert [sql for sql in writes if "dailycount" in sql] == []
    search(4, "uinti")
    # Only the month's row that keeps a common zero-result text (written once).
    assert not DailyCount.objects.exclude(metric=QUERY_TEXT_METRIC).exists()
    # Five visits and five searches, each nothing found (the catalogue is empty).
    assert sum(pending(redis_cache).values()) == 15

    _header, figures, _rows = report(coordinator_client())

    assert figures[("visits", "search")] == 5
    assert figures[("searches", "searches")] == 5
    assert figures[("searches", "zero_results")] == 5
    assert pending(redis_cache) == {}


@pytest.mark.django_db
def test_a_common_zero_result_text_is_kept_while_its_counts_are_pending(redis_cache, settings):
    settings.INDICATOR_QUERY_MIN_COUNT = 3
    search(3, "kuutamouinti")
    assert not DailyCount.objects.filter(metric="search.zero").exists()
    _header, figures, _rows = report(coordinator_client())
    assert figures[("zero_result_queries", "kuutamouinti")] == 3


@pytest.mark.django_db(transaction=True)
def test_the_background_worker_adds_the_pending_counts(redis_cache, settings):
    settings.COUNTER_FLUSH_SECONDS = 600
    search(3)
    # Asked for once, not on every view.
    assert DBTaskResult.objects.filter(queue_name="counters", status="READY").count() == 1

    worker = run_worker(
        "counters", REDIS_URL=REDIS, CACHE_KEY_PREFIX=settings.CACHES["default"]["KEY_PREFIX"]
    )

    assert worker.returncode == 0, worker.stderr
    assert DailyCount.objects.get(metric="visit", key="search").count == 3
    assert pending(redis_cache) == {}
    assert DBTaskResult.objects.get(queue_name="counters").status == "SUCCESSFUL"


@pytest.mark.django_db
def test_counts_between_flushes_and_from_housekeeping_add_up_exactly(redis_cache):
    search(2)
    assert counters.flush_pending() == 2
    search(3)
    call_command("housekeeping", verbosity=0)
    assert DailyCount.objects.get(metric="visit", key="search").count == 5
    search(1)
    assert counters.totals("visit") == {"search": 6}
    assert counters.flush_pending() == 0


@pytest.mark.django_db
def test_a_flush_that_failed_is_finished_by_the_next(redis_cache):
    """A flush renames the pending counts before writing them; if the database write fails,
    the renamed counts stay for the next flush, and views counted meanwhile are kept too."""
    search(2)
    # A flush that renamed the pending counts and then failed before writing them.
    redis_cache.rename(
        cache.make_key(counters.PENDING), cache.make_key(counters.FLUSHING) + "interrupted"
    )
    search(1)
    assert counters.totals("visit") == {"search": 3}


@pytest.mark.django_db
def test_an_unreachable_redis_counts_in_the_database(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    counters.bump_many([("visit", "home"), ("visit", "home")])
    assert DailyCount.objects.get(metric="visit", key="home").count == 2


@pytest.mark.django_db
def test_a_report_still_opens_when_redis_does_not_answer(settings):
    counters.write_counts([(date.today(), "visit", "home", 4)])
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    assert counters.totals("visit") == {"home": 4}
