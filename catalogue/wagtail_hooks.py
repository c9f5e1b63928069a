from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import ClassificationRule, Service, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order"]
    search_fields = ["name_fi", "name_sv", "slug"]


class RuleIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("catalogue.change_classificationrule"):
            buttons.append(
                HeaderButton(
                    _("Re-run classification"),
                    url=reverse("catalogue_unclassified"),
                    icon_name="resubmit",
                )
            )
        return buttons


class ClassificationRuleViewSet(SnippetViewSet):
    model = ClassificationRule
    icon = "list-ul"
    menu_label = _("Classification rules")
    index_view_class = RuleIndexView
    list_display = [
        "theme",
        Column("kind", label=_("kind"), accessor="get_kind_display"),
        "value",
        Column("language", label=_("language"), accessor="get_language_display"),
        "weight",
        BooleanColumn("is_active", label=_("in use")),
    ]
    list_filter = ["theme", "kind", "source", "is_active"]
    search_fields = ["value", "note"]
    search_backend_name = None
    list_per_page = 50


class SyncedServicePolicy(ModelPermissionPolicy):
    """Services come from the sync: editors change only the editor-owned fields and never
    add or delete a service here."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Service, SyncedServicePolicy(Service))


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "doc-full"
    menu_label = _("Services")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        Column("responsible_organisation", label=_("organisation")),
        Column("theme_list", label=_("themes"), accessor="theme_list"),
        BooleanColumn("is_active", label=_("active")),
    ]
    list_filter = ["is_active", "source"]
    search_fields = ["name_fi", "name_sv"]
    search_backend_name = None
    list_per_page = 50
    inspect_view_fields = [
        "name",
        "summary",
        "responsible_organisation",
        "source",
        "external_id",
        "source_modified",
        "last_seen",
        "is_active",
        "themes",
        "local_themes_added",
        "local_themes_removed",
    ]
    panels = [
        HelpPanel(
            content=_(
                "The texts and channels of this service come from the catalogue sync and "
                "cannot be edited here. Its themes come from the classification rules; what "
                "you add or remove here stays, whatever later syncs or rule changes bring."
            )
        ),
        FieldPanel("local_themes_added", widget=forms.CheckboxSelectMultiple),
        FieldPanel("local_themes_removed", widget=forms.CheckboxSelectMultiple),
    ]

    def get_queryset(self, request):
        return Service.objects.select_related("responsible_organisation").prefetch_related("themes")


class CatalogueGroup(SnippetViewSetGroup):
    items = (ServiceViewSet, ThemeViewSet, ClassificationRuleViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Service catalogue")
    menu_order = 200


register_snippet(CatalogueGroup)


@hooks.register("register_admin_urls")
def register_classification_urls():
    return [
        path(
            "catalogue/unclassified/",
            admin_views.unclassified_report,
            name="catalogue_unclassified",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_unclassified_report():
    return MenuItem(
        _("Unclassified services"),
        reverse("catalogue_unclassified"),
        icon_name="warning",
        order=900,
    )
