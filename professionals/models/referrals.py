from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import default_field, site_language_choices


class CounsellingMunicipality(models.Model):
    """A municipality's liikuntaneuvonta (exercise counselling) settings."""

    municipality = models.OneToOneField(
        "catalogue.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="counselling",
    )
    offers_counselling = models.BooleanField(_("offers exercise counselling"), default=True)
    self_referral = models.BooleanField(
        _("residents may refer themselves"),
        default=False,
        help_text=_("Otherwise only professionals can send a referral."),
    )
    counsellors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exercise counsellors"),
        blank=True,
        related_name="counselling_municipalities",
        help_text=_("They see the municipality's referrals and get an e-mail of new ones."),
    )
    intro = models.TextField(
        _("intro"),
        blank=True,
        help_text=_("Shown above the referral form: who the counselling is for, how it works."),
    )

    class Meta:
        db_table = "selfcare_counsellingmunicipality"  # moved from selfcare
        ordering = [default_field("municipality__name")]
        verbose_name = _("exercise counselling in a municipality")
        verbose_name_plural = _("exercise counselling in municipalities")

    def __str__(self):
        return str(self.municipality)


class Referral(models.Model):
    """A liikuntaneuvonta referral. The personal fields are erased a set time after the
    referral is closed; the rest stays for the indicators."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        CONTACTED = "contacted", _("contacted")
        STARTED = "started", _("counselling started")
        COMPLETED = "completed", _("completed")
        NOT_REACHED = "not_reached", _("not reached")
        DECLINED = "declined", _("declined")

    class Source(models.TextChoices):
        PROFESSIONAL = "professional", _("professional")
        SELF = "self", _("self-referral")

    CLOSED = (Status.COMPLETED, Status.NOT_REACHED, Status.DECLINED)
    PERSONAL_FIELDS = ("client_name", "phone", "email", "best_time", "other_reason", "note")

    municipality = models.ForeignKey(
        "catalogue.Municipality",
        verbose_name=_("municipality"),
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
    started_at = models.DateTimeField(_("counselling started"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        db_table = "selfcare_referral"  # moved from selfcare
        ordering = ["-created_at"]
        verbose_name = _("exercise counselling referral")
        verbose_name_plural = _("exercise counselling referrals")
        permissions = [
            ("export_referral_indicators", _("Can export the exercise counselling indicators")),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        return f"LN-{self.pk:05d}" if self.pk else "LN-new"

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
