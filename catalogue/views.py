from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core import sources
from core.i18n import Translated, default_field
from core.pagecache import cached_catalogue_page, ids_per_generation, per_generation

from . import places
from .accessibility import PROFILES, profiles
from .audiences import AUDIENCES
from .listing import listed, scope_municipalities, shown_with_partners, with_sources
from .models import (
    LocalEnrichment,
    Service,
    ServiceChannel,
    ServiceChannelLink,
    ServiceOccurrence,
    ServiceSearchEntry,
    ServiceTheme,
    Theme,
)
from .models.services import slug_for
from .opening import day_text, is_scheduled, today_spans
from .openinghours import HELSINKI, is_open, next_change, upcoming_exceptions, weekly_rows
from .search.query import KINDS

CHANNEL_GROUPS = (
    ("places", ("place",)),
    ("phone", ("phone",)),
    ("online", ("online", "webpage", "printable")),
)


@require_safe
@cached_catalogue_page(vary_on=lambda: this_minute())
def search(request):
    """The catalogue search page: a GET form (no JavaScript needed), facets with counts,
    removable filters, pagination, highlighted matches, and help when nothing is found."""
    from .search import get_backend
    from .search import page as helpers

    language = translation.get_language()
    location = request.GET.get("location", "").strip()
    query, errors = helpers.parse_request(request.GET, language, lenient=True)
    # One result per service offered in several municipalities, the others listed with it.
    query = replace(query, collapse=True)
    backend = get_backend()
    results = backend.search(query)
    found = [hit.service_id for hit in results.hits]
    services = listed(found) if found else {}
    members = helpers.member_links([pk for hit in results.hits for pk in hit.members], language)
    with_sources(services.values())
    highlight = helpers.highlighter(helpers.query_terms(results.groups))
    today = today_spans(services)
    moment = datetime.now(HELSINKI)
    place_types = places.types_of(
        [pk for pk, service in services.items() if service.kind == Service.Kind.PLACE]
    )
    rows = []
    for hit in results.hits:
        service = services.get(hit.service_id)
        if service is None:
            continue
        also = [members[pk] for pk in hit.members if pk in members]
        name, organisation = service.names, service.organisation
        rows.append(
            {
                "service": service,
                # What the template would otherwise look up on the service, twenty times
                # a page: the link, and the language attributes and notes of texts shown in
                # another language than the page's.
                "url": service.get_absolute_url(),
                "name": highlight(service.name),
                "name_lang": name.lang_attribute(language),
                "name_note": name.fallback_note(language),
                "summary": highlight(service.summary),
                "summary_lang": service.summaries.lang_attribute(language),
                "organisation": organisation.get(language),
                "organisation_lang": organisation.lang_attribute(language),
                "distance_km": hit.distance_m / 1000 if hit.distance_m is not None else None,
                "place_type": places.type_name(place_types[service.pk], language)
                if service.pk in place_types
                else "",
                # The other municipalities' services as the list's items, joined here and
                # not by a loop in the template: a result can list 30.
                "also": format_html_join("", '<li><a href="{}">{}</a></li>', also),
                "also_count": 1 + len(also),
                "today": day_text(today.get(hit.service_id, ()), moment),
                "open_now": any(
                    start <= moment < end for start, end in today.get(hit.service_id, ())
                ),
            }
        )
    suggestion = suggestion_url = ""
    respelt = helpers.spelling_suggestion(query, results)
    if respelt:
        suggestion = respelt
        suggestion_url = helpers.url_without(request.GET, "q") + "&" + urlencode({"q": respelt})
    labels = helpers.labels(
        municipalities={*results.facets.get("municipalities", {}), *query.municipalities}
    )
    # An option no result has is left out, unless it is chosen (then it can be unchosen).
    facets = {
        name: [
            (value, labels[param].get(value, value), count, value in chosen)
            for value, count in sorted(
                results.facets.get(name, {}).items(),
                key=lambda item: str(labels[param].get(item[0], item[0])).casefold(),
            )
            if count or value in chosen
        ]
        for name, param, chosen in (
            ("themes", "theme", query.themes),
            ("municipalities", "municipality", query.municipalities),
            ("service_languages", "service_language", query.service_languages),
            ("provider_types", "provider", query.provider_types),
            ("channel_types", "channel", query.channel_types),
        )
    }
    # Whom it is for, and accessibility, in their own order (not alphabetical); values no
    # hit has are left out.
    for name, param, chosen, order in (
        ("audiences", "audience", query.audiences, list(AUDIENCES)),
        ("accessibility", "accessibility", query.accessibility, list(PROFILES)),
        ("place_types", "place", query.place_types, list(places.GROUPS)),
    ):
        counts = results.facets.get(name, {})
        facets[name] = [
            (value, labels[param][value], counts.get(value, 0), value in chosen)
            for value in order
            if counts.get(value) or value in chosen
        ]
    # Services or places is one choice: its counts are those of the other filters, whichever
    # is chosen (one more search only when one is).
    kind_counts = (
        backend.search(replace(query, kinds=(), page_size=1)).facets
        if query.kinds
        else results.facets
    ).get("kinds", {})
    chosen_kind = query.kinds[0] if len(query.kinds) == 1 else ""
    facets["kinds"] = [
        ("", _("All"), sum(kind_counts.values()), chosen_kind == ""),
        *(
            (kind, labels["kind"][kind], kind_counts.get(kind, 0), chosen_kind == kind)
            for kind in KINDS
            if kind_counts.get(kind) or chosen_kind == kind
        ),
    ]
    active = helpers.active_filters(request.GET, query, labels)
    pages = max(1, -(-results.total // query.page_size))
    base = helpers.url_without(request.GET, "page")
    context = {
        "query": query,
        "params": request.GET,
        "location": location,
        "errors": errors,
        "error_links": [
            (
                f"search-{name}"
                if name in ("q", "location", "age", "municipality")
                else "search-filters",
                message,
            )
            for name, message in errors.items()
        ],
        "rows": rows,
        "total": results.total,
        "suggestion": suggestion,
        "suggestion_url": suggestion_url,
        "facets": facets,
        "free_count": results.facets.get("free_only", {}).get("true", 0),
        "kaikukortti_count": results.facets.get("kaikukortti", {}).get("true", 0),
        "open_count": results.facets.get("open_now", {}).get("true", 0),
        "active": active,
        # Nothing found: no filters to narrow nothing, but ways on.
        "themes": [] if rows else helpers.theme_choices(request),
        "kept_filters": [] if rows else helpers.kept_filters(request.GET),
        "page_number": query.page,
        "pages": pages,
        "previous_url": f"{base}&page={query.page - 1}" if query.page > 1 else "",
        "next_url": f"{base}&page={query.page + 1}" if query.page < pages else "",
    }
    response = render(request, "catalogue/search.html", context)
    if query.text:  # read by the indicators' visit counter (zero-result searches)
        response["X-Result-Count"] = str(results.total)
    return response


@require_safe
@cached_catalogue_page
def map_points(request):
    """The results map's points: the services the search page's query finds (its filters,
    words and location, the best-ranked ``MAP_MAX_POINTS``) that have a place, as GeoJSON.
    The search page's list shows the same services; the map is never the only way."""
    from .search import get_backend
    from .search import page as helpers

    language = translation.get_language()
    query, _errors = helpers.parse_request(request.GET, language, lenient=True)
    query = replace(query, page=1, page_size=settings.MAP_MAX_POINTS)
    results = get_backend().search(query)
    ids = [hit.service_id for hit in results.hits]
    entries = {
        entry.service_id: entry
        for entry in ServiceSearchEntry.objects.filter(
            service_id__in=ids, latitude__isnull=False, longitude__isnull=False
        ).select_related("service")
    }
    features = [
        map_feature(entries[pk].service, entries[pk].latitude, entries[pk].longitude)
        for pk in ids
        if pk in entries
    ]
    return JsonResponse({"type": "FeatureCollection", "total": results.total, "features": features})


def map_feature(service, latitude, longitude, place="", outline=None):
    """A GeoJSON point ([lon, lat], WGS84) with what a popup shows: the name, the place and
    the service page; a place's route or area as its ``outline`` (drawn under the marker)."""
    properties = {"name": service.name, "place": place, "url": service.get_absolute_url()}
    if outline:
        properties["outline"] = outline
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]},
        "properties": properties,
    }


def in_language(items, language):
    """Entries for the page's language; all of them when none is marked for it."""
    own = [item for item in items if item.language in ("", language)]
    return own or list(items)


def channel_view(channel, language, now, scheduled=False):
    """What a channel's card shows. ``scheduled``: the service is an activity that meets at
    its own times, so its venue's hours do not say whether it is on now."""
    hours = list(channel.hours.all())
    found = profiles(channel.accessibility)
    seen_numbers = set()
    phones = []
    for phone in in_language(channel.phones.all(), language):
        if phone.number not in seen_numbers:
            seen_numbers.add(phone.number)
            phones.append(phone)
    return {
        "channel": channel,
        "features": [
            FEATURE_LABELS[code]
            for code in (channel.accessibility or {}).get("features", ())
            if code in FEATURE_LABELS
        ],
        "addresses": [a for a in channel.addresses.all() if a.kind == "visiting"],
        # (label, True / False / None: no information) of every profile, for places.
        "profiles": [(label, found.get(name)) for name, label in PROFILES.items()]
        if channel.channel_type == "place"
        else [],
        "open_now": is_open(hours, now) if hours and not scheduled else None,
        "weekly": weekly_rows(hours, now.date()),
        "exceptions": upcoming_exceptions(hours, now.date()),
        "always_open": any(h.kind == "always" for h in hours),
        "phones": phones,
        "emails": in_language(channel.emails.all(), language),
        "links": in_language(channel.links.all(), language),
    }


def place_line(item):
    """The place's name and visiting address on one line, for a map popup."""
    parts = [item["channel"].name]
    for address in item["addresses"][:1]:
        street = " ".join(filter(None, [str(Translated.of(address.street)), address.street_number]))
        town = " ".join(
            filter(None, [address.postal_code, str(Translated.of(address.post_office))])
        )
        parts.append(", ".join(filter(None, [street, town])))
    return " – ".join(filter(None, parts))


@dataclass(frozen=True)
class ThemeLink:
    """A theme as a service page links to it."""

    pk: int
    name: str
    colour: str
    url: str


def theme_links(service, request):
    """The service's themes that have a live page (``Theme.page``), with the page's URL (the
    themes and their URLs kept per catalogue generation: ``themes_with_pages``)."""
    own = set(ServiceTheme.objects.filter(service=service).values_list("theme_id", flat=True))
    return [theme for theme in themes_with_pages(request) if theme.pk in own]


def themes_with_pages(request):
    """The themes that have a live page, in their order, each with its page's URL in the
    current language; once per catalogue generation, language and host. Shared between
    requests: read only."""

    def build():
        return [
            ThemeLink(theme.pk, str(theme.name), theme.colour, theme.page.get_url(request))
            for theme in Theme.objects.filter(page__live=True)
            .select_related("page")
            .order_by("sort_order")
        ]

    return per_generation("themes-with-pages", build, request.get_host())


def theme_index_url(request):
    """The page that lists the themes: the parent of the theme pages ("" when none is live)."""
    theme = Theme.objects.filter(page__live=True).select_related("page").first()
    index = theme.page.get_parent() if theme is not None else None
    return index.get_url(request) if index is not None and index.live else ""


# Features besides the accessibility profiles.
FEATURE_LABELS = {"parking": _("Parking")}


def upcoming(channel, now, count=5):
    """The channel's next occurrences (stored by the sync) that have not ended yet."""
    found = []
    for start, end in channel.occurrences or ():
        try:
            start = datetime.fromisoformat(start)
            end = datetime.fromisoformat(end) if end else None
        except (TypeError, ValueError):
            continue
        if (end or start) > now:
            found.append((start, end))
    return found[:count]


def schedule_entries(channels, now):
    """The schedules of the scheduled ones among ``channels`` (Lähellä.fi activities): their
    rule ("tiistaisin klo 18–19.30") and next times, each ``named`` when there are several."""
    entries = [
        {"channel": channel, "occurrences": upcoming(channel, now)}
        for channel in channels
        if channel.schedule or channel.occurrences
    ]
    for entry in entries:
        entry["named"] = len(entries) > 1
    return entries


def age_text(ranges):
    """[[18, 29], [65, None]] → "18–29, 65+"."""
    parts = [f"{low}–{high}" if high is not None else f"{low}+" for low, high in ranges]
    return ", ".join(parts)


def this_minute():
    """The search page and the calendar say what is open now: a cached copy lasts a minute."""
    return datetime.now(HELSINKI).strftime("%Y%m%d%H%M")


@require_safe
@cached_catalogue_page
def service_detail(request, slug, pk):
    service = get_object_or_404(
        Service.objects.select_related("responsible_organisation").prefetch_related(
            "municipalities"
        ),
        pk=pk,
    )
    enrichment = None
    if service.pk in ids_per_generation(
        "enriched-services", lambda: LocalEnrichment.objects.values_list("service_id", flat=True)
    ):
        enrichment = LocalEnrichment.objects.filter(service=service).select_related("image").first()
    if enrichment is not None and enrichment.hidden:
        raise Http404
    shown = service.duplicate_of
    if service.is_active and shown is not None and shown.is_active:
        # The same activity from the other source is shown instead. Not permanent: an
        # editor may split the pair.
        return redirect(shown.get_absolute_url())
    themes = theme_links(service, request)
    if not service.is_active:
        context = {
            "service": service,
            "themes": themes,
            "theme_index_url": theme_index_url(request),
        }
        return render(request, "catalogue/service_gone.html", context, status=410)
    canonical = service.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    # The language switch and hreflang lead to the other language's own address (its slug
    # is the service's name in that language), not to a redirect.
    request.language_urls = {
        code: service.get_absolute_url(code) for code, _name in settings.LANGUAGES
    }

    language = translation.get_language()
    now = datetime.now(HELSINKI)
    partners = []
    if service.pk in shown_with_partners():
        partners = list(
            Service.objects.filter(duplicate_of=service, is_active=True).select_related(
                "responsible_organisation"
            )
        )
    members = [service, *partners]
    # A subquery, not a join: no channel is repeated, so no DISTINCT over whole rows.
    linked = ServiceChannelLink.objects.filter(service__in=members).values("channel_id")
    channels = ServiceChannel.objects.filter(pk__in=linked, is_active=True).prefetch_related(
        "addresses", "hours", "phones", "emails", "links"
    )
    groups = {name: [] for name, _types in CHANNEL_GROUPS}
    ordered = list(channels.order_by("channel_type", default_field("name"), "pk"))
    scheduled = is_scheduled(members, ordered)
    for channel in ordered:
        view = channel_view(channel, language, now, scheduled)
        for name, types in CHANNEL_GROUPS:
            if channel.channel_type in types:
                groups[name].append(view)
    schedules = schedule_entries(ordered, now)
    map_features = [
        map_feature(
            service,
            item["channel"].latitude,
            item["channel"].longitude,
            place_line(item),
            outline=item["channel"].geometry,
        )
        for item in groups["places"]
        if item["channel"].latitude is not None and item["channel"].longitude is not None
    ]
    place = None
    if service.kind == Service.Kind.PLACE:
        own = next((item["channel"] for item in groups["places"]), None)
        if own is not None:
            place = {
                "channel": own,
                "type": places.type_name(own.place_type, language),
                "facts": places.fact_lines(own.facts),
                "closed": own.facts.get("status") == "out-of-service-temporarily",
                "services": list(places.services_at(own)),
            }
    elif any(item["channel"].same_place_id for item in groups["places"]):
        # A location that is also a place in the sports places register links to it.
        paired = {
            channel.pk: channel
            for channel in ServiceChannel.objects.filter(
                also_listed_as__in=[item["channel"] for item in groups["places"]],
                is_active=True,
            )
        }
        owners = dict(
            Service.objects.filter(
                channel_links__channel__in=list(paired), kind=Service.Kind.PLACE, is_active=True
            ).values_list("channel_links__channel", "pk")
        )
        by_pk = Service.objects.in_bulk(list(owners.values()))
        for item in groups["places"]:
            target = item["channel"].same_place_id
            if target in owners:
                item["place"] = by_pk[owners[target]]
    activity = next((member for member in members if member.source == "lahella"), None)
    organisation = service.responsible_organisation or next(
        (p.responsible_organisation for p in partners if p.responsible_organisation), None
    )
    context = {
        "service": service,
        "themes": themes,
        "page_title": service.name,
        "groups": groups,
        "schedules": schedules,
        # Its meetings as iCal, when the events calendar has any ahead.
        "calendar_url": reverse(
            "catalogue:service-ical", kwargs={"slug": slug_for(service.name), "pk": service.pk}
        )
        # Meetings are worked out from the channels' events and dates (indexing): none
        # without them.
        if any(channel.events or channel.occurrences for channel in ordered)
        and ServiceOccurrence.objects.filter(service=service, starts__gte=now).exists()
        else "",
        "activity": activity,
        "ages": age_text(activity.age_ranges) if activity and activity.age_ranges else "",
        "organisation": organisation,
        "sources": [
            {"label": sources.attribution(m.source), "modified": m.source_modified}
            for m in sorted(members, key=lambda m: sources.listing_order(m.source))
        ],
        "languages": [
            translation.get_language_info(code)["name_translated"]
            if code in dict(translation.trans_real.get_languages())
            else code
            for code in sorted({code for m in members for code in m.service_languages})
        ],
        "municipalities": list(service.municipalities.all()),
        "enrichment": enrichment,
        "feedback_thanks": request.GET.get("feedback") == "thanks",
        "map_features": {"type": "FeatureCollection", "features": map_features}
        if map_features
        else None,
        "place": place,
    }
    response = render(request, "catalogue/service_detail.html", context)
    # The cached copy lasts until a place opens or closes, a meeting passes, or midnight.
    response.valid_until = min(
        [next_change(channel.hours.all(), now) for channel in ordered]
        + [
            moment
            for entry in schedules
            for start, end in entry["occurrences"]
            for moment in (start, end)
            if moment is not None and moment > now
        ]
        + [next_change((), now)]
    )
    return response


@require_safe
def kaikukortti(request):
    """What Kaikukortti is, and the search for the services that accept it."""
    return render(request, "catalogue/kaikukortti.html", {})


@require_safe
def situation(request):
    """ "Mikä sopisi minulle?" / "Vad passar mig?": three questions (for whom, where, what
    kind of help) as one GET form whose answers are the search page's own filters, so it
    leads to the same results as choosing them there; no JavaScript."""
    language = translation.get_language()
    municipalities = sorted(
        scope_municipalities(),
        key=lambda m: (Translated.of(m, "name").get(language) or "").casefold(),
    )
    context = {
        "audiences": list(AUDIENCES.items()),
        "municipalities": municipalities,
        "themes": list(Theme.objects.order_by("sort_order")),
    }
    return render(request, "catalogue/situation.html", context)
