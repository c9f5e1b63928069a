"""The receivers' referral inbox in the Wagtail admin, and the indicators.

A receiver (a municipality's exercise counsellor, an NGO's contact) sees the referrals of the
units they receive for and nobody else's: the others give 404. Every opening of a referral and
every change is recorded in its audit log. Coordinators (export permission) see the
indicators of every unit and export them."""

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

from core.mail import link_base
from core.reports import month_bounds

from . import referrals
from .guidance import guidance, guidance_csv
from .models import Referral, ReferralType

Status = Referral.Status


def _inbox_user(request):
    if not referrals.received_units(request.user).exists():
        raise PermissionDenied
    return request.user


def inbox(request):
    user = _inbox_user(request)
    rows = referrals.visible_referrals(user).select_related(
        "unit__referral_type", "unit__municipality", "unit__organisation"
    )
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
    """One referral, for its unit's receivers; 404 for everyone else, whatever their role,
    so that nobody learns which referrals exist."""
    user = request.user
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
        "asks_best_time": referral.referral_type.asks(ReferralType.Field.BEST_TIME)
        or bool(referral.best_time),
        "asks_reasons": referral.referral_type.asks(ReferralType.Field.EXERCISE_REASONS),
    }
    return TemplateResponse(request, "professionals/admin/referral_detail.html", context)


def _indicator_scope(request):
    """The units whose indicators the user may see, and whether they may export."""
    user = request.user
    export = user.has_perm(referrals.EXPORT_PERMISSION)
    units = referrals.indicator_units(user)
    if not export and not units:
        raise PermissionDenied
    return units, export


def _month(request):
    month = request.GET.get("month") or timezone.localdate().strftime("%Y-%m")
    try:
        month_bounds(month)
    except ValueError:
        raise Http404 from None
    return month


def indicators(request):
    units, export = _indicator_scope(request)
    month = _month(request)
    rows = referrals.indicators(month, units)
    context = {
        "month": month,
        "rows": rows,
        "referring": referrals.referring_units(month, units),
        "guided": guidance(month) if export else None,
        "can_export": export,
        "totals": {name: sum(getattr(row, name) for row in rows) for name in referrals.FIGURES},
    }
    return TemplateResponse(request, "professionals/admin/referral_indicators.html", context)


def _csv(body, filename):
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def indicators_csv(request):
    units, export = _indicator_scope(request)
    if not export:
        raise PermissionDenied
    month = _month(request)
    what = request.GET.get("table", "")
    if what == "referring":
        body = referrals.referring_units_csv(month, referrals.referring_units(month, units))
        return _csv(body, f"lahettavat-yksikot-{month}.csv")
    if what == "guided":
        return _csv(guidance_csv(month, guidance(month)), f"ohjaus-{month}.csv")
    body = referrals.indicators_csv(month, referrals.indicators(month, units))
    return _csv(body, f"lahetteet-{month}.csv")


def catalogue_check(request):
    """Coordinators: the catalogue's services named like a municipal referral type and the
    type's receiving units, where they disagree."""
    if not request.user.has_perm(referrals.SETTINGS_PERMISSION):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "professionals/admin/catalogue_check.html",
        {"found": referrals.catalogue_disagreements()},
    )
