"""Widgets for municipal websites: ``/embed/<key>/`` renders a widget (services or upcoming
events for its filter, in its language) as a light page without JavaScript or cookies, which
only the allow-listed sites (EmbedOrigin) may frame; every other page of the guide keeps
``frame-ancestors 'none'``. Its links open the full guide in a new tab."""

from datetime import timedelta
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from catalogue import places
from catalogue.audiences import AUDIENCES
from catalogue.models import Service
from catalogue.occurrences import Filters, meetings
from catalogue.opening import clock
from catalogue.openinghours import HELSINKI
from catalogue.search import CatalogueQuery, get_backend
from core.i18n import Translated

from .models import EmbedOrigin, EmbedWidget

EVENT_DAYS = 14  # an events widget lists the next two weeks
CACHE_SECONDS = 300


def allowed_origins():
    return list(EmbedOrigin.objects.filter(is_active=True).values_list("origin", flat=True))


def heading_of(widget):
    if widget.heading:
        return widget.heading
    parts = [
        {EmbedWidget.Kind.EVENTS: _("Events"), EmbedWidget.Kind.PLACES: _("Places")}.get(
            widget.kind, _("Services")
        )
    ]
    if widget.theme_id:
        parts.append(str(widget.theme.name))
    if widget.audience:
        parts.append(str(AUDIENCES[widget.audience]))
    if widget.municipality_id:
        parts.append(str(Translated.of(widget.municipality, "name")))
    return " – ".join(parts)


def guide_url(request, widget):
    """The same filter on the full guide (its search or calendar)."""
    params = {}
    if widget.municipality_id:
        params["municipality"] = widget.municipality.code
    if widget.theme_id:
        params["theme"] = widget.theme.slug
    if widget.audience:
        params["audience"] = widget.audience
    if widget.free_only:
        params["free"] = "1"
    if widget.kind in (EmbedWidget.Kind.SERVICES, EmbedWidget.Kind.PLACES):
        params["kind"] = "place" if widget.kind == EmbedWidget.Kind.PLACES else "service"
    if widget.kind == EmbedWidget.Kind.EVENTS:
        path = reverse("catalogue:events")
    else:
        path = reverse("catalogue:search")
    return request.build_absolute_uri(path + ("?" + urlencode(params) if params else ""))


def _services(request, widget):
    """Services and activities, or (a places widget) sports and recreation places, by name."""
    places_only = widget.kind == EmbedWidget.Kind.PLACES
    query = CatalogueQuery(
        language=widget.language,
        kinds=("place",) if places_only else ("service",),
        themes=(widget.theme.slug,) if widget.theme_id else (),
        municipalities=(widget.municipality.code,) if widget.municipality_id else (),
        audiences=(widget.audience,) if widget.audience else (),
        free_only=widget.free_only,
        sort="name",
        page_size=widget.size,
    )
    results = get_backend().search(query)
    services = Service.objects.in_bulk([hit.service_id for hit in results.hits])
    kinds = places.types_of(list(services)) if places_only else {}
    rows = [
        {
            "name": services[hit.service_id].name,
            "detail": places.type_name(kinds[hit.service_id], widget.language)
            if hit.service_id in kinds
            else services[hit.service_id].summary,
            "url": request.build_absolute_uri(services[hit.service_id].get_absolute_url()),
        }
        for hit in results.hits
        if hit.service_id in services
    ]
    return rows, results.total


def _events(request, widget):
    today = timezone.now().astimezone(HELSINKI).date()
    filters = Filters(
        first=today,
        last=today + timedelta(days=EVENT_DAYS - 1),
        municipality=widget.municipality.code if widget.municipality_id else "",
        theme=widget.theme.slug if widget.theme_id else "",
        audience=widget.audience,
        free=widget.free_only,
    )
    found = meetings(filters).filter(cancelled=False).select_related("service")
    rows = []
    for row in found[: widget.size]:
        start = row.starts.astimezone(HELSINKI)
        when = f"{date_format(start, 'D j.n.')} {clock(start)}"
        rows.append(
            {
                "name": row.service.name,
                "when": when,
                "datetime": start.isoformat(),
                "url": request.build_absolute_uri(row.service.get_absolute_url()),
            }
        )
    return rows, found.count()


@require_safe
@xframe_options_exempt
def widget(request, key):
    """One widget, in its own language, framed only by the allow-listed sites."""
    item = get_object_or_404(EmbedWidget.objects.select_related("municipality", "theme"), key=key)
    with translation.override(item.language):
        if item.kind == EmbedWidget.Kind.EVENTS:
            rows, total = _events(request, item)
        else:
            rows, total = _services(request, item)
        context = {
            "widget": item,
            "heading": heading_of(item),
            "rows": rows,
            "total": total,
            "more_url": guide_url(request, item),
            "new_tab": format_html(
                '<span class="visually-hidden"> ({})</span>', _("opens in a new tab")
            ),
        }
        response = render(request, "editors/embed.html", context)
        response["Content-Language"] = item.language
    origins = allowed_origins()
    response._csp_replace = {"frame-ancestors": origins or ["'none'"]}
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
