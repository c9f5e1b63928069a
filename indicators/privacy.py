"""What the service stores about people: the single list behind the data-protection page
(tietosuojaseloste / dataskyddsbeskrivning) and the documentation's section of the same name (docs/reference/security.md).

Each register names the model and the fields it keeps; the page shows the fields by their
own (translated) names, so it always says what the code stores. tests/test_privacy.py fails
when a model gains a field no register mentions, or when a model holding personal data (an
e-mail address, a link to a user account, a name or phone number) is in no register."""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def months(count):
    return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}


def days(count):
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


def stored_fields(model):
    """The model's own columns and many-to-many fields (not the reverse relations)."""
    return [
        f for f in model._meta.get_fields() if f.concrete or (f.many_to_many and not f.auto_created)
    ]


@dataclass(frozen=True)
class Register:
    key: str
    title: object
    purpose: object
    who: object
    retention: object  # a callable giving the text (it reads settings at request time)
    model: str = ""  # app_label.Model; "" for what is not in the database
    # Every field of the model is in ``fields`` (shown) or in ``technical`` (keys, links to
    # the catalogue, bookkeeping): nothing goes unmentioned.
    fields: tuple = ()
    technical: tuple = ("id",)
    stored: tuple = field(default_factory=tuple)  # for what is not a model: what it holds
    # False: only ``fields`` hold anything about people, the rest is public content.
    complete: bool = True
    # (model, field) pairs elsewhere that only record which account did something.
    links: tuple = ()

    def model_class(self):
        return apps.get_model(self.model) if self.model else None

    def field_names(self):
        """The stored fields by their own verbose names, in the model's order."""
        model = self.model_class()
        if model is None:
            return [str(item) for item in self.stored]
        return [
            str(model._meta.get_field(name).verbose_name)
            for name in (f.name for f in stored_fields(model))
            if name in self.fields
        ]


REGISTERS = (
    Register(
        key="referral",
        model="professionals.Referral",
        title=_("Referrals (hyvinvointilähete): liikuntaneuvonta and the other types"),
        purpose=_(
            "To pass a referral from a professional, or the resident's own request, to the "
            "receiving unit (a municipality's exercise counsellor, an organisation's contact "
            "for its group), who contacts the client and records how it goes."
        ),
        who=_(
            "The receivers of the unit the referral is for; the professional who made it sees "
            "its status only, and is e-mailed the new status when they asked."
        ),
        retention=lambda: (
            _(
                "Name, phone, e-mail, best time to call and notes are erased %(time)s after the "
                "referral was last handled (received, a status change or a note), whether it "
                "is closed or not; the outcome figures stay without them."
            )
            % {"time": months(settings.REFERRAL_RETENTION_MONTHS)}
        ),
        fields=(
            "unit",
            "municipality",
            "source",
            "referring_unit",
            "referred_by",
            "client_name",
            "phone",
            "email",
            "language",
            "best_time",
            "reason_prediabetes",
            "reason_low_activity",
            "reason_other",
            "other_reason",
            "note",
            "consent_at",
            "notify_referrer",
            "status",
            "created_at",
            "status_changed_at",
            "contacted_at",
            "started_at",
            "completed_at",
            "closed_at",
            "erased_at",
        ),
    ),
    Register(
        key="referral_history",
        model="professionals.ReferralEvent",
        title=_("Referral history"),
        purpose=_("Each change of a referral's status, by whom and when."),
        who=_("The same receivers."),
        retention=lambda: _("Notes are erased with the referral's personal data."),
        fields=("referral", "at", "user", "from_status", "to_status", "note"),
    ),
    Register(
        key="referral_audit",
        model="professionals.ReferralAudit",
        title=_("Referral access log"),
        purpose=_(
            "Who has viewed or changed a referral, so that every access can be accounted for."
        ),
        who=_("The wellbeing services county's data protection officer, on request."),
        retention=lambda: _("Kept as long as the referral is kept."),
        fields=("referral", "at", "user", "username", "action"),
    ),
    Register(
        key="recommendations",
        model="professionals.RecommendationList",
        title=_("Service lists made for a client"),
        purpose=_(
            "A professional chooses services for a client; the client opens the list with its "
            "code. The list holds no name or other details of the client."
        ),
        who=_("Anyone with the list's code; the professional who made it."),
        retention=lambda: (
            _("Deleted %(time)s after it was made.")
            % {"time": days(settings.RECOMMENDATION_LIST_DAYS)}
        ),
        fields=("code", "language", "note", "created_at", "expires_at", "created_by"),
    ),
    Register(
        key="continuation",
        model="selfcare.ContinuationCode",
        title=_("Continuation codes of self-care programmes"),
        purpose=_(
            "A resident who asks for a code can continue a programme on another device. Only "
            "a digest of the code and the steps done are stored, nothing about the person."
        ),
        who=_("Whoever has the code."),
        retention=lambda: (
            _("Deleted when unused for %(time)s.") % {"time": days(settings.CONTINUATION_CODE_DAYS)}
        ),
        fields=("digest", "progress", "last_used"),
    ),
    Register(
        key="progress_cookie",
        title=_("Programme progress in the browser"),
        purpose=_(
            "Which steps of a self-care programme are done, kept in a signed cookie in the "
            "resident's own browser; the server keeps no copy."
        ),
        who=_("Only the browser that holds it."),
        retention=lambda: _("The cookie expires after %(time)s.") % {"time": days(180)},
        stored=(_("programmes started"), _("steps done"), _("continuation code, if asked for")),
    ),
    Register(
        key="feedback",
        model="editors.ServiceFeedback",
        title=_("Error reports about services"),
        purpose=_(
            "A visitor reports an error on a service page; the editors responsible correct it "
            "and may answer to the e-mail address, if one was given."
        ),
        who=_("The editors responsible for the service and the hyte coordinators."),
        retention=lambda: (
            _(
                "The contact e-mail is deleted %(time)s after the report was sent, handled or "
                "not; the report itself %(time)s after it was handled."
            )
            % {"time": months(settings.FEEDBACK_RETENTION_MONTHS)}
        ),
        fields=(
            "service",
            "message",
            "contact_email",
            "language",
            "status",
            "created_at",
            "handled_at",
            "handled_by",
            "note",
            "routed_to",
        ),
    ),
    Register(
        key="accounts",
        model="auth.User",
        title=_("Accounts of professionals and editors"),
        purpose=_("Signing in to the professional tools and to the editing of the site."),
        who=_("The service's administrators."),
        retention=lambda: _("Until the account is removed, when the person's work ends."),
        fields=(
            "password",
            "last_login",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "groups",
            "user_permissions",
        ),
    ),
    Register(
        key="editor_profiles",
        model="editors.EditorProfile",
        title=_("Editors' areas of responsibility"),
        purpose=_("Which municipalities and organisations an editor edits."),
        who=_("The hyte coordinators and administrators."),
        retention=lambda: _("Removed with the account."),
        fields=("user", "municipalities", "organisations", "weekly_digest"),
    ),
    Register(
        key="local_services",
        model="editors.LocalService",
        title=_("Local services entered by editors"),
        purpose=_(
            "Services and activities not in PTV or Lähellä.fi, published on the site with the "
            "contact details the organisation wants shown."
        ),
        who=_("Published on the site; drafts by their editors and the hyte coordinators."),
        retention=lambda: _("Until the editor removes the service."),
        fields=("email", "phone"),
        complete=False,
    ),
    Register(
        key="referral_units",
        model="professionals.ReferralUnit",
        title=_("Who receives referrals"),
        purpose=_(
            "Which accounts receive each unit's referrals, and which further e-mail addresses "
            "are told of a new one (a link only)."
        ),
        who=_("The hyte coordinators and administrators."),
        retention=lambda: _("Until the unit is changed or removed."),
        fields=("receivers", "contact_emails"),
        complete=False,
    ),
    Register(
        key="edit_history",
        title=_("Edit history"),
        purpose=_(
            "Which account edited, approved, synced or handled what, and when: Wagtail's "
            "revisions and action log, and the links below."
        ),
        who=_("The hyte coordinators and administrators; editors see their own area's."),
        retention=lambda: _("As long as the content it concerns."),
        stored=(_("user account"), _("action"), _("time")),
        links=(
            ("ptv_sync.SyncRun", "started_by"),
            ("catalogue.ServicePair", "updated_by"),
            ("catalogue.LocalEnrichment", "updated_by"),
            ("editors.LocalService", "created_by"),
            ("editors.LocalService", "locked_by"),
            ("editors.EditorLogEntry", "user"),
        ),
    ),
    Register(
        key="public_contacts",
        model="catalogue.Email",
        title=_("Contact details of services"),
        purpose=_(
            "The e-mail addresses and phone numbers services publish in PTV or Lähellä.fi, "
            "shown on the service pages as published there."
        ),
        who=_("Public."),
        retention=lambda: _("Until the source no longer publishes them."),
        fields=("address",),
        complete=False,
    ),
    Register(
        key="statement_contacts",
        model="portal.AccessibilityStatementPage",
        title=_("Contacts in the accessibility statement"),
        purpose=_(
            "The county's address for feedback on accessibility and the enforcement body's "
            "contacts, which the accessibility statement must show: addresses of offices, "
            "not of persons."
        ),
        who=_("Public."),
        retention=lambda: _("Until an editor changes them."),
        fields=("feedback_email", "enforcement_email", "enforcement_phone"),
        complete=False,
    ),
    Register(
        key="sessions",
        model="sessions.Session",
        title=_("Signed-in sessions"),
        purpose=_("Keeping a professional or an editor signed in."),
        who=_("Nobody reads them; the server uses them."),
        retention=lambda: (
            _("Ends %(time)s after signing in, or on signing out.")
            % {
                "time": ngettext(
                    "%(count)d hour", "%(count)d hours", settings.SESSION_COOKIE_AGE // 3600
                )
                % {"count": settings.SESSION_COOKIE_AGE // 3600}
            }
        ),
        fields=("session_key", "session_data", "expire_date"),
        technical=(),
    ),
    Register(
        key="throttling",
        title=_("Counters against misuse"),
        purpose=_(
            "Failed sign-ins per user name and address, and requests per address to the "
            "feedback, referral, service list and continuation code forms, so that they cannot "
            "be flooded. Kept in the cache only, never in the database."
        ),
        who=_("Nobody reads them; the server uses them."),
        retention=lambda: _("Each counter disappears when its time window ends (at most a day)."),
        stored=(_("user name tried"), _("network address"), _("number of attempts")),
    ),
)
