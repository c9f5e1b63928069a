"""The indicators' own report sections (visits and searches, which ``counting`` counts) and
the report as CSV. Every other section is registered by the app that counts it
(``core.reports``)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.models import DailyCount
from core.reports import Section, month_counts, report_section
from core.spreadsheets import spreadsheet_csv

from .counting import PAGE_TYPES, QUERY_TEXT_METRIC, zero_result_key


@report_section(10)
def _visits(first, end):
    counts = month_counts("visit", first, end)
    return Section(
        "visits",
        _("Visits per page type"),
        [(key, label, counts.get(key, 0)) for key, label in PAGE_TYPES.items()],
    )


@report_section(20)
def _searches(first, end):
    total = sum(month_counts("search.query", first, end).values())
    zero = month_counts("search.zero", first, end)
    common = DailyCount.objects.filter(
        metric=QUERY_TEXT_METRIC, day__gte=first, day__lt=end
    ).values_list("key", flat=True)
    top = sorted(
        ((text, zero.get(zero_result_key(text), 0)) for text in set(common)),
        key=lambda x: (-x[1], x[0]),
    )[:15]
    searches = Section(
        "searches",
        _("Searches"),
        [
            ("searches", _("Searches"), total),
            ("zero_results", _("Searches that found nothing"), sum(zero.values())),
        ],
    )
    queries = Section(
        "zero_result_queries",
        _("Most common searches that found nothing"),
        [(key, key, count) for key, count in top],
        note=ngettext(
            "A query's text is shown once it has been searched %(count)d time in the month; "
            "until then only a keyed hash of it is stored. Queries with digits or @, or longer "
            "than 40 characters, are counted but their text is never kept: they may hold a "
            "phone number, an e-mail address or an identity code.",
            "A query's text is shown once it has been searched %(count)d times in the month; "
            "until then only a keyed hash of it is stored. Queries with digits or @, or longer "
            "than 40 characters, are counted but their text is never kept: they may hold a "
            "phone number, an e-mail address or an identity code.",
            settings.INDICATOR_QUERY_MIN_COUNT,
        )
        % {"count": settings.INDICATOR_QUERY_MIN_COUNT},
    )
    return [searches, queries]


CSV_COLUMNS = ["month", "section", "key", "label", "value"]


def report_csv(month, sections):
    """The report as CSV for spreadsheets: one row per figure."""
    return spreadsheet_csv(
        CSV_COLUMNS,
        (
            [month, section.key, key, str(label), value]
            for section in sections
            for key, label, value in section.rows
        ),
    )
