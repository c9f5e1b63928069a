from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ServicePair(models.Model):
    """A PTV service and a Lähellä.fi activity that describe the same thing: found by
    catalogue.dedupe (``auto``), or decided by an editor (``merged`` / ``split``). An editor's
    decision is never changed by a sync or by the matcher."""

    class State(models.TextChoices):
        AUTO = "auto", _("same activity (found automatically)")
        MERGED = "merged", _("same activity (decided by an editor)")
        SPLIT = "split", _("different activities (decided by an editor)")

    class Method(models.TextChoices):
        SOURCE_LINK = "source_link", _("the PTV service links to the activity")
        NAME = "name", _("same association, similar name")
        EDITOR = "editor", _("an editor")

    ptv_service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service in PTV"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"source": "ptv"},
    )
    lahella_service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("activity in Lähellä.fi"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"source": "lahella"},
    )
    state = models.CharField(_("decision"), max_length=10, choices=State.choices)
    method = models.CharField(
        _("found by"), max_length=12, choices=Method.choices, default=Method.EDITOR
    )
    similarity = models.FloatField(_("name similarity"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("duplicate pair")
        verbose_name_plural = _("duplicate pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["ptv_service", "lahella_service"], name="service_pair_unique"
            )
        ]

    def __str__(self):
        return f"{self.ptv_service} = {self.lahella_service}"

    def clean(self):
        errors = {}
        if self.ptv_service_id and self.ptv_service.source != "ptv":
            errors["ptv_service"] = _("Choose a service that comes from PTV.")
        if self.lahella_service_id and self.lahella_service.source != "lahella":
            errors["lahella_service"] = _("Choose an activity that comes from Lähellä.fi.")
        if errors:
            raise ValidationError(errors)
