"""The Open Referral HSDS 3.0 API under /api/hsds/: read-only, public, paginated.

Lists use HSDS's paging envelope (total_items, total_pages, page_number, size, first_page,
last_page, empty, contents) and its query parameters; ``lang=fi|sv`` chooses the language of
the standard text fields (default fi). Bad parameters get a 400 with a readable message for
each, unknown ids a 404.
"""

import uuid
from datetime import datetime, time

import orjson
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalogue.search.query import MAX_PAGE
from core.i18n import default_field, either, language_codes, site_language
from core.inputs import ascii_int, has_control_characters
from core.pagecache import cached_catalogue_page, per_generation

from ..listing import ordered_by_name, public_services
from ..models import Organisation
from ..search import get_backend
from ..search.query import CatalogueQuery
from . import mapping, queries

OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50
SEARCH_LIMIT = 1000  # matches a text search can rank


class BadRequest(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


class NotFound(Exception):
    pass


# Dates, lazy texts and the like as Django's encoder writes them.
_ENCODE_OTHER = DjangoJSONEncoder().default
_JSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


def _json(data, status=200):
    body = orjson.dumps(data, default=_ENCODE_OTHER, option=_JSON_OPTIONS)
    response = HttpResponse(body, status=status, content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def endpoint(view):
    """A JSON endpoint: errors as 400/404 with messages in the language asked for; answers
    kept in the catalogue page cache (a sync or a publication starts a new generation)."""

    @require_safe
    @cached_catalogue_page
    def wrapper(request, *args, **kwargs):
        # Messages in the language asked for (the path has no language prefix).
        language = request.GET.get("lang")
        with translation.override(site_language(language)):
            try:
                return _json(view(request, *args, **kwargs))
            except BadRequest as error:
                return _json({"detail": error.errors}, status=400)
            except NotFound:
                return _json({"detail": _("No such object.")}, status=404)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# --- parameters ----------------------------------------------------------------------------


def _language(request):
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    if language not in language_codes():
        raise BadRequest({"lang": _("Use %(codes)s.") % {"codes": either(language_codes())}})
    return language


def _positive(request, name, default, maximum=None):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    value = ascii_int(raw, minimum=None, maximum=None)
    if value is None:
        raise BadRequest({name: _("Give a whole number.")})
    if value < 1 or value > (maximum or MAX_PAGE):
        message = _("Give a number from 1 to %(maximum)s.") % {"maximum": maximum or MAX_PAGE}
        raise BadRequest({name: message})
    return value


def _boolean(request, name):
    raw = (request.GET.get(name) or "").lower()
    if raw in ("", "false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise BadRequest({name: _("Use true or false.")})


def _search_text(request):
    text = (request.GET.get("search") or "").strip()
    if len(text) > 200:
        raise BadRequest({"search": _("Use at most 200 characters.")})
    if has_control_characters(text, multiline=False):
        raise BadRequest({"search": _("Leave out control characters.")})
    return text


def _uuid(request, name):
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise BadRequest({name: _("Give an identifier from this API (a UUID).")}) from None


def _modified_after(request):
    raw = request.GET.get("modified_after")
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw)
            moment = datetime.combine(day, time.min) if day else None
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequest(
            {"modified_after": _("Give a date or a time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z.")}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _page(items, page, per_page, to_json, fetch=list):
    """Page ``page`` of ``items`` (a list or a queryset) in HSDS's envelope; ``fetch`` turns
    the page's items (ids) into what ``to_json`` takes."""
    total = len(items) if isinstance(items, list) else items.count()
    chunk = fetch(items[(page - 1) * per_page : page * per_page])
    pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(chunk),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": [to_json(item) for item in chunk],
    }


def _paging(request):
    return (
        _positive(request, "page", 1),
        _positive(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
    )


def service_url(request, service, language):
    """The address of the service's page on this request's site (its scheme and host found
    once per request: a page of 50 services asked for them 50 times)."""
    root = getattr(request, "site_root", None)
    if root is None:
        root = request.site_root = request.build_absolute_uri("/").removesuffix("/")
    return root + service.get_absolute_url(language)


# --- root ----------------------------------------------------------------------------------


@endpoint
def root(request):
    """About this API."""
    return {
        "version": mapping.HSDS_VERSION,
        "profile": request.build_absolute_uri("/api/hsds/profile/"),
        "openapi_url": OPENAPI_URL,
    }


@endpoint
def profile(request):
    """What our profile adds to HSDS 3.0, for people and machines reading the feed."""
    return {
        "name": "Hyvinvointiopas – Välmåendeguide HSDS profile",
        "hsds_version": mapping.HSDS_VERSION,
        "extension_field": mapping.EXT,
        "languages": language_codes(),
        "language_parameter": "lang",
        "taxonomies": [mapping.taxonomy(key, settings.LANGUAGE_CODE) for key in mapping.TAXONOMIES],
        "documentation": settings.HSDS_PROFILE_DOCUMENTATION,
    }


# --- services ------------------------------------------------------------------------------


def filtered_services(request, language):
    """The ids of the services the request's filters select, in the listing's order: a
    query by name, or a list in the search's order when ``search`` is given."""
    services = public_services()
    term = _uuid(request, "taxonomy_term_id")
    taxonomy = _uuid(request, "taxonomy_id")
    organisation = _uuid(request, "organization_id")
    modified = _modified_after(request)
    if term:
        services = services.filter(queries.with_term(term))
    if taxonomy:
        services = services.filter(queries.with_taxonomy(taxonomy))
    if organisation:
        services = services.filter(responsible_organisation__hsds_id=organisation)
    if modified:
        services = services.filter(source_modified__gte=modified)
    text = _search_text(request)
    if not text and not (term or taxonomy or organisation or modified):
        # The whole list, as harvesters page through it: its order is kept per catalogue
        # generation (a sync or an editor's change starts a new one), so that a page is a
        # slice of ids instead of a sort and a count of every public service.
        return per_generation(
            "hsds-services",
            lambda: list(ordered_by_name(services, language).values_list("pk", flat=True)),
            language,
        )
    if not text:
        # A query, so that a page is cut and counted in SQL, not from every id.
        return ordered_by_name(services, language).values_list("pk", flat=True)
    results = get_backend().search(
        CatalogueQuery(text=text, language=language, page=1, page_size=SEARCH_LIMIT)
    )
    allowed = set(
        services.filter(pk__in=[hit.service_id for hit in results.hits]).values_list(
            "pk", flat=True
        )
    )
    return [hit.service_id for hit in results.hits if hit.service_id in allowed]


@endpoint
def services(request):
    """Services, one-to-one fields (``full=true``: fully nested)."""
    language = _language(request)
    page, per_page = _paging(request)
    full = _boolean(request, "full")
    ids = filtered_services(request, language)
    shared = mapping.context() if full else None

    def to_json(service):
        url = service_url(request, service, language)
        if full:
            return mapping.service_full(service, language, shared, url)
        return mapping.service_basic(service, language, url)

    return _page(ids, page, per_page, to_json, lambda chunk: queries.services(chunk, full=full))


@endpoint
def service(request, pk):
    """One fully nested service."""
    language = _language(request)
    found = public_services().filter(hsds_id=pk).values_list("pk", flat=True)
    rows = queries.services(list(found), full=True)
    if not rows:
        raise NotFound(pk)
    return mapping.service_full(
        rows[0], language, mapping.context(), service_url(request, rows[0], language)
    )


# --- service at locations -----------------------------------------------------------------


@endpoint
def service_at_locations(request):
    """Each (service, location) pair of the listed services."""
    language = _language(request)
    page, per_page = _paging(request)
    full = _boolean(request, "full")
    pairs = queries.service_location_pairs(filtered_services(request, language))
    shared = mapping.context() if full else None

    def fetch(chunk):
        found = {row.pk: row for row in queries.services({s for s, _c in chunk}, full=full)}
        channels = queries.channels({c for _s, c in chunk}, full=full)
        return [(found[s], channels[c]) for s, c in chunk]

    def to_json(pair):
        service, channel = pair
        return mapping.service_at_location(
            service, channel, language, shared, service_url(request, service, language)
        )

    return _page(pairs, page, per_page, to_json, fetch)


@endpoint
def service_at_location(request, pk):
    """One service at one location, both fully nested."""
    language = _language(request)
    pairs = queries.ServiceChannelLink.objects.filter(
        service__in=public_services(), channel__is_active=True
    ).values_list("service_id", "channel_id", "service__hsds_id", "channel__hsds_id")
    for service_pk, channel_pk, service_id, channel_id in pairs:
        if mapping.hsds_uuid("service_at_location", service_id, channel_id) == str(pk):
            found = queries.services([service_pk], full=True)[0]
            channel = queries.channels([channel_pk], full=True)[channel_pk]
            return mapping.service_at_location(
                found, channel, language, mapping.context(), service_url(request, found, language)
            )
    raise NotFound(pk)


# --- organisations -------------------------------------------------------------------------


def _organisations(request):
    rows = Organisation.objects.filter(is_active=True)
    text = _search_text(request)
    if text:
        rows = rows.filter(Q(name_fi__icontains=text) | Q(name_sv__icontains=text))
    return rows.order_by(default_field("name"), "pk")


def organisation_nested(request, org, language):
    """An organisation with its locations (channels) and its services' one-to-one fields."""
    data = mapping.organisation_full(org, language)
    shared = mapping.context()
    data["locations"] = [
        mapping.location_full(channel, language, shared["region_of"])
        for channel in queries.channel_rows()
        .filter(is_active=True, source=org.source, organisation_ref=org.external_id)
        .order_by("pk")
    ]
    data["services"] = [
        mapping.service_basic(service, language, service_url(request, service, language))
        for service in public_services()
        .filter(responsible_organisation=org)
        .select_related("responsible_organisation")
        .order_by(default_field("name"), "pk")
    ]
    return data


@endpoint
def organizations(request):
    """Organisations, one-to-one fields (``full=true``: with services and locations)."""
    language = _language(request)
    page, per_page = _paging(request)
    full = _boolean(request, "full") or _boolean(request, "full_service")

    def to_json(org):
        if full:
            return organisation_nested(request, org, language)
        return mapping.organisation_basic(org, language)

    return _page(_organisations(request), page, per_page, to_json)


@endpoint
def organization(request, pk):
    language = _language(request)
    org = Organisation.objects.filter(is_active=True, hsds_id=pk).first()
    if org is None:
        raise NotFound(pk)
    return organisation_nested(request, org, language)


# --- taxonomies ----------------------------------------------------------------------------


def _search_names(request, items):
    text = _search_text(request).lower()
    if not text:
        return items
    return [item for item in items if text in item["name"].lower()]


@endpoint
def taxonomies(request):
    language = _language(request)
    page, per_page = _paging(request)
    items = _search_names(request, mapping.taxonomies(language))
    return _page(items, page, per_page, lambda item: item)


def _one(items, pk):
    found = next((item for item in items if item["id"] == str(pk)), None)
    if found is None:
        raise NotFound(pk)
    return found


@endpoint
def taxonomy(request, pk):
    return _one(mapping.taxonomies(_language(request)), pk)


@endpoint
def taxonomy_terms(request):
    language = _language(request)
    page, per_page = _paging(request)
    items = _search_names(request, mapping.all_terms(language))
    taxonomy = _uuid(request, "taxonomy_id")
    parent = _uuid(request, "parent_id")
    if taxonomy:
        items = [item for item in items if item["taxonomy_id"] == taxonomy]
    if parent:
        items = [item for item in items if item.get("parent_id") == parent]
    if _boolean(request, "top_only"):
        items = [item for item in items if "parent_id" not in item]
    return _page(items, page, per_page, lambda item: item)


@endpoint
def taxonomy_term(request, pk):
    return _one(mapping.all_terms(_language(request)), pk)
