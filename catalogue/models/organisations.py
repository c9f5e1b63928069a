from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import default_field

from .base import SourcedModel


class Organisation(SourcedModel):
    open_data_kind = "organisation"

    class Type(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        WELLBEING_COUNTY = "wellbeing_county", _("wellbeing services county")
        STATE = "state", _("state")
        REGIONAL = "regional", _("regional organisation")
        NGO = "ngo", _("association or foundation")
        COMPANY = "company", _("company")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    org_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    business_id = models.CharField(_("business ID"), max_length=12, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    parent_ref = models.CharField(max_length=64, blank=True, editable=False)
    web_url = models.URLField(_("web site"), max_length=500, blank=True)

    class Meta:
        ordering = [default_field("name")]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="organisation_unique_source_id"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def provider_type(self):
        """public, municipal, ngo or private: the provider types residents filter by."""
        if self.org_type == self.Type.MUNICIPALITY:
            return "municipal"
        if self.org_type == self.Type.NGO:
            return "ngo"
        if self.org_type == self.Type.COMPANY:
            return "private"
        return "public"
