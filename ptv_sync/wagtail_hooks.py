from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import runlog, views
from .models import SyncRun


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Runs are written by syncs only: editors may look, never add, change or delete."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(SyncRun, ReadOnlyPolicy(SyncRun))


class SyncRunIndexView(generic.IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("ptv_sync.start_sync"):
            buttons.append(
                HeaderButton(_("Sync now"), url=reverse("ptv_sync_start"), icon_name="resubmit")
            )
        return buttons


class SyncRunInspectView(generic.InspectView):
    """The run as people read it (ptv_sync.runlog): names, counts, duration and Finnish
    time; one plain sentence per kind of problem, the technical detail behind a disclosure."""

    template_name = "ptv_sync/admin/sync_run.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["run"] = runlog.summary(self.object)
        return context


class SyncRunViewSet(ModelViewSet):
    model = SyncRun
    icon = "resubmit"
    menu_label = _("Catalogue syncs")
    menu_order = 900
    add_to_admin_menu = True
    index_view_class = SyncRunIndexView
    inspect_view_class = SyncRunInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["source"]  # required by ModelViewSet; the policy refuses add and edit
    list_display = [
        "source",
        Column("mode", label=_("mode"), accessor="get_mode_display"),
        DateColumn("started_at", label=_("started")),
        Column("status", label=_("status"), accessor="get_status_display"),
        "created",
        "updated",
        "unchanged",
        "archived",
        "failed",
    ]
    list_filter = ["source", "status"]
    inspect_view_fields = [
        "source",
        "mode",
        "scope",
        "since",
        "force",
        "started_at",
        "finished_at",
        "status",
        "message",
        "created",
        "updated",
        "unchanged",
        "archived",
        "failed",
        "errors",
        "started_by",
    ]


syncrun_viewset = SyncRunViewSet("syncrun")


@hooks.register("register_admin_viewset")
def register_sync_runs():
    return syncrun_viewset


@hooks.register("register_admin_urls")
def register_start_sync_url():
    return [path("sync/start/", views.start_sync, name="ptv_sync_start")]
