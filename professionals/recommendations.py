"""Service recommendation lists (palvelusuositus) for asiakasohjaus.

A professional collects services into a draft kept in their session, orders them, writes
short notes and picks the client's language, then creates the list: an unguessable short
link, a QR code and a large-print view for the client. The list holds no personal data: notes
that look like personal identity codes, phone numbers or e-mail addresses are refused.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from catalogue.listing import with_sources
from catalogue.models import AreaType, Service, ServiceChannelLink
from catalogue.openinghours import HELSINKI
from catalogue.views import channel_view, schedule_entries
from core import ratelimits
from core.counters import bump
from core.i18n import default_field, language_codes
from core.inputs import ascii_int, is_ascii_digits, safe_next
from core.qr import qr_svg

from .models import RecommendationItem, RecommendationList
from .pii import personal_data_in

SESSION_KEY = "recommendation_draft"
MAX_ITEMS = 30
NOTE_LENGTH = 500
LIST_NOTE_LENGTH = 1000
PROFESSIONAL_PERMISSION = "professionals.add_recommendationlist"


def is_professional(user):
    return user.is_authenticated and user.has_perm(PROFESSIONAL_PERMISSION)


def professional_required(view):
    """Professionals only: others are sent to log in, or refused when logged in without the
    permission."""

    @wraps(view)
    @login_required(login_url="professionals:login")
    def wrapper(request, *args, **kwargs):
        if not is_professional(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# --- The draft --------------------------------------------------------------------------------


def draft(request):
    data = request.session.get(SESSION_KEY) or {}
    items = [
        {"service": int(item["service"]), "note": str(item.get("note", ""))[:NOTE_LENGTH]}
        for item in data.get("items", [])
        if isinstance(item, dict) and is_ascii_digits(str(item.get("service", "")))
    ]
    language = data.get("language") if data.get("language") in language_codes() else ""
    return {
        "items": items[:MAX_ITEMS],
        "note": str(data.get("note", ""))[:LIST_NOTE_LENGTH],
        "language": language or translation.get_language(),
    }


def save_draft(request, data):
    request.session[SESSION_KEY] = data
    request.session.modified = True


def draft_service_ids(request):
    return [item["service"] for item in draft(request)["items"]]


@require_POST
@professional_required
def add(request):
    """ "Add to list" on search results and service pages."""
    fallback = reverse("professionals:builder")
    try:
        service = Service.objects.get(pk=ascii_int(request.POST.get("service")), is_active=True)
    except Service.DoesNotExist:
        return redirect(safe_next(request, request.POST.get("next"), fallback))
    data = draft(request)
    ids = [item["service"] for item in data["items"]]
    if request.POST.get("action") == "remove":
        data["items"] = [item for item in data["items"] if item["service"] != service.pk]
    elif service.pk not in ids and len(ids) < MAX_ITEMS:
        data["items"].append({"service": service.pk, "note": ""})
    save_draft(request, data)
    return redirect(safe_next(request, request.POST.get("next"), fallback))


@require_POST
@professional_required
def copy(request, code):
    """ "Copy to a new list": a list of one's own (expired too, until it is deleted) added to
    the list being built, its services after those already there (nothing of the draft is
    lost), its note and language taken when the draft has none."""
    made = get_object_or_404(RecommendationList, code=code, created_by=request.user)
    data = draft(request)
    was_empty = not data["items"]
    ids = {item["service"] for item in data["items"]}
    for item in made.items.filter(service__is_active=True).order_by("position"):
        if item.service_id not in ids and len(data["items"]) < MAX_ITEMS:
            data["items"].append({"service": item.service_id, "note": item.note})
            ids.add(item.service_id)
    if was_empty:
        data["language"] = made.language
    if not data["note"]:
        data["note"] = made.note
    save_draft(request, data)
    return redirect("professionals:builder")


# The most lists the workspace shows: a professional makes a few a day, and lists expire.
OWN_LISTS_SHOWN = 100


def own_lists(user):
    """The lists ``user`` made that still exist (expired ones until they are deleted), newest
    first, each with ``service_count``."""
    return (
        RecommendationList.objects.filter(created_by=user)
        .annotate(service_count=Count("items"))
        .order_by("-created_at")[:OWN_LISTS_SHOWN]
    )


@dataclass
class Row:
    index: int
    service: Service
    note: str
    error: str = ""


def _apply_typed(request, data):
    """Take the notes and language typed into the builder form. Returns the errors found:
    {field name: message}. A note with personal data is not stored in the draft (the page
    shows it as typed so that nothing is lost)."""
    errors = {}
    for index, item in enumerate(data["items"]):
        name = f"note-{index}"
        if name not in request.POST:
            continue
        typed = request.POST[name].strip()
        problem = _note_problem(typed, NOTE_LENGTH)
        if problem:
            errors[name] = problem
        else:
            item["note"] = typed
    if "note" in request.POST:
        typed = request.POST["note"].strip()
        problem = _note_problem(typed, LIST_NOTE_LENGTH)
        if problem:
            errors["note"] = problem
        else:
            data["note"] = typed
    if request.POST.get("language") in language_codes():
        data["language"] = request.POST["language"]
    return errors


def _note_problem(text, limit):
    if len(text) > limit:
        return _("The note is too long: at most %(limit)s characters.") % {"limit": limit}
    found = personal_data_in(text)
    if found:
        return _(
            "The note seems to contain %(what)s. Do not write any personal data about the "
            "client: the list can be opened by anyone who has its link."
        ) % {"what": ", ".join(str(label) for label in found)}
    return ""


def _move(items, index, step):
    other = index + step
    if 0 <= index < len(items) and 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]


@never_cache
@professional_required
def builder(request):
    """The list being built: order, notes, language; then create it. Works without
    JavaScript: every button sends the whole form, so nothing typed is lost."""
    data = draft(request)
    errors = {}
    if request.method == "POST":
        errors = _apply_typed(request, data)
        action = request.POST.get("action", "")
        kind, _sep, argument = action.partition(":")
        index = ascii_int(argument, default=-1)
        if kind == "up":
            _move(data["items"], index, -1)
        elif kind == "down":
            _move(data["items"], index, 1)
        elif kind == "remove" and 0 <= index < len(data["items"]):
            del data["items"][index]
        elif kind == "clear":
            data = {"items": [], "note": "", "language": data["language"]}
        save_draft(request, data)
        if kind == "create" and not errors:
            if not data["items"]:
                errors["items"] = _("Add at least one service to the list.")
            elif ratelimits.hit(
                request,
                "professionals.recommendation-list",
                "RATELIMIT_RECOMMENDATION_LIST",
                key="user_or_ip",
            ):
                errors["items"] = _("You have made many lists in a short time. Try again later.")
            else:
                made = create_list(request.user, data)
                request.session.pop(SESSION_KEY, None)
                return redirect("professionals:created", code=made.code)
        if not errors:
            return redirect("professionals:builder")
    services = Service.objects.select_related("responsible_organisation").in_bulk(
        [item["service"] for item in data["items"]]
    )
    with_sources(services.values())
    rows = []
    for index, item in enumerate(data["items"]):
        service = services.get(item["service"])
        if service is None:
            continue
        name = f"note-{index}"
        typed = request.POST.get(name, item["note"]) if errors else item["note"]
        rows.append(Row(index, service, typed, errors.get(name, "")))
    summary = [(f"note-{row.index}", row.error) for row in rows if row.error]
    if errors.get("note"):
        summary.append(("list-note", errors["note"]))
    if errors.get("items"):
        summary.append(("list-items", errors["items"]))
    note = request.POST.get("note", data["note"]) if errors else data["note"]
    context = {
        "rows": rows,
        "note": note,
        "note_error": errors.get("note", ""),
        "items_error": errors.get("items", ""),
        "language": data["language"],
        "languages": settings.LANGUAGES,
        "error_summary": summary,
        "max_items": MAX_ITEMS,
        "days": settings.RECOMMENDATION_LIST_DAYS,
    }
    return render(request, "professionals/recommendations/builder.html", context, status=200)


@transaction.atomic
def create_list(user, data):
    """Store the list and count it: lists made, and services recommended per service, theme
    and municipality."""
    now = timezone.now()
    made = RecommendationList.objects.create(
        language=data["language"],
        note=data["note"],
        created_at=now,
        expires_at=now + timedelta(days=settings.RECOMMENDATION_LIST_DAYS),
        created_by=user,
    )
    services = Service.objects.prefetch_related("themes", "municipalities").in_bulk(
        [item["service"] for item in data["items"]]
    )
    position = 0
    for item in data["items"]:
        service = services.get(item["service"])
        if service is None:
            continue
        position += 1
        RecommendationItem.objects.create(
            recommendation_list=made, service=service, position=position, note=item["note"]
        )
        bump("recommendation.services", service.pk)
        for theme in service.themes.all():
            bump("recommendation.themes", theme.slug)
        codes = [m.code for m in service.municipalities.all()]
        if service.area_type in (AreaType.NATIONWIDE, AreaType.NATIONWIDE_EXCEPT_ALAND):
            codes = ["nationwide"]
        for code in codes:
            bump("recommendation.municipalities", code)
    bump("recommendation.lists")
    return made


@never_cache
@professional_required
def created(request, code):
    made = get_object_or_404(RecommendationList, code=code, created_by=request.user)
    link = request.build_absolute_uri(made.get_absolute_url())
    context = {
        "made": made,
        "link": link,
        "qr": qr_svg(link, _("QR code of the list's link")),
        "print_url": print_url(made),
        "count": made.items.count(),
    }
    return render(request, "professionals/recommendations/created.html", context)


def print_url(made):
    with translation.override(made.language):
        return reverse("professionals:recommendation-print", args=[made.code])


# --- The client's view ------------------------------------------------------------------------


def _client_rows(made):
    """The list's services as the client sees them, with what is on their pages: each
    channel's contacts and opening or service hours, and when a scheduled activity meets (its
    rule and next times), also from the same activity's listing in the other source."""
    items = list(made.items.select_related("service__responsible_organisation"))
    services = [item.service for item in items]
    with_sources(services)
    now = datetime.now(HELSINKI)
    language = translation.get_language()
    # The other source's listing of an activity shown as one of these (catalogue.dedupe).
    shown_as = {pk: pk for pk in (s.pk for s in services)}
    for partner, shown in Service.objects.filter(
        duplicate_of__in=[s.pk for s in services], is_active=True
    ).values_list("pk", "duplicate_of"):
        shown_as.setdefault(partner, shown)
    channels, seen = {}, set()
    links = (
        ServiceChannelLink.objects.filter(service__in=list(shown_as), channel__is_active=True)
        .select_related("channel")
        .prefetch_related(
            "channel__addresses",
            "channel__hours",
            "channel__phones",
            "channel__emails",
            "channel__links",
        )
        .order_by("channel__channel_type", default_field("channel__name"), "channel__pk")
    )
    for link in links:  # one query for all the services, not one per service
        service_id = shown_as[link.service_id]
        if (service_id, link.channel_id) in seen:
            continue
        seen.add((service_id, link.channel_id))
        channels.setdefault(service_id, []).append(channel_view(link.channel, language, now))
    hidden = set(
        Service.objects.filter(
            pk__in=[s.pk for s in services], enrichment__hidden=True
        ).values_list("pk", flat=True)
    )
    rows = []
    for item in items:
        views = channels.get(item.service.pk, [])
        rows.append(
            {
                "item": item,
                "service": item.service,
                "ended": not item.service.is_active or item.service.pk in hidden,
                "channels": views,
                "schedules": schedule_entries([view["channel"] for view in views], now),
            }
        )
    return rows


def _client_list(code):
    made = RecommendationList.objects.filter(code=code).first()
    if made is None:
        raise Http404
    return made


def _client_response(request, made, template):
    if made.expired:
        response = render(
            request, "professionals/recommendations/expired.html", {"made": made}, status=410
        )
    else:
        link = request.build_absolute_uri(made.get_absolute_url())
        context = {
            "made": made,
            "rows": _client_rows(made),
            "link": link,
            "qr": qr_svg(link, _("QR code of this list's link")),
            "print_url": print_url(made),
        }
        response = render(request, template, context)
    # The address is the key to the list: never sent onwards, never indexed or cached.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def client_view(request, code):
    return _client_response(
        request, _client_list(code), "professionals/recommendations/client.html"
    )


@require_safe
def client_print(request, code):
    return _client_response(request, _client_list(code), "professionals/recommendations/print.html")


# An expired list still tells the client it has expired for this long, then it is deleted.
EXPIRED_KEPT_DAYS = 30


def purge_expired_lists(now=None):
    """Delete lists that expired more than EXPIRED_KEPT_DAYS ago. Returns how many."""
    limit = (now or timezone.now()) - timedelta(days=EXPIRED_KEPT_DAYS)
    _total, counts = RecommendationList.objects.filter(expires_at__lte=limit).delete()
    return counts.get(RecommendationList._meta.label, 0)
