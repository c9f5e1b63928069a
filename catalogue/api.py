"""The public JSON API of the catalogue search (django-ninja): /api/v1/services and its
OpenAPI document /api/v1/openapi.json, for chatbots and other sites.

Parameters are the search page's: the same parsing (catalogue.search.parse_query) and the same
backend, so the API and the page never disagree. Bad parameters give 422 with one readable
message per parameter, in the language asked for."""

from typing import Annotated, Literal

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from pydantic import StringConstraints

from core.i18n import either, language_codes, site_language

from .listing import listed
from .models import ServiceTheme
from .search import QueryError, get_backend
from .search.page import parse_request, spelling_suggestion
from .search.query import (
    ACCESSIBILITY,
    AUDIENCE_CODES,
    CHANNEL_TYPES,
    KINDS,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_TEXT,
    PLACE_GROUPS,
    PROVIDER_TYPES,
    SERVICE_LANGUAGES,
)

api = NinjaAPI(
    title="Hyvinvointiopas – Välmåendeguide: service catalogue",
    version="1",
    description=(
        "Health and wellbeing promotion services (PTV), association activities (Lähellä.fi) "
        "and sports places (LIPAS) in one catalogue. Read-only, no authentication. Texts in "
        "Finnish (fi), Swedish (sv) or English (en); a text missing in the language asked for "
        "comes in another, and `fallback_language` says which."
    ),
    urls_namespace="api-v1",
    docs_url=None,  # the OpenAPI document only: no third-party JavaScript from a CDN
)


def choices(values):
    """A parameter value of listed words, comma-separated: its pattern in the document."""
    one = "|".join(values)
    return Annotated[str, StringConstraints(pattern=rf"^ *({one}) *(, *({one}) *)*$")]


# WGS84 latitude,longitude in range (what parse_query accepts).
LATITUDE = r"-?(90(\.0+)?|[1-8]?[0-9](\.[0-9]+)?)"
LONGITUDE = r"-?(180(\.0+)?|(1[0-7][0-9]|[1-9]?[0-9])(\.[0-9]+)?)"
NEAR = rf"^ *({LATITUDE}) *, *({LONGITUDE}) *$"


# The site's languages (settings.LANGUAGES), as the schema's choices.
SITE_LANGUAGE = Literal[tuple(language_codes())]


class ServiceFilters(Schema):
    q: str = Field(
        "", max_length=MAX_TEXT, description=f"Words to search for (at most {MAX_TEXT} characters)."
    )
    lang: SITE_LANGUAGE = Field(
        settings.LANGUAGE_CODE,
        description="Language of the texts and of the words: " + ", ".join(language_codes()) + ".",
    )
    theme: list[str] = Field(
        [], description="Theme slugs, e.g. liikunta; repeat or comma-separate."
    )
    municipality: list[str] = Field(
        [], description="Municipality codes, e.g. 905 (Vaasa); nationwide services match too."
    )
    age: int | None = Field(
        None, ge=0, le=130, description="Age in years: services for that age or for all."
    )
    target_group: list[str] = Field([], description="PTV target group codes, e.g. KR1.1.")
    service_language: list[choices(SERVICE_LANGUAGES)] = Field(
        [], description="Language of service: fi, sv or en."
    )
    free: bool = Field(False, description="Only services free of charge.")
    provider: list[choices(PROVIDER_TYPES)] = Field(
        [], description="public, municipal, ngo or private."
    )
    channel: list[choices(CHANNEL_TYPES)] = Field(
        [], description="place, phone, online or printable."
    )
    accessibility: list[choices(ACCESSIBILITY)] = Field(
        [], description=", ".join(ACCESSIBILITY) + ": what the places' data says."
    )
    audience: list[choices(AUDIENCE_CODES)] = Field(
        [], description="Whom the service is for: " + ", ".join(AUDIENCE_CODES) + "."
    )
    kind: list[choices(KINDS)] = Field(
        [],
        description="service (services and activities) or place (sports and recreation "
        "places, from LIPAS); both when not given.",
    )
    place: list[choices(PLACE_GROUPS)] = Field(
        [], description="Kinds of place, any of: " + ", ".join(PLACE_GROUPS) + "."
    )
    kaikukortti: bool = Field(False, description="Only services that accept Kaikukortti.")
    open: bool = Field(
        False,
        description="Only services open now (activities: meeting now), in Finnish time.",
    )
    near: str = Field(
        "",
        pattern=rf"^$|{NEAR}",
        description="latitude,longitude (WGS84), e.g. 63.096,21.616.",
    )
    location: str = Field(
        "", max_length=100, description="A postal code or municipality name instead of near."
    )
    sort: Literal["", "relevance", "distance", "name"] = Field(
        "", description="relevance, distance (needs near or location) or name."
    )
    page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Page number, from 1 to {MAX_PAGE}.")
    page_size: int = Field(
        20, ge=1, description=f"Results per page; more than {MAX_PAGE_SIZE} gives {MAX_PAGE_SIZE}."
    )


class ServiceOut(Schema):
    id: int = Field(description="This site's database id (may change on a restore).")
    source: str = Field(
        description="Where the service comes from: ptv, lahella, lipas (a place) or local."
    )
    external_id: str = Field(description="The service's id in its source (stable).")
    open_data_id: str | None = Field(
        description="The service's id in the HSDS open data (/api/hsds/), stable."
    )
    name: str
    summary: str
    organisation: str | None
    url: str = Field(description="The service's page on this site, in the language asked for.")
    themes: list[str]
    distance_m: float | None = Field(description="Metres from `near`, when given.")
    fallback_language: str | None = Field(
        description="fi or sv when the name is shown in that language for want of a translation."
    )


class ServiceList(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[ServiceOut]
    facets: dict[str, dict[str, int]] = Field(
        description="Per facet, the number of results once that value is chosen as well."
    )
    suggestion: str | None = Field(
        description="When the words find nothing: the words respelt as the catalogue spells "
        "them, which do find services; else null."
    )


class ErrorItem(Schema):
    loc: list[str]
    msg: str
    type: str


class ErrorOut(Schema):
    detail: list[ErrorItem]


def _language(request):
    return site_language(request.GET.get("lang"))


def _query(request):
    """A CatalogueQuery from the request, or QueryError with every problem."""
    query, errors = parse_request(request.GET, _language(request))
    if request.GET.get("lang", settings.LANGUAGE_CODE) not in language_codes():
        errors["lang"] = _("use %(codes)s") % {"codes": either(language_codes())}
    if errors:
        raise QueryError(errors)
    return query


def _unprocessable(request, errors):
    detail = [
        {"loc": ["query", name], "msg": str(message), "type": "value_error"}
        for name, message in errors.items()
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(QueryError)
def query_error(request, exc):
    with translation.override(_language(request)):
        return _unprocessable(request, exc.errors)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    """Types ninja rejects before our parsing (age=old): our message when we have one."""
    with translation.override(_language(request)):
        try:
            _query(request)
            ours = {}
        except QueryError as error:
            ours = error.errors
        for item in exc.errors:
            name = str(item.get("loc", ["", "?"])[-1])
            ours.setdefault(name, item.get("msg", _("invalid value")))
        return _unprocessable(request, ours)


# HEAD as well as GET: a client may ask for the headers only (require_safe, like the pages).
@api.api_operation(
    ["GET", "HEAD"],
    "/services",
    response={200: ServiceList, 422: ErrorOut},
    summary="Search the service catalogue",
    tags=["services"],
)
def services(request, response: HttpResponse, filters: Query[ServiceFilters]):
    """Services matching the words and every filter, with facet counts. Inactive and hidden
    services are never listed."""
    # Public, read-only data: other sites may call it from their pages.
    response["Access-Control-Allow-Origin"] = "*"
    language = _language(request)
    with translation.override(language):
        query = _query(request)
        results = get_backend().search(query)
        ids = [hit.service_id for hit in results.hits]
        # What a hit shows, as plain values without the services' long texts (as the search
        # page reads them), and their themes' slugs (as the Elasticsearch documents read
        # them): two light statements for the page.
        found, themes = {}, {}
        if ids:  # nothing to read when nothing is found
            found = listed(ids, "external_id", "hsds_id")
            for service_id, slug in ServiceTheme.objects.filter(service_id__in=ids).values_list(
                "service_id", "theme__slug"
            ):
                themes.setdefault(service_id, []).append(slug)
        rows = []
        for hit in results.hits:
            service = found.get(hit.service_id)
            if service is None:
                continue
            hsds_id = service.values["hsds_id"]
            rows.append(
                {
                    "id": service.pk,
                    "source": service.source,
                    "external_id": service.values["external_id"],
                    "open_data_id": str(hsds_id) if hsds_id else None,
                    "name": service.name,
                    "summary": service.summary or "",
                    "organisation": service.organisation.get() or None,
                    "url": request.build_absolute_uri(service.get_absolute_url()),
                    "themes": sorted(themes.get(service.pk, ())),
                    "distance_m": round(hit.distance_m, 1) if hit.distance_m is not None else None,
                    "fallback_language": None
                    if service.names[language]
                    else service.names.pick(language)[1],
                }
            )
        return {
            "count": results.total,
            "page": query.page,
            "page_size": query.page_size,
            "pages": max(1, -(-results.total // query.page_size)),
            "results": rows,
            "facets": results.facets,
            "suggestion": spelling_suggestion(query, results) or None,
        }
