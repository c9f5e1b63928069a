from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import stats
from .models import SelfAssessmentPage

PERIODS = (30, 90, 365)


def assessment_report(request):
    try:
        days = int(request.GET.get("days", PERIODS[0]))
    except ValueError:
        days = PERIODS[0]
    if days not in PERIODS:
        days = PERIODS[0]
    pages = SelfAssessmentPage.objects.order_by("path")
    return TemplateResponse(
        request,
        "selfcare/admin/assessment_report.html",
        {"rows": stats.report(pages, days), "days": days, "periods": PERIODS},
    )


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("selfcare/assessments/", assessment_report, name="selfcare_assessment_report")]


@hooks.register("register_reports_menu_item")
def register_assessment_report():
    return MenuItem(
        _("Self-assessment statistics"),
        reverse("selfcare_assessment_report"),
        icon_name="tasks",
        order=910,
    )
