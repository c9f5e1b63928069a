from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

# The catalogue's admin registers its snippets and hooks first, as when it was its own app's.
from . import admin_views, catalogue_admin, dashboard  # noqa: F401
from .admin_scoping import ScopedMenuItem
from .viewsets import (
    AccountViewSet,
    EditorProfileViewSet,
    EmbedOriginViewSet,
    EmbedWidgetViewSet,
    FeedbackViewSet,
    LocalServiceViewSet,
)

# Local enrichments are registered in the catalogue's menu group (catalogue_admin).
register_snippet(LocalServiceViewSet)
register_snippet(EmbedWidgetViewSet)

feedback_viewset = FeedbackViewSet("service_feedback")
profile_viewset = EditorProfileViewSet("editor_profiles")
account_viewset = AccountViewSet("accounts")
origin_viewset = EmbedOriginViewSet("embed_origins")


@hooks.register("register_admin_viewset")
def register_feedback():
    return feedback_viewset


@hooks.register("register_admin_viewset")
def register_profiles():
    return profile_viewset


@hooks.register("register_admin_viewset")
def register_accounts():
    return account_viewset


@hooks.register("register_admin_viewset")
def register_embed_origins():
    return origin_viewset


@hooks.register("register_admin_urls")
def register_editor_urls():
    return [
        path(
            "local-services/<int:pk>/reviewed/",
            admin_views.mark_reviewed,
            name="editors_mark_reviewed",
        ),
        path(
            "reports/missing-swedish/", admin_views.missing_swedish, name="editors_missing_swedish"
        ),
        path("reports/feedback/", admin_views.feedback_report, name="editors_feedback_report"),
        path("reports/page-languages/", admin_views.page_languages, name="editors_page_languages"),
    ]


@hooks.register("register_reports_menu_item")
def register_missing_swedish():
    return ScopedMenuItem(
        _("Services missing Swedish texts"),
        reverse("editors_missing_swedish"),
        icon_name="globe",
        order=905,
    )


@hooks.register("register_reports_menu_item")
def register_page_languages():
    return ScopedMenuItem(
        _("Pages by language and plain language"),
        reverse("editors_page_languages"),
        icon_name="doc-full",
        order=907,
    )


@hooks.register("register_reports_menu_item")
def register_feedback_report():
    return ScopedMenuItem(
        _("Service feedback per month"),
        reverse("editors_feedback_report"),
        icon_name="mail",
        order=906,
    )


@hooks.register("construct_homepage_panels")
def editor_dashboard(request, panels):
    panels[:0] = dashboard.panels_for(request)


@hooks.register("register_log_actions")
def scoped_history(actions):
    """The history of the editors' objects is kept apart, and shown within each one's scope."""
    from .models import EditorLogEntry
    from .scope import logged_models

    for model, _scoped in logged_models():
        actions.register_model(model, EditorLogEntry)
