"""When services are open: ServiceOpenSpan rows (UTC) written with each service's search
entry, for "Avoinna nyt" / "Öppet nu" (a filter and its count on every backend) and the "open
today" line in search results.

- A place's or phone line's opening hours decide, in Finnish time (Europe/Helsinki, so a
  daylight-saving change moves the UTC instants, not the local hours), with its exceptions
  and holidays (catalogue.openinghours.day_spans).
- A scheduled activity (a Lähellä.fi activity, or any service whose channels carry events)
  goes by its own occurrences only, never by its venue's hours: a walking group that meets on
  Tuesdays is not "open" on Wednesday because the library it meets in is.
- Spans cover WINDOW days from the day before indexing; ``refresh()`` (housekeeping, daily)
  renews them for every service."""

from datetime import datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from core import fastwrite

from .models import OpeningHours, Service, ServiceChannel, ServiceChannelLink, ServiceOpenSpan
from .openinghours import HELSINKI, MINUTES_PER_DAY, day_spans, merged

WINDOW = 28  # days of spans kept ahead
# A stored span never crosses a local midnight, so none is longer than a day (25 hours when
# the clocks go back): "open now" reads only the spans that began within LONGEST of now,
# a narrow range of the (starts, ends) index, whatever the size of the catalogue.
LONGEST = timedelta(hours=25)
HOURS_TYPES = ("place", "phone")
BATCH = 500
# The channel fields the spans and the meetings read: indexing reads a batch's channels once
# (shown_channels) for both.
CHANNEL_FIELDS = ("channel_type", "events", "occurrences")
# The columns of OpeningHours that decide when a place is open (catalogue.openinghours).
HOURS_FIELDS = ("kind", "is_closed", "valid_from", "valid_to", "holiday", "intervals")


def local_moment(day, minute):
    """The aware instant of a local minute of ``day`` (minute 1440: the next midnight)."""
    if minute >= MINUTES_PER_DAY:
        day, minute = day + timedelta(days=1), minute - MINUTES_PER_DAY
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=HELSINKI)


def stored_occurrences(channel):
    """(start, end or None) aware pairs of the occurrences a sync stored on a channel
    ([start, end] local ISO); a bad stored value skips one occurrence."""
    for pair in channel.occurrences or ():
        try:
            start = datetime.fromisoformat(pair[0])
            end = datetime.fromisoformat(pair[1]) if pair[1] else None
        except (TypeError, ValueError, IndexError):
            continue
        if start.tzinfo is None:
            start = start.replace(tzinfo=HELSINKI)
        if end is not None and end.tzinfo is None:
            end = end.replace(tzinfo=HELSINKI)
        yield start, end


def _occurrences(channel):
    for start, end in stored_occurrences(channel):
        if end is None or end <= start:
            continue  # no end: how long it lasts is not known
        yield start, end


def _merged(spans):
    """Overlapping spans joined, then cut at each local midnight."""
    cut = []
    for start, end in merged(spans):
        while True:
            midnight = local_moment(start.astimezone(HELSINKI).date(), MINUTES_PER_DAY)
            if end <= midnight:
                cut.append((start, end))
                break
            cut.append((start, midnight))
            start = midnight
    return cut


def is_scheduled(services, channels):
    """Whether a service (with the duplicates shown as it) is an activity that meets at its
    own times: one of them has an activity type, or a channel carries events."""
    return any(s.activity_type for s in services) or any(
        c.events or c.occurrences for c in channels
    )


def shown_channels(service_ids, fields):
    """({service id: [its active channels and those of the duplicates shown as it]}, the ids
    of the services that are activities), each channel with ``fields`` loaded."""
    service_ids = list(service_ids)
    partners = dict(
        Service.objects.filter(duplicate_of__in=service_ids, is_active=True).values_list(
            "pk", "duplicate_of_id"
        )
    )
    scheduled = set(
        Service.objects.filter(pk__in=[*service_ids, *partners])
        .exclude(activity_type="")
        .values_list("pk", flat=True)
    )
    refs = {}
    for service_id, ref in ServiceChannelLink.objects.filter(
        service_id__in=[*service_ids, *partners]
    ).values_list("service_id", "channel_ref"):
        refs.setdefault(partners.get(service_id, service_id), set()).add(ref)
        if service_id in scheduled:
            scheduled.add(partners.get(service_id, service_id))
    channels = {
        channel.external_id: channel
        for channel in ServiceChannel.objects.filter(
            external_id__in={ref for group in refs.values() for ref in group}, is_active=True
        ).only("pk", "external_id", *fields)
    }
    own = {
        service_id: sorted(
            (channels[ref] for ref in refs.get(service_id, ()) if ref in channels),
            key=lambda channel: channel.pk,
        )
        for service_id in service_ids
    }
    return own, scheduled


class Hours(NamedTuple):
    """An OpeningHours row's deciding columns (what openinghours.day_spans reads)."""

    kind: str
    is_closed: bool
    valid_from: object
    valid_to: object
    holiday: str
    intervals: list


def _hours_spans(hours, days):
    """A channel's spans over ``days``: aware (start, end), merged, cut at local midnights."""
    return _merged(
        (local_moment(day, low), local_moment(day, high))
        for day in days
        for low, high in day_spans(hours, day)
    )


def _pattern(hours):
    """What decides a channel's spans, as a hashable value (its rows in order, each
    interval's items sorted); None when an interval is not a mapping of hashable values."""
    try:
        key = tuple(
            (*row[:-1], tuple(tuple(sorted(interval.items())) for interval in row.intervals))
            for row in hours
        )
        hash(key)
    except (AttributeError, TypeError):
        return None
    return key


# Many places share their weekly hours ("ma–pe 8–16"): the spans of each distinct set of
# hours are computed once per day of indexing, not once per channel. The key is the hours'
# whole content, so changed hours never meet old spans.
@lru_cache(maxsize=1024)
def _pattern_spans(pattern, today):
    hours = [Hours(*row[:-1], [dict(items) for items in row[-1]]) for row in pattern]
    return tuple(_hours_spans(hours, _days(today)))


def _days(today):
    return [today + timedelta(days=offset) for offset in range(-1, WINDOW)]


def channel_spans(hours, today):
    """The spans of a channel with ``hours`` (Hours rows, in order) over WINDOW days from the
    day before ``today``."""
    pattern = _pattern(hours)
    if pattern is None:
        return _hours_spans(hours, _days(today))
    return _pattern_spans(pattern, today)


def spans_for(service_ids, today=None, shown=None):
    """{service id: [(start, end) aware instants]} over WINDOW days from the day before
    ``today`` (Finnish time), for the services and the duplicates shown as them.
    ``shown``: ``shown_channels(service_ids, CHANNEL_FIELDS)`` when the caller has it."""
    today = today or timezone.now().astimezone(HELSINKI).date()
    own, scheduled = shown or shown_channels(service_ids, CHANNEL_FIELDS)
    hours = {}
    for channel_id, *row in (
        OpeningHours.objects.filter(
            channel__in=[
                c.pk for group in own.values() for c in group if c.channel_type in HOURS_TYPES
            ]
        )
        .order_by("channel_id", "sort_order", "pk")
        .values_list("channel_id", *HOURS_FIELDS)
    ):
        hours.setdefault(channel_id, []).append(Hours(*row))
    out = {}
    for service_id, channels in own.items():
        activity = service_id in scheduled or is_scheduled((), channels)
        found = []
        for channel in channels:
            if activity:
                found.append(list(_occurrences(channel)))
            elif channel.channel_type in HOURS_TYPES and channel.pk in hours:
                found.append(channel_spans(hours[channel.pk], today))
        # One channel's spans are merged and cut already; several are merged together.
        out[service_id] = (
            list(found[0])
            if len(found) == 1 and not activity
            else _merged(span for spans in found for span in spans)
        )
    return out


def write_spans(service_ids, today=None, shown=None):
    """Replace the services' spans (``shown`` as in spans_for)."""
    spans = spans_for(service_ids, today, shown)
    with transaction.atomic():
        ServiceOpenSpan.objects.filter(service_id__in=list(spans)).delete()
        fastwrite.insert(
            ServiceOpenSpan,
            [
                {"service_id": pk, "starts": start, "ends": end}
                for pk, found in spans.items()
                for start, end in found
            ],
        )


def for_every_service(write, progress=None, today=None):
    """``write(ids, today)`` for every service, in batches; returns how many services."""
    ids = list(Service.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        write(ids[start : start + BATCH], today)
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    return len(ids)


def refresh(progress=None, today=None):
    """Every service's spans from ``today`` on (daily, from housekeeping), then the table
    tidied (``tidy_spans``). Returns how many services."""
    count = for_every_service(write_spans, progress, today)
    tidy_spans()
    return count


def tidy_spans():
    """On PostgreSQL, outside a transaction: VACUUM the spans once every service's were
    replaced. "Open now" (counted in every search) reads the open services' ids from the
    index on (starts, ends, service) alone only where the table's pages are marked visible
    to all, and only a vacuum marks them: until autovacuum came round, each search would read
    the new rows' pages as well. The deleted rows' space is reused by the next renewal.
    Returns whether it ran."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    table = connection.ops.quote_name(ServiceOpenSpan._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {table}")
    return True


def open_at(moment=None):
    """The ids (a subquery for ``IN``) of the services open at ``moment`` (now). A service
    with overlapping spans is listed once for each: ``IN`` needs no DISTINCT, and at 50,000
    services in the daytime (33,000 open) its hash aggregate took 10 ms of a search's
    statement."""
    moment = moment or timezone.now()
    return ServiceOpenSpan.objects.filter(
        starts__gt=moment - LONGEST, starts__lte=moment, ends__gt=moment
    ).values_list("service_id", flat=True)


def today_spans(service_ids, moment=None):
    """{service id: [(start, end) local]} of the spans that touch today (Finnish time), for
    the results' "open today" line."""
    service_ids = list(service_ids)
    if not service_ids:
        return {}
    moment = (moment or timezone.now()).astimezone(HELSINKI)
    start = local_moment(moment.date(), 0)
    end = local_moment(moment.date(), MINUTES_PER_DAY)
    out = {}
    for service_id, starts, ends in (
        ServiceOpenSpan.objects.filter(service_id__in=service_ids)
        .filter(Q(starts__gt=start - LONGEST) & Q(starts__lt=end) & Q(ends__gt=start))
        .order_by("starts")
        .values_list("service_id", "starts", "ends")
    ):
        out.setdefault(service_id, []).append(
            (starts.astimezone(HELSINKI), ends.astimezone(HELSINKI))
        )
    return out


def clock(moment, midnight_end=False):
    """9.00, 18.30; a span's end at midnight is 24.00."""
    if midnight_end and moment.hour == 0 and moment.minute == 0:
        return "24.00"
    return f"{moment.hour}.{moment:%M}"


def day_text(spans, moment=None):
    """Today's spans (today_spans) as "8.00–16.00, 18.00–19.30", each cut to today."""
    moment = (moment or timezone.now()).astimezone(HELSINKI)
    start_of_day = local_moment(moment.date(), 0)
    end_of_day = local_moment(moment.date(), MINUTES_PER_DAY)
    return ", ".join(
        f"{clock(max(start, start_of_day))}–{clock(min(end, end_of_day), midnight_end=True)}"
        for start, end in spans
    )
