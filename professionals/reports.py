"""The professional tools' sections of the monthly usage report (core.reports): service
recommendation lists and referrals per type."""

from django.utils.translation import gettext_lazy as _

from catalogue.models import Theme
from core.reports import Section, month_counts, report_section

from . import referrals
from .models import ReferralType
from .roles import COUNSELLING_TYPE


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
def _referrals(first, _end):
    """Per referral type: the figures of its units; liikuntaneuvonta's keeps its key."""
    month = first.strftime("%Y-%m")
    rows = referrals.indicators(month, referrals.indicator_units())
    labels = {
        "received": _("Referrals received"),
        "contacted": _("Successful contacts"),
        "completed": _("Completed"),
        "not_reached": _("Not reached"),
        "declined": _("Declined"),
        "from_professionals": _("Referred by professionals"),
        "self_referrals": _("Self-referrals"),
    }
    sections = []
    for referral_type in ReferralType.objects.all():
        mine = [row for row in rows if row.unit.referral_type_id == referral_type.pk]
        key = (
            "counselling"
            if referral_type.slug == COUNSELLING_TYPE
            else f"referrals-{referral_type.slug}"
        )
        sections.append(
            Section(
                key,
                _("Referrals: %(type)s") % {"type": referral_type.name},
                [
                    (name, labels[name], sum(getattr(row, name) for row in mine))
                    for name in referrals.FIGURES
                ],
            )
        )
    return sections
