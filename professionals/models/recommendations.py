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


class NationalService(models.Model):
    """A curated national self-care service that a recommendation list may include:
    Mielenterveystalo, Omaolo, normaali.fi, enjaksa.fi. Editors keep the list (a snippet)."""

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("web address"), max_length=300)
    description = models.TextField(_("what it is"), max_length=500)
    next_step = models.TextField(
        _("what to do next"),
        max_length=500,
        help_text=_('Shown to the client under the service, e.g. "Open the site and choose…".'),
    )
    active = models.BooleanField(_("offered in lists"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("national self-care service")
        verbose_name_plural = _("national self-care services")

    def __str__(self):
        return self.name


class RecommendationItem(models.Model):
    """One thing on a list: a catalogue service, a self-assessment, a self-care programme
    (with a prepared continuation code if the professional asked for one), a theme page or a
    national self-care service."""

    class Kind(models.TextChoices):
        SERVICE = "service", _("service")
        ASSESSMENT = "assessment", _("self-assessment")
        PROGRAMME = "programme", _("self-care programme")
        THEME = "theme", _("theme")
        NATIONAL = "national", _("national self-care service")

    recommendation_list = models.ForeignKey(
        RecommendationList, on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SERVICE)
    service = models.ForeignKey(
        "catalogue.Service",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    # A self-assessment, programme or theme page; gone from the list's view if deleted.
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    national_service = models.ForeignKey(
        NationalService, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A programme's prepared continuation code (shown as ABCD-EFGH-JKMN): the client
    # continues the programme with it on any device.
    continuation_code = models.CharField(_("continuation code"), max_length=20, blank=True)
    position = models.PositiveSmallIntegerField(_("position"))
    note = models.TextField(_("note"), blank=True, max_length=500)

    class Meta:
        db_table = "selfcare_recommendationitem"  # moved from selfcare
        ordering = ["position"]
        verbose_name = _("recommended item")
        verbose_name_plural = _("recommended items")

    def __str__(self):
        target = self.service_id or self.page_id or self.national_service_id
        return f"{self.recommendation_list_id} {self.position}: {self.kind} {target}"
