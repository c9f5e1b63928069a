"""The catalogue's admin: themes, classification rules, services (the editor-owned fields,
within each editor's scope), duplicate pairs and synonym sets, and the unclassified report.
Registered by editors.wagtail_hooks, since who may see and change what is governance."""

from django import forms
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from catalogue import dedupe
from catalogue.models import ClassificationRule, Service, ServicePair, SynonymSet, Theme
from core.i18n import field_names

from . import catalogue_views, scope
from .admin_scoping import (
    ScopedMenuItem,
    ScopedPermissionPolicy,
    ScopedViewSetMixin,
    scoped_chooser_viewset,
)
from .panels import SourceCorrectionPanel
from .viewsets import EnrichmentViewSet


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order"]
    search_fields = [*field_names("name"), "slug"]


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


# Services come from the sources: editors change only the editor-owned fields of the services
# in their scope, and never add or delete one here.
register_permission_policy(
    Service, ScopedPermissionPolicy(Service, scope.services, refused=("add", "delete"))
)


class ServiceViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Service
    scope_function = staticmethod(scope.services)
    chooser_viewset_class = scoped_chooser_viewset(scope.services)
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
    search_fields = field_names("name")
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
        SourceCorrectionPanel(heading=_("Where the texts come from")),
        HelpPanel(
            content=_(
                "Its themes come from the classification rules; what you add or remove here "
                "stays, whatever later syncs or rule changes bring."
            )
        ),
        FieldPanel("local_themes_added", widget=forms.CheckboxSelectMultiple),
        FieldPanel("local_themes_removed", widget=forms.CheckboxSelectMultiple),
    ]

    def get_queryset(self, request):
        services = Service.objects.select_related("responsible_organisation")
        return scope.services(request.user, services.prefetch_related("themes"))


class ServicePairForm(WagtailAdminModelForm):
    """An editor's decision: the two are the same activity (merge) or not (split)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            (ServicePair.State.MERGED, ServicePair.State.MERGED.label),
            (ServicePair.State.SPLIT, ServicePair.State.SPLIT.label),
        ]
        if self.instance.state == ServicePair.State.AUTO:
            self.initial["state"] = ServicePair.State.MERGED

    def save(self, commit=True):
        pair = super().save(commit=False)
        if not pair.pk:
            pair.method = ServicePair.Method.EDITOR
        if commit:
            pair.save()
        return pair


class ServicePairViewSet(SnippetViewSet):
    model = ServicePair
    icon = "link"
    menu_label = _("Duplicates")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = [
        Column("ptv_service", label=_("service in PTV")),
        Column("lahella_service", label=_("activity in Lähellä.fi")),
        Column("state", label=_("decision"), accessor="get_state_display"),
        Column("method", label=_("found by"), accessor="get_method_display"),
        "similarity",
    ]
    list_filter = ["state", "method"]
    search_fields = [
        *field_names("ptv_service__name"),
        *field_names("lahella_service__name"),
    ]
    search_backend_name = None
    list_per_page = 50
    edit_handler = ObjectList(
        [
            HelpPanel(
                content=_(
                    "The same activity can come from PTV and from Lähellä.fi; the catalogue then "
                    "shows it once. Choose “different activities” to split a wrong pair, or add a "
                    "pair as “same activity” to merge a missed one. Your decision stays, whatever "
                    "later syncs bring; delete it to let the automatic matching decide again."
                )
            ),
            FieldPanel("ptv_service"),
            FieldPanel("lahella_service"),
            FieldPanel("state"),
        ],
        base_form_class=ServicePairForm,
    )

    def get_queryset(self, request):
        return ServicePair.objects.select_related("ptv_service", "lahella_service")


class InLanguage(Column):
    """A column of text in one language, marked as such (lang): a screen reader reads the
    English synonyms in English on a Finnish page (WCAG 3.1.2)."""

    cell_template_name = "editors/admin/cell_in_language.html"

    def __init__(self, name, language, **kwargs):
        super().__init__(name, **kwargs)
        self.language = language


class SynonymSetViewSet(SnippetViewSet):
    """Editors' synonym sets: words that find each other's services in search."""

    model = SynonymSet
    icon = "search"
    menu_label = _("Synonym sets")
    list_display = [
        "name",
        *(
            InLanguage(
                name,
                name.rsplit("_", 1)[1],
                label=capfirst(SynonymSet._meta.get_field(name).verbose_name),
                sort_key=name,
            )
            for name in field_names("words")
        ),
        BooleanColumn("is_active", label=_("in use")),
    ]
    list_filter = ["is_active"]
    search_fields = ["name", *field_names("words")]
    search_backend_name = None


class CatalogueGroup(SnippetViewSetGroup):
    items = (
        ServiceViewSet,
        EnrichmentViewSet,
        ThemeViewSet,
        ClassificationRuleViewSet,
        SynonymSetViewSet,
        ServicePairViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = _("Service catalogue")
    menu_order = 200


register_snippet(CatalogueGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def editor_decided_duplicates(request, instances):
    """An editor merged, split or forgot a pair: the catalogue follows at once."""
    instances = instances if isinstance(instances, list | tuple) else [instances]
    pairs = [obj for obj in instances if isinstance(obj, ServicePair)]
    if not pairs:
        return
    ServicePair.objects.filter(pk__in=[pair.pk for pair in pairs if pair.pk]).update(
        updated_by=request.user
    )

    dedupe.refresh()


@hooks.register("register_admin_urls")
def register_classification_urls():
    return [
        path(
            "catalogue/unclassified/",
            catalogue_views.unclassified_report,
            name="catalogue_unclassified",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_unclassified_report():
    return ScopedMenuItem(
        _("Unclassified services"),
        reverse("catalogue_unclassified"),
        icon_name="warning",
        order=900,
    )
