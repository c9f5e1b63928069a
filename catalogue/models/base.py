import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import sources

# Open data identifiers (HSDS ids) are UUIDs derived from the row's identity, so they stay the
# same across syncs, databases and a restore from an export.
OPEN_DATA_NAMESPACE = uuid.UUID("6f0c3c53-5b43-4d8e-9a43-1f6f3f7d2a10")


def open_data_id(kind, source, external_id):
    """The stable UUID of an organisation, service or channel (``kind``) in open data."""
    return uuid.uuid5(OPEN_DATA_NAMESPACE, f"{kind}:{source}:{external_id}")


class SourcedModel(models.Model):
    """A row imported from a source. ``(source, external_id)`` identifies it; the content
    hash detects changes; rows are never hard-deleted by a sync, only deactivated."""

    # The declared sources (core.sources): PTV, Lähellä.fi, local content, HSDS, …
    source = models.CharField(_("source"), max_length=10, choices=sources.row_choices)
    external_id = models.CharField(_("identifier at the source"), max_length=64)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Digest of the raw payload last imported: an identical payload is not parsed again.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    first_seen = models.DateTimeField(_("first imported"), default=timezone.now, editable=False)
    last_seen = models.DateTimeField(_("last seen at the source"), default=timezone.now)
    source_modified = models.DateTimeField(_("updated at the source"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True)
    hsds_id = models.UUIDField(
        _("open data identifier"), null=True, blank=True, unique=True, editable=False
    )
    texts_en = models.JSONField(
        _("English texts"),
        default=dict,
        blank=True,
        help_text=_("English texts where the source has them."),
    )

    open_data_kind = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.hsds_id is None and self.external_id:
            self.hsds_id = open_data_id(self.open_data_kind, self.source, self.external_id)
        super().save(*args, **kwargs)
