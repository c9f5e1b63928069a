from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import stats
from .models import SelfAssessmentPage, SelfCareProgrammePage

PERIODS = (30, 90, 365)


def _days(request):
    try:
        days = int(request.GET.get("days", PERIODS[0]))
    except ValueError:
        days = PERIODS[0]
    return days if days in PERIODS else PERIODS[0]


def assessment_report(request):
    days = _days(request)
    pages = SelfAssessmentPage.objects.order_by("path")
    return TemplateResponse(
        request,
        "selfcare/admin/assessment_report.html",
        {
            "rows": stats.report(pages, days),
            "days": days,
            "periods": PERIODS,
            "report_title": _("Self-assessment statistics"),
            "report_icon": "tasks",
            "report_intro": _(
                "Only these counts are kept: how many started and completed each "
                "self-assessment per day, and how many results fell in each result band. "
                "Answers are never stored."
            ),
        },
    )


def programme_report(request):
    days = _days(request)
    pages = SelfCareProgrammePage.objects.order_by("path")
    return TemplateResponse(
        request,
        "selfcare/admin/programme_report.html",
        {
            "rows": stats.programme_report(pages, days),
            "days": days,
            "periods": PERIODS,
            "report_title": _("Self-care programme statistics"),
            "report_icon": "list-ol",
            "report_intro": _(
                "Only these counts are kept: how many started and completed each programme "
                "per day, and how many reached each step. Nobody's progress is stored here; "
                "continuation codes hold only step states."
            ),
        },
    )


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("selfcare/assessments/", assessment_report, name="selfcare_assessment_report"),
        path("selfcare/programmes/", programme_report, name="selfcare_programme_report"),
    ]


@hooks.register("register_reports_menu_item")
def register_assessment_report():
    return MenuItem(
        _("Self-assessment statistics"),
        reverse("selfcare_assessment_report"),
        icon_name="tasks",
        order=910,
    )


@hooks.register("register_reports_menu_item")
def register_programme_report():
    return MenuItem(
        _("Self-care programme statistics"),
        reverse("selfcare_programme_report"),
        icon_name="list-ol",
        order=911,
    )
