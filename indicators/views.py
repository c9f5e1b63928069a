"""The indicators dashboard for the county's coordinators (Wagtail admin, Reports), its CSV,
and the public data-protection page."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.reports import month_days, monthly_report

from .privacy import REGISTERS
from .reports import report_csv

PERMISSION = "core.view_indicators"
# The bar chart's geometry (SVG user units): label column, bar area, row height.
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 260, 340, 26


def _month(request):
    month = request.GET.get("month") or timezone.localdate().strftime("%Y-%m")
    try:
        month_days(month)
    except ValueError:
        raise Http404 from None
    return month


def _allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def chart(section):
    """A horizontal bar chart of the section's rows, drawn on the server."""
    largest = section.maximum or 1
    bars = []
    for index, (_key, label, value) in enumerate(section.rows):
        width = max(BAR_WIDTH * value / largest, 1 if value else 0)
        top = index * ROW_HEIGHT
        bars.append(
            {
                "label": str(label),
                "value": value,
                # SVG numbers as strings: the template must not localise them (226,7).
                "y": _number(top + 4),
                "text_y": _number(top + ROW_HEIGHT * 0.65),
                "width": _number(width),
                "value_x": _number(LABEL_WIDTH + width + 6),
            }
        )
    return {
        "bars": bars,
        "height": _number(max(1, len(bars)) * ROW_HEIGHT),
        "width": _number(LABEL_WIDTH + BAR_WIDTH + 60),
        "bar_x": _number(LABEL_WIDTH),
        "label_x": _number(LABEL_WIDTH - 8),
    }


def _number(value):
    return f"{value:.1f}".removesuffix(".0")


def dashboard(request):
    _allowed(request)
    month = _month(request)
    first, _end = month_days(month)
    sections = monthly_report(month)
    context = {
        "month": month,
        "previous": (first - relativedelta(months=1)).strftime("%Y-%m"),
        "next": (first + relativedelta(months=1)).strftime("%Y-%m"),
        "sections": [
            {
                "section": section,
                "chart": chart(section) if section.chart and section.rows else None,
            }
            for section in sections
        ],
    }
    return TemplateResponse(request, "indicators/dashboard.html", context)


def dashboard_csv(request):
    _allowed(request)
    month = _month(request)
    body = report_csv(month, monthly_report(month))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indikaattorit-{month}.csv"'
    return response


@require_safe
def privacy(request):
    """The data-protection page (tietosuojaseloste / dataskyddsbeskrivning): every register of
    indicators.privacy with the fields it keeps, who sees them and for how long."""
    return render(
        request,
        "indicators/privacy.html",
        {
            "registers": REGISTERS,
            "controller": settings.PRIVACY_CONTROLLER,
            "contact": settings.PRIVACY_CONTACT,
        },
    )
