"""Panels on the Wagtail admin's home page: what needs an editor's attention, counted within
their own scope (editors.scope)."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from catalogue.listing import public_services
from core import sources
from core.admin_panels import CountsPanel, Row
from ptv_sync.models import SyncRun

from . import scope
from .admin_views import missing_swedish_condition
from .models import ServiceFeedback
from .models.local import STALE_AFTER_DAYS


class SyncPanel(Component):
    name = "editors_sync"
    order = 90
    template_name = "editors/dashboard/sync.html"

    def __init__(self, runs):
        self.runs = runs

    def get_context_data(self, parent_context):
        return {"runs": self.runs}


def last_syncs():
    """The last run of every source that has run: (label, run)."""
    found = []
    for source in sources.syncable():
        run = SyncRun.objects.filter(source=source.code).order_by("-started_at").first()
        if run is not None:
            found.append((source.short_label or source.label, run))
    return found


def counts(user, now=None):
    """The dashboard's figures for ``user``: each within their scope."""
    now = now or timezone.now()
    figures = {}
    if scope.scope_of(user):
        services = scope.services(user, public_services())
        figures["unclassified"] = services.filter(theme_links__isnull=True).count()
        figures["missing_swedish"] = services.filter(missing_swedish_condition()).count()
        figures["stale_local"] = stale_local_services(user, now).count()
        figures["local_drafts"] = scope.local_services(user).filter(live=False).count()
        figures["feedback_new"] = (
            scope.feedback(user).filter(status=ServiceFeedback.Status.NEW).count()
        )
    return figures


def stale_local_services(user, now=None):
    """Published local services in the user's scope that nobody has reviewed (published or
    marked as reviewed) for 12 months."""
    moment = (now or timezone.now()) - timedelta(days=STALE_AFTER_DAYS)
    reviewed_before = Q(last_reviewed_at__lte=moment) | Q(
        last_reviewed_at__isnull=True, created_at__lte=moment
    )
    return scope.local_services(user).filter(live=True).filter(reviewed_before)


def panels_for(request):
    user = request.user
    figures = counts(user)
    panels = []
    if user.has_perm("ptv_sync.view_syncrun"):
        panels.append(SyncPanel(last_syncs()))
    if "unclassified" in figures:
        local_list = reverse("wagtailsnippets_editors_localservice:list")
        panels.append(
            CountsPanel(
                "editors_work",
                _("Your catalogue"),
                [
                    Row(
                        _("Services without a theme"),
                        figures["unclassified"],
                        reverse("catalogue_unclassified"),
                        figures["unclassified"] > 0,
                    ),
                    Row(
                        _("Services missing Swedish texts"),
                        figures["missing_swedish"],
                        reverse("editors_missing_swedish"),
                        figures["missing_swedish"] > 0,
                    ),
                    Row(
                        _("Local services not reviewed for 12 months"),
                        figures["stale_local"],
                        local_list,
                        figures["stale_local"] > 0,
                    ),
                    Row(_("Local services not published yet"), figures["local_drafts"], local_list),
                    Row(
                        _("Feedback awaiting handling"),
                        figures["feedback_new"],
                        reverse("service_feedback:index") + "?status=new",
                        figures["feedback_new"] > 0,
                    ),
                ],
                order=80,
            )
        )
    return panels
