"""The monthly usage report (the indicators dashboard and its CSV) is made of sections that
each app registers for what it counts: ``@report_section(order)`` on a function of the month's
first day and the next month's first day that returns a Section or a list of them.
``monthly_report(month)`` gives every registered section in their order. No app needs to know
the others' sections, and this module knows none of them."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from .counters import totals
from .inputs import parse_month

_SECTIONS = {}  # function's qualified name -> (order, function)


@dataclass
class Section:
    key: str
    title: str
    rows: list = field(default_factory=list)  # (key, label, value)
    note: str = ""
    chart: bool = True

    @property
    def total(self):
        return sum(value for _key, _label, value in self.rows)

    @property
    def maximum(self):
        return max((value for _key, _label, value in self.rows), default=0)


def month_days(month):
    """ "2026-11" → (first day, first day of the next month); ValueError for anything else."""
    first = parse_month(month)
    if first is None:
        raise ValueError(month)
    return first, first + relativedelta(months=1)


def month_bounds(month):
    """ "2026-11" → (first moment of the month, first moment of the next) in local time;
    ValueError for anything else."""
    first = parse_month(month)
    if first is None:
        raise ValueError(month)
    start = timezone.make_aware(datetime.combine(first, time.min))
    return start, start + relativedelta(months=1)


def month_counts(metric, first, end):
    """{key: count} for ``metric`` from ``first`` up to (not including) ``end``."""
    return totals(metric, first, end - timedelta(days=1))


def report_section(order):
    """Register a function of (first day, end day) giving the report's section(s) at
    ``order`` (smaller first)."""

    def register(function):
        _SECTIONS[f"{function.__module__}.{function.__qualname__}"] = (order, function)
        return function

    return register


def monthly_report(month):
    """Every registered section for ``month`` ("2026-11"); ValueError for a malformed month."""
    first, end = month_days(month)
    sections = []
    for _order, function in sorted(_SECTIONS.values(), key=lambda item: item[0]):
        made = function(first, end)
        sections.extend(made if isinstance(made, list) else [made])
    return sections
