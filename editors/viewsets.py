"""The editors' admin views (registered in editors.wagtail_hooks and, for enrichments, in the
catalogue's menu group)."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from catalogue.models import LocalEnrichment
from core.i18n import field_names

from . import accounts, scope
from .admin_scoping import ScopedPermissionPolicy, ScopedViewSetMixin, scoped_chooser_viewset
from .forms import (
    EmbedWidgetForm,
    EnrichmentForm,
    FeedbackForm,
    LocalServiceForm,
)
from .models import (
    Account,
    EditorProfile,
    EmbedOrigin,
    EmbedWidget,
    LocalService,
    ServiceFeedback,
)
from .panels import EmbedCodePanel, FeedbackMessagePanel


def _languages(field, help_text=""):
    """A text's versions in the site languages side by side."""
    return FieldRowPanel([FieldPanel(name) for name in field_names(field)], help_text=help_text)


register_permission_policy(LocalService, ScopedPermissionPolicy(LocalService, scope.local_services))
register_permission_policy(EmbedWidget, ScopedPermissionPolicy(EmbedWidget, scope.widgets))
register_permission_policy(
    LocalEnrichment, ScopedPermissionPolicy(LocalEnrichment, scope.enrichments)
)
# Its own permissions, not those of the users it is a view of (the registry would otherwise
# find auth.User's policy for the proxy).
register_permission_policy(Account, ScopedPermissionPolicy(Account, accounts.manageable))
register_permission_policy(
    ServiceFeedback,
    # Feedback comes from the public site only.
    ScopedPermissionPolicy(ServiceFeedback, scope.feedback, refused=("add",)),
)


class ReviewedColumn(Column):
    """When the item was last reviewed, flagged after 12 months."""

    cell_template_name = "editors/admin/reviewed_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["reviewed"] = instance.last_reviewed_at
        context["stale"] = instance.is_stale()
        return context


def reviewed_button(request, instance):
    """For a published local service (listings and edit views hold only the user's scope)."""
    if instance.live and request.user.has_perm("editors.change_localservice"):
        return Button(
            _("Mark as reviewed"),
            url=reverse("editors_mark_reviewed", args=[instance.pk]),
            icon_name="tick",
            priority=15,
        )
    return None


class LocalServiceIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        button = reviewed_button(self.request, instance)
        if button is not None:
            buttons.append(
                MenuItem(button.label, url=button.url, icon_name=button.icon_name, priority=15)
            )
        return buttons


class LocalServiceEditView(EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        button = reviewed_button(self.request, self.object)
        if button is not None:
            buttons.append(button)
        return buttons


class LocalServiceViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = LocalService
    scope_function = staticmethod(scope.local_services)
    chooser_viewset_class = scoped_chooser_viewset(scope.local_services)
    icon = "site"
    menu_label = _("Local services")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = LocalServiceIndexView
    edit_view_class = LocalServiceEditView
    copy_view_enabled = False
    list_display = [
        "__str__",
        Column("municipality", label=_("municipality")),
        Column("organisation", label=_("organisation")),
        ReviewedColumn("last_reviewed_at", label=_("last reviewed")),
    ]
    list_filter = ["municipality", "live"]
    search_fields = field_names("name")
    search_backend_name = None
    list_per_page = 50
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    HelpPanel(
                        content=_(
                            "Write the service in Finnish and Swedish. Save a draft as often "
                            "as you like; when it is ready, submit it for approval. A "
                            "coordinator approves it (it is then published in the catalogue) "
                            "or asks for changes with a comment. Nothing is public before "
                            "approval."
                        )
                    ),
                    _languages("name"),
                    _languages("summary", _("One or two sentences shown in search results.")),
                    _languages("description"),
                    _languages("instructions"),
                    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Content"),
            ),
            ObjectList(
                [
                    FieldPanel("municipality"),
                    FieldPanel("organisation"),
                    MultiFieldPanel(
                        [
                            _languages("address"),
                            FieldPanel("postal_code"),
                            _languages("post_office"),
                            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                            FieldPanel("wheelchair_accessible"),
                        ],
                        heading=_("Place"),
                    ),
                    _languages("schedule", _("For example: Tuesdays 18–19.30 / tisdagar 18–19.30")),
                ],
                heading=_("Where and when"),
            ),
            ObjectList(
                [
                    FieldPanel("phone"),
                    FieldPanel("email"),
                    FieldPanel("website"),
                    FieldPanel("charge_type"),
                    _languages("charge_info"),
                    FieldPanel("service_languages"),
                    FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
                ],
                heading=_("Contact and price"),
            ),
        ],
        base_form_class=LocalServiceForm,
    )

    def get_queryset(self, request):
        base = LocalService.objects.select_related("municipality", "organisation")
        return scope.local_services(request.user, base)


class EnrichmentViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = LocalEnrichment
    scope_function = staticmethod(scope.enrichments)
    chooser_viewset_class = scoped_chooser_viewset(scope.enrichments)
    icon = "edit"
    menu_label = _("Local enrichments")
    copy_view_enabled = False
    list_display = [
        Column("service", label=_("service")),
        BooleanColumn("hidden", label=_("hidden")),
        DateColumn("updated_at", label=_("updated")),
    ]
    list_filter = ["hidden", "kaikukortti"]
    search_fields = [*field_names("service__name"), "search_keywords"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            HelpPanel(
                content=_(
                    "These additions are yours: syncs never change them. The texts from the "
                    "source stay as they are; correct those at the source."
                )
            ),
            FieldPanel("service"),
            _languages("local_intro"),
            FieldPanel("image"),
            _languages("image_alt"),
            FieldPanel("featured_themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("search_keywords"),
            FieldPanel("audiences"),
            FieldPanel("kaikukortti"),
            FieldPanel("hidden"),
        ],
        base_form_class=EnrichmentForm,
    )

    def get_queryset(self, request):
        return scope.enrichments(request.user, LocalEnrichment.objects.select_related("service"))


class FeedbackIndexView(generic.IndexView):
    def get_base_queryset(self):
        return scope.feedback(self.request.user, super().get_base_queryset()).select_related(
            "service"
        )


class FeedbackViewSet(ScopedViewSetMixin, ModelViewSet):
    model = ServiceFeedback
    scope_function = staticmethod(scope.feedback)
    index_view_class = FeedbackIndexView
    icon = "mail"
    menu_label = _("Service feedback")
    menu_order = 220
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = [
        Column("service", label=_("service")),
        DateColumn("created_at", label=_("received")),
        Column("status", label=_("status"), accessor="get_status_display"),
    ]
    list_filter = ["status"]
    edit_handler = ObjectList(
        [FeedbackMessagePanel(heading=_("Report")), FieldPanel("status"), FieldPanel("note")],
        base_form_class=FeedbackForm,
    )


class EditorProfileViewSet(ModelViewSet):
    model = EditorProfile
    icon = "group"
    menu_label = _("Editor profiles")
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["__str__", Column("user", label=_("user"))]
    form_fields = ["user", "municipalities", "organisations", "weekly_digest"]
    panels = [
        HelpPanel(
            content=_(
                "The role (user group) says what an editor may do; this profile says where: "
                "a municipal editor works on the services and pages of these municipalities, "
                "an NGO editor on those of these organisations."
            )
        ),
        FieldPanel("user"),
        FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("organisations"),
        FieldPanel("weekly_digest"),
    ]


class AccountIndexView(generic.IndexView):
    def get_base_queryset(self):
        return accounts.manageable(self.request.user, super().get_base_queryset()).order_by(
            "last_name", "first_name", "username"
        )


class AccountViewSet(ScopedViewSetMixin, ModelViewSet):
    """The coordinators' narrow account screen (editors.accounts)."""

    model = Account
    scope_function = staticmethod(accounts.manageable)
    index_view_class = AccountIndexView
    icon = "user"
    menu_label = _("Accounts")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column("username", label=_("user name")),
        Column("get_full_name", label=_("name")),
        Column("role", label=_("role"), accessor=accounts.current_role),
        BooleanColumn("is_active", label=_("active")),
    ]
    search_fields = ["username", "first_name", "last_name", "email"]
    edit_handler = ObjectList(
        [
            HelpPanel(
                content=_(
                    "Here you can bring in municipal and NGO editors and professionals, and "
                    "deactivate their accounts. Exercise counsellors, coordinators and "
                    "administrators are managed by an administrator."
                )
            ),
            FieldPanel("username"),
            FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
            FieldPanel("email"),
            FieldPanel("role"),
            FieldPanel("municipalities"),
            FieldPanel("organisations"),
            FieldPanel("password1"),
            FieldPanel("password2"),
            FieldPanel("is_active"),
        ],
        base_form_class=accounts.AccountForm,
    )


class EmbedWidgetViewSet(ScopedViewSetMixin, SnippetViewSet):
    """Widgets for websites: a municipal editor's for their municipalities."""

    model = EmbedWidget
    scope_function = staticmethod(scope.widgets)
    chooser_viewset_class = scoped_chooser_viewset(scope.widgets)
    icon = "code"
    menu_label = _("Widgets for websites")
    menu_order = 230
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = [
        "name",
        Column("kind", label=_("what it lists"), accessor="get_kind_display"),
        Column("municipality", label=_("municipality")),
        Column("language", label=_("language"), accessor="get_language_display"),
        DateColumn("updated_at", label=_("updated")),
    ]
    list_filter = ["kind", "language"]
    search_fields = ["name", "heading"]
    search_backend_name = None
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    HelpPanel(
                        content=_(
                            "A list of the guide's services or coming events for your own "
                            "website: choose what it shows, save, then copy the code from "
                            "the “Code for your website” tab."
                        )
                    ),
                    FieldPanel("name"),
                    FieldPanel("kind"),
                    FieldPanel("language"),
                    FieldPanel("heading"),
                    FieldPanel("municipality"),
                    FieldPanel("theme"),
                    FieldPanel("audience"),
                    FieldPanel("free_only"),
                    FieldPanel("size"),
                ],
                heading=_("What it shows"),
            ),
            ObjectList(
                [EmbedCodePanel(heading=_("Code for your website"))],
                heading=_("Code for your website"),
            ),
        ],
        base_form_class=EmbedWidgetForm,
    )

    def get_queryset(self, request):
        return scope.widgets(request.user, EmbedWidget.objects.select_related("municipality"))


class EmbedOriginViewSet(ModelViewSet):
    """The sites allowed to frame the widgets (coordinators)."""

    model = EmbedOrigin
    icon = "site"
    menu_label = _("Sites showing widgets")
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = [
        "origin",
        Column("municipality", label=_("municipality")),
        BooleanColumn("is_active", label=_("active")),
    ]
    panels = [
        HelpPanel(
            content=_(
                "Only these sites may show the guide's widgets in a frame; every other page "
                "of the guide refuses to be framed anywhere. Give the address as "
                "https://www.name.fi."
            )
        ),
        FieldPanel("origin"),
        FieldPanel("municipality"),
        FieldPanel("note"),
        FieldPanel("is_active"),
    ]
