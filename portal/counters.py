"""Anonymous daily counters (``DailyCount``): one row per day, metric and key, incremented in
the database so that concurrent requests never lose a count."""

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import DailyCount


def bump(metric, key="", amount=1, day=None):
    day = day or timezone.localdate()
    key = str(key)[:60]
    rows = DailyCount.objects.filter(day=day, metric=metric, key=key)
    if rows.update(count=F("count") + amount):
        return
    try:
        with transaction.atomic():
            DailyCount.objects.create(day=day, metric=metric, key=key, count=amount)
    except IntegrityError:
        rows.update(count=F("count") + amount)


def totals(metric, since=None, until=None):
    """{key: count} for ``metric`` between two days (inclusive)."""
    rows = DailyCount.objects.filter(metric=metric)
    if since:
        rows = rows.filter(day__gte=since)
    if until:
        rows = rows.filter(day__lte=until)
    return dict(rows.values("key").annotate(total=Sum("count")).values_list("key", "total"))
