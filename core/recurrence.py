"""When a recurring event meets, in its own zone's wall-clock time (18:00 stays 18:00 across
daylight saving): one-off, daily (P1D), weekly (P1W), every other week (P2W) or on the same
weekday of the month (P1M: the first … fourth, or the last), with days taken out of the
recurrence.

An event is any object with ``start`` (aware), ``end`` (aware or None), ``period``,
``until`` (the last day, or None), ``slots`` (objects with ``weekday`` 0–6 and ``start`` /
``end`` "HH:MM") and ``excluded`` (dates): the sources' records (ptv_sync.records.EventRecord)
and the stored form (``Event.from_json``) alike."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TZ = "Europe/Helsinki"
MAX_STEPS = 5000  # bound on the days or weeks walked for one event


@dataclass(frozen=True)
class Slot:
    weekday: int  # 0 = Monday
    start: str  # "HH:MM"
    end: str = ""


@dataclass(frozen=True)
class Event:
    start: datetime
    end: datetime | None = None
    period: str = ""
    until: date | None = None
    slots: tuple = ()
    excluded: tuple = ()

    @classmethod
    def from_json(cls, data):
        """An Event from its stored form (ptv_sync.pipeline.event_json); None when it
        cannot be read."""
        try:
            tz = zone(data.get("timezone"))
            start = datetime.fromisoformat(data["start"]).astimezone(tz)
            end = datetime.fromisoformat(data["end"]).astimezone(tz) if data.get("end") else None
            return cls(
                start=start,
                end=end if end is None or end >= start else None,
                period=data.get("period") or "",
                until=date.fromisoformat(data["until"]) if data.get("until") else None,
                slots=tuple(
                    Slot(int(w), str(s), str(e or "")) for w, s, e in data.get("slots") or ()
                ),
                excluded=tuple(date.fromisoformat(day) for day in data.get("excluded") or ()),
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class Occurrence:
    start: datetime  # aware, in the event's zone
    end: datetime | None
    cancelled: bool = False  # a day taken out of the recurrence


def zone(name):
    try:
        return ZoneInfo(name or DEFAULT_TZ)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return ZoneInfo(DEFAULT_TZ)


def at(day, hhmm, tz):
    """The aware instant of a wall-clock time of ``day`` ("24:00": the next midnight)."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    if hours == 24:
        return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=tz)
    return datetime.combine(day, time(hours, minutes), tzinfo=tz)


def slot_times(event, weekday):
    """(start, end) "HH:MM" for a weekday of a recurring event."""
    for slot in event.slots:
        if slot.weekday == weekday:
            return slot.start, slot.end
    end = event.end.strftime("%H:%M") if event.end else ""
    return event.start.strftime("%H:%M"), end


def nth_weekday(year, month, weekday, nth):
    """[the ``nth`` (0–3; 4: the last) ``weekday`` of the month], or [] when there is none."""
    day = date(year, month, 1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    if nth == 4:
        while (day + timedelta(days=7)).month == month:
            day += timedelta(days=7)
        return [day]
    day += timedelta(days=7 * nth)
    return [day] if day.month == month else []


def days(event):
    """The days a recurring event meets, in order, from its first day (bounded)."""
    first = event.start.date()
    if event.period == "P1D":
        for step in range(MAX_STEPS):
            yield first + timedelta(days=step)
    elif event.period in ("P1W", "P2W"):
        weekdays = sorted({slot.weekday for slot in event.slots} or {first.weekday()})
        monday = first - timedelta(days=first.weekday())
        every = 2 if event.period == "P2W" else 1
        for week in range(0, MAX_STEPS, every):
            for weekday in weekdays:
                day = monday + timedelta(days=7 * week + weekday)
                if day >= first:
                    yield day
    elif event.period == "P1M":
        weekday, nth = first.weekday(), min((first.day - 1) // 7, 4)
        year, month = first.year, first.month
        for _step in range(MAX_STEPS // 4):
            yield from nth_weekday(year, month, weekday, nth)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _meetings(event):
    """Every (Occurrence) of the event in order, cancelled days included (bounded)."""
    if not event.period:
        yield Occurrence(event.start, event.end)
        return
    tz = event.start.tzinfo
    excluded = set(event.excluded)
    for day in days(event):
        if event.until and day > event.until:
            return
        start_hhmm, end_hhmm = slot_times(event, day.weekday())
        start = at(day, start_hhmm, tz)
        end = at(day, end_hhmm, tz) if end_hhmm else None
        yield Occurrence(start, end, cancelled=day in excluded)


def upcoming(event, now, count):
    """The next ``count`` (start, end) pairs of the event that have not ended by ``now``,
    cancelled days left out."""
    found = []
    for meeting in _meetings(event):
        if meeting.cancelled or (meeting.end or meeting.start) <= now:
            continue
        found.append((meeting.start, meeting.end))
        if len(found) >= count:
            break
    return found


def between(event, first, last):
    """The event's Occurrences that start in [first, last) (aware instants), cancelled ones
    included and marked."""
    found = []
    for meeting in _meetings(event):
        if meeting.start >= last:
            break
        if meeting.start >= first:
            found.append(meeting)
    return found
