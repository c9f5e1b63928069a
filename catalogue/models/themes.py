from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

ICON_CHOICES = [
    ("walk", _("Walking figure")),
    ("leaf", _("Leaf")),
    ("moon", _("Moon")),
    ("heart", _("Heart")),
    ("cup", _("Cup")),
    ("people", _("People")),
    ("tooth", _("Tooth")),
    ("brain", _("Brain")),
]

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Give the colour as #RRGGBB, for example #1d6a4f.")
)


class Theme(models.Model):
    """One of the eight wellbeing themes. Name and intro are translated (fi, sv)."""

    slug = models.SlugField(
        _("identifier"),
        unique=True,
        help_text=_("Stable identifier used in filters and links, e.g. liikunta."),
    )
    name = models.CharField(_("name"), max_length=80)
    intro = models.TextField(_("intro"), blank=True)
    icon = models.CharField(_("icon"), max_length=20, choices=ICON_CHOICES)
    colour = models.CharField(
        _("accent colour"),
        max_length=7,
        validators=[hex_colour],
        help_text=_("Used only as a decorative accent, never as text colour."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        FieldPanel("icon"),
        FieldPanel("colour"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name or self.slug
