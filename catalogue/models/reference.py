from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import default_field


class Municipality(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = [default_field("name")]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class Classification(models.Model):
    """A code or term attached to services: PTV service class, target group, life event or
    ontology term; Lähellä.fi theme, format or activity type. Names are translated; ontology terms may have only a URI."""

    class Kind(models.TextChoices):
        SERVICE_CLASS = "service_class", _("service class")
        TARGET_GROUP = "target_group", _("target group")
        LIFE_EVENT = "life_event", _("life event")
        ONTOLOGY_TERM = "ontology_term", _("ontology term")
        LAHELLA_THEME = "lahella_theme", _("Lähellä.fi theme")
        LAHELLA_FORMAT = "lahella_format", _("Lähellä.fi format")
        LAHELLA_TYPE = "lahella_type", _("Lähellä.fi activity type")
        LIPAS_TYPE = "lipas_type", _("LIPAS place type")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=20, blank=True)
    uri = models.CharField(_("URI"), max_length=255)
    name = models.CharField(_("name"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    class Meta:
        ordering = ["kind", "code", "uri"]
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        constraints = [
            models.UniqueConstraint(fields=["kind", "uri"], name="classification_unique_uri"),
        ]
        indexes = [models.Index(fields=["kind", "code"])]

    def __str__(self):
        return f"{self.code} {self.name}".strip() or self.uri
