"""Self-care's sections of the monthly usage report (core.reports): self-assessments and
programmes."""

from collections import Counter

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from core.reports import Section, month_counts, report_section

from .models import (
    AssessmentBandDay,
    AssessmentDay,
    SelfAssessmentPage,
    SelfCareProgrammePage,
)


@report_section(50)
def _assessments(first, end):
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
        for band, label in zip(page.instrument().bands, band_labels(page), strict=True):
            bands.rows.append(
                (f"{page.slug}:{band.key}", label, per_band.pop((page.pk, band.key), 0))
            )
    titles = {page.pk: page for page in pages}
    for (assessment, band), total in sorted(per_band.items()):
        page = titles.get(assessment)
        if page is not None:
            bands.rows.append((f"{page.slug}:{band}", f"{page.title}: {band}", total))
    return [usage, bands]


@report_section(60)
def _programmes(first, end):
    started, completed = (
        month_counts("programme.started", first, end),
        month_counts("programme.completed", first, end),
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


def band_labels(page):
    """Each band's name in the statistics: the editors' (with its scale, e.g. "AUDIT-C:
    riskikäyttö (miehet)"), else the page's title and the band's; two that would read the
    same are told apart by their number in the page's order."""
    bands = page.instrument().bands
    labels = [str(band.report_label) or f"{page.title}: {band.title}" for band in bands]
    seen = Counter(labels)
    return [
        f"{label} ({index})" if seen[label] > 1 else label
        for index, label in enumerate(labels, start=1)
    ]
