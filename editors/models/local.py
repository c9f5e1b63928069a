from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from catalogue.models import ChargeType
from core.i18n import Translated, language_codes, translated_fields
from core.inputs import is_ascii_digits

# Items nobody has reviewed for this long are flagged (and listed in the weekly digest).
STALE_AFTER_DAYS = 365
# Finland and its sea areas (WGS84): anything outside is a typing mistake.
LATITUDES = (59.5, 70.2)
LONGITUDES = (19.0, 31.7)


class LocalService(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """A service or activity written here, for what is neither in PTV nor in Lähellä.fi.

    Editors write drafts; a coordinator approves them (the moderation workflow). Publishing
    sends the approved version through the same normalised records and upsert pipeline as
    the synced sources (source ``local``, ptv_sync.adapters.local), so it is found, shown and
    classified like every other service. Drafts never reach the catalogue."""

    # Each text in every site language: name_<code> … (core.i18n.translated_fields).
    locals().update(
        translated_fields("name", models.CharField, _("name"), max_length=255, blank=True)
    )
    locals().update(
        translated_fields("summary", models.TextField, _("summary"), max_length=500, blank=True)
    )
    locals().update(
        translated_fields("description", models.TextField, _("description"), blank=True)
    )
    locals().update(
        translated_fields("instructions", models.TextField, _("how to take part"), blank=True)
    )
    charge_type = models.CharField(
        _("price"), max_length=10, choices=ChargeType.choices, blank=True
    )
    locals().update(
        translated_fields("charge_info", models.TextField, _("price information"), blank=True)
    )
    service_languages = models.JSONField(_("languages of the service"), default=list, blank=True)
    age_min = models.PositiveSmallIntegerField(
        _("youngest age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("oldest age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    themes = ParentalManyToManyField(
        "catalogue.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="+",
        help_text=_("Shown in these themes; the classification rules may add more."),
    )
    municipality = models.ForeignKey(
        "catalogue.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the service is offered."),
    )
    organisation = models.ForeignKey(
        "catalogue.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The association or other organisation that provides it. With an organisation, "
            "the service belongs to that organisation's editors; without, to the "
            "municipality's editors."
        ),
    )
    locals().update(
        translated_fields(
            "address", models.CharField, _("street address"), max_length=200, blank=True
        )
    )
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    locals().update(
        translated_fields(
            "post_office", models.CharField, _("post office"), max_length=100, blank=True
        )
    )
    latitude = models.FloatField(_("latitude (WGS84)"), null=True, blank=True)
    longitude = models.FloatField(_("longitude (WGS84)"), null=True, blank=True)
    wheelchair_accessible = models.BooleanField(_("accessible by wheelchair"), default=False)
    locals().update(translated_fields("schedule", models.TextField, _("when"), blank=True))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("web site"), max_length=500, blank=True)

    # Not part of the content (kept out of revisions' effect by editors.publishing).
    last_reviewed_at = models.DateTimeField(
        _("last reviewed"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="localservice")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="localservice",
        for_concrete_model=False,
    )

    class Meta:
        ordering = [*(f"name_{code}" for code in language_codes()), "pk"]
        verbose_name = _("local service")
        verbose_name_plural = _("local services")

    def __str__(self):
        return str(Translated.of(self, "name")) or str(_("local service"))

    @property
    def revisions(self):
        return self._revisions

    @property
    def external_id(self):
        """Its identity in the catalogue: (source ``local``, this id)."""
        return str(self.pk)

    def is_stale(self, now=None):
        reviewed = self.last_reviewed_at or self.created_at
        now = now or timezone.now()
        return (now - reviewed).days >= STALE_AFTER_DAYS

    def clean(self):
        errors = {}
        names = [f"name_{code}" for code in language_codes()]
        if not any(getattr(self, name).strip() for name in names):
            errors[names[0]] = _("Give the name in at least one language.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Give both the latitude and the longitude, or neither."
            )
        elif self.latitude is not None:
            if not LATITUDES[0] <= self.latitude <= LATITUDES[1]:
                errors["latitude"] = _(
                    "The latitude must be in Finland, between 59.5 and 70.2 (e.g. 63.096)."
                )
            if not LONGITUDES[0] <= self.longitude <= LONGITUDES[1]:
                errors["longitude"] = _(
                    "The longitude must be in Finland, between 19.0 and 31.7 (e.g. 21.616)."
                )
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("The oldest age cannot be below the youngest.")
        if self.postal_code and not is_ascii_digits(self.postal_code, length=5):
            errors["postal_code"] = _("A postal code has five digits, e.g. 65100.")
        unknown = set(self.service_languages or ()) - set(settings.SERVICE_LANGUAGES)
        if unknown:
            errors["service_languages"] = _("Choose the languages from the list.")
        if errors:
            raise ValidationError(errors)
