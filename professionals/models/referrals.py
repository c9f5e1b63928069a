from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.i18n import default_field, site_language_choices


class ReferralType(models.Model):
    """A kind of hyvinvointilähete a county coordinator defines: liikuntaneuvonta,
    ravitsemusneuvonta, an NGO's peer support group, digital support. Its form asks the
    client's name, language and a phone number or an e-mail address, and the optional fields
    chosen here from a fixed set; the receiving units (``ReferralUnit``) are a municipality's
    counsellors or an organisation's contacts."""

    class Field(models.TextChoices):
        """The fixed, safe set of optional form fields a type may ask."""

        BEST_TIME = "best_time", _("best time to call")
        EXERCISE_REASONS = (
            "exercise_reasons",
            _("reason: prediabetes, too little physical activity or other"),
        )
        NOTE = "note", _("short note")

    class Receivers(models.TextChoices):
        MUNICIPALITY = "municipality", _("a municipality's counsellors")
        ORGANISATION = "organisation", _("an organisation's contacts")

    slug = models.SlugField(
        _("identifier"),
        unique=True,
        max_length=60,
        help_text=_("In the form's web address, e.g. liikuntaneuvonta. Lowercase letters."),
    )
    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(
        _("reference prefix"),
        max_length=4,
        validators=[
            RegexValidator(r"^[A-Z]{2,4}$", _("Two to four capital letters A–Z, e.g. LN."))
        ],
        help_text=_(
            "Referrals of this type are numbered LN-00001 and so on. Changing it changes the "
            "references of the type's referrals too."
        ),
    )
    intro = models.TextField(
        _("intro"),
        blank=True,
        help_text=_("Shown above the form: who it is for and what happens after the referral."),
    )
    consent = models.TextField(
        _("consent (professional)"),
        help_text=_(
            "What the client agrees to when a professional refers them: who gets their "
            "details and what they do. The retention time is added to it."
        ),
    )
    consent_self = models.TextField(
        _("consent (self-referral)"),
        blank=True,
        help_text=_("The same in the resident's own words, where residents may refer themselves."),
    )
    fields = models.JSONField(
        _("optional form fields"),
        default=list,
        blank=True,
        help_text=_("Name, language and a phone number or an e-mail address are always asked."),
    )
    receivers = models.CharField(_("receiving units"), max_length=20, choices=Receivers.choices)
    procedure_code = models.CharField(
        _("procedure code"),
        max_length=10,
        blank=True,
        help_text=_("The form reminds professionals to record it (e.g. OAB77)."),
    )
    theme = models.ForeignKey(
        "catalogue.Theme",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where there is no receiving unit, the form lists this theme's services."),
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("referral type")
        verbose_name_plural = _("referral types")

    def __str__(self):
        return self.name

    def asks(self, field):
        return field in (self.fields or [])


class ReferralUnit(models.Model):
    """Where referrals of a type go: a municipality's counsellors (liikuntaneuvonta in
    Närpiö) or an organisation's contacts (a peer support group). The receivers see the
    unit's referrals in their inbox and get an e-mail of new ones (a link only)."""

    referral_type = models.ForeignKey(
        ReferralType,
        verbose_name=_("referral type"),
        on_delete=models.PROTECT,
        related_name="units",
    )
    municipality = models.ForeignKey(
        "catalogue.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referral_units",
    )
    organisation = models.ForeignKey(
        "catalogue.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referral_units",
    )
    service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service in the catalogue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referral_units",
        help_text=_(
            "Its page then offers professionals the referral form (and residents too, where "
            "they may refer themselves)."
        ),
    )
    active = models.BooleanField(_("receives referrals"), default=True)
    self_referral = models.BooleanField(
        _("residents may refer themselves"),
        default=False,
        help_text=_("Otherwise only professionals can send a referral."),
    )
    receivers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("receivers"),
        blank=True,
        related_name="referral_units",
        help_text=_("They see the unit's referrals and get an e-mail of new ones."),
    )
    contact_emails = models.TextField(
        _("more e-mail addresses for new referrals"),
        blank=True,
        help_text=_(
            "One per line. They get the same e-mail of a new referral (a link only, no client "
            "details); only the receivers above can open it."
        ),
    )
    intro = models.TextField(
        _("intro"),
        blank=True,
        help_text=_("Shown above the referral form: who the counselling is for, how it works."),
    )

    class Meta:
        ordering = ["referral_type", default_field("municipality__name"), "organisation"]
        verbose_name = _("referral receiving unit")
        verbose_name_plural = _("referral receiving units")
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False, organisation__isnull=True)
                | Q(municipality__isnull=True, organisation__isnull=False),
                name="referral_unit_municipality_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["referral_type", "municipality"], name="referral_unit_type_municipality"
            ),
            models.UniqueConstraint(
                fields=["referral_type", "organisation"], name="referral_unit_type_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.referral_type} – {self.name}"

    @property
    def name(self):
        return str(self.municipality or self.organisation)

    def extra_emails(self):
        return [line.strip() for line in self.contact_emails.splitlines() if line.strip()]


class Referral(models.Model):
    """A referral of some type to a receiving unit. The personal fields are erased a set time after the
    referral is closed; the rest stays for the indicators."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        CONTACTED = "contacted", _("contacted")
        STARTED = "started", pgettext_lazy("referral status", "started")
        COMPLETED = "completed", _("completed")
        NOT_REACHED = "not_reached", _("not reached")
        DECLINED = "declined", _("declined")

    class Source(models.TextChoices):
        PROFESSIONAL = "professional", _("professional")
        SELF = "self", _("self-referral")

    CLOSED = (Status.COMPLETED, Status.NOT_REACHED, Status.DECLINED)
    PERSONAL_FIELDS = ("client_name", "phone", "email", "best_time", "other_reason", "note")

    unit = models.ForeignKey(
        ReferralUnit,
        verbose_name=_("receiving unit"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    # The unit's municipality, where the unit is a municipality's (kept for the indicators).
    municipality = models.ForeignKey(
        "catalogue.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    referring_unit = models.CharField(_("referring unit"), max_length=200, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_sent",
    )
    # Personal data: erased REFERRAL_RETENTION_MONTHS after closing.
    client_name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=site_language_choices
    )
    best_time = models.CharField(_("best time to call"), max_length=200, blank=True)
    reason_prediabetes = models.BooleanField(_("prediabetes"), default=False)
    reason_low_activity = models.BooleanField(_("low physical activity"), default=False)
    reason_other = models.BooleanField(_("other reason"), default=False)
    other_reason = models.CharField(_("other reason, what"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    consent_at = models.DateTimeField(_("consent given"))
    # The referring professional asked for an e-mail (a link to their workspace only) when the
    # status changes.
    notify_referrer = models.BooleanField(_("e-mail the referrer of status changes"), default=False)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    contacted_at = models.DateTimeField(_("first successful contact"), null=True, blank=True)
    started_at = models.DateTimeField(
        pgettext_lazy("referral status", "started"), null=True, blank=True
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        db_table = "selfcare_referral"  # moved from selfcare
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        permissions = [
            ("export_referral_indicators", _("Can export the referral indicators")),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        prefix = self.unit.referral_type.prefix
        return f"{prefix}-{self.pk:05d}" if self.pk else f"{prefix}-new"

    @property
    def referral_type(self):
        return self.unit.referral_type

    @property
    def is_closed(self):
        return self.status in self.CLOSED


class ReferralEvent(models.Model):
    """A status change or a note on a referral: when, by whom."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=1000)

    class Meta:
        db_table = "selfcare_referralevent"  # moved from selfcare
        ordering = ["at", "pk"]
        verbose_name = _("referral event")

    def __str__(self):
        return f"{self.referral_id} {self.at:%Y-%m-%d %H:%M} {self.from_status}→{self.to_status}"


class ReferralAudit(models.Model):
    """Who looked at or changed a referral, and when. Kept after the personal data is
    erased; holds none of it."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        VIEWED = "viewed", _("viewed")
        STATUS = "status", _("status changed")
        NOTE = "note", _("note added")
        ERASED = "erased", _("personal data erased")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="audit")
    at = models.DateTimeField(_("time"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(_("user"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)

    class Meta:
        db_table = "selfcare_referralaudit"  # moved from selfcare
        ordering = ["-at", "-pk"]
        verbose_name = _("referral audit entry")
        verbose_name_plural = _("referral audit log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.referral_id}"
