"""What self-assessments and self-care programmes count: anonymous counters per day, nothing
about the person."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from core.counters import bump, increment, totals

from .models import AssessmentBandDay, AssessmentDay


def started(page):
    increment(AssessmentDay, "started", assessment_id=page.pk, day=timezone.localdate())


def completed(page, band):
    today = timezone.localdate()
    increment(AssessmentDay, "completed", assessment_id=page.pk, day=today)
    increment(
        AssessmentBandDay, "count", assessment_id=page.pk, day=today, band=band.key if band else "-"
    )


def report(assessments, days):
    """Per assessment over the last ``days`` days: started, completed, completion rate and
    the count per result band (in the bands' order)."""
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = []
    for page in assessments:
        counts = page.daily_counts.filter(day__gte=since).aggregate(
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
        row = _row(page, counts["started"] or 0, counts["completed"] or 0)
        row["bands"] = ordered
        rows.append(row)
    return rows


# --- Self-care programmes -------------------------------------------------------------------
# Daily counters (portal.DailyCount), keyed by the programme page's id: started, completed and
# reached per step ("<page id>:<step key>").


def programme_started(page):
    bump("programme.started", page.pk)


def programme_step_reached(page, key):
    bump("programme.step", f"{page.pk}:{key}")


def programme_completed(page):
    bump("programme.completed", page.pk)


def programme_report(programmes, days):
    """Per programme over the last ``days`` days: started, completed, and how many reached
    each step (in the steps' order)."""
    from .programmes import steps_of

    since = timezone.localdate() - timedelta(days=days - 1)
    started, completed = totals("programme.started", since), totals("programme.completed", since)
    reached = totals("programme.step", since)
    rows = []
    for page in programmes:
        row = _row(page, started.get(str(page.pk), 0), completed.get(str(page.pk), 0))
        row["steps"] = [(step, reached.get(f"{page.pk}:{step.key}", 0)) for step in steps_of(page)]
        rows.append(row)
    return rows


def _row(page, started_count, completed_count):
    return {
        "page": page,
        "started": started_count,
        "completed": completed_count,
        "rate": round(100 * completed_count / started_count) if started_count else None,
    }
