from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    PTV = "ptv", _("Suomi.fi service catalogue (PTV)")
    LAHELLA = "lahella", _("Lähellä.fi")
    LOCAL = "local", _("Local content")


class SourcedModel(models.Model):
    """A row imported from a source. ``(source, external_id)`` identifies it; the content
    hash detects changes; rows are never hard-deleted by a sync, only deactivated."""

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    external_id = models.CharField(_("identifier at the source"), max_length=64)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Digest of the raw payload last imported: an identical payload is not parsed again.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    first_seen = models.DateTimeField(_("first imported"), default=timezone.now, editable=False)
    last_seen = models.DateTimeField(_("last seen at the source"), default=timezone.now)
    source_modified = models.DateTimeField(_("updated at the source"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True)
    texts_en = models.JSONField(
        _("English texts"),
        default=dict,
        blank=True,
        help_text=_("English texts where the source has them."),
    )

    class Meta:
        abstract = True
