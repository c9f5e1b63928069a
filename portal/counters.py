"""Anonymous daily counters (``DailyCount``): one row per day, metric and key, incremented in
the database so that concurrent requests never lose a count."""

from django.db import IntegrityError, transaction
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


def totals(metric, since=None, until=None):
    """{key: count} for ``metric`` between two days (inclusive)."""
    rows = DailyCount.objects.filter(metric=metric)
    if since:
        rows = rows.filter(day__gte=since)
    if until:
        rows = rows.filter(day__lte=until)
    return dict(rows.values("key").annotate(total=Sum("count")).values_list("key", "total"))
