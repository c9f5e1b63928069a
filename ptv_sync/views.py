from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import sources

from .models import SyncLock, SyncRun
from .tasks import sync_catalogue_task


class StartSyncForm(forms.Form):
    source = forms.ChoiceField(
        label=gettext_lazy("Source"),
        # The declared sources a coordinator may start (core.sources).
        choices=lambda: [(s.code, s.label) for s in sources.syncable() if s.startable],
    )
    full = forms.BooleanField(
        label=gettext_lazy("Full sync"),
        required=False,
        help_text=gettext_lazy(
            "Rescan the whole county. Otherwise only changes since the last successful run "
            "are read."
        ),
    )


def start_sync(request):
    if not request.user.has_perm("ptv_sync.start_sync"):
        raise PermissionDenied
    form = StartSyncForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        if SyncLock.objects.filter(source=sources.get(source).row_source).exists():
            messages.warning(request, _("A sync of this source is already running."))
        else:
            sync_catalogue_task.enqueue(source, form.cleaned_data["full"], request.user.pk)
            messages.success(
                request,
                _("The sync was started in the background. Its run appears in this list."),
            )
        return redirect(reverse("syncrun:index"))
    return TemplateResponse(
        request,
        "ptv_sync/start_sync.html",
        {"form": form, "last_runs": SyncRun.objects.all()[:5]},
    )
