"""The county's usage indicators: counted on the server, reported per month.

Visits are counted by ``VisitCounterMiddleware`` into ``DailyCount`` (a day, a metric, a key,
a count): nothing about who visited is read into them or kept — no cookie is set or read for
it, and no IP address, user agent or session goes into a row (the user agent is only looked at
to leave out crawlers). The other figures come from the counters and tables the features
already keep (self-assessments, programmes, recommendation lists, referrals, feedback) and
from the catalogue itself.

``monthly_report(month)`` gives the sections the dashboard shows and the CSV holds; the CSV
layout is documented in the README ("Indicators").
"""

import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from .counters import bump_many, totals
from .inputs import is_ascii_digits, parse_month
from .models import DailyCount
from .spreadsheets import spreadsheet_csv

logger = logging.getLogger(__name__)

# Page types, in the dashboard's order.
PAGE_TYPES = {
    "home": _("Front page"),
    "theme": _("Theme pages"),
    "service": _("Service pages"),
    "search": pgettext_lazy("page type", "Search"),
    "assessment": _("Self-assessments"),
    "programme": _("Self-care programmes"),
    "municipality": _("Municipality pages"),
    "counselling": _("Exercise counselling pages"),
    "recommendation": _("Recommendation lists (clients' view)"),
    "professional": _("Professionals' tools"),
    "standard": _("Other content pages"),
    "other": _("Other pages"),
}
PAGE_CLASSES = {
    "HomePage": "home",
    "ThemeIndexPage": "theme",
    "ThemePage": "theme",
    "MunicipalityIndexPage": "municipality",
    "MunicipalityPage": "municipality",
    "StandardPage": "standard",
    "AssessmentIndexPage": "assessment",
    "SelfAssessmentPage": "assessment",
    "ProgrammeIndexPage": "programme",
    "SelfCareProgrammePage": "programme",
}
VIEW_TYPES = {
    "catalogue:search": "search",
    "catalogue:service": "service",
    "selfcare:recommendation": "recommendation",
    "selfcare:counselling-index": "counselling",
    "selfcare:counselling": "counselling",
}
NOT_COUNTED = ("/admin/", "/django-admin/", "/api/", "/static/", "/media/", "/documents/")
CRAWLER = re.compile(r"bot|crawl|spider|slurp|preview|monitor|uptime|curl|wget|python-", re.I)
# A zero-result query is kept as text only when it cannot hold a phone number, a personal
# identity code or an e-mail address: no digits, no @, at most 40 characters.
QUERY_TEXT = re.compile(r"[^\W\d_](?:[^\W\d_]|[\s\-'’])*")
QUERY_MAX_LENGTH = 40
NO_TEXT = ""  # the key of zero-result queries whose text is not kept
# A row per month and common zero-result text (count unused): the texts that may be shown.
QUERY_TEXT_METRIC = "search.zero.text"


# --- counting -----------------------------------------------------------------------------


def normalised_query(text):
    """The query as kept among zero-result queries, or NO_TEXT."""
    text = " ".join((text or "").lower().split())
    if len(text) > QUERY_MAX_LENGTH or not QUERY_TEXT.fullmatch(text):
        return NO_TEXT
    return text


def zero_result_key(text):
    """The key a zero-result query is counted under: a keyed hash of its normalised text (the
    text itself is never stored until it is common), or NO_TEXT."""
    text = normalised_query(text)
    if text == NO_TEXT:
        return NO_TEXT
    return "#" + salted_hmac("indicators.zero-result-query", text).hexdigest()[:32]


def keep_common_query(text, key, day):
    """Once the exact text has been searched without results ``INDICATOR_QUERY_MIN_COUNT``
    times in the month, keep the text (one row for the month); before that, only its hash."""
    first = day.replace(day=1)
    if totals("search.zero", first, day).get(key, 0) >= settings.INDICATOR_QUERY_MIN_COUNT:
        DailyCount.objects.get_or_create(
            day=first, metric=QUERY_TEXT_METRIC, key=text, defaults={"count": 0}
        )


def page_type(request):
    page = getattr(request, "indicator_page", None)
    if page is not None:
        return PAGE_CLASSES.get(type(page).__name__, "standard")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    name = match.view_name
    if name in VIEW_TYPES:
        return VIEW_TYPES[name]
    if name.startswith("selfcare:"):
        return "professional"
    return "other"


def count_visit(request, response):
    if request.method != "GET" or response.status_code != 200:
        return
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    if request.path.startswith(NOT_COUNTED) or CRAWLER.search(
        request.headers.get("User-Agent", "")
    ):
        return
    if request.headers.get("Sec-Purpose", "").startswith("prefetch"):
        return
    kind = page_type(request)
    key = NO_TEXT
    if kind is None:
        return
    counts = [("visit", kind)]
    page = getattr(request, "indicator_page", None)
    theme = getattr(page, "theme", None)
    if theme is not None and type(page).__name__ == "ThemePage":
        counts.append(("theme.view", theme.slug))
    match = request.resolver_match
    if kind == "service" and match is not None and "pk" in match.kwargs:
        counts.append(("service.view", match.kwargs["pk"]))
    if (
        kind == "search"
        and request.GET.get("q", "").strip()
        and request.GET.get("page")
        in (
            None,
            "",
            "1",
        )
    ):
        counts.append(("search.query", ""))
        if response.get("X-Result-Count") == "0":
            key = zero_result_key(request.GET["q"])
            counts.append(("search.zero", key))
    bump_many(counts)
    if key != NO_TEXT:
        keep_common_query(normalised_query(request.GET["q"]), key, timezone.localdate())


class VisitCounterMiddleware:
    """Counts public page views by page type (and theme and service page views, searches and
    zero-result queries). A counting failure never breaks the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            count_visit(request, response)
        except DatabaseError:
            logger.warning("Visit not counted", exc_info=True)
        return response


# --- the monthly report --------------------------------------------------------------------


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


def _counts(metric, first, end):
    """{key: count} for ``metric`` from ``first`` up to (not including) ``end``."""
    return totals(metric, first, end - timedelta(days=1))


def _visits(first, end):
    counts = _counts("visit", first, end)
    return Section(
        "visits",
        _("Visits per page type"),
        [(key, label, counts.get(key, 0)) for key, label in PAGE_TYPES.items()],
    )


def _searches(first, end):
    total = sum(_counts("search.query", first, end).values())
    zero = _counts("search.zero", first, end)
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


def _theme_views(first, end):
    from catalogue.models import Theme

    counts = _counts("theme.view", first, end)
    return Section(
        "theme_views",
        _("Theme page views"),
        [(t.slug, t.name, counts.get(t.slug, 0)) for t in Theme.objects.order_by("sort_order")],
    )


def _service_views(first, end):
    from catalogue.models import Service

    counts = {
        int(k): v for k, v in _counts("service.view", first, end).items() if is_ascii_digits(k)
    }
    names = Service.objects.in_bulk(list(counts))
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:15]
    return [
        Section(
            "service_views",
            _("Service page views"),
            [("total", _("All service pages"), sum(counts.values()))],
            chart=False,
        ),
        Section(
            "top_services",
            _("Most viewed service pages"),
            [(str(pk), str(names[pk]) if pk in names else f"#{pk}", n) for pk, n in top],
        ),
    ]


def _assessments(first, end):
    from selfcare.models import AssessmentBandDay, AssessmentDay, SelfAssessmentPage

    pages = list(SelfAssessmentPage.objects.order_by("path"))
    days = AssessmentDay.objects.filter(day__gte=first, day__lt=end)
    figures = {
        row["assessment"]: row
        for row in days.values("assessment").annotate(
            started=Sum("started"), completed=Sum("completed")
        )
    }
    usage = Section("assessments", _("Self-assessments started and completed"))
    for page in pages:
        row = figures.get(page.pk, {})
        usage.rows.append(
            (f"{page.slug}:started", f"{page.title}: {_('started')}", row.get("started") or 0)
        )
        usage.rows.append(
            (f"{page.slug}:completed", f"{page.title}: {_('completed')}", row.get("completed") or 0)
        )
    bands = Section("assessment_bands", _("Self-assessment results by band"))
    per_band = {}
    for assessment, band, total in (
        AssessmentBandDay.objects.filter(day__gte=first, day__lt=end)
        .values("assessment", "band")
        .annotate(total=Sum("count"))
        .values_list("assessment", "band", "total")
    ):
        per_band[(assessment, band)] = total
    for page in pages:
        for band in page.instrument().bands:
            bands.rows.append(
                (
                    f"{page.slug}:{band.key}",
                    f"{page.title}: {band.title}",
                    per_band.pop((page.pk, band.key), 0),
                )
            )
    titles = {page.pk: page for page in pages}
    for (assessment, band), total in sorted(per_band.items()):
        page = titles.get(assessment)
        if page is not None:
            bands.rows.append((f"{page.slug}:{band}", f"{page.title}: {band}", total))
    return [usage, bands]


def _programmes(first, end):
    from selfcare.models import SelfCareProgrammePage

    started, completed = (
        _counts("programme.started", first, end),
        _counts("programme.completed", first, end),
    )
    section = Section("programmes", _("Self-care programmes started and completed"))
    for page in SelfCareProgrammePage.objects.order_by("path"):
        key = str(page.pk)
        section.rows.append(
            (f"{page.slug}:started", f"{page.title}: {_('started')}", started.get(key, 0))
        )
        section.rows.append(
            (f"{page.slug}:completed", f"{page.title}: {_('completed')}", completed.get(key, 0))
        )
    return section


def _recommendations(first, end):
    from catalogue.models import Theme

    lists = sum(_counts("recommendation.lists", first, end).values())
    services = sum(_counts("recommendation.services", first, end).values())
    per_theme = _counts("recommendation.themes", first, end)
    return [
        Section(
            "recommendations",
            _("Service recommendation lists"),
            [
                ("lists", _("Lists created"), lists),
                ("services", _("Services recommended"), services),
            ],
            chart=False,
        ),
        Section(
            "recommended_per_theme",
            _("Services recommended per theme"),
            [
                (t.slug, t.name, per_theme.get(t.slug, 0))
                for t in Theme.objects.order_by("sort_order")
            ],
        ),
    ]


def _counselling(month):
    from catalogue.models import Municipality
    from selfcare import referrals
    from selfcare.models import CounsellingMunicipality

    municipalities = Municipality.objects.filter(
        pk__in=CounsellingMunicipality.objects.values("municipality")
    )
    rows = referrals.indicators(month, municipalities)
    labels = {
        "received": _("Referrals received"),
        "contacted": _("Successful contacts"),
        "completed": _("Counselling completed"),
        "not_reached": _("Not reached"),
        "declined": _("Declined"),
        "from_professionals": _("Referred by professionals"),
        "self_referrals": _("Self-referrals"),
    }
    return Section(
        "counselling",
        _("Exercise counselling (liikuntaneuvonta)"),
        [
            (name, labels[name], sum(getattr(row, name) for row in rows))
            for name in referrals.FIGURES
        ],
    )


def _feedback(first, end):
    from editors.feedback import VOTE_METRICS
    from editors.models import ServiceFeedback

    votes = {
        name: sum(_counts(metric, first, end).values()) for name, metric in VOTE_METRICS.items()
    }
    reports = ServiceFeedback.objects.filter(created_at__date__gte=first, created_at__date__lt=end)
    figures = reports.aggregate(total=Count("pk"), handled=Count("pk", filter=Q(status="handled")))
    return Section(
        "feedback",
        _("Feedback"),
        [
            ("helpful", _("“Was this helpful?”: yes"), votes["yes"]),
            ("not_helpful", _("“Was this helpful?”: no"), votes["no"]),
            ("error_reports", _("Error reports received"), figures["total"]),
            ("error_reports_handled", _("Of which handled"), figures["handled"]),
        ],
    )


PROVIDER_TYPES = {
    "public": _("Public sector"),
    "municipal": _("Municipalities"),
    "ngo": _("Associations and foundations (NGOs)"),
    "private": _("Companies"),
}


def organisations_by_type():
    from catalogue.models import Organisation

    counts = dict.fromkeys(PROVIDER_TYPES, 0)
    for org_type, total in (
        Organisation.objects.filter(is_active=True)
        .values_list("org_type")
        .annotate(total=Count("pk"))
        .order_by()
    ):
        counts[Organisation(org_type=org_type).provider_type] += total
    return Section(
        "organisations",
        _("Organisations in the catalogue by type"),
        [(key, label, counts[key]) for key, label in PROVIDER_TYPES.items()],
        note=_("Active organisations now, whatever the month."),
    )


def monthly_report(month):
    """Every section for ``month`` ("2026-11"); ValueError for a malformed month."""
    first, end = month_days(month)
    return [
        _visits(first, end),
        *_searches(first, end),
        _theme_views(first, end),
        *_service_views(first, end),
        *_assessments(first, end),
        _programmes(first, end),
        *_recommendations(first, end),
        _counselling(month),
        _feedback(first, end),
        organisations_by_type(),
    ]


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
