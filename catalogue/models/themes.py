from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core import sources
from core.i18n import site_language_choices

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


def rule_sources():
    """A rule applies to any source's services, or to one source's (core.sources)."""
    return [(ClassificationRule.ANY_SOURCE, _("any source")), *sources.row_choices()]


def rule_languages():
    """A keyword rule's language: any, or one of the site's."""
    return [("", _("any language")), *site_language_choices()]


class ClassificationRule(models.Model):
    """One rule of the automatic theme classification (catalogue.classify). A service gets a
    theme when the weights of its matching rules for that theme add up to at least
    ``THRESHOLD``."""

    THRESHOLD = 2

    ANY_SOURCE = "any"

    class Kind(models.TextChoices):
        SERVICE_CLASS = "service_class", _("PTV service class")
        SERVICE_CLASS_TREE = "service_class_tree", _("PTV service class and its subclasses")
        ONTOLOGY_TERM = "ontology_term", _("ontology term URI")
        TARGET_GROUP = "target_group", _("target group code")
        LAHELLA_THEME = "lahella_theme", _("Lähellä.fi theme code")
        LAHELLA_FORMAT = "lahella_format", _("Lähellä.fi format code")
        LAHELLA_TYPE = "lahella_type", _("Lähellä.fi activity type")
        LIPAS_TYPE = "lipas_type", _("LIPAS place type code")
        KEYWORD = "keyword", _("keyword in name or summary")

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="rules", verbose_name=_("theme")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.CharField(
        _("value"),
        max_length=255,
        help_text=_(
            "A service class code such as P27.1, an ontology term URI, a target group code "
            "such as KR1.4, a Lähellä.fi theme code such as ht_urheilu, format code such as "
            "hm_ryhmat or activity type (hobby, support, voluntary), or a keyword. A keyword matches whole "
            "words; * matches the rest of a word: liikunta* matches liikuntaneuvonta, "
            "*liikunta matches senioriliikunta."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=rule_languages,
        blank=True,
        help_text=_("For keywords: the language of the texts the keyword is looked for in."),
    )
    source = models.CharField(_("source"), max_length=10, choices=rule_sources, default=ANY_SOURCE)
    weight = models.SmallIntegerField(
        _("weight"),
        default=2,
        help_text=_(
            "A service gets the theme when the weights of its matching rules add up to at "
            "least 2. Use 2 for a rule that decides alone, 1 for a hint that needs another "
            "hint, and a negative weight for a rule that speaks against the theme."
        ),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("theme"),
        FieldPanel("kind"),
        FieldPanel("value"),
        FieldPanel("language"),
        FieldPanel("source"),
        FieldPanel("weight"),
        FieldPanel("is_active"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["theme__sort_order", "kind", "value"]
        verbose_name = _("classification rule")
        verbose_name_plural = _("classification rules")
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "kind", "value", "language", "source"],
                name="classification_rule_unique",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.value} → {self.theme}"

    def clean(self):
        self.value = self.value.strip()
        if self.kind == self.Kind.KEYWORD and not self.value.strip("*"):
            raise ValidationError({"value": _("Give a keyword.")})
        if self.kind != self.Kind.KEYWORD and self.language:
            raise ValidationError({"language": _("Only keyword rules are limited to a language.")})


class ServiceTheme(models.Model):
    """A theme in effect for a service: from the rules or added by an editor. Written only
    by catalogue.classify."""

    class Origin(models.TextChoices):
        RULES = "rules", _("rules")
        EDITOR = "editor", _("editor")

    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.CASCADE, related_name="theme_links"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="service_links")
    origin = models.CharField(max_length=10, choices=Origin.choices)
    score = models.SmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "theme"], name="service_theme_unique")
        ]
        indexes = [models.Index(fields=["theme", "service"])]

    def __str__(self):
        return f"{self.service_id} → {self.theme_id}"
