"""The deletion guard and the scope of a full run's deactivations.

A sync never deletes: it deactivates what the source archived or withdrew, and (a full run)
what the source no longer publishes in the scope the run fetched. Two rules keep a bad day
at the source from emptying the catalogue:

- **Scope.** A full run of some municipalities deactivates only what belongs to them: a
  service all of whose municipalities are in the scope, a channel or organisation only
  linked to such services. What also belongs elsewhere was not asked for, so its absence
  says nothing.
- **Guard.** Services, channels and organisations are counted separately, each against its
  active count, and cumulatively over a window (``SYNC_DEACTIVATION_WINDOW_DAYS``, 7 by
  default): the deactivations of the runs in the window plus this run's may not pass
  ``DEACTIVATION_GUARD`` (20 %) of the most that was active when a run in the window met
  the source, nor ``SYNC_DEACTIVATION_FLOOR`` items (5 by default) if that is more: a source of a
  handful of rows may lose one. A forced run (``--force``) goes through and starts a new
  window."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from catalogue.models import Organisation, Service, ServiceChannel, ServiceChannelLink
from catalogue.reference import configured_scope

DEACTIVATION_GUARD = 0.20
KIND_NAMES = {"service": "services", "channel": "channels", "organisation": "organisations"}


def narrower_scope(run):
    """The municipality codes of a run that fetched less than the configured county, else
    None (the run answers for the whole source)."""
    codes = set(run.scope.get("municipalities") or ())
    try:
        county = set(configured_scope()["municipalities"])
    except ValueError:
        county = set()
    if not codes or codes >= county:
        return None
    return codes


def in_scope(kind, codes):
    """A condition on the kind's model: the rows that belong only to these municipalities."""
    through = Service.municipalities.through
    own_services = (
        Service.objects.filter(
            Exists(through.objects.filter(service=OuterRef("pk"), municipality__code__in=codes))
        )
        .exclude(
            Exists(
                through.objects.filter(service=OuterRef("pk")).exclude(municipality__code__in=codes)
            )
        )
        .values("pk")
    )
    if kind == "service":
        return Q(pk__in=own_services)
    links = ServiceChannelLink.objects.filter(channel=OuterRef("pk"))
    if kind == "channel":
        return Q(Exists(links.filter(service__in=own_services))) & ~Q(
            Exists(links.exclude(service__in=own_services))
        )
    own_channels = ServiceChannel.objects.filter(in_scope("channel", codes)).values("pk")
    services = Service.objects.filter(responsible_organisation=OuterRef("pk"))
    channels = ServiceChannel.objects.filter(organisation=OuterRef("pk"))
    return (
        (
            Q(Exists(services.filter(pk__in=own_services)))
            | Q(Exists(channels.filter(pk__in=own_channels)))
        )
        & ~Q(Exists(services.exclude(pk__in=own_services)))
        & ~Q(Exists(channels.exclude(pk__in=own_channels)))
    )


def window_start():
    return timezone.now() - timedelta(days=settings.SYNC_DEACTIVATION_WINDOW_DAYS)


def earlier_in_window(run, source):
    """The runs before this one in the window that met ``source``, oldest first, from the
    last forced one on (exclusive: a forced run's deactivations were meant)."""
    from .models import SyncRun

    runs = list(
        SyncRun.objects.filter(started_at__gte=window_start(), started_at__lt=run.started_at)
        .exclude(pk=run.pk)
        .order_by("started_at")
        .only("pk", "force", "deactivations")
    )
    runs = [r for r in runs if source in (r.deactivations or {}).get("active", {})]
    forced = [index for index, r in enumerate(runs) if r.force]
    return runs[forced[-1] + 1 :] if forced else runs


def refusals(run, targets):
    """What the guard refuses: a sentence per (source, kind) past the limit; [] if none.
    ``targets``: {kind: {source: count}} of this run."""
    active_now = (run.deactivations or {}).get("active", {})
    found = []
    for source in sorted({s for counts in targets.values() for s in counts}):
        earlier = earlier_in_window(run, source)
        starts = [r.deactivations["active"].get(source, {}) for r in earlier]
        starts.append(active_now.get(source, {}))
        for kind in ("service", "channel", "organisation"):
            count = targets.get(kind, {}).get(source, 0)
            if not count:
                continue
            before = sum(
                (r.deactivations.get("deactivated", {}).get(source, {}).get(kind, 0))
                for r in earlier
            )
            # The most that was active at the start of a run in the window (a source imported
            # within the window had nothing active before its first run).
            active = max(start.get(kind, 0) for start in starts)
            total = before + count
            if total > max(DEACTIVATION_GUARD * active, settings.SYNC_DEACTIVATION_FLOOR):
                found.append(
                    f"{count} {KIND_NAMES[kind]} of {source}"
                    + (
                        f" (with {before} in the last {settings.SYNC_DEACTIVATION_WINDOW_DAYS} days)"
                        if before
                        else ""
                    )
                    + f": {total} of {active} active ({100 * total / max(active, 1):.0f}% > "
                    f"{DEACTIVATION_GUARD:.0%})"
                )
    return found


def active_counts(source):
    return {
        kind: model.objects.filter(source=source, is_active=True).count()
        for kind, model in (
            ("organisation", Organisation),
            ("channel", ServiceChannel),
            ("service", Service),
        )
    }
