from django import forms
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_panels import CountsPanel, Row
from core.i18n import field_names

from . import admin_views, referrals
from .models import NationalService, ReferralType, ReferralUnit
from .roles import RECEIVER_ROLES


@hooks.register("register_admin_urls")
def register_referral_urls():
    return [
        path("referrals/", admin_views.inbox, name="professionals_referrals"),
        path("referrals/<int:pk>/", admin_views.detail, name="professionals_referral"),
        path(
            "referrals/indicators/",
            admin_views.indicators,
            name="professionals_referral_indicators",
        ),
        path(
            "referrals/indicators.csv",
            admin_views.indicators_csv,
            name="professionals_referral_indicators_csv",
        ),
        path(
            "referrals/catalogue-check/",
            admin_views.catalogue_check,
            name="professionals_catalogue_check",
        ),
    ]


class InboxMenuItem(MenuItem):
    """Shown to the receivers of some unit."""

    def is_shown(self, request):
        return referrals.received_units(request.user).exists()


class IndicatorMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm(referrals.EXPORT_PERMISSION) or (
            referrals.received_units(user).exists()
        )


@hooks.register("register_admin_menu_item")
def register_referral_inbox():
    return InboxMenuItem(
        _("Referrals"), reverse("professionals_referrals"), icon_name="user", order=250
    )


@hooks.register("register_reports_menu_item")
def register_referral_indicators():
    return IndicatorMenuItem(
        _("Referral indicators"),
        reverse("professionals_referral_indicators"),
        icon_name="table",
        order=912,
    )


class ReferralTypeForm(WagtailAdminModelForm):
    """The optional fields are chosen from the fixed set (ReferralType.Field) with boxes."""

    fields_asked = forms.MultipleChoiceField(
        label=_("optional form fields"),
        choices=ReferralType.Field.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Name, language and a phone number or an e-mail address are always asked."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("fields", None)
        self.initial["fields_asked"] = list(self.instance.fields or [])

    def save(self, commit=True):
        self.instance.fields = [
            value
            for value, _label in ReferralType.Field.choices
            if value in self.cleaned_data.get("fields_asked", [])
        ]
        return super().save(commit)


class ReferralTypeViewSet(ModelViewSet):
    model = ReferralType
    edit_handler = ObjectList(
        [
            FieldPanel("slug"),
            *(FieldPanel(name) for name in field_names("name")),
            FieldPanel("prefix"),
            FieldPanel("receivers"),
            FieldPanel("active"),
            *(FieldPanel(name) for name in field_names("intro")),
            FieldPanel("fields_asked"),
            *(FieldPanel(name) for name in field_names("consent")),
            *(FieldPanel(name) for name in field_names("consent_self")),
            FieldPanel("procedure_code"),
            FieldPanel("theme"),
        ],
        base_form_class=ReferralTypeForm,
    )
    menu_label = _("Referral types")
    icon = "list-ul"
    add_to_settings_menu = True
    list_display = ["name", "slug", "receivers", BooleanColumn("active", label=_("active"))]


class ReferralUnitForm(WagtailAdminModelForm):
    """Who receives a unit's referrals decides who reads their personal data: only a
    superuser chooses them, and only among the active exercise counsellors and referral
    receivers. A coordinator sees them here and changes the rest."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["receivers"]
        field.queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=RECEIVER_ROLES)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        if not (self.for_user and self.for_user.is_superuser):
            field.disabled = True
            field.help_text = _(
                "They see the unit's referrals and get an e-mail of new ones. An "
                "administrator chooses them."
            )
            if self.instance.pk:
                # Shown as they are, whoever they are.
                field.queryset = self.instance.receivers.all()

    def clean(self):
        data = super().clean()
        referral_type = data.get("referral_type")
        municipality, organisation = data.get("municipality"), data.get("organisation")
        if referral_type is None:
            return data
        if referral_type.receivers == ReferralType.Receivers.MUNICIPALITY:
            if municipality is None:
                self.add_error("municipality", _("Choose the municipality."))
            data["organisation"] = None
        else:
            if organisation is None:
                self.add_error("organisation", _("Choose the organisation."))
            data["municipality"] = None
        return data


class ReferralUnitViewSet(ModelViewSet):
    model = ReferralUnit
    edit_handler = ObjectList(
        [
            FieldPanel("referral_type"),
            FieldPanel("municipality"),
            FieldPanel("organisation"),
            FieldPanel("active"),
            FieldPanel("self_referral"),
            FieldPanel("service"),
            FieldPanel("receivers", widget=forms.CheckboxSelectMultiple),
            FieldPanel("contact_emails"),
            *(FieldPanel(name) for name in field_names("intro")),
        ],
        base_form_class=ReferralUnitForm,
    )
    menu_label = _("Referral receiving units")
    icon = "home"
    add_to_settings_menu = True
    list_display = [
        "referral_type",
        Column("name", label=_("receiving unit")),
        BooleanColumn("active", label=_("active")),
        BooleanColumn("self_referral", label=_("self-referral")),
    ]
    list_filter = ["referral_type"]


@hooks.register("register_admin_viewset")
def register_referral_types():
    return ReferralTypeViewSet("referral_types")


@hooks.register("register_admin_viewset")
def register_referral_units():
    return ReferralUnitViewSet("referral_units")


class NationalServiceViewSet(SnippetViewSet):
    model = NationalService
    icon = "link-external"
    menu_label = _("National self-care services")
    list_display = ["name", "url", BooleanColumn("active", label=_("active"))]
    panels = [
        *(FieldPanel(name) for name in field_names("name")),
        *(FieldPanel(name) for name in field_names("url")),
        *(FieldPanel(name) for name in field_names("description")),
        *(FieldPanel(name) for name in field_names("next_step")),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]


register_snippet(NationalServiceViewSet)


@hooks.register("construct_homepage_panels")
def referrals_panel(request, panels):
    """A receiver's referrals awaiting contact, on the admin's home page."""
    user = request.user
    if not referrals.received_units(user).exists():
        return
    now = timezone.now()
    waiting = referrals.visible_referrals(user).filter(status="received")
    flagged = sum(referrals.is_flagged(referral, now) for referral in waiting)
    count = waiting.count()
    url = reverse("professionals_referrals") + "?status=received"
    panels.append(
        CountsPanel(
            "professionals_referrals",
            _("Referrals"),
            [
                Row(_("Referrals awaiting contact"), count, url, count > 0),
                Row(_("Of which waiting for more than 7 days"), flagged, url, flagged > 0),
            ],
            order=70,
        )
    )


@hooks.register("construct_homepage_panels")
def catalogue_check_panel(request, panels):
    """Coordinators: how many catalogue services and referral units disagree."""
    if not request.user.has_perm(referrals.SETTINGS_PERMISSION):
        return
    found = referrals.catalogue_disagreements()
    listed = sum(len(each.listed) for each in found)
    unlisted = sum(len(each.unlisted) for each in found)
    url = reverse("professionals_catalogue_check")
    panels.append(
        CountsPanel(
            "professionals_catalogue_check",
            _("Referral types in the catalogue"),
            [
                Row(
                    _("Services in the catalogue where the type is not offered"),
                    listed,
                    url,
                    bool(listed),
                ),
                Row(
                    _("Municipalities offering a type with no service in the catalogue"),
                    unlisted,
                    url,
                    bool(unlisted),
                ),
            ],
            order=75,
        )
    )
