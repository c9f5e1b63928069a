"""Anonymous daily counters (``DailyCount``): one row per day, metric and key, incremented in
the database so that concurrent requests never lose a count.

Page views (``bump_many``) do not write the database while the page is served when the
default cache is Redis (production): each count is a Redis ``HINCRBY`` into one pending hash,
and ``flush_pending`` adds the pending counts to the rows. It runs in the background worker
(``flush_counts_task``, asked for at most every ``COUNTER_FLUSH_SECONDS`` by the page views
themselves), by ``housekeeping``, and before any count is read (``totals``), so a report
always sees every view counted so far. Without Redis (one process: make run, the tests) the
rows are written at once, as before."""

import logging
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django_redis import get_redis_connection
from django_tasks import task

from .models import DailyCount

logger = logging.getLogger(__name__)

PENDING = "counters:pending"
# A flush renames the pending hash to one of these before it writes the rows, so that counts
# arriving meanwhile go to a new pending hash; a flush that failed leaves its hash for the next.
FLUSHING = "counters:flushing:"
FLUSH_ASKED = "counters:flush-asked"
FLUSH_LOCK = "counters:flush-lock"
SEPARATOR = "\x1f"


def _field(day, metric, key):
    """The pending hash's field of a counter: its row's day, metric and key."""
    return SEPARATOR.join((day.isoformat(), metric, str(key)[:60]))


def _redis():
    """The Redis client of the default cache (django-redis), or None."""
    if not settings.CACHES["default"]["BACKEND"].startswith("django_redis."):
        return None
    return get_redis_connection("default")


def increment(model, field, amount=1, **keys):
    """Add ``amount`` to ``field`` of the row of ``model`` that ``keys`` name, creating the
    row when missing; safe when two requests count at once (the keys are unique together)."""
    rows = model.objects.filter(**keys)
    if rows.update(**{field: F(field) + amount}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **{field: amount})
    except IntegrityError:
        rows.update(**{field: F(field) + amount})


def bump(metric, key="", amount=1, day=None):
    increment(
        DailyCount,
        "count",
        amount,
        day=day or timezone.localdate(),
        metric=metric,
        key=str(key)[:60],
    )


def bump_many(pairs, day=None):
    """Add one to each (metric, key) counter of ``day``: into Redis's pending counts when
    the cache is Redis (no database write while the page is served), otherwise, or when
    Redis does not answer, into the rows at once."""
    if not pairs:
        return
    day = day or timezone.localdate()
    client = _redis()
    if client is not None:
        try:
            with client.pipeline(transaction=False) as pipe:
                for metric, key in pairs:
                    pipe.hincrby(cache.make_key(PENDING), _field(day, metric, key), 1)
                pipe.set(cache.make_key(FLUSH_ASKED), 1, nx=True, ex=settings.COUNTER_FLUSH_SECONDS)
                *_counted, asked = pipe.execute()
        except Exception:  # noqa: BLE001 - any Redis failure: count in the database instead
            logger.warning("Pending counts not reachable; counting in the database", exc_info=True)
        else:
            if asked:
                ask_for_flush()
            return
    write_counts([(day, metric, key, 1) for metric, key in pairs])


def ask_for_flush():
    """Queue a flush in the background worker (at most every COUNTER_FLUSH_SECONDS)."""
    try:
        flush_counts_task.enqueue()
    except Exception:  # noqa: BLE001 - the next page view, housekeeping or a report flushes
        logger.warning("Counter flush not queued", exc_info=True)


def write_counts(rows):
    """Add each (day, metric, key, amount) to its row in a single transaction. On
    PostgreSQL the commit does not wait for the disk (synchronous_commit off for this
    transaction only): a crash may lose the last moment's counts, never anything else, and
    page views do not queue behind the write-ahead log."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        for day, metric, key, amount in rows:
            bump(metric, key, amount, day=day)


def flush_pending():
    """Add Redis's pending counts to the database rows; returns how many counts were added.
    The pending hash is renamed first (atomically), so no count arriving meanwhile is lost,
    and deleted only once the rows are committed; a failed flush leaves it for the next."""
    client = _redis()
    if client is None:
        return 0
    # One flush at a time: two would both find the same renamed hash.
    with client.lock(cache.make_key(FLUSH_LOCK), timeout=300, blocking_timeout=60):
        return _flush(client)


def _flush(client):
    pending = cache.make_key(PENDING)
    prefix = cache.make_key(FLUSHING)
    # Only a flush renames the pending hash, and flushes hold the lock: it cannot go between.
    if client.exists(pending):
        client.rename(pending, prefix + uuid.uuid4().hex)
    added = 0
    for name in client.scan_iter(match=prefix + "*", count=100):
        counts = client.hgetall(name)
        rows = []
        for field, amount in counts.items():
            day, metric, key = field.decode().split(SEPARATOR, 2)
            rows.append((date.fromisoformat(day), metric, key, int(amount)))
        if rows:
            write_counts(rows)
        client.delete(name)
        added += sum(amount for *_keys, amount in rows)
    return added


@task(backend="sync", queue_name="counters")
def flush_counts_task():
    """The background worker's flush of the pending page-view counts."""
    return flush_pending()


def count_of(metric, key, since, until):
    """The count of one (metric, key) between two days (inclusive), the pending counts
    included, without a flush: cheap enough for a page view."""
    stored = DailyCount.objects.filter(
        metric=metric, key=key, day__gte=since, day__lte=until
    ).aggregate(total=Sum("count"))["total"]
    client = _redis()
    if client is None:
        return stored or 0
    days = [since + timedelta(days=n) for n in range((until - since).days + 1)]
    try:
        values = client.hmget(cache.make_key(PENDING), [_field(day, metric, key) for day in days])
    except Exception:  # noqa: BLE001 - what the database holds
        logger.warning("Pending counts not reachable", exc_info=True)
        values = []
    return (stored or 0) + sum(int(value) for value in values if value)


def totals(metric, since=None, until=None):
    """{key: count} for ``metric`` between two days (inclusive), every pending count
    included (while Redis answers: otherwise what the database holds)."""
    try:
        flush_pending()
    except Exception:  # noqa: BLE001 - the report still shows what the database holds
        logger.warning("Pending counts not added before reading them", exc_info=True)
    rows = DailyCount.objects.filter(metric=metric)
    if since:
        rows = rows.filter(day__gte=since)
    if until:
        rows = rows.filter(day__lte=until)
    return dict(rows.values("key").annotate(total=Sum("count")).values_list("key", "total"))
