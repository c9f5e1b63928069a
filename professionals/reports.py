"""The professional tools' sections of the monthly usage report (core.reports): service
recommendation lists and exercise counselling referrals."""

from django.utils.translation import gettext_lazy as _

from catalogue.models import Municipality, Theme
from core.reports import Section, month_counts, report_section

from . import referrals
from .models import CounsellingMunicipality


@report_section(70)
def _recommendations(first, end):
    lists = sum(month_counts("recommendation.lists", first, end).values())
    services = sum(month_counts("recommendation.services", first, end).values())
    per_theme = month_counts("recommendation.themes", first, end)
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


@report_section(80)
def _counselling(first, _end):
    month = first.strftime("%Y-%m")
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
