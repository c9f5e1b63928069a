from django import forms
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin_panels import CountsPanel, Row
from core.i18n import field_names

from . import admin_views, referrals
from .models import CounsellingMunicipality
from .roles import COUNSELLOR


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
    """Shown to the exercise counsellors of some municipality."""

    def is_shown(self, request):
        return referrals.counselled_municipalities(request.user).exists()


class IndicatorMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm(referrals.EXPORT_PERMISSION) or (
            referrals.counselled_municipalities(user).exists()
        )


@hooks.register("register_admin_menu_item")
def register_referral_inbox():
    return InboxMenuItem(
        _("Exercise counselling"), reverse("professionals_referrals"), icon_name="user", order=250
    )


@hooks.register("register_reports_menu_item")
def register_referral_indicators():
    return IndicatorMenuItem(
        _("Exercise counselling indicators"),
        reverse("professionals_referral_indicators"),
        icon_name="table",
        order=912,
    )


class CounsellingMunicipalityForm(WagtailAdminModelForm):
    """Who counsels a municipality decides who reads its referrals' personal data: only a
    superuser chooses them, and only among the active exercise counsellors. A coordinator
    sees them here and changes the rest."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["counsellors"]
        field.queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=COUNSELLOR)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        if not (self.for_user and self.for_user.is_superuser):
            field.disabled = True
            field.help_text = _(
                "They see the municipality's referrals and get an e-mail of new ones. An "
                "administrator chooses them."
            )
            if self.instance.pk:
                # Shown as they are, whoever they are.
                field.queryset = self.instance.counsellors.all()


class CounsellingMunicipalityViewSet(ModelViewSet):
    model = CounsellingMunicipality
    edit_handler = ObjectList(
        [
            FieldPanel("municipality"),
            FieldPanel("offers_counselling"),
            FieldPanel("self_referral"),
            FieldPanel("counsellors", widget=forms.CheckboxSelectMultiple),
            *(FieldPanel(name) for name in field_names("intro")),
        ],
        base_form_class=CounsellingMunicipalityForm,
    )
    menu_label = _("Exercise counselling municipalities")
    icon = "home"
    add_to_settings_menu = True
    list_display = ["municipality", "offers_counselling", "self_referral"]


@hooks.register("register_admin_viewset")
def register_counselling_municipalities():
    return CounsellingMunicipalityViewSet("counselling_municipalities")


@hooks.register("construct_homepage_panels")
def referrals_panel(request, panels):
    """An exercise counsellor's referrals awaiting contact, on the admin's home page."""
    user = request.user
    if not referrals.counselled_municipalities(user).exists():
        return
    now = timezone.now()
    waiting = referrals.visible_referrals(user).filter(status="received")
    flagged = sum(referrals.is_flagged(referral, now) for referral in waiting)
    count = waiting.count()
    url = reverse("professionals_referrals") + "?status=received"
    panels.append(
        CountsPanel(
            "professionals_referrals",
            _("Exercise counselling"),
            [
                Row(_("Referrals awaiting contact"), count, url, count > 0),
                Row(_("Of which waiting for more than 7 days"), flagged, url, flagged > 0),
            ],
            order=70,
        )
    )


@hooks.register("construct_homepage_panels")
def catalogue_check_panel(request, panels):
    """Coordinators: how many catalogue services and counselling settings disagree."""
    if not request.user.has_perm(referrals.SETTINGS_PERMISSION):
        return
    found = referrals.catalogue_disagreements()
    url = reverse("professionals_catalogue_check")
    panels.append(
        CountsPanel(
            "professionals_catalogue_check",
            _("Exercise counselling settings"),
            [
                Row(
                    _("Services in the catalogue where counselling is not offered"),
                    len(found.listed),
                    url,
                    bool(found.listed),
                ),
                Row(
                    _("Municipalities offering counselling with no service in the catalogue"),
                    len(found.unlisted),
                    url,
                    bool(found.unlisted),
                ),
            ],
            order=75,
        )
    )
