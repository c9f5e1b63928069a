"""Referrals (hyvinvointilähete) of every type: the form, statuses, who may see what, the
notifications, the monthly indicators and the erasure of personal data.

A coordinator defines the types (liikuntaneuvonta first) and their receiving units: a
municipality's counsellors or an organisation's contacts. Who sees a referral: the receivers
of its unit, and nobody else; the professional who sent it sees its status only. The
coordinators see the anonymous indicators of every unit and export them as CSV.
"""

import re
from dataclasses import dataclass, fields
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from catalogue.listing import public_services, scope_municipalities
from catalogue.models import Municipality
from core.i18n import Translated, default_field, field_names, site_language_choices
from core.mail import mail_link
from core.reports import month_bounds
from core.spreadsheets import spreadsheet_csv

from .models import Referral, ReferralAudit, ReferralEvent, ReferralType, ReferralUnit
from .roles import COUNSELLING_TYPE

Status = Referral.Status
FLAG_AFTER_DAYS = 7
PROFESSIONAL_PERMISSION = "professionals.add_referral"
EXPORT_PERMISSION = "professionals.export_referral_indicators"

# Which status may follow which. Counselling that starts implies a successful contact.
TRANSITIONS = {
    Status.RECEIVED: [Status.CONTACTED, Status.STARTED, Status.NOT_REACHED, Status.DECLINED],
    Status.CONTACTED: [Status.STARTED, Status.COMPLETED, Status.DECLINED],
    Status.STARTED: [Status.COMPLETED, Status.DECLINED],
}
SUCCESSFUL_CONTACT = (Status.CONTACTED, Status.STARTED, Status.COMPLETED)

PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,24}$")


def is_professional(user):
    return user.is_authenticated and user.has_perm(PROFESSIONAL_PERMISSION)


def active_type(slug):
    """The referral type in use with this identifier, or None."""
    return ReferralType.objects.filter(slug=slug, active=True).select_related("theme").first()


def counselling(code):
    """The municipality (in the configured scope) and its liikuntaneuvonta unit, or None."""
    municipality = scope_municipalities().filter(code=code).first()
    if municipality is None:
        return None, None
    unit = (
        ReferralUnit.objects.filter(referral_type__slug=COUNSELLING_TYPE, municipality=municipality)
        .select_related("referral_type", "municipality")
        .first()
    )
    return municipality, unit


def open_units(referral_type):
    """The type's units that receive referrals, municipalities' and organisations'."""
    units = referral_type.units.filter(active=True).select_related("municipality", "organisation")
    return sorted(units, key=lambda unit: unit.name.casefold())


# --- The form ---------------------------------------------------------------------------------


class ReferralForm(forms.Form):
    client_name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the name of the person referred.")},
    )
    phone = forms.CharField(label=gettext_lazy("Phone number"), max_length=40, required=False)
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        max_length=254,
        error_messages={"invalid": gettext_lazy("Enter the e-mail address as name@example.fi.")},
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Preferred language"),
        choices=site_language_choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the language for the contact.")},
    )
    best_time = forms.CharField(
        label=gettext_lazy("Best time to call (optional)"), max_length=200, required=False
    )
    reason_prediabetes = forms.BooleanField(label=gettext_lazy("Prediabetes"), required=False)
    reason_low_activity = forms.BooleanField(
        label=gettext_lazy("Too little physical activity"), required=False
    )
    reason_other = forms.BooleanField(label=gettext_lazy("Other reason"), required=False)
    other_reason = forms.CharField(
        label=gettext_lazy("Other reason, what?"), max_length=200, required=False
    )
    referring_unit = forms.CharField(
        label=gettext_lazy("Referring unit"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example: Närpes health centre, doctor's reception."),
    )
    notify_referrer = forms.BooleanField(
        label=gettext_lazy("E-mail me when the status changes (a link only, no client details)"),
        required=False,
    )
    note = forms.CharField(
        label=gettext_lazy("Short note (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": gettext_lazy("The note is too long: at most 1,000 characters.")
        },
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": gettext_lazy(
                "The referral can be sent only with consent: tick the consent box."
            )
        },
    )

    # The optional fields of ReferralType.Field and the form fields each one brings.
    OPTIONAL = {
        ReferralType.Field.BEST_TIME: ("best_time",),
        ReferralType.Field.EXERCISE_REASONS: (
            "reason_prediabetes",
            "reason_low_activity",
            "reason_other",
            "other_reason",
        ),
        ReferralType.Field.NOTE: ("note",),
    }

    def __init__(self, *args, referral_type, professional=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.professional = professional
        self.referral_type = referral_type
        for key, names in self.OPTIONAL.items():
            if not referral_type.asks(key):
                for name in names:
                    del self.fields[name]
        if professional:
            self.fields["referring_unit"].required = True
            self.fields["referring_unit"].error_messages["required"] = _(
                "Enter the referring unit."
            )
        else:
            del self.fields["referring_unit"]
            del self.fields["notify_referrer"]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = re.sub(r"\D", "", phone)
        if phone and (not PHONE.match(phone) or not 7 <= len(digits) <= 15):
            raise forms.ValidationError(
                _("Enter the phone number with digits only, e.g. 040 123 4567 or +358 40 123 4567.")
            )
        return phone

    def clean(self):
        data = super().clean()
        contact_typed = self.errors.get("phone") or self.errors.get("email")
        if not contact_typed and not data.get("phone") and not data.get("email"):
            self.add_error(
                "phone", _("Give a phone number or an e-mail address, or both, for contact.")
            )
        if "reason_prediabetes" in self.fields:
            reasons = ("reason_prediabetes", "reason_low_activity", "reason_other")
            if not any(data.get(name) for name in reasons):
                self.add_error("reason_prediabetes", _("Choose at least one reason."))
            if data.get("reason_other") and not (data.get("other_reason") or "").strip():
                self.add_error("other_reason", _("Tell briefly what the other reason is."))
        return data


def consent_text(referral_type, professional):
    """The type's consent in the reader's language, then how long the data is kept."""
    months = settings.REFERRAL_RETENTION_MONTHS
    if professional:
        kept = ngettext(
            "The personal data is erased %(months)s month after the referral was last handled.",
            "The personal data is erased %(months)s months after the referral was last handled.",
            months,
        )
        consent = referral_type.consent
    else:
        kept = ngettext(
            "My personal data is erased %(months)s month after the referral was last handled.",
            "My personal data is erased %(months)s months after the referral was last handled.",
            months,
        )
        consent = referral_type.consent_self or referral_type.consent
    return f"{consent.strip()} {kept % {'months': months}}"


# --- Creating and handling referrals ----------------------------------------------------------


def _audit(referral, user, action, at=None):
    ReferralAudit.objects.create(
        referral=referral,
        user=user if user and user.is_authenticated else None,
        username=user.get_username() if user and user.is_authenticated else "",
        action=action,
        at=at or timezone.now(),
    )


@transaction.atomic
def create_referral(form, unit, user, base_url=None):
    data = form.cleaned_data
    professional = is_professional(user)
    now = timezone.now()
    referral = Referral.objects.create(
        unit=unit,
        municipality=unit.municipality,
        source=Referral.Source.PROFESSIONAL if professional else Referral.Source.SELF,
        referring_unit=data.get("referring_unit", "") if professional else "",
        referred_by=user if professional else None,
        client_name=data["client_name"].strip(),
        phone=data["phone"],
        email=data["email"],
        language=data["language"],
        best_time=data.get("best_time", "").strip(),
        reason_prediabetes=data.get("reason_prediabetes", False),
        reason_low_activity=data.get("reason_low_activity", False),
        reason_other=data.get("reason_other", False),
        other_reason=(data.get("other_reason") or "").strip() if data.get("reason_other") else "",
        note=data.get("note", "").strip(),
        notify_referrer=bool(professional and data.get("notify_referrer")),
        consent_at=now,
        created_at=now,
        status_changed_at=now,
    )
    ReferralEvent.objects.create(
        referral=referral, at=now, user=referral.referred_by, to_status=Status.RECEIVED
    )
    _audit(referral, user, ReferralAudit.Action.CREATED, now)
    transaction.on_commit(lambda: notify_receivers(referral, base_url))
    return referral


def receivers_of(unit):
    return list(unit.receivers.filter(is_active=True))


def notify_receivers(referral, base_url=None):
    """An e-mail to the unit's receivers and its further addresses with a link only (on
    ``base_url``, core.mail.link_base): no name, phone or e-mail of the client. The referral
    is saved and waits in the inbox even if mail fails."""
    unit = referral.unit
    addresses = [user.email for user in receivers_of(unit) if user.email]
    addresses += [a for a in unit.extra_emails() if a not in addresses]
    return mail_link(
        addresses,
        gettext_lazy("New referral: %(type)s"),
        gettext_lazy(
            "A new referral (%(reference)s, %(type)s) has arrived for %(unit)s. Open it in "
            "the service (log in first):"
        ),
        lambda: {
            "reference": referral.reference,
            "type": unit.referral_type.name,
            "unit": unit.name,
        },
        reverse("professionals_referral", args=[referral.pk]),
        subject_suffix=f" ({referral.reference})",
        about=referral.reference,
        base_url=base_url,
    )


# The most referrals the workspace shows (newest first).
OWN_REFERRALS_SHOWN = 100


def own_referrals(user):
    """The referrals ``user`` sent, newest first: for the sender's workspace, which shows
    their status only (never the client's details or the receiver's notes)."""
    if not user.is_authenticated:
        return Referral.objects.none()
    return (
        Referral.objects.filter(referred_by=user)
        .select_related("unit__referral_type", "unit__municipality", "unit__organisation")
        .only(
            "pk",
            "status",
            "created_at",
            "status_changed_at",
            "unit__referral_type__prefix",
            *(f"unit__referral_type__{name}" for name in field_names("name")),
            *(f"unit__municipality__{name}" for name in field_names("name")),
            *(f"unit__organisation__{name}" for name in field_names("name")),
        )
        .order_by("-created_at")[:OWN_REFERRALS_SHOWN]
    )


def own_referral(user, pk):
    """One referral ``user`` sent, or None."""
    if not user.is_authenticated:
        return None
    return (
        Referral.objects.filter(referred_by=user, pk=pk)
        .select_related("unit__referral_type", "unit__municipality", "unit__organisation")
        .first()
    )


def status_steps(referral):
    """[(status label, when)] of the referral's history: the statuses only, never a note or
    who made the change."""
    return [
        (Status(event.to_status).label, event.at)
        for event in referral.events.exclude(to_status="").only("to_status", "at")
    ]


def visible_referrals(user):
    """The referrals this user may see: those of the units they receive for."""
    if not user.is_authenticated or not user.has_perm("professionals.view_referral"):
        return Referral.objects.none()
    return Referral.objects.filter(unit__receivers=user).distinct()


def received_units(user):
    """The units whose referrals ``user`` receives."""
    if not user.is_authenticated:
        return ReferralUnit.objects.none()
    return ReferralUnit.objects.filter(receivers=user)


def next_statuses(referral):
    return TRANSITIONS.get(referral.status, [])


@transaction.atomic
def change_status(referral, to_status, user, note="", at=None, base_url=None):
    """Move the referral on; the times the indicators count are set on the way, and the
    referrer is told when they asked to be (a link on ``base_url``). Returns False when the
    change is not allowed from the current status."""
    if to_status not in next_statuses(referral):
        return False
    at = at or timezone.now()
    ReferralEvent.objects.create(
        referral=referral,
        at=at,
        user=user,
        from_status=referral.status,
        to_status=to_status,
        note=note.strip(),
    )
    referral.status = to_status
    referral.status_changed_at = at
    if to_status in SUCCESSFUL_CONTACT and referral.contacted_at is None:
        referral.contacted_at = at
    if to_status in (Status.STARTED, Status.COMPLETED) and referral.started_at is None:
        referral.started_at = at
    if to_status == Status.COMPLETED:
        referral.completed_at = at
    if to_status in Referral.CLOSED:
        referral.closed_at = at
    referral.save()
    _audit(referral, user, ReferralAudit.Action.STATUS, at)
    if referral.notify_referrer:
        transaction.on_commit(lambda: notify_referrer(referral, base_url))
    return True


def workspace_path():
    """The professional's workspace in the site's default language (one link for every
    language of the e-mail; the page offers the others)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("professionals:professional")


def notify_referrer(referral, base_url=None):
    """An e-mail to the professional who sent the referral and asked for it: its reference,
    municipality and new status, and a link to their workspace. Nothing of the client and
    nothing the receiver wrote."""
    sender = referral.referred_by
    if sender is None or not sender.is_active or not sender.email:
        return 0
    return mail_link(
        [sender.email],
        gettext_lazy("The status of your referral changed"),
        gettext_lazy(
            "The referral %(reference)s (%(type)s) to %(unit)s is now: %(status)s. Your "
            "referrals (log in first):"
        ),
        lambda: {
            "reference": referral.reference,
            "type": referral.unit.referral_type.name,
            "unit": referral.unit.name,
            "status": referral.get_status_display(),
        },
        workspace_path(),
        subject_suffix=f" ({referral.reference})",
        about=f"{referral.reference} status",
        base_url=base_url,
    )


@transaction.atomic
def add_note(referral, user, note):
    note = note.strip()
    if not note:
        return False
    ReferralEvent.objects.create(referral=referral, user=user, note=note)
    _audit(referral, user, ReferralAudit.Action.NOTE)
    return True


def record_view(referral, user):
    _audit(referral, user, ReferralAudit.Action.VIEWED)


def is_flagged(referral, now=None):
    """Still "received" a week after it arrived."""
    now = now or timezone.now()
    return referral.status == Status.RECEIVED and referral.created_at <= now - timedelta(
        days=FLAG_AFTER_DAYS
    )


# --- Indicators -------------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    unit: ReferralUnit
    received: int = 0
    contacted: int = 0
    completed: int = 0
    not_reached: int = 0
    declined: int = 0
    from_professionals: int = 0
    self_referrals: int = 0


# The counted figures, in the order of the table and the CSV.
FIGURES = tuple(field.name for field in fields(IndicatorRow) if field.name != "unit")


def indicator_units(user=None):
    """The units whose indicators ``user`` sees (all of them for a coordinator or with no
    user; a receiver's own otherwise), by type and name."""
    units = ReferralUnit.objects.select_related("referral_type", "municipality", "organisation")
    if user is not None and not user.has_perm(EXPORT_PERMISSION):
        units = units.filter(receivers=user)
    return sorted(units, key=lambda u: (u.referral_type.slug, u.name.casefold()))


def indicators(month, units):
    """Per receiving unit (a type in a municipality or an organisation) for one month:
    referrals received, successful contacts made, processes completed, not reached and
    declined, and where the referrals came from."""
    start, end = month_bounds(month)
    rows = {unit.pk: IndicatorRow(unit) for unit in units}
    referrals = Referral.objects.filter(unit__in=rows)

    def count(field, **extra):
        return dict(
            referrals.filter(**{f"{field}__gte": start, f"{field}__lt": end}, **extra)
            .values("unit")
            .annotate(n=Count("pk"))
            .values_list("unit", "n")
        )

    counts = {
        "received": count("created_at"),
        "contacted": count("contacted_at"),
        "completed": count("completed_at"),
        "not_reached": count("closed_at", status=Status.NOT_REACHED),
        "declined": count("closed_at", status=Status.DECLINED),
        "from_professionals": count("created_at", source=Referral.Source.PROFESSIONAL),
        "self_referrals": count("created_at", source=Referral.Source.SELF),
    }
    for name, values in counts.items():
        for pk, value in values.items():
            setattr(rows[pk], name, value)
    return list(rows.values())


def referring_units(month, units):
    """Per referring unit: how many referrals it sent in the month, and how many of its
    referrals came back completed in the month. [(unit, sent, completed)]"""
    start, end = month_bounds(month)
    mine = Referral.objects.filter(unit__in=list(units)).exclude(referring_unit="")
    sent = dict(
        mine.filter(created_at__gte=start, created_at__lt=end)
        .values_list("referring_unit")
        .annotate(n=Count("pk"))
    )
    completed = dict(
        mine.filter(completed_at__gte=start, completed_at__lt=end)
        .values_list("referring_unit")
        .annotate(n=Count("pk"))
    )
    names = set(sent) | set(completed)
    return sorted(
        ((name, sent.get(name, 0), completed.get(name, 0)) for name in names),
        key=lambda row: (-row[1], -row[2], row[0]),
    )


CSV_COLUMNS = [
    "month",
    "referral_type",
    "municipality_code",
    "unit",
    "received",
    "successful_contacts",
    "completed",
    "not_reached",
    "declined",
    "from_professionals",
    "self_referrals",
]


def indicators_csv(month, rows):
    """The indicators as CSV for spreadsheets (core.spreadsheets)."""
    return spreadsheet_csv(
        CSV_COLUMNS,
        (
            [
                month,
                row.unit.referral_type.slug,
                row.unit.municipality.code if row.unit.municipality else "",
                getattr(row.unit.municipality or row.unit.organisation, default_field("name")),
                *(getattr(row, name) for name in FIGURES),
            ]
            for row in rows
        ),
    )


REFERRING_CSV_COLUMNS = ["month", "referring_unit", "referrals_sent", "referrals_completed"]


def referring_units_csv(month, rows):
    return spreadsheet_csv(REFERRING_CSV_COLUMNS, ([month, *row] for row in rows))


# --- Retention --------------------------------------------------------------------------------


def last_activity():
    """An expression: the referral's last activity (received, a status change, a note or
    event in its history, closing)."""
    received = F("created_at")
    return Greatest(
        received,
        Coalesce("status_changed_at", received),
        Coalesce("closed_at", received),
        Coalesce(Max("events__at"), received),
    )


def erase_expired(now=None, months=None):
    """Erase the personal fields (and the notes in the history) of referrals whose last
    activity was more than ``months`` (REFERRAL_RETENTION_MONTHS) ago, closed or not: a
    referral left "received" does not keep them forever. The rest, which the indicators
    count, stays. Returns how many referrals were erased."""
    now = now or timezone.now()
    months = settings.REFERRAL_RETENTION_MONTHS if months is None else months
    limit = now - relativedelta(months=months)
    due = (
        Referral.objects.filter(erased_at__isnull=True)
        .annotate(last_activity=last_activity())
        .filter(last_activity__lte=limit)
    )
    erased = 0
    for referral in due.iterator():
        with transaction.atomic():
            for name in Referral.PERSONAL_FIELDS:
                setattr(referral, name, "")
            referral.erased_at = now
            referral.save()
            referral.events.exclude(note="").update(note="")
            _audit(referral, None, ReferralAudit.Action.ERASED, now)
        erased += 1
    return erased


# --- The catalogue and the referral settings ---------------------------------------------------

SETTINGS_PERMISSION = "professionals.change_referralunit"


@dataclass
class Disagreements:
    """Where the catalogue and a municipal referral type's units disagree: ``listed`` are
    (service, [municipality]) of services named like the type in municipalities that do not
    offer it here (the form sends residents elsewhere); ``unlisted`` are the municipalities
    that offer it but have no such service in the catalogue."""

    referral_type: ReferralType
    listed: list
    unlisted: list

    def __bool__(self):
        return bool(self.listed or self.unlisted)


def catalogue_disagreements():
    """Per type received by municipalities, in the order of the types."""
    found = []
    types = ReferralType.objects.filter(active=True, receivers=ReferralType.Receivers.MUNICIPALITY)
    for referral_type in types:
        named = Q()
        for name in set(Translated.of(referral_type, "name").values.values()):
            for field in field_names("name"):
                named |= Q(**{f"{field}__icontains": name})
        offering = set(
            referral_type.units.filter(active=True).values_list("municipality_id", flat=True)
        )
        listed, seen = [], set()
        services = public_services().filter(named).prefetch_related("municipalities")
        for service in services.order_by(default_field("name"), "pk"):
            municipalities = list(service.municipalities.all())
            seen.update(m.pk for m in municipalities)
            elsewhere = [m for m in municipalities if m.pk not in offering]
            if elsewhere:
                listed.append((service, sorted(elsewhere, key=lambda m: m.name.casefold())))
        unlisted = sorted(
            Municipality.objects.filter(pk__in=offering - seen), key=lambda m: m.name.casefold()
        )
        found.append(Disagreements(referral_type, listed, unlisted))
    return found
