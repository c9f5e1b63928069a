"""Lähellä.fi schedules: events and recurrence rules → readable text in every site language
("tiistaisin klo 18–19.30" / "tisdagar kl. 18–19.30", words from the translations) and the next occurrences in the
event's own time zone (Europe/Helsinki), wall-clock times kept across daylight saving."""

from datetime import UTC, datetime

from django.utils import translation
from django.utils.translation import pgettext_lazy

from core import recurrence
from core.i18n import language_codes
from core.recurrence import DEFAULT_TZ, zone

from ..records import EventRecord, LText, RecordError, TimeSlot
from .common import as_list, hhmm

PERIODS = ("P1D", "P1W", "P2W", "P1M")

# The words of a schedule, in each site language's grammar (msgctxt tells the form):
# "on Mondays" (every week), a weekday (every other), a weekday of the month, short names.
ON_WEEKDAYS = [
    pgettext_lazy("on weekdays", "Mondays"),
    pgettext_lazy("on weekdays", "Tuesdays"),
    pgettext_lazy("on weekdays", "Wednesdays"),
    pgettext_lazy("on weekdays", "Thursdays"),
    pgettext_lazy("on weekdays", "Fridays"),
    pgettext_lazy("on weekdays", "Saturdays"),
    pgettext_lazy("on weekdays", "Sundays"),
]
WEEKDAYS = [
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
]
WEEKDAYS_OF_MONTH = [
    pgettext_lazy("weekday of the month", "Monday"),
    pgettext_lazy("weekday of the month", "Tuesday"),
    pgettext_lazy("weekday of the month", "Wednesday"),
    pgettext_lazy("weekday of the month", "Thursday"),
    pgettext_lazy("weekday of the month", "Friday"),
    pgettext_lazy("weekday of the month", "Saturday"),
    pgettext_lazy("weekday of the month", "Sunday"),
]
SHORT_WEEKDAYS = [
    pgettext_lazy("weekday, short", "Mon"),
    pgettext_lazy("weekday, short", "Tue"),
    pgettext_lazy("weekday, short", "Wed"),
    pgettext_lazy("weekday, short", "Thu"),
    pgettext_lazy("weekday, short", "Fri"),
    pgettext_lazy("weekday, short", "Sat"),
    pgettext_lazy("weekday, short", "Sun"),
]
ORDINALS = [
    pgettext_lazy("weekday of the month, ordinal", "first"),
    pgettext_lazy("weekday of the month, ordinal", "second"),
    pgettext_lazy("weekday of the month, ordinal", "third"),
    pgettext_lazy("weekday of the month, ordinal", "fourth"),
    pgettext_lazy("weekday of the month, ordinal", "last"),
]
AT = pgettext_lazy("time of day", "at")
AND = pgettext_lazy("schedule, list", "and")
DAILY = pgettext_lazy("schedule", "daily")
MONTHLY = pgettext_lazy("schedule", "the %(ordinal)s %(weekday)s of the month")
EVERY_OTHER_DAY = pgettext_lazy("schedule", "every other %(weekday)s")
EVERY_OTHER_WEEK = pgettext_lazy("schedule", "every other week %(times)s")


def from_epoch_ms(value, tz):
    """An aware local datetime from epoch milliseconds; None when unreadable."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC).astimezone(tz)
    except (OverflowError, OSError, ValueError):
        return None


# --- text -------------------------------------------------------------------------------------


def clock(value):
    """'18:00' → '18', '19:30' → '19.30' (Finnish and Finland-Swedish usage)."""
    hours, minutes = value.split(":")
    return str(int(hours)) if minutes == "00" else f"{int(hours)}.{minutes}"


def span(start, end):
    return f"{clock(start)}–{clock(end)}" if end and end != start else clock(start)


def join_words(words):
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {AND} {words[-1]}"


def _grouped(slots):
    """Slots with the same times together: [((weekdays…), start, end)], in weekday order."""
    groups = {}
    for slot in sorted(slots, key=lambda s: (s.weekday, s.start)):
        groups.setdefault((slot.start, slot.end), []).append(slot.weekday)
    return sorted(
        ((tuple(days), start, end) for (start, end), days in groups.items()),
        key=lambda g: (g[0][0], g[1]),
    )


def _day(moment):
    return f"{SHORT_WEEKDAYS[moment.weekday()]} {moment.day}.{moment.month}.{moment.year}"


def event_text(event, language):
    """One event as text in ``language``."""
    with translation.override(language):
        return _event_text(event)


def _event_text(event):
    at = str(AT)
    if not event.period:
        start = event.start
        if event.end is None:
            return f"{_day(start)} {at} {clock(start.strftime('%H:%M'))}"
        if event.end.date() == start.date():
            times = span(start.strftime("%H:%M"), event.end.strftime("%H:%M"))
            return f"{_day(start)} {at} {times}"
        return (
            f"{_day(start)} {at} {clock(start.strftime('%H:%M'))} – "
            f"{_day(event.end)} {at} {clock(event.end.strftime('%H:%M'))}"
        )
    slots = event.slots
    if event.period == "P1D":
        first = slots[0] if slots else None
        times = (
            span(first.start, first.end)
            if first
            else span(
                event.start.strftime("%H:%M"), event.end.strftime("%H:%M") if event.end else ""
            )
        )
        return f"{DAILY} {at} {times}"
    if event.period == "P1M":
        weekday = event.start.weekday()
        nth = min((event.start.day - 1) // 7, 4)
        slot = next((s for s in slots if s.weekday == weekday), slots[0] if slots else None)
        times = span(slot.start, slot.end) if slot else clock(event.start.strftime("%H:%M"))
        day = str(MONTHLY) % {"ordinal": ORDINALS[nth], "weekday": WEEKDAYS_OF_MONTH[weekday]}
        return f"{day} {at} {times}"
    parts = []
    groups = _grouped(slots)
    for days, start, end in groups:
        if event.period == "P2W" and len(groups) == 1 and len(days) == 1:
            word = str(EVERY_OTHER_DAY) % {"weekday": WEEKDAYS[days[0]]}
        else:
            word = join_words([str(ON_WEEKDAYS[day]) for day in days])
        parts.append(f"{word} {at} {span(start, end)}")
    text = ", ".join(parts)
    if event.period == "P2W" and not (len(groups) == 1 and len(groups[0][0]) == 1):
        text = str(EVERY_OTHER_WEEK) % {"times": text}
    return text


def schedule_text(events):
    """The readable schedule of a channel's events in every site language."""
    return LText.from_mapping(
        {
            language: "; ".join(event_text(event, language) for event in events)
            for language in language_codes()
        }
    )


# --- occurrences ------------------------------------------------------------------------------


def occurrences(events, now, count=5):
    """The next ``count`` occurrences of all the events, as (start, end) aware datetimes."""
    found = []
    for event in events:
        found.extend(recurrence.upcoming(event, now, count))
    found.sort(key=lambda pair: pair[0])
    return found[:count]


def is_over(events, now):
    """True when the events have all ended (a past one-off event, a finished recurrence)."""
    return bool(events) and not occurrences(events, now, 1)


def parse_event(raw):
    """An EventRecord from a Lähellä.fi event; None when it has no readable start."""
    if not isinstance(raw, dict):
        return None
    tz_name = raw.get("timeZone") if isinstance(raw.get("timeZone"), str) else DEFAULT_TZ
    tz = zone(tz_name)
    start = from_epoch_ms(raw.get("start"), tz)
    if start is None:
        return None
    end = from_epoch_ms(raw.get("end"), tz)
    if end is not None and end < start:
        end = None
    # A recurrence or period that cannot be read would turn a weekly group into a one-off
    # event long past, and the activity would vanish: the item is reported instead.
    recurrence = raw.get("recurrence")
    if recurrence is None:
        recurrence = {}
    elif not isinstance(recurrence, dict):
        raise RecordError("", "an event's recurrence is not an object")
    period = recurrence.get("period")
    if period in (None, ""):
        period = ""
    elif not (isinstance(period, str) and period in PERIODS):
        raise RecordError("", f"unknown recurrence period {str(period)[:20]!r}")
    slots, excluded, until = [], [], None
    if period:
        last = from_epoch_ms(recurrence.get("end"), tz)
        until = last.date() if last else None
        for item in as_list(recurrence.get("daySpecificTimes")):
            if not isinstance(item, dict):
                continue
            weekday = item.get("weekday")
            start_time, end_time = hhmm(item.get("startTime")), hhmm(item.get("endTime"))
            if isinstance(weekday, int) and 1 <= weekday <= 7 and start_time:
                slots.append(TimeSlot(weekday - 1, start_time, end_time or ""))
        for value in as_list(recurrence.get("exclude")):
            moment = from_epoch_ms(value, tz)
            if moment is not None:
                excluded.append(moment.date())
    return EventRecord(
        start=start,
        end=end,
        timezone=str(tz),
        period=period,
        until=until,
        slots=tuple(sorted(set(slots), key=lambda s: (s.weekday, s.start))),
        excluded=tuple(sorted(set(excluded))),
    )
