"""What self-assessments and self-care programmes count: anonymous counters per day, nothing
about the person."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import AssessmentBandDay, AssessmentDay, ProgrammeDay, ProgrammeStepDay


def _bump(model, field, **keys):
    """Add one to ``field`` of the row ``keys`` names, creating the row when missing; safe
    when two requests count at once."""
    if model.objects.filter(**keys).update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **{field: 1})
    except IntegrityError:
        model.objects.filter(**keys).update(**{field: F(field) + 1})


def started(page):
    _bump(AssessmentDay, "started", assessment_id=page.pk, day=timezone.localdate())


def completed(page, band):
    today = timezone.localdate()
    _bump(AssessmentDay, "completed", assessment_id=page.pk, day=today)
    _bump(
        AssessmentBandDay, "count", assessment_id=page.pk, day=today, band=band.key if band else "-"
    )


def report(assessments, days):
    """Per assessment over the last ``days`` days: started, completed, completion rate and
    the count per result band (in the bands' order)."""
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = []
    for page in assessments:
        totals = page.daily_counts.filter(day__gte=since).aggregate(
            started=Sum("started"), completed=Sum("completed")
        )
        bands = dict(
            page.band_counts.filter(day__gte=since)
            .values("band")
            .annotate(total=Sum("count"))
            .values_list("band", "total")
        )
        ordered = [
            (band.key, band.title, bands.pop(band.key, 0)) for band in page.instrument().bands
        ]
        ordered += [(key, key, count) for key, count in sorted(bands.items())]
        started_count, completed_count = totals["started"] or 0, totals["completed"] or 0
        rows.append(
            {
                "page": page,
                "started": started_count,
                "completed": completed_count,
                "rate": round(100 * completed_count / started_count) if started_count else None,
                "bands": ordered,
            }
        )
    return rows


# --- Self-care programmes -------------------------------------------------------------------


def programme_started(page):
    _bump(ProgrammeDay, "started", programme_id=page.pk, day=timezone.localdate())


def programme_step_reached(page, key):
    _bump(ProgrammeStepDay, "reached", programme_id=page.pk, day=timezone.localdate(), step=key)


def programme_completed(page):
    _bump(ProgrammeDay, "completed", programme_id=page.pk, day=timezone.localdate())


def programme_report(programmes, days):
    """Per programme over the last ``days`` days: started, completed, and how many reached
    each step (in the steps' order)."""
    from .programmes import steps_of

    since = timezone.localdate() - timedelta(days=days - 1)
    rows = []
    for page in programmes:
        totals = page.daily_counts.filter(day__gte=since).aggregate(
            started=Sum("started"), completed=Sum("completed")
        )
        reached = dict(
            page.step_counts.filter(day__gte=since)
            .values("step")
            .annotate(total=Sum("reached"))
            .values_list("step", "total")
        )
        started_count, completed_count = totals["started"] or 0, totals["completed"] or 0
        rows.append(
            {
                "page": page,
                "started": started_count,
                "completed": completed_count,
                "rate": round(100 * completed_count / started_count) if started_count else None,
                "steps": [(step, reached.get(step.key, 0)) for step in steps_of(page)],
            }
        )
    return rows
