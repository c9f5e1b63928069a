"""Widgets for municipal websites (editors.embeds): a light list of the guide's services or
events for a filter, shown in an <iframe> on a municipality's or association's own site, and
the allow-list of the sites (origins) that may frame them."""

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogue.audiences import AUDIENCES
from core.inputs import has_control_characters

LOCAL_HOSTS = ("localhost", "127.0.0.1")


def normalise_origin(value):
    """ "https://www.Narpes.fi/" → "https://www.narpes.fi"; None when ``value`` is not an
    origin (scheme and host, an optional port, nothing else). Plain http only for this
    machine (trying a widget out)."""
    text = (value or "").strip()
    if not text or has_control_characters(text, multiline=False) or len(text) > 200:
        return None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host or parts.username or parts.password:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return None
    if parts.scheme == "http" and host not in LOCAL_HOSTS:
        return None
    if not all(label and label.isascii() for label in host.split(".")):
        return None  # an internationalised name is written in its xn-- form
    if not host.replace("-", "").replace(".", "").isalnum():
        return None  # no wildcards, quotes or spaces: it goes into a header
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


class EmbedOrigin(models.Model):
    """A site that may show the guide's widgets in a frame (CSP frame-ancestors). Kept by the
    coordinators; every other page of the guide refuses to be framed."""

    origin = models.CharField(
        _("site address"),
        max_length=200,
        unique=True,
        help_text=_("The site's address without a path, e.g. https://www.narpes.fi"),
    )
    municipality = models.ForeignKey(
        "catalogue.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("allowed"), default=True)

    class Meta:
        ordering = ["origin"]
        verbose_name = _("site allowed to show widgets")
        verbose_name_plural = _("sites allowed to show widgets")

    def __str__(self):
        return self.origin

    def clean(self):
        origin = normalise_origin(self.origin)
        if origin is None:
            raise ValidationError(
                {"origin": _("Give the site's address as https://name.fi: no path, no wildcards.")}
            )
        self.origin = origin
        if has_control_characters(self.note, multiline=False):
            raise ValidationError({"note": _("Leave out control characters.")})


class EmbedWidget(models.Model):
    """A widget an editor has built: what it lists and for which filter."""

    class Kind(models.TextChoices):
        SERVICES = "services", _("services")
        EVENTS = "events", _("events")
        PLACES = "places", _("sports and recreation places")

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("For editors only, e.g. “Närpes: exercise”.")
    )
    kind = models.CharField(
        _("what it lists"), max_length=10, choices=Kind.choices, default=Kind.SERVICES
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    heading = models.CharField(
        _("heading"),
        max_length=100,
        blank=True,
        help_text=_("Shown above the list. Empty: a heading from the choices below."),
    )
    municipality = models.ForeignKey(
        "catalogue.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    theme = models.ForeignKey(
        "catalogue.Theme",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(
        _("for whom"), max_length=20, blank=True, choices=list(AUDIENCES.items())
    )
    free_only = models.BooleanField(_("only free of charge"), default=False)
    size = models.PositiveSmallIntegerField(
        _("how many"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("At most 30."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("widget for websites")
        verbose_name_plural = _("widgets for websites")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        for field in ("name", "heading"):
            if has_control_characters(getattr(self, field), multiline=False):
                errors[field] = _("Leave out control characters.")
        if errors:
            raise ValidationError(errors)
