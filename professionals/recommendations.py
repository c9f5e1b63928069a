"""Service recommendation lists (palvelusuositus) for asiakasohjaus.

A professional collects services into a draft kept in their session, orders them, writes
short notes and picks the client's language, then creates the list: an unguessable short
link, a QR code and a large-print view for the client. The list holds no personal data: notes
that look like personal identity codes, phone numbers or e-mail addresses are refused.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps
from urllib.parse import quote

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
from django.utils.translation import ngettext
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
from core.listitems import page_kind, page_kinds
from core.qr import qr_svg

from .guidance import SELFCARE_METRIC
from .models import NationalService, RecommendationItem, RecommendationList
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


Kind = RecommendationItem.Kind


def _draft_item(item):
    """An item of the draft from the session: {"kind", "id", "note", "code"}, or None. Drafts
    of services only ({"service": id}) are read too."""
    if not isinstance(item, dict):
        return None
    kind = item.get("kind", Kind.SERVICE)
    ident = str(item.get("id", item.get("service", "")))
    if kind not in Kind.values or not is_ascii_digits(ident):
        return None
    return {
        "kind": kind,
        "id": int(ident),
        "note": str(item.get("note", ""))[:NOTE_LENGTH],
        "code": bool(item.get("code")) and kind == Kind.PROGRAMME,
    }


def draft(request):
    data = request.session.get(SESSION_KEY) or {}
    raw = data.get("items", [])
    items = [made for made in map(_draft_item, raw if isinstance(raw, list) else []) if made]
    language = data.get("language") if data.get("language") in language_codes() else ""
    return {
        "items": items[:MAX_ITEMS],
        "note": str(data.get("note", ""))[:LIST_NOTE_LENGTH],
        "language": language or translation.get_language(),
    }


def save_draft(request, data):
    request.session[SESSION_KEY] = data
    request.session.modified = True


def _has(data, kind, ident):
    return any(item["kind"] == kind and item["id"] == ident for item in data["items"])


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
    if request.POST.get("action") == "remove":
        data["items"] = [
            item
            for item in data["items"]
            if not (item["kind"] == Kind.SERVICE and item["id"] == service.pk)
        ]
    elif not _has(data, Kind.SERVICE, service.pk) and len(data["items"]) < MAX_ITEMS:
        data["items"].append({"kind": Kind.SERVICE, "id": service.pk, "note": "", "code": False})
    save_draft(request, data)
    return redirect(safe_next(request, request.POST.get("next"), fallback))


@require_POST
@professional_required
def copy(request, code):
    """ "Copy to a new list": a list of one's own (expired too, until it is deleted) added to
    the list being built, its items after those already there (nothing of the draft is lost;
    a programme gets a new code of its own if it had one), its note and language taken when
    the draft has none."""
    made = get_object_or_404(RecommendationList, code=code, created_by=request.user)
    data = draft(request)
    was_empty = not data["items"]
    for item in made.items.order_by("position"):
        ident = item.service_id or item.page_id or item.national_service_id
        if ident is None or _has(data, item.kind, ident) or len(data["items"]) >= MAX_ITEMS:
            continue
        if item.kind == Kind.SERVICE and not item.service.is_active:
            continue
        data["items"].append(
            {
                "kind": item.kind,
                "id": ident,
                "note": item.note,
                "code": bool(item.continuation_code),
            }
        )
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
    kind: str
    target: object  # a Service, a Page or a NationalService
    title: str
    url: str
    note: str
    error: str = ""
    code: bool = False
    subtitle: str = ""

    @property
    def kind_label(self):
        return Kind(self.kind).label

    @property
    def service(self):
        return self.target if self.kind == Kind.SERVICE else None


def selfcare_choices():
    """What the builder offers beside services: [(group label, [(value, title)])], values
    "<kind>:<id>"; live pages of the registered kinds (core.listitems) and the national
    self-care services in use."""
    groups = []
    for kind in page_kinds():
        pages = kind.model.objects.live().order_by("title")
        options = [(f"{kind.kind}:{page.pk}", page.title) for page in pages]
        if options:
            groups.append((Kind(kind.kind).label, options))
    national = [
        (f"{Kind.NATIONAL}:{service.pk}", service.name)
        for service in NationalService.objects.filter(active=True)
    ]
    if national:
        groups.append((Kind.NATIONAL.label, national))
    return groups


def _targets(items):
    """{(kind, id): the item's target} for those that still exist and may be shown."""
    found = {}
    ids = {kind: [i["id"] for i in items if i["kind"] == kind] for kind in Kind.values}
    services = Service.objects.select_related("responsible_organisation").in_bulk(ids[Kind.SERVICE])
    with_sources(services.values())
    found.update({(Kind.SERVICE, pk): service for pk, service in services.items()})
    for kind in page_kinds():
        pages = kind.model.objects.live().in_bulk(ids.get(kind.kind, []))
        found.update({(kind.kind, pk): page for pk, page in pages.items()})
    nationals = NationalService.objects.filter(active=True).in_bulk(ids[Kind.NATIONAL])
    found.update({(Kind.NATIONAL, pk): service for pk, service in nationals.items()})
    return found


def _row(index, item, target, note, error=""):
    if item["kind"] == Kind.SERVICE:
        organisation = target.responsible_organisation
        return Row(
            index,
            item["kind"],
            target,
            target.name,
            target.get_absolute_url(),
            note,
            error,
            subtitle=organisation.name if organisation else "",
        )
    if item["kind"] == Kind.NATIONAL:
        return Row(index, item["kind"], target, target.name, target.url, note, error)
    return Row(
        index, item["kind"], target, target.title, target.url, note, error, code=item["code"]
    )


def _add_selfcare(request, data):
    """The builder's "Add" of a self-care item: "<kind>:<id>" among the choices. Returns an
    error message or ""."""
    value = request.POST.get("selfcare", "")
    offered = {v for _label, options in selfcare_choices() for v, _title in options}
    if value not in offered:
        return _("Choose a self-care item to add.")
    kind, _sep, ident = value.partition(":")
    if len(data["items"]) >= MAX_ITEMS:
        return ngettext(
            "The list is full: at most %(max)s item.",
            "The list is full: at most %(max)s items.",
            MAX_ITEMS,
        ) % {"max": MAX_ITEMS}
    if not _has(data, kind, int(ident)):
        data["items"].append(
            {
                "kind": kind,
                "id": int(ident),
                "note": "",
                "code": kind == Kind.PROGRAMME and request.POST.get("prepare_code") == "on",
            }
        )
    return ""


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
        elif kind == "add-selfcare":
            problem = _add_selfcare(request, data)
            if problem:
                errors["selfcare"] = problem
        elif kind == "code" and 0 <= index < len(data["items"]):
            item = data["items"][index]
            item["code"] = item["kind"] == Kind.PROGRAMME and not item["code"]
        save_draft(request, data)
        if kind == "create" and not errors:
            if not data["items"]:
                errors["items"] = _("Add at least one service or self-care item to the list.")
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
    targets = _targets(data["items"])
    rows = []
    for index, item in enumerate(data["items"]):
        target = targets.get((item["kind"], item["id"]))
        if target is None:
            continue
        name = f"note-{index}"
        typed = request.POST.get(name, item["note"]) if errors else item["note"]
        rows.append(_row(index, item, target, typed, errors.get(name, "")))
    summary = [(f"note-{row.index}", row.error) for row in rows if row.error]
    if errors.get("note"):
        summary.append(("list-note", errors["note"]))
    if errors.get("items"):
        summary.append(("list-items", errors["items"]))
    if errors.get("selfcare"):
        summary.append(("selfcare", errors["selfcare"]))
    note = request.POST.get("note", data["note"]) if errors else data["note"]
    context = {
        "rows": rows,
        "note": note,
        "note_error": errors.get("note", ""),
        "items_error": errors.get("items", ""),
        "selfcare_error": errors.get("selfcare", ""),
        "selfcare_choices": selfcare_choices(),
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
    and municipality, and self-care items per item. A programme asked with a code gets a
    prepared continuation code."""
    now = timezone.now()
    made = RecommendationList.objects.create(
        language=data["language"],
        note=data["note"],
        created_at=now,
        expires_at=now + timedelta(days=settings.RECOMMENDATION_LIST_DAYS),
        created_by=user,
    )
    targets = _targets(data["items"])
    services = Service.objects.prefetch_related("themes", "municipalities").in_bulk(
        [item["id"] for item in data["items"] if item["kind"] == Kind.SERVICE]
    )
    position = 0
    for item in data["items"]:
        target = targets.get((item["kind"], item["id"]))
        if target is None:
            continue
        position += 1
        row = RecommendationItem(
            recommendation_list=made, kind=item["kind"], position=position, note=item["note"]
        )
        if item["kind"] == Kind.SERVICE:
            service = services[target.pk]
            row.service = service
            bump("recommendation.services", service.pk)
            for theme in service.themes.all():
                bump("recommendation.themes", theme.slug)
            codes = [m.code for m in service.municipalities.all()]
            if service.area_type in (AreaType.NATIONWIDE, AreaType.NATIONWIDE_EXCEPT_ALAND):
                codes = ["nationwide"]
            for code in codes:
                bump("recommendation.municipalities", code)
        else:
            if item["kind"] == Kind.NATIONAL:
                row.national_service = target
            else:
                row.page = target
                kind = page_kind(item["kind"])
                if item["code"] and kind and kind.prepare_code:
                    row.continuation_code = kind.prepare_code(target)
            bump(SELFCARE_METRIC, f"{item['kind']}:{target.pk}")
        row.save()
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
        "slip_url": slip_url(made),
        "sms_url": sms_url(made, link),
        "count": made.items.count(),
    }
    return render(request, "professionals/recommendations/created.html", context)


def sms_url(made, link):
    """An ``sms:`` link with the list's address in a text in the client's language: opened
    on the professional's phone, it starts a message the professional sends from there. The
    service never sees or stores the client's number."""
    with translation.override(made.language):
        text = _("Your service recommendations from the hyvinvointiopas: %(link)s") % {"link": link}
    return f"sms:?&body={quote(text)}"


def slip_url(made):
    with translation.override(made.language):
        return reverse("professionals:recommendation-slip", args=[made.code])


def print_url(made):
    with translation.override(made.language):
        return reverse("professionals:recommendation-print", args=[made.code])


# --- The client's view ------------------------------------------------------------------------


def _client_rows(made):
    """The list's items as the client sees them. Services with what is on their pages: each
    channel's contacts and opening or service hours, and when a scheduled activity meets (its
    rule and next times), also from the same activity's listing in the other source.
    Self-care items with what to do next, and a programme's prepared code with its link."""
    items = list(made.items.select_related("service__responsible_organisation", "national_service"))
    services = [item.service for item in items if item.service_id]
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
    pages = {}
    for kind in page_kinds():
        ids = [item.page_id for item in items if item.kind == kind.kind and item.page_id]
        pages.update({(kind.kind, pk): p for pk, p in kind.model.objects.in_bulk(ids).items()})
    rows = []
    for item in items:
        if item.kind == Kind.SERVICE:
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
        else:
            rows.append(_selfcare_row(item, pages.get((item.kind, item.page_id))))
    return rows


def _selfcare_row(item, page):
    """A self-care item for the client: its title, address, what it is and what to do next;
    a programme's code and the address where it is used."""
    row = {"item": item, "selfcare": True, "kind_label": item.get_kind_display()}
    if item.kind == Kind.NATIONAL:
        service = item.national_service
        if service is None or not service.active:
            return {**row, "ended": True, "title": _("A national self-care service")}
        return {
            **row,
            "ended": False,
            "title": service.name,
            "url": service.url,
            "external": True,
            "description": service.description,
            "next_step": service.next_step,
        }
    kind = page_kind(item.kind)
    if page is None or not page.live or kind is None:
        return {**row, "ended": True, "title": item.get_kind_display()}
    code_url = ""
    if item.continuation_code and kind.code_url:
        code_url = kind.code_url(page, item.continuation_code)
    return {
        **row,
        "ended": False,
        "title": page.title,
        "url": page.url,
        "description": getattr(page, "search_description", "") or getattr(page, "intro", ""),
        "next_step": kind.next_step,
        "code": item.continuation_code,
        "code_url": code_url,
    }


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
            "slip_url": slip_url(made),
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


@require_safe
def client_slip(request, code):
    """An A5 slip to hand to the client: each item's next times and hours, the link and its
    QR code."""
    return _client_response(request, _client_list(code), "professionals/recommendations/slip.html")


# An expired list still tells the client it has expired for this long, then it is deleted.
EXPIRED_KEPT_DAYS = 30


def purge_expired_lists(now=None):
    """Delete lists that expired more than EXPIRED_KEPT_DAYS ago. Returns how many."""
    limit = (now or timezone.now()) - timedelta(days=EXPIRED_KEPT_DAYS)
    _total, counts = RecommendationList.objects.filter(expires_at__lte=limit).delete()
    return counts.get(RecommendationList._meta.label, 0)
