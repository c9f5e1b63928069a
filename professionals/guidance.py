"""Where clients were guided in a month: the services, themes and self-care items put in
service recommendation lists (anonymous daily counters, kept after the lists are deleted) and
the referrals sent per type. For the coordinators' indicators and their CSV."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _
from wagtail.models import Page

from catalogue.models import Service, Theme
from core.i18n import Translated
from core.reports import month_bounds, month_counts
from core.spreadsheets import spreadsheet_csv

from .models import NationalService, RecommendationItem, Referral, ReferralType

# The counter of self-care items in lists: key "<kind>:<page or national service id>".
SELFCARE_METRIC = "recommendation.selfcare"


@dataclass
class Guidance:
    services: list  # [(name, count)], most first
    themes: list
    selfcare: list  # [(kind label, name, count)]
    referrals: list  # [(type name, count)]


def _by_count(rows):
    return sorted(rows, key=lambda row: (-row[-1], str(row[0]).casefold()))


def guidance(month):
    start, end = month_bounds(month)
    first, last = start.date(), end.date()
    per_service = month_counts("recommendation.services", first, last)
    ids = [int(key) for key in per_service if key.isascii() and key.isdigit()]
    names = {s.pk: s.name for s in Service.objects.filter(pk__in=ids)}
    services = _by_count(
        (names.get(int(key), _("(a removed service)")), n)
        for key, n in per_service.items()
        if key.isascii() and key.isdigit()
    )
    per_theme = month_counts("recommendation.themes", first, last)
    themes = [(t.name, per_theme.get(t.slug, 0)) for t in Theme.objects.order_by("sort_order")]
    kinds = dict(RecommendationItem.Kind.choices)
    selfcare = []
    raw = month_counts(SELFCARE_METRIC, first, last)
    page_ids, national_ids = set(), set()
    for key in raw:
        kind, _sep, pk = key.partition(":")
        if pk.isascii() and pk.isdigit():
            (national_ids if kind == RecommendationItem.Kind.NATIONAL else page_ids).add(int(pk))
    pages = {p.pk: p.title for p in Page.objects.filter(pk__in=page_ids)}
    nationals = {n.pk: n.name for n in NationalService.objects.filter(pk__in=national_ids)}
    for key, n in raw.items():
        kind, _sep, pk = key.partition(":")
        if kind not in kinds or not (pk.isascii() and pk.isdigit()):
            continue
        found = nationals if kind == RecommendationItem.Kind.NATIONAL else pages
        selfcare.append((kinds[kind], found.get(int(pk), _("(removed)")), n))
    sent = dict(
        Referral.objects.filter(created_at__gte=start, created_at__lt=end)
        .values_list("unit__referral_type")
        .annotate(n=Count("pk"))
    )
    referrals = [
        (str(Translated.of(t, "name")), sent.get(t.pk, 0)) for t in ReferralType.objects.all()
    ]
    return Guidance(
        services=services,
        themes=themes,
        selfcare=_by_count(selfcare),
        referrals=referrals,
    )


def guidance_csv(month, found):
    rows = [
        *(["service", name, n] for name, n in found.services),
        *(["theme", name, n] for name, n in found.themes),
        *(["self_care", f"{kind}: {name}", n] for kind, name, n in found.selfcare),
        *(["referral_type", name, n] for name, n in found.referrals),
    ]
    return spreadsheet_csv(["month", "kind", "name", "count"], ([month, *row] for row in rows))
