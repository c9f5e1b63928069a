"""The events calendar: every meeting of the scheduled activities (ServiceOccurrence rows),
what the calendar page lists and counts for a filter, and the iCal feeds.

- Meetings come from the channels' events (core.recurrence), in the event's own Finnish
  wall-clock time, over DAYS days from the day before indexing; a channel that has only
  stored occurrences (an HSDS schedule) gives those. A day taken out of a recurrence is
  kept, marked cancelled.
- They are written with the service's search entry (a duplicate's meetings go to the
  service shown for it) and renewed daily by ``refresh`` (housekeeping).
- The calendar filters by day range, municipality (where the meeting is), theme, whom it is
  for and free of charge; each option shows how many meetings choosing it would list, from
  the same filters (``Calendar``)."""

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext as _

from core.inputs import has_control_characters
from core.recurrence import Event, between

from .models import ChannelAddress, Service, ServiceOccurrence, ServiceTheme
from .opening import CHANNEL_FIELDS, for_every_service, shown_channels, stored_occurrences
from .openinghours import HELSINKI
from .search.database import FLAG_BITS, DatabaseBackend
from .search.query import CatalogueQuery

DAYS = 92  # days of meetings kept ahead (about three months)
UID_DOMAIN = "hyvinvointiopas"
PERIODS = ("today", "week", "month")  # today; to Sunday; the next 30 days
MONTH = 30


def midnight(day):
    """The aware instant a local (Finnish) day begins."""
    return datetime.combine(day, time(0, 0), tzinfo=HELSINKI)


def uid_of(service, channel, start):
    """The same for the same meeting whenever the rows are rebuilt."""
    key = f"{service.source}:{service.external_id}:{channel.external_id}:{start.isoformat()}"
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@{UID_DOMAIN}"


def _meetings(channel, first, last):
    if not channel.events:
        yield from (
            (start, end, False)
            for start, end in stored_occurrences(channel)
            if first <= start < last
        )
        return
    for data in channel.events:
        event = Event.from_json(data) if isinstance(data, dict) else None
        if event is None:
            continue  # a bad stored event skips itself
        for meeting in between(event, first, last):
            yield meeting.start, meeting.end, meeting.cancelled


def _municipalities(channels):
    """{channel id: municipality code} from the visiting address, or the only municipality."""
    found = {}
    for channel_id, code in (
        ChannelAddress.objects.filter(channel__in=channels)
        .exclude(municipality_code="")
        .order_by("channel_id", "-kind", "sort_order")  # visiting before postal
        .values_list("channel_id", "municipality_code")
    ):
        found.setdefault(channel_id, code)
    through = type(channels[0]).municipalities.through if channels else None
    if through is not None:
        single = (
            through.objects.filter(servicechannel_id__in=[c.pk for c in channels])
            .values("servicechannel_id")
            .annotate(n=Count("pk"), code=Min("municipality__code"))
        )
        for row in single:
            if row["n"] == 1:
                found.setdefault(row["servicechannel_id"], row["code"])
    return found


def occurrences_for(service_ids, today=None, shown=None):
    """{service id: [ServiceOccurrence (unsaved)]} over DAYS days from the day before
    ``today``, for the services and the duplicates shown as them. ``shown``:
    ``shown_channels(service_ids, CHANNEL_FIELDS)`` when the caller has it."""
    today = today or timezone.now().astimezone(HELSINKI).date()
    first, last = midnight(today - timedelta(days=1)), midnight(today + timedelta(days=DAYS))
    own, _scheduled = shown or shown_channels(service_ids, CHANNEL_FIELDS)
    services = Service.objects.only("source", "external_id").in_bulk(list(own))
    with_times = [c for group in own.values() for c in group if c.events or c.occurrences]
    places = _municipalities(with_times)
    out = {}
    for service_id, channels in own.items():
        rows = {}
        for channel in channels:
            for start, end, cancelled in _meetings(channel, first, last):
                if end is not None and end <= start:
                    end = None  # how long it lasts is not known
                uid = uid_of(services[service_id], channel, start)
                rows.setdefault(
                    uid,
                    ServiceOccurrence(
                        service_id=service_id,
                        channel_id=channel.pk,
                        starts=start,
                        ends=end,
                        cancelled=cancelled,
                        municipality=places.get(channel.pk, ""),
                        uid=uid,
                    ),
                )
        out[service_id] = sorted(rows.values(), key=lambda row: (row.starts, row.uid))
    return out


def write_occurrences(service_ids, today=None, shown=None):
    """Replace the services' meetings (``shown`` as in occurrences_for)."""
    found = occurrences_for(service_ids, today, shown)
    with transaction.atomic():
        ServiceOccurrence.objects.filter(service_id__in=list(found)).delete()
        ServiceOccurrence.objects.bulk_create(
            [row for rows in found.values() for row in rows], batch_size=1000
        )


def refresh(progress=None, today=None):
    """Every service's meetings from ``today`` on (daily, from housekeeping). Returns how
    many services."""
    return for_every_service(write_occurrences, progress, today)


# --- the calendar -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the calendar lists: meetings that start on the local days ``first`` … ``last``
    and have not ended, where and for whom the resident chose."""

    first: date
    last: date
    municipality: str = ""
    theme: str = ""
    audience: str = ""
    free: bool = False


def period_days(period, today):
    """(first, last) local days of "today", "week" (to Sunday) or "month" (30 days)."""
    if period == "today":
        return today, today
    if period == "week":
        return today, today + timedelta(days=6 - today.weekday())
    return today, today + timedelta(days=MONTH - 1)


def last_day(today):
    """The last day the calendar knows meetings of."""
    return today + timedelta(days=DAYS - 1)


def _audience_bit(audience):
    bit = FLAG_BITS[f"for_{audience}"]
    return Q(Exact(F("service__search__facet_bits").bitand(bit), bit))


def meetings(filters, now=None, without=()):
    """The meetings for ``filters``, except the filters named in ``without`` ("days",
    "municipality", "theme", "audience", "free"), soonest first."""
    now = now or timezone.now()
    query = CatalogueQuery(
        themes=(filters.theme,) if filters.theme and "theme" not in without else (),
    )
    entries = DatabaseBackend().filtered(query)
    rows = ServiceOccurrence.objects.filter(
        Exists(entries.filter(service_id=OuterRef("service_id"))),
        Q(ends__gt=now) | Q(ends__isnull=True, starts__gt=now),
    )
    if "days" not in without:
        rows = rows.filter(
            starts__gte=midnight(filters.first),
            starts__lt=midnight(filters.last + timedelta(days=1)),
        )
    if filters.municipality and "municipality" not in without:
        rows = rows.filter(municipality=filters.municipality)
    if filters.audience and "audience" not in without:
        rows = rows.filter(_audience_bit(filters.audience))
    if filters.free and "free" not in without:
        rows = rows.filter(service__search__is_free=True)
    return rows.order_by("starts", "service_id", "uid")


@dataclass
class Counts:
    """How many meetings each option would list, the others kept."""

    municipalities: dict
    themes: dict
    audiences: dict
    free: int
    periods: dict


def counts(filters, audiences, today, now=None):
    """The Counts for ``filters``: one grouped query per option kind."""
    now = now or timezone.now()
    municipalities = dict(
        meetings(filters, now, without=("municipality",))
        .exclude(municipality="")
        .values_list("municipality")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # A theme counts meetings, not services: a service meets many times.
    per_service = dict(
        meetings(filters, now, without=("theme",))
        .values_list("service_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    themes = {}
    for service_id, slug in ServiceTheme.objects.filter(
        service_id__in=list(per_service)
    ).values_list("service_id", "theme__slug"):
        themes[slug] = themes.get(slug, 0) + per_service[service_id]
    by_audience = meetings(filters, now, without=("audience",)).aggregate(
        **{code: Count("pk", filter=_audience_bit(code)) for code in audiences}
    )
    free = meetings(replace(filters, free=True), now).count()
    undated = meetings(filters, now, without=("days",))
    spans = {period: period_days(period, today) for period in PERIODS}
    periods = undated.aggregate(
        **{
            period: Count(
                "pk",
                filter=Q(
                    starts__gte=midnight(first), starts__lt=midnight(last + timedelta(days=1))
                ),
            )
            for period, (first, last) in spans.items()
        }
    )
    return Counts(
        municipalities=municipalities,
        themes=themes,
        audiences=by_audience,
        free=free,
        periods=periods,
    )


def parse(params, today, known):
    """(Filters, period, errors) from the calendar's GET parameters: ``when`` (today, week,
    month), ``date`` (YYYY-MM-DD: that day instead), ``municipality``, ``theme``,
    ``audience`` and ``free``. ``known`` = {"municipality": codes, "theme": slugs,
    "audience": codes}. A value in error is reported and left out; the rest still lists."""
    errors = {}
    values = {}
    for name in ("when", "date", "municipality", "theme", "audience", "free"):
        raw = params.get(name, "")
        if has_control_characters(raw, multiline=False):
            errors[name] = _("Leave out control characters.")
            raw = ""
        values[name] = raw.strip()
    period = values["when"] or "week"
    if period not in PERIODS:
        errors["when"] = _("Choose today, this week or the next 30 days.")
        period = "week"
    first, last = period_days(period, today)
    if values["date"]:
        day = parse_day(values["date"])
        if day is None:
            errors["date"] = _("Give the date as day.month.year, e.g. 24.12.2026.")
        elif not today <= day <= last_day(today):
            errors["date"] = _("Choose a day from %(first)s to %(last)s.") % {
                "first": f"{today.day}.{today.month}.{today.year}",
                "last": f"{last_day(today).day}.{last_day(today).month}.{last_day(today).year}",
            }
        else:
            period, first, last = "date", day, day
    chosen = {}
    for name in ("municipality", "theme", "audience"):
        if values[name] and values[name] not in known[name]:
            errors[name] = _("Choose one of the list.")
        else:
            chosen[name] = values[name]
    if values["free"] not in ("", "0", "1", "on"):
        errors["free"] = _("Use 1 (only free of charge) or leave it out.")
    filters = Filters(
        first=first,
        last=last,
        municipality=chosen.get("municipality", ""),
        theme=chosen.get("theme", ""),
        audience=chosen.get("audience", ""),
        free=values["free"] in ("1", "on"),
    )
    return filters, period, errors


def parse_day(text):
    """A date from "2026-12-24" (a date field) or "24.12.2026"; None when unreadable. ASCII
    digits only."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text, re.ASCII)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text, re.ASCII)
        if not match:
            return None
        day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
