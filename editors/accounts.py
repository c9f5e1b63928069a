"""The coordinators' narrow account screen (admin → Settings → Accounts).

Only superusers manage users and groups in general (Wagtail's own Users and Groups). A
coordinator may bring in the people the county's content and referrals need, and nobody
else: create an account in one of the non-privileged roles below, change its name, e-mail,
role (among the same roles) and working area, and deactivate or reactivate it. Never a
superuser or staff account, an exercise counsellor or coordinator, an account with any other
group, nor their own account: those are not in the list, their URLs answer 404, and the form
offers no field that could raise a privilege. Nothing is ever deleted here (deactivate)."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from catalogue.listing import scope_municipalities
from catalogue.models import Municipality, Organisation
from core.i18n import default_field
from core.roles import MUNICIPAL_EDITOR, NGO_EDITOR, PROFESSIONAL

from .roles import PAGE_GROUP_PREFIX
from .scope import is_coordinator

# The roles a coordinator may give. Exercise counsellors (who read referral personal data)
# and coordinators are made by a superuser.
MANAGEABLE_ROLES = (MUNICIPAL_EDITOR, NGO_EDITOR, PROFESSIONAL)
ROLE_CHOICES = [
    (MUNICIPAL_EDITOR, _("Municipal editor")),
    (NGO_EDITOR, _("NGO editor")),
    (PROFESSIONAL, _("Professional")),
]


def manageable(user, queryset=None):
    """The accounts ``user`` may manage: none unless a coordinator (or superuser); for a
    coordinator, the accounts that are not superusers or staff, hold no group beyond the
    manageable roles (and the municipal editors' page groups, which follow their profiles),
    and are not their own."""
    User = get_user_model()
    queryset = User.objects.all() if queryset is None else queryset
    if not is_coordinator(user):
        return queryset.none()
    if user.is_superuser:
        return queryset.exclude(pk=user.pk)
    through = User.groups.through
    other_groups = through.objects.filter(user=OuterRef("pk")).exclude(
        Q(group__name__in=MANAGEABLE_ROLES) | Q(group__name__startswith=PAGE_GROUP_PREFIX)
    )
    return (
        queryset.filter(is_superuser=False, is_staff=False)
        .exclude(pk=user.pk)
        .exclude(Exists(other_groups))
        .exclude(user_permissions__isnull=False)
        .distinct()
    )


def current_role(account):
    names = set(account.groups.values_list("name", flat=True))
    return next((role for role in MANAGEABLE_ROLES if role in names), "")


class AccountForm(WagtailAdminModelForm):
    """Name, e-mail, one manageable role and its working area, active or not; a password on
    creation only (afterwards the person changes it, or resets it from the login page)."""

    role = forms.ChoiceField(label=_("role"), choices=ROLE_CHOICES)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("municipalities"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A municipal editor edits the services and pages of these municipalities."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("organisations"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        help_text=_("An NGO editor edits the activities and services of these organisations."),
    )
    password1 = forms.CharField(
        label=_("password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        self.fields["municipalities"].queryset = scope_municipalities().order_by(
            default_field("name")
        )
        if self.instance.pk:
            del self.fields["password1"], self.fields["password2"]
            self.initial["role"] = current_role(self.instance)
            profile = getattr(self.instance, "editor_profile", None)
            if profile is not None:
                self.initial["municipalities"] = list(profile.municipalities.all())
                self.initial["organisations"] = list(profile.organisations.all())
        else:
            del self.fields["is_active"]

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role == MUNICIPAL_EDITOR and not cleaned.get("municipalities"):
            self.add_error("municipalities", _("Choose the editor's municipalities."))
        if role == NGO_EDITOR and not cleaned.get("organisations"):
            self.add_error("organisations", _("Choose the editor's organisations."))
        if "password1" in self.fields:
            first, second = cleaned.get("password1"), cleaned.get("password2")
            if first and second and first != second:
                self.add_error("password2", _("The two passwords differ."))
            elif first:
                try:
                    password_validation.validate_password(first, self.instance)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        from .models import EditorProfile

        account = super().save(commit=False)
        # Whatever was posted, these stay as a coordinator may leave them.
        account.is_superuser = False
        account.is_staff = False
        if "password1" in self.fields:
            account.set_password(self.cleaned_data["password1"])
        account.save()
        role = self.cleaned_data["role"]
        account.groups.remove(*Group.objects.filter(name__in=MANAGEABLE_ROLES))
        account.groups.add(Group.objects.get(name=role))
        if role in (MUNICIPAL_EDITOR, NGO_EDITOR):
            profile, _created = EditorProfile.objects.get_or_create(user=account)
            profile.municipalities.set(
                self.cleaned_data["municipalities"] if role == MUNICIPAL_EDITOR else []
            )
            profile.organisations.set(
                self.cleaned_data["organisations"] if role == NGO_EDITOR else []
            )
        else:
            EditorProfile.objects.filter(user=account).delete()
        return account
