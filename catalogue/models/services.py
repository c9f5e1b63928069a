from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.signals import setting_changed
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core import phones
from core.i18n import Translated, default_field

from .base import SourcedModel
from .reference import Classification, Municipality


@lru_cache(maxsize=20_000)
def slug_for(text):
    """A service page's slug from its name; kept per process, because a results page names
    its results' members too (a regional service is one per municipality, under one name),
    and each slug took 7.5 µs: 0.75 ms of a page listing 100 members."""
    from anyascii import anyascii

    return slugify(anyascii(text or ""))[:80].strip("-") or "palvelu"


def service_path(pk, name):
    """The address of service ``pk``'s page, named ``name``, in the active language."""
    return f"{_service_path_start(*_reversing())}{slug_for(name)}-{int(pk)}/"


def _reversing():
    """What an address reversed now depends on: the language, the script prefix and the
    URL configuration."""
    return translation.get_language(), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF)


@lru_cache(maxsize=32)
def _service_path_start(language, script_prefix, urlconf):
    """Every service page's address up to its slug ("/fi/palvelut/"): reversed once, not at
    each of the many links a list or an HSDS page has."""
    path = reverse("catalogue:service", kwargs={"slug": "s", "pk": 1})
    if not path.endswith("/s-1/"):
        raise ImproperlyConfigured(f"A service's address does not end in its slug: {path}")
    return path[: -len("s-1/")]


def _forget_service_path_start(setting, **_kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _service_path_start.cache_clear()


setting_changed.connect(_forget_service_path_start, dispatch_uid="service-path-start")


class ChargeType(models.TextChoices):
    FREE = "free", _("free of charge")
    CHARGED = "charged", _("chargeable")
    OTHER = "other", _("other")


class AreaType(models.TextChoices):
    NATIONWIDE = "nationwide", _("whole country")
    NATIONWIDE_EXCEPT_ALAND = "nationwide_except_aland", _("whole country except Åland")
    LIMITED = "limited", _("limited area")


class Service(SourcedModel):
    open_data_kind = "service"

    class Kind(models.TextChoices):
        SERVICE = "service", _("service")
        PERMIT = "permit", _("permit or obligation")
        QUALIFICATION = "qualification", _("professional qualification")
        PLACE = "place", _("sports or recreation place")

    class ActivityType(models.TextChoices):
        HOBBY = "hobby", _("hobbies and leisure")
        SUPPORT = "support", _("support and help")
        VOLUNTARY = "voluntary", _("volunteering")

    name = models.CharField(_("name"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    user_instructions = models.TextField(_("instructions"), blank=True)
    charge_info = models.TextField(_("charge information"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SERVICE)
    charge_type = models.CharField(
        _("charge"), max_length=10, choices=ChargeType.choices, blank=True
    )
    service_languages = models.JSONField(_("service languages"), default=list, blank=True)
    keywords = models.JSONField(_("keywords"), default=dict, blank=True)
    area_type = models.CharField(
        _("area"), max_length=30, choices=AreaType.choices, default=AreaType.LIMITED
    )
    area_regions = models.JSONField(default=list, blank=True)
    area_counties = models.JSONField(default=list, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), related_name="services", blank=True
    )
    classifications = models.ManyToManyField(
        Classification, verbose_name=_("classifications"), related_name="services", blank=True
    )
    responsible_organisation = models.ForeignKey(
        "catalogue.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    themes = models.ManyToManyField(
        "catalogue.Theme",
        through="catalogue.ServiceTheme",
        related_name="services",
        verbose_name=_("themes"),
        blank=True,
    )
    # Editor-owned (never written by a sync): themes added to or removed from those the
    # classification rules give.
    local_themes_added = models.ManyToManyField(
        "catalogue.Theme",
        related_name="+",
        blank=True,
        verbose_name=_("themes added by an editor"),
        help_text=_("Shown in these themes whatever the rules say."),
    )
    local_themes_removed = models.ManyToManyField(
        "catalogue.Theme",
        related_name="+",
        blank=True,
        verbose_name=_("themes removed by an editor"),
        help_text=_("Never shown in these themes whatever the rules say."),
    )
    # Lähellä.fi activities.
    activity_type = models.CharField(
        _("activity type"), max_length=10, choices=ActivityType.choices, blank=True
    )
    age_ranges = models.JSONField(_("age ranges"), default=list, blank=True, editable=False)
    registration_required = models.BooleanField(_("registration required"), null=True)
    # Written only by catalogue.dedupe: the service this one is shown as (same activity from
    # the other source). Such a service is left out of search and theme pages; its page
    # redirects to the one shown.
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("shown as"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    responsible_ref = models.CharField(max_length=64, blank=True, editable=False)
    other_responsible_refs = models.JSONField(default=list, blank=True, editable=False)
    producer_refs = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = [default_field("name")]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="service_unique_source_id"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self, language=None):
        if language is None or language == translation.get_language():
            return service_path(self.pk, self.name)
        with translation.override(language):
            return service_path(self.pk, self.name)

    def theme_list(self):
        return ", ".join(str(theme) for theme in self.themes.all())

    theme_list.short_description = _("themes")

    def active_channels(self):
        return ServiceChannel.objects.filter(service_links__service=self, is_active=True)

    @property
    def producers(self):
        from .organisations import Organisation

        return Organisation.objects.filter(source=self.source, external_id__in=self.producer_refs)


class ServiceChannel(SourcedModel):
    open_data_kind = "channel"

    class Type(models.TextChoices):
        PLACE = "place", _("service location")
        PHONE = "phone", _("phone service")
        ONLINE = "online", _("online service")
        WEBPAGE = "webpage", _("web page")
        PRINTABLE = "printable", _("printable form")

    channel_type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    name = models.CharField(_("name"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        "catalogue.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="channels",
    )
    organisation_ref = models.CharField(max_length=64, blank=True, editable=False)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    area_type = models.CharField(max_length=30, choices=AreaType.choices, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), related_name="channels", blank=True
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    accessibility = models.JSONField(_("accessibility"), default=dict, blank=True)
    # Lähellä.fi: the schedule as text (translated), its events, and the next occurrences as
    # of the last import ([start, end] local ISO times).
    schedule = models.TextField(_("schedule"), blank=True)
    events = models.JSONField(default=list, blank=True, editable=False)
    occurrences = models.JSONField(default=list, blank=True, editable=False)
    # A sports or recreation place (LIPAS): its type code, its GeoJSON geometry for the map
    # (points, a route's lines or an area) and facts a visitor asks about ({key: text}).
    place_type = models.CharField(_("place type"), max_length=10, blank=True, editable=False)
    geometry = models.JSONField(default=dict, blank=True, editable=False)
    facts = models.JSONField(default=dict, blank=True, editable=False)
    # What the source says this place is elsewhere ("lipas:<id>"), and the place it was
    # paired with (catalogue.places): a PTV location points at the LIPAS place.
    same_as = models.CharField(max_length=40, blank=True, editable=False)
    same_place = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="also_listed_as",
    )

    class Meta:
        ordering = ["channel_type", default_field("name")]
        verbose_name = _("service channel")
        verbose_name_plural = _("service channels")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="channel_unique_source_id"
            )
        ]
        # Services name their channels by reference (ServiceChannelLink.channel_ref):
        # indexing a batch looks its channels up by that alone.
        indexes = [models.Index(fields=["external_id"], name="channel_external_id")]

    def __str__(self):
        return self.name


class ServiceChannelLink(models.Model):
    """A service offered through a channel. The channel may arrive later than the service;
    ``channel_ref`` keeps the link until it does."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="channel_links")
    channel = models.ForeignKey(
        ServiceChannel, null=True, on_delete=models.CASCADE, related_name="service_links"
    )
    channel_ref = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "channel_ref"], name="link_unique_ref")
        ]
        indexes = [models.Index(fields=["channel_ref"])]

    def __str__(self):
        return f"{self.service_id} → {self.channel_ref}"


class ChannelAddress(models.Model):
    class Kind(models.TextChoices):
        VISITING = "visiting", _("visiting address")
        POSTAL = "postal", _("postal address")
        DELIVERY = "delivery", _("delivery address")

    channel = models.ForeignKey(ServiceChannel, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    street = models.JSONField(default=dict, blank=True)
    street_number = models.CharField(max_length=40, blank=True)
    postal_code = models.CharField(max_length=10, blank=True)
    post_office = models.JSONField(default=dict, blank=True)
    municipality_code = models.CharField(max_length=3, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    info = models.JSONField(default=dict, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self):
        return " ".join(
            filter(None, [str(Translated.of(self.street)), self.street_number, self.postal_code])
        )


class OpeningHours(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("regular hours")
        EXCEPTIONAL = "exceptional", _("exceptional hours")
        ALWAYS = "always", _("always open")
        HOLIDAY = "holiday", _("holiday hours")

    channel = models.ForeignKey(ServiceChannel, on_delete=models.CASCADE, related_name="hours")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    is_closed = models.BooleanField(default=False)
    title = models.JSONField(default=dict, blank=True)
    info = models.JSONField(default=dict, blank=True)
    intervals = models.JSONField(default=list, blank=True)
    holiday = models.CharField(max_length=30, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.valid_from or ''}".strip()


class Phone(models.Model):
    class Kind(models.TextChoices):
        PHONE = "phone", _("phone")
        FAX = "fax", _("fax")
        SMS = "sms", _("text message")

    channel = models.ForeignKey(ServiceChannel, on_delete=models.CASCADE, related_name="phones")
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.PHONE)
    number = models.CharField(max_length=40)
    language = models.CharField(max_length=5, blank=True)
    info = models.CharField(max_length=500, blank=True)
    charge_type = models.CharField(max_length=12, blank=True)
    charge_info = models.CharField(max_length=500, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self):
        return self.number

    @property
    def display(self):
        """The number as people read it: ``040 8318534``, not ``+358408318534``."""
        return phones.display(self.number)

    @property
    def tel_uri(self):
        """The number to dial, in E.164."""
        return phones.tel_uri(self.number)


class Email(models.Model):
    channel = models.ForeignKey(ServiceChannel, on_delete=models.CASCADE, related_name="emails")
    address = models.EmailField(max_length=254)
    language = models.CharField(max_length=5, blank=True)
    info = models.CharField(max_length=500, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self):
        return self.address


class WebLink(models.Model):
    class Kind(models.TextChoices):
        SERVICE = "service", _("online service")
        PAGE = "page", _("web page")
        FORM = "form", _("form")
        ATTACHMENT = "attachment", _("attachment")
        ACCESSIBILITY = "accessibility", _("accessibility statement")

    channel = models.ForeignKey(ServiceChannel, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=5, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self):
        return self.url


class LocalEnrichment(models.Model):
    """Editor-owned additions to a synced service. A sync never writes these."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, related_name="enrichment", verbose_name=_("service")
    )
    hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hide the service from the public site.")
    )
    local_intro = models.TextField(
        _("local introduction"),
        blank=True,
        help_text=_("Shown on the service page above the texts from the source."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image alt text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for those who cannot see it, e.g. “Seniors doing "
            "water aerobics”."
        ),
    )
    featured_themes = models.ManyToManyField(
        "catalogue.Theme",
        verbose_name=_("featured on the theme pages"),
        blank=True,
        related_name="featured_enrichments",
        help_text=_("Listed first on these themes' pages (the service must be in the theme)."),
    )
    search_keywords = models.TextField(
        _("search keywords and synonyms"), blank=True, help_text=_("Comma-separated.")
    )
    kaikukortti = models.BooleanField(
        _("Kaikukortti accepted"),
        default=False,
        help_text=_(
            "The service or activity accepts the Kaikukortti culture card: holders take part "
            "free of charge. Residents can search for such services."
        ),
    )
    # Audiences (catalogue.audiences) the sources cannot name, e.g. carers.
    audiences = models.JSONField(
        _("also for"),
        default=list,
        blank=True,
        help_text=_(
            "Whom the service is especially for, beyond what its source says. Residents find "
            "it under these in the search and in “What would suit me?”."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("local enrichment")
        verbose_name_plural = _("local enrichments")

    def __str__(self):
        return str(self.service)

    def clean(self):
        if self.image_id and not Translated.of(self, "image_alt"):
            raise ValidationError(
                {default_field("image_alt"): _("Describe the image for those who cannot see it.")}
            )
