"""The exercise counsellor's inbox in the Wagtail admin, and the indicators.

A counsellor sees the referrals of the municipalities they counsel and nobody else's: the
others give 404. Every opening of a referral and every change is recorded in its audit log.
Coordinators (export permission) see the indicators of every municipality and export them."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from catalogue.listing import scope_municipalities
from core.i18n import default_field
from core.mail import link_base
from core.reports import month_bounds

from . import referrals
from .models import Referral

Status = Referral.Status


def _inbox_user(request):
    if not referrals.counselled_municipalities(request.user).exists():
        raise PermissionDenied
    return request.user


def inbox(request):
    user = _inbox_user(request)
    rows = referrals.visible_referrals(user).select_related("municipality")
    status = request.GET.get("status", "open")
    if status == "open":
        rows = rows.exclude(status__in=Referral.CLOSED)
    elif status in Status.values:
        rows = rows.filter(status=status)
    else:
        status = "all"
    now = timezone.now()
    items = [(referral, referrals.is_flagged(referral, now)) for referral in rows[:500]]
    context = {
        "items": items,
        "status": status,
        "statuses": [("open", _("open")), *Status.choices, ("all", _("all"))],
        "flagged": sum(flag for _referral, flag in items),
        "flag_days": referrals.FLAG_AFTER_DAYS,
    }
    return TemplateResponse(request, "professionals/admin/referral_inbox.html", context)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"))
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, Status(value).label) for value in referrals.next_statuses(referral)
        ]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Add a note"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write the note first.")},
    )


@require_http_methods(["GET", "POST"])
def detail(request, pk):
    user = _inbox_user(request)
    referral = get_object_or_404(referrals.visible_referrals(user), pk=pk)
    status_form = StatusForm(referral=referral)
    note_form = NoteForm()
    if request.method == "POST":
        if not user.has_perm("professionals.change_referral"):
            raise PermissionDenied
        if request.POST.get("action") == "status":
            status_form = StatusForm(request.POST, referral=referral)
            if status_form.is_valid():
                referrals.change_status(
                    referral,
                    status_form.cleaned_data["status"],
                    user,
                    status_form.cleaned_data["note"],
                    base_url=link_base(request),
                )
                messages.success(request, _("The status was changed."))
                return redirect("professionals_referral", pk=referral.pk)
        elif request.POST.get("action") == "note":
            note_form = NoteForm(request.POST)
            if note_form.is_valid():
                referrals.add_note(referral, user, note_form.cleaned_data["text"])
                messages.success(request, _("The note was added."))
                return redirect("professionals_referral", pk=referral.pk)
    else:
        referrals.record_view(referral, user)
    context = {
        "referral": referral,
        "flagged": referrals.is_flagged(referral),
        "events": referral.events.select_related("user"),
        "audit": referral.audit.all()[:50],
        "status_form": status_form if referrals.next_statuses(referral) else None,
        "note_form": note_form,
        "status_labels": dict(Status.choices),
    }
    return TemplateResponse(request, "professionals/admin/referral_detail.html", context)


def _indicator_scope(request):
    """The municipalities whose indicators the user may see, and whether they may export."""
    user = request.user
    export = user.has_perm(referrals.EXPORT_PERMISSION)
    if export:
        return list(scope_municipalities().order_by(default_field("name"))), True
    own = list(referrals.counselled_municipalities(user).order_by(default_field("name")))
    if not own:
        raise PermissionDenied
    return own, False


def _month(request):
    month = request.GET.get("month") or timezone.localdate().strftime("%Y-%m")
    try:
        month_bounds(month)
    except ValueError:
        raise Http404 from None
    return month


def indicators(request):
    municipalities, export = _indicator_scope(request)
    month = _month(request)
    rows = referrals.indicators(month, municipalities)
    context = {
        "month": month,
        "rows": rows,
        "units": referrals.referring_units(month, municipalities),
        "can_export": export,
        "totals": {name: sum(getattr(row, name) for row in rows) for name in referrals.FIGURES},
    }
    return TemplateResponse(request, "professionals/admin/referral_indicators.html", context)


def indicators_csv(request):
    municipalities, export = _indicator_scope(request)
    if not export:
        raise PermissionDenied
    month = _month(request)
    body = referrals.indicators_csv(month, referrals.indicators(month, municipalities))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="liikuntaneuvonta-{month}.csv"'
    return response


def catalogue_check(request):
    """Coordinators: the catalogue's exercise counselling services and the counselling
    settings, where they disagree."""
    if not request.user.has_perm(referrals.SETTINGS_PERMISSION):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "professionals/admin/catalogue_check.html",
        {"found": referrals.catalogue_disagreements()},
    )
