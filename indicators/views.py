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
    """A horizontal bar chart of the section's rows, drawn on the server as HTML: each label
    on its own line above its bar, wrapped in full, never clipped or shortened."""
    largest = section.maximum or 1
    return {
        "bars": [
            {
                "label": str(label),
                "value": value,
                # The bar's share of the row (the value's room left out), as a string the
                # template does not localise (0,5).
                "share": f"{max(value / largest, 0.005 if value else 0):.4f}",
            }
            for _key, label, value in section.rows
        ]
    }


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
