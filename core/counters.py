"""Anonymous daily counters (``DailyCount``): one row per day, metric and key, incremented in
the database so that concurrent requests never lose a count."""

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import DailyCount


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
    """Add one to each (metric, key) counter of ``day`` in a single transaction. On
    PostgreSQL the commit does not wait for the disk (synchronous_commit off for this
    transaction only): a crash may lose the last moment's counts, never anything else, and
    page views do not queue behind the write-ahead log."""
    if not pairs:
        return
    day = day or timezone.localdate()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        for metric, key in pairs:
            bump(metric, key, day=day)


def totals(metric, since=None, until=None):
    """{key: count} for ``metric`` between two days (inclusive)."""
    rows = DailyCount.objects.filter(metric=metric)
    if since:
        rows = rows.filter(day__gte=since)
    if until:
        rows = rows.filter(day__lte=until)
    return dict(rows.values("key").annotate(total=Sum("count")).values_list("key", "total"))
