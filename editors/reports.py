"""Feedback's section of the monthly usage report (core.reports)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.reports import Section, month_counts, report_section

from .feedback import VOTE_METRICS
from .models import ServiceFeedback


@report_section(90)
def _feedback(first, end):
    votes = {
        name: sum(month_counts(metric, first, end).values())
        for name, metric in VOTE_METRICS.items()
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
