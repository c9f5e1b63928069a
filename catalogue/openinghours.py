"""Opening hours: which hours apply on a day, and whether a place is open now, in Finnish time.

Works on OpeningHours rows (or anything with the same attributes): regular weekly hours
(optionally valid for a date range), exceptional hours for a date range (closed, or other
hours), named holidays and "always open". Exceptional and holiday hours override regular
ones on their dates. Intervals may run over midnight (from one weekday to another).
"""

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.easter import easter
from django.utils.translation import gettext_lazy as _

HELSINKI = ZoneInfo("Europe/Helsinki")
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

WEEKDAY_LABELS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]


def _saturday_between(year, month, day, span=7):
    start = date(year, month, day)
    return next(
        start + timedelta(days=i) for i in range(span) if (start + timedelta(days=i)).weekday() == 5
    )


def holiday_date(name, year):
    """The date of one of PTV's named holidays in a year, or None."""
    e = easter(year)
    fixed = {
        "NewYearDay": date(year, 1, 1),
        "Epiphany": date(year, 1, 6),
        "MayDayEve": date(year, 4, 30),
        "MayDay": date(year, 5, 1),
        "IndependenceDay": date(year, 12, 6),
        "ChristmasEve": date(year, 12, 24),
        "ChristmasDay": date(year, 12, 25),
        "SecondDayOfChristmas": date(year, 12, 26),
        "NewYearEve": date(year, 12, 31),
        "MaundyThursday": e - timedelta(days=3),
        "GoodFriday": e - timedelta(days=2),
        "EasterSunday": e,
        "EasterMonday": e + timedelta(days=1),
        "AscensionDay": e + timedelta(days=39),
        "WhitSunday": e + timedelta(days=49),
        "MidsummerDay": _saturday_between(year, 6, 20),
        "AllSaintsDay": _saturday_between(year, 10, 31),
    }
    if name == "MidsummerEve":
        return _saturday_between(year, 6, 20) - timedelta(days=1)
    return fixed.get(name)


@lru_cache(maxsize=4096)  # a day has 1,440 minutes: the same few strings, again and again
def _minutes(hhmm):
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _valid_on(entry, day):
    return (entry.valid_from is None or entry.valid_from <= day) and (
        entry.valid_to is None or day <= entry.valid_to
    )


def _week_matches(interval, day):
    weeks = interval.get("weeks", "all")
    if weeks == "all":
        return True
    odd = day.isocalendar().week % 2 == 1
    return odd if weeks == "odd" else not odd


def override_for(hours, day):
    """The exceptional or holiday entry that decides ``day``, if any."""
    for entry in hours:
        # An exceptional entry without an end date covers its first day only.
        if (
            entry.kind == "exceptional"
            and entry.valid_from
            and entry.valid_from <= day <= (entry.valid_to or entry.valid_from)
        ):
            return entry
        if entry.kind == "holiday" and holiday_date(entry.holiday, day.year) == day:
            return entry
    return None


def _regular_spans(entry, interval, day):
    """The minutes of ``day`` (local, [start, end) from its midnight) that a regular interval
    covers: begun on ``day`` or on an earlier day of the week and running into it."""
    start = interval["day_from"] * MINUTES_PER_DAY + _minutes(interval["start"])
    end = interval["day_to"] * MINUTES_PER_DAY + _minutes(interval["end"])
    if end <= start:  # runs over the end of the week, or over midnight on the same weekday
        end += MINUTES_PER_WEEK
    # The day it begins on: this day's weekday minus how many days before.
    days_before = (day.weekday() - interval["day_from"]) % 7
    offset = -days_before * MINUTES_PER_DAY - interval["day_from"] * MINUTES_PER_DAY
    low, high = max(start + offset, 0), min(end + offset, MINUTES_PER_DAY)
    if low >= high:  # it does not reach this day (most days of the week)
        return []
    began = day - timedelta(days=days_before)
    if not (_valid_on(entry, began) and _week_matches(interval, began)):
        return []
    return [(low, high)]


def merged(spans):
    """Overlapping or touching (start, end) spans joined, in order."""
    out = []
    for low, high in sorted(spans):
        if out and low <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], high))
        else:
            out.append((low, high))
    return out


def day_spans(hours, day):
    """When a place is open on ``day``: local (start, end) minutes from midnight, merged.
    Exceptional and holiday hours decide their dates; otherwise "always open" or the regular
    intervals (those begun the day before and running past midnight included)."""
    override = override_for(hours, day)
    if override is not None:
        if override.is_closed:
            return []
        return merged(
            (_minutes(i["start"]), _minutes(i["end"]) or MINUTES_PER_DAY)
            for i in override.intervals
            if i.get("status", "open") != "closed"
            and (override.kind == "holiday" or i["day_from"] == day.weekday())
            and _minutes(i["start"]) < (_minutes(i["end"]) or MINUTES_PER_DAY)
        )
    if any(entry.kind == "always" and _valid_on(entry, day) for entry in hours):
        return [(0, MINUTES_PER_DAY)]
    spans = []
    for entry in hours:
        if entry.kind != "regular" or entry.is_closed:
            continue
        for interval in entry.intervals:
            if interval.get("status", "open") != "closed":
                spans.extend(_regular_spans(entry, interval, day))
    return merged(spans)


def is_open(hours, at=None):
    """True or False, or None when the place has no opening hours to go by."""
    hours = list(hours)
    if not hours:
        return None
    at = (at or datetime.now(HELSINKI)).astimezone(HELSINKI)
    minute = at.hour * 60 + at.minute
    return any(low <= minute < high for low, high in day_spans(hours, at.date()))


def next_change(hours, at=None):
    """When the place next opens or closes today, or the coming midnight (Finnish time):
    until then whether it is open now, and what today's hours say, stay the same."""
    at = (at or datetime.now(HELSINKI)).astimezone(HELSINKI)
    minute = at.hour * 60 + at.minute
    ahead = [
        edge
        for span in day_spans(list(hours), at.date())
        for edge in span
        if minute < edge < MINUTES_PER_DAY
    ]
    if ahead:
        edge = min(ahead)
        return at.replace(hour=edge // 60, minute=edge % 60, second=0, microsecond=0)
    return datetime.combine(at.date() + timedelta(days=1), datetime.min.time(), HELSINKI)


def format_time(hhmm):
    hours, minutes = hhmm.split(":")
    return f"{int(hours)}.{minutes}"


def weekly_rows(hours, today=None):
    """Regular hours valid today as rows of (weekday label, ["8.00–16.00", ...])."""
    today = today or datetime.now(HELSINKI).date()
    days = {index: [] for index in range(7)}
    for entry in hours:
        if entry.kind != "regular" or not _valid_on(entry, today) or entry.is_closed:
            continue
        for interval in entry.intervals:
            if interval.get("status", "open") == "closed":
                continue
            text = f"{format_time(interval['start'])}–{format_time(interval['end'])}"
            if interval["day_to"] != interval["day_from"]:
                text += f" ({WEEKDAY_LABELS[interval['day_to']]})"
            days[interval["day_from"]].append(text)
    return [(WEEKDAY_LABELS[index], sorted(days[index])) for index in range(7) if days[index]]


def upcoming_exceptions(hours, today=None):
    """Exceptional hours that have not ended yet, soonest first."""
    today = today or datetime.now(HELSINKI).date()
    entries = [
        entry
        for entry in hours
        if entry.kind == "exceptional"
        and entry.valid_from
        and (entry.valid_to or entry.valid_from) >= today
    ]
    return sorted(entries, key=lambda entry: entry.valid_from)
