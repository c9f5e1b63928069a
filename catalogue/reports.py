"""The catalogue's sections of the monthly usage report (core.reports): theme and service
page views, and the organisations in the catalogue."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.inputs import is_ascii_digits
from core.reports import Section, month_counts, report_section

from .models import Organisation, Service, Theme


@report_section(30)
def _theme_views(first, end):
    counts = month_counts("theme.view", first, end)
    return Section(
        "theme_views",
        _("Theme page views"),
        [(t.slug, t.name, counts.get(t.slug, 0)) for t in Theme.objects.order_by("sort_order")],
    )


@report_section(40)
def _service_views(first, end):
    counts = {
        int(k): v for k, v in month_counts("service.view", first, end).items() if is_ascii_digits(k)
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


PROVIDER_TYPES = {
    "public": _("Public sector"),
    "municipal": _("Municipalities"),
    "ngo": _("Associations and foundations (NGOs)"),
    "private": _("Companies"),
}


@report_section(100)
def organisations_by_type(_first, _end):
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
