"""The events calendar page (/fi/tapahtumat/, /sv/evenemang/) and the iCal feeds: of the
calendar for a filter, and of one service's meetings (or one meeting)."""

from datetime import timedelta
from itertools import groupby
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from core.i18n import Translated
from core.inputs import ascii_int
from core.pagecache import cached_catalogue_page

from . import ical
from .audiences import AUDIENCES
from .listing import scope_municipalities
from .models import Municipality, Service, ServiceOccurrence, Theme
from .models.services import slug_for
from .occurrences import counts, last_day, meetings, midnight, parse
from .opening import clock
from .openinghours import HELSINKI
from .views import this_minute

PAGE_SIZE = 50
FEED_LIMIT = 3000  # meetings in one iCal feed


def _choices(today):
    language = translation.get_language()
    municipalities = sorted(
        scope_municipalities(),
        key=lambda m: (Translated.of(m, "name").get(language) or "").casefold(),
    )
    themes = list(Theme.objects.order_by("sort_order"))
    known = {
        "municipality": {m.code for m in municipalities},
        "theme": {t.slug for t in themes},
        "audience": set(AUDIENCES),
    }
    return municipalities, themes, known


def _filter_params(filters):
    """The filters of a feed (no days: a subscription follows the calendar as it goes)."""
    params = {
        "municipality": filters.municipality,
        "theme": filters.theme,
        "audience": filters.audience,
        "free": "1" if filters.free else "",
    }
    return {name: value for name, value in params.items() if value}


def _time_text(row):
    start = row.starts.astimezone(HELSINKI)
    if row.ends is None:
        return clock(start)
    end = row.ends.astimezone(HELSINKI)
    next_midnight = midnight(start.date() + timedelta(days=1))
    if end.date() == start.date() or end == next_midnight:
        return f"{clock(start)}–{clock(end, midnight_end=True)}"
    return f"{clock(start)} – {date_format(end, 'D j.n.')} {clock(end)}"


@require_safe
@cached_catalogue_page(vary_on=this_minute)
def events(request):
    """Upcoming meetings of activities, by day: a GET form of filters (no JavaScript), each
    option with the number of meetings it would list, and a subscribable iCal feed."""
    now = timezone.now()
    today = now.astimezone(HELSINKI).date()
    municipalities, themes, known = _choices(today)
    filters, period, errors = parse(request.GET, today, known)
    page = ascii_int(request.GET.get("page", "").strip() or "1", minimum=1, maximum=10000)
    if page is None:
        errors["page"] = _("Give the page as a whole number.")
        page = 1
    rows = meetings(filters, now).select_related("service", "channel")
    total = rows.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    shown = list(rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    names = dict(Municipality.objects.values_list("code", "name"))
    days = []
    for day, group in groupby(shown, key=lambda row: row.starts.astimezone(HELSINKI).date()):
        days.append(
            {
                "date": day,
                "label": date_format(day, "l j.n.Y"),
                "rows": [
                    {
                        "row": row,
                        "time": _time_text(row),
                        "place": ", ".join(
                            filter(None, [row.channel.name, names.get(row.municipality, "")])
                        ),
                        "calendar_url": service_calendar_url(row.service)
                        + "?"
                        + urlencode({"occurrence": row.uid}),
                    }
                    for row in group
                ],
            }
        )
    found = counts(filters, list(AUDIENCES), today, now)
    chosen = {
        "municipality": filters.municipality,
        "theme": filters.theme,
        "audience": filters.audience,
    }
    feed = reverse("catalogue:events-ical")
    params = _filter_params(filters)
    base = {**params, **({"date": filters.first.isoformat()} if period == "date" else {})}
    if period in ("today", "month"):
        base["when"] = period
    context = {
        "filters": filters,
        "period": period,
        "errors": errors,
        "today": today,
        "last_day": last_day(today),
        "periods": [
            ("today", _("Today"), found.periods["today"]),
            ("week", _("This week"), found.periods["week"]),
            ("month", _("The next 30 days"), found.periods["month"]),
        ],
        "municipalities": [
            (m.code, m.name, found.municipalities.get(m.code, 0)) for m in municipalities
        ],
        "themes": [(t.slug, t.name, found.themes.get(t.slug, 0)) for t in themes],
        "audiences": [
            (code, label, found.audiences.get(code, 0)) for code, label in AUDIENCES.items()
        ],
        "free_count": found.free,
        "chosen": chosen,
        "total": total,
        "total_text": ngettext("%(count)d event", "%(count)d events", total) % {"count": total},
        "days": days,
        "page_number": page,
        "pages": pages,
        "previous_url": "?" + urlencode({**base, "page": page - 1}) if page > 1 else "",
        "next_url": "?" + urlencode({**base, "page": page + 1}) if page < pages else "",
        "feed_url": request.build_absolute_uri(feed + ("?" + urlencode(params) if params else "")),
        "error_links": list(errors.items()),
    }
    return render(request, "catalogue/events.html", context)


def service_calendar_url(service):
    return reverse(
        "catalogue:service-ical", kwargs={"slug": slug_for(service.name), "pk": service.pk}
    )


def _ics(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _link(request):
    return lambda service: request.build_absolute_uri(service.get_absolute_url())


@require_safe
@cached_catalogue_page
def events_ical(request):
    """The calendar's meetings for a filter (municipality, theme, audience, free) from
    yesterday to the end of the calendar, as a feed to subscribe to."""
    today = timezone.now().astimezone(HELSINKI).date()
    _municipalities, _themes, known = _choices(today)
    params = request.GET.copy()
    for name in ("when", "date", "page"):
        params.pop(name, None)
    filters, _period, errors = parse(params, today, known)
    if errors:
        return HttpResponseBadRequest(
            "\n".join(f"{name}: {message}" for name, message in errors.items()),
            content_type="text/plain; charset=utf-8",
        )
    since = midnight(today - timedelta(days=1))
    rows = meetings(filters, since, without=("days",)).select_related("service", "channel")
    title = _("Events") + " – " + _("Wellbeing guide")
    return _ics(ical.feed(list(rows[:FEED_LIMIT]), title, _link(request)), "events.ics")


@require_safe
@cached_catalogue_page
def service_ical(request, slug, pk):
    """One service's meetings (``?occurrence=<uid>``: that one meeting) as iCal."""
    service = get_object_or_404(Service, pk=pk, is_active=True, search__is_public=True)
    rows = ServiceOccurrence.objects.filter(
        service=service, starts__gte=midnight(timezone.now().astimezone(HELSINKI).date())
    )
    wanted = request.GET.get("occurrence", "")
    if wanted:
        rows = ServiceOccurrence.objects.filter(service=service, uid=wanted[:80])
        if not rows.exists():
            raise Http404
    rows = rows.select_related("service", "channel").order_by("starts", "uid")
    return _ics(
        ical.feed(list(rows[:FEED_LIMIT]), service.name, _link(request)), f"service-{pk}.ics"
    )
