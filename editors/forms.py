"""Admin forms whose choices follow the editor's scope: a crafted POST cannot choose a
municipality, organisation or service outside it (the choice is refused as invalid)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from catalogue.audiences import AUDIENCES
from catalogue.listing import scope_municipalities
from catalogue.models import Municipality, Organisation
from core.i18n import default_field, language_choices

from . import scope


class LocalServiceForm(WagtailAdminModelForm):
    service_languages = forms.MultipleChoiceField(
        label=_("languages of the service"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        own = scope.scope_of(user)
        county = scope_municipalities()
        if own.everything or own.organisations:
            # Coordinators, and associations, which may work anywhere in the county.
            municipalities = county
        else:
            municipalities = Municipality.objects.filter(pk__in=own.municipalities)
        self.fields["municipality"].queryset = municipalities.order_by(default_field("name"))
        organisation = self.fields["organisation"]
        if own.everything:
            organisation.queryset = Organisation.objects.filter(is_active=True)
        else:
            organisation.queryset = Organisation.objects.filter(pk__in=own.organisations)
        if not own.everything and not own.organisations:
            organisation.disabled = True
            organisation.help_text = _(
                "Your services belong to your municipality; an organisation's activities are "
                "written by its own editors."
            )
        elif not own.everything and not own.municipalities:
            organisation.required = True
            organisation.empty_label = None

    def clean(self):
        cleaned = super().clean()
        own = scope.scope_of(self.for_user)
        municipality, organisation = cleaned.get("municipality"), cleaned.get("organisation")
        if own.everything or municipality is None or self.has_error("organisation"):
            return cleaned
        mine = (organisation is not None and organisation.pk in own.organisations) or (
            organisation is None and municipality.pk in own.municipalities
        )
        if not mine:
            self.add_error(
                None,
                _(
                    "You could not edit this service after saving it: choose one of your own "
                    "municipalities or organisations."
                ),
            )
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=False)
        if instance.created_by_id is None and self.for_user.is_authenticated:
            instance.created_by = self.for_user
        if commit:
            instance.save()
            self.save_m2m()
        return instance


class EnrichmentForm(WagtailAdminModelForm):
    audiences = forms.MultipleChoiceField(
        label=_("Also for"),
        choices=list(AUDIENCES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Whom the service is especially for, beyond what its source says. Residents find "
            "it under these in the search and in “What would suit me?”."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = scope.services(self.for_user)

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.updated_by = self.for_user
        if commit:
            instance.save()
            self.save_m2m()
        return instance


class FeedbackForm(WagtailAdminModelForm):
    def save(self, commit=True):
        instance = super().save(commit=False)
        if "status" in self.changed_data:
            handled = instance.status == instance.Status.HANDLED
            instance.handled_at = timezone.now() if handled else None
            instance.handled_by = self.for_user if handled else None
        if commit:
            instance.save()
            self.save_m2m()
        return instance


class EmbedWidgetForm(WagtailAdminModelForm):
    """A municipal editor builds widgets for their own municipalities (one must be chosen);
    a coordinator for any, or for the whole county."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = scope.widget_municipalities(self.for_user)
        if not scope.scope_of(self.for_user).everything:
            field.required = True
            field.empty_label = None
