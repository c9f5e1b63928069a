import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.i18n import site_language_choices

# Lowercase letters and digits that cannot be mistaken for each other (no i, l, o, 0, 1).
LIST_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
LIST_CODE_LENGTH = 12


def new_list_code():
    return "".join(secrets.choice(LIST_CODE_ALPHABET) for _ in range(LIST_CODE_LENGTH))


class RecommendationList(models.Model):
    """A service recommendation list (palvelusuositus) a professional made for a client.

    It holds no personal data: services, the professional's short notes and the client's
    language. Anyone with its unguessable code can open it until it expires."""

    code = models.CharField(_("code"), max_length=20, unique=True, default=new_list_code)
    language = models.CharField(
        _("language"), max_length=2, choices=site_language_choices, default=settings.LANGUAGE_CODE
    )
    note = models.TextField(_("note to the client"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendation_lists",
    )

    class Meta:
        db_table = "selfcare_recommendationlist"  # moved from selfcare
        ordering = ["-created_at"]
        verbose_name = _("service recommendation list")
        verbose_name_plural = _("service recommendation lists")

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("professionals:recommendation", args=[self.code])

    @property
    def expired(self):
        return timezone.now() >= self.expires_at


class RecommendationItem(models.Model):
    recommendation_list = models.ForeignKey(
        RecommendationList, on_delete=models.CASCADE, related_name="items"
    )
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.PROTECT, related_name="recommendations"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    note = models.TextField(_("note"), blank=True, max_length=500)

    class Meta:
        db_table = "selfcare_recommendationitem"  # moved from selfcare
        ordering = ["position"]
        verbose_name = _("recommended service")
        verbose_name_plural = _("recommended services")

    def __str__(self):
        return f"{self.recommendation_list_id} {self.position}: {self.service_id}"
