"""Publishing a local service puts its approved version into the catalogue through the same
pipeline as the synced sources; unpublishing or deleting it deactivates the catalogue's row.
Nothing of a draft ever reaches the catalogue."""

import logging

from django.db import transaction
from django.utils import timezone

from catalogue.models import Service
from catalogue.search.indexing import index_services
from ptv_sync import pipeline
from ptv_sync.adapters import local as adapter
from ptv_sync.models import SyncRun

logger = logging.getLogger(__name__)


class PublishError(Exception):
    """The catalogue could not take the published version (the run's errors say why)."""


def _run(user=None):
    # Not saved: a local service's publication is recorded in its own revision history and
    # Wagtail's log, not among the sources' syncs. One item, so never a deactivation guard.
    return SyncRun(
        source=adapter.SOURCE,
        mode=SyncRun.Mode.INCREMENTAL,
        force=True,
        started_at=timezone.now(),
        started_by=user,
    )


@transaction.atomic
def publish(local, user=None):
    """Write the live version of ``local`` into the catalogue; return the Service."""
    from .models import LocalService

    now = timezone.now()
    run = pipeline.upsert(adapter.records(local, modified=now), _run(user))
    if run.failed:
        raise PublishError("; ".join(error["message"] for error in run.errors))
    service = Service.objects.get(source=adapter.SOURCE, external_id=local.external_id)
    # What the pipeline cannot know from a record: the provider is an organisation of
    # another source, and the editor's themes are in effect whatever the rules say.
    if service.responsible_organisation_id != local.organisation_id:
        Service.objects.filter(pk=service.pk).update(responsible_organisation=local.organisation)
        index_services([service.pk])  # the organisation's name and type are in its entry
    service.local_themes_added.set(local.themes.all())  # reclassified (and reindexed) at once
    LocalService.objects.filter(pk=local.pk).update(last_reviewed_at=now)
    return service


@transaction.atomic
def withdraw(pk, user=None):
    """Deactivate the catalogue's rows of a local service (unpublished or deleted)."""
    run = pipeline.upsert(adapter.removals(pk), _run(user))
    return run.archived


def mark_reviewed(queryset):
    """The editor confirmed the details are still right: restart the 12-month clock."""
    return queryset.update(last_reviewed_at=timezone.now())
