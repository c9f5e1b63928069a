"""Feedback on one service, from its public page.

"Oliko tästä apua? / Var detta till hjälp?" is only counted (portal.DailyCount, per service
and day). "Ilmoita virheestä / Rapportera ett fel" stores a short report with an optional
contact e-mail, routed to the editors responsible for the service (editors.scope), else to
the coordinators, who are told by an e-mail holding a link only. Both are rate-limited per
client address; nothing about the sender is stored but what they typed."""

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from catalogue.listing import public_services
from core import ratelimits
from core.counters import bump
from core.forms import error_summary
from core.inputs import is_ascii_digits
from core.mail import link_base, mail_link
from core.models import DailyCount
from core.reports import month_bounds
from core.security import cross_site

from . import scope
from .models import ServiceFeedback
from .models.feedback import MESSAGE_MAX_LENGTH

VOTE_METRICS = {"yes": "service_helpful", "no": "service_not_helpful"}
MONTHLY_FIGURES = ("helpful", "not_helpful", "reports", "handled")


class ReportForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("What is wrong or missing?"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea,
        help_text=gettext_lazy(
            "For example a wrong opening time, phone number or address. Do not write "
            "anything about your health or other personal matters."
        ),
        error_messages={
            "required": gettext_lazy("Write what is wrong or missing."),
            "max_length": gettext_lazy(
                "Write at most %(limit_value)d characters (now %(show_value)d)."
            ),
        },
    )
    contact_email = forms.EmailField(
        label=gettext_lazy("Your e-mail address (optional)"),
        required=False,
        help_text=gettext_lazy("Only if you want an answer. It is deleted with the report."),
        error_messages={
            "invalid": gettext_lazy("Check the e-mail address, e.g. name@example.fi."),
        },
    )

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Write what is wrong or missing."))
        return message


def _service(pk):
    service = public_services().filter(pk=pk).first()
    if service is None:
        raise Http404
    return service


def _refuse_cross_site(request, service):
    return render(
        request,
        "editors/feedback_error.html",
        {
            "service": service,
            "message": _("This form can be sent only from the service's own page on this site."),
        },
        status=403,
    )


# The feedback forms change nothing a session owns and are rate-limited; without a CSRF
# token they also work from cached service pages. Instead, a post from another site's page
# is refused (by Sec-Fetch-Site or Origin): a hostile page cannot make its visitors post.
@csrf_exempt
@require_POST
def vote(request, pk):
    """ "Was this helpful?" yes or no: counted, then back to the service page."""
    service = _service(pk)
    if cross_site(request):
        return _refuse_cross_site(request, service)
    answer = request.POST.get("helpful")
    if answer not in VOTE_METRICS:
        return render(
            request,
            "editors/feedback_error.html",
            {"service": service, "message": _("Choose “Yes” or “No”.")},
            status=400,
        )
    if ratelimits.hit(request, "editors.feedback_vote", "RATELIMIT_FEEDBACK_VOTE"):
        return render(
            request,
            "editors/feedback_error.html",
            {
                "service": service,
                "message": _("Too many answers have come from your connection. Try again later."),
            },
            status=429,
        )
    bump(VOTE_METRICS[answer], service.pk)
    return redirect(f"{service.get_absolute_url()}?feedback=thanks#feedback")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def report(request, pk):
    """The error report form. Bad input keeps what was typed and lists the errors."""
    service = _service(pk)
    status = 200
    if request.method == "POST" and cross_site(request):
        return _refuse_cross_site(request, service)
    if request.method == "POST":
        form = ReportForm(request.POST)
        if ratelimits.hit(request, "editors.feedback_report", "RATELIMIT_FEEDBACK"):
            form.is_valid()
            form.add_error(
                None, _("Too many reports have been sent from your connection. Try again later.")
            )
            status = 429
        elif form.is_valid():
            create_report(
                service,
                form.cleaned_data["message"],
                form.cleaned_data["contact_email"],
                translation.get_language(),
                base_url=link_base(request),
            )
            return render(request, "editors/feedback_sent.html", {"service": service})
        else:
            status = 400
    else:
        form = ReportForm()
    context = {
        "service": service,
        "form": form,
        "error_summary": error_summary(form, "report-form"),
    }
    return render(request, "editors/feedback_report.html", context, status=status)


def recipients_for(service):
    """The editors responsible for the service; the coordinators when nobody is."""
    return scope.responsible_editors(service) or scope.coordinators()


@transaction.atomic
def create_report(service, message, contact_email="", language=None, base_url=None):
    feedback = ServiceFeedback.objects.create(
        service=service,
        message=message,
        contact_email=contact_email,
        language=language or settings.LANGUAGE_CODE,
    )
    recipients = recipients_for(service)
    feedback.routed_to.set(recipients)
    transaction.on_commit(lambda: notify(feedback, recipients, base_url))
    return feedback


def notify(feedback, recipients, base_url=None):
    """An e-mail to those it was routed to, with a link only (on ``base_url``)."""
    return mail_link(
        [user.email for user in recipients if user.email],
        gettext_lazy("Feedback on a service"),
        gettext_lazy(
            "Someone reported an error in “%(service)s”. Read it in the service (log in first):"
        ),
        lambda: {"service": feedback.service.name},
        reverse("service_feedback:edit", args=[feedback.pk]),
        about=f"feedback {feedback.pk}",
        base_url=base_url,
    )


def monthly_counts(user, month):
    """Per service in the user's scope, for one month ("2026-11"): "helpful" and "not
    helpful" answers, error reports, and how many of those are handled."""
    start, end = month_bounds(month)
    services = scope.services(user)
    reports = (
        scope.feedback(user)
        .filter(created_at__gte=start, created_at__lt=end)
        .values("service")
        .annotate(reports=Count("pk"), handled=Count("pk", filter=Q(status="handled")))
    )
    rows = {
        row["service"]: {"reports": row["reports"], "handled": row["handled"]} for row in reports
    }
    votes = (
        DailyCount.objects.filter(
            metric__in=VOTE_METRICS.values(),
            day__gte=start.date(),
            day__lt=end.date(),
        )
        .values("metric", "key")
        .annotate(total=Sum("count"))
    )
    names = {
        metric: name
        for name, metric in (("helpful", VOTE_METRICS["yes"]), ("not_helpful", VOTE_METRICS["no"]))
    }
    for vote_row in votes:
        if is_ascii_digits(vote_row["key"]):
            rows.setdefault(int(vote_row["key"]), {})[names[vote_row["metric"]]] = vote_row["total"]
    found = services.filter(pk__in=rows).in_bulk()
    table = []
    for pk, figures in rows.items():
        if pk in found:
            table.append(
                {"service": found[pk], **{name: figures.get(name, 0) for name in MONTHLY_FIGURES}}
            )
    table.sort(key=lambda row: (row["service"].name or "").casefold())
    return table


def purge_handled(now=None, months=None):
    """Delete error reports handled more than FEEDBACK_RETENTION_MONTHS ago (with their
    contact e-mail); the monthly counts of reports go with them, the answers stay. The
    contact e-mail of any report sent that long ago, handled or not, is deleted too.
    Returns how many reports were deleted or lost their e-mail address."""
    now = now or timezone.now()
    months = settings.FEEDBACK_RETENTION_MONTHS if months is None else months
    limit = now - relativedelta(months=months)
    due = ServiceFeedback.objects.filter(
        status=ServiceFeedback.Status.HANDLED, handled_at__lte=limit
    )
    count = due.count()
    due.delete()
    count += (
        ServiceFeedback.objects.filter(created_at__lte=limit)
        .exclude(contact_email="")
        .update(contact_email="")
    )
    return count
