"""The catalogue search interface of ../shared/design.md: CatalogueQuery → CatalogueResults,
and parsing of a query from request parameters (the search page and the JSON API share it)."""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.i18n import site_language
from core.inputs import ascii_int, has_control_characters

from ..accessibility import PROFILES
from ..audiences import AUDIENCES
from ..places import GROUPS

PROVIDER_TYPES = ("public", "municipal", "ngo", "private")
CHANNEL_TYPES = ("place", "phone", "online", "printable")
ACCESSIBILITY = tuple(PROFILES)  # wheelchair, rollator, pram, hearing loop, sight, toilet
AUDIENCE_CODES = tuple(AUDIENCES)
# What a result is: a service (or activity), or a sports or recreation place (LIPAS); and
# the kinds of place (catalogue.places.GROUPS).
KINDS = ("service", "place")
PLACE_GROUPS = tuple(GROUPS)
SORTS = ("relevance", "distance", "name")
# The languages a service can be filtered by (ServiceSearchEntry.in_<code>).
SERVICE_LANGUAGES = tuple(settings.SERVICE_LANGUAGES)
FACET_AGES = (8, 16, 40, 70)  # the ages the age facet counts
MAX_PAGE_SIZE = 50
MAX_TEXT = 200
# No one pages this far; a larger number is refused before it reaches the database.
MAX_PAGE = 10_000


@dataclass(frozen=True)
class CatalogueQuery:
    text: str = ""
    language: str = field(default_factory=lambda: settings.LANGUAGE_CODE)
    themes: tuple = ()
    municipalities: tuple = ()
    target_groups: tuple = ()
    audiences: tuple = ()  # catalogue.audiences: whom a service is for
    age: int | None = None
    service_languages: tuple = ()
    free_only: bool = False
    provider_types: tuple = ()
    channel_types: tuple = ()
    accessibility: tuple = ()
    kinds: tuple = ()  # services, places, or both when empty
    place_types: tuple = ()  # places of these kinds (PLACE_GROUPS; a place has one)
    kaikukortti: bool = False  # only services that accept the Kaikukortti culture card
    open_now: bool = False  # only services open (activities: meeting) at the time of the search
    near: tuple | None = None  # (lat, lon) in WGS84
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    # One result per service offered in several municipalities (the search page); the map,
    # the JSON API and HSDS list every service.
    collapse: bool = False


@dataclass
class Hit:
    service_id: int
    score: float = 0.0
    distance_m: float | None = None
    highlights: dict = field(default_factory=dict)  # field → HTML with <mark>
    # collapse: the same service in other municipalities, in result order (service ids).
    members: list = field(default_factory=list)


@dataclass
class CatalogueResults:
    hits: list
    total: int
    facets: dict  # facet → {value: count}
    # The query's words as the backend matched them (catalogue.search.expansion.query_groups:
    # base forms, synonyms, respellings), for the page's highlights and spelling suggestion.
    groups: list = field(default_factory=list)


class QueryError(ValueError):
    """Invalid parameters: ``errors`` maps parameter → readable message."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


def _choices(values, allowed, name, errors):
    bad = [value for value in values if value not in allowed]
    if bad:
        errors[name] = _("unknown value %(values)s; use one of %(allowed)s") % {
            "values": ", ".join(bad),
            "allowed": ", ".join(allowed),
        }
    return tuple(dict.fromkeys(value for value in values if value in allowed))


def parse_query(params, language, known_themes=None, known_municipalities=None):
    """A CatalogueQuery from a QueryDict-like ``params`` (getlist/get). Raises QueryError
    with every problem at once."""
    errors = {}
    for name in params:
        if any(has_control_characters(value, multiline=False) for value in params.getlist(name)):
            errors[name] = _("leave out control characters")

    def many(name):
        values = []
        for raw in params.getlist(name):
            values.extend(part.strip() for part in raw.split(",") if part.strip())
        return values

    text = " ".join(params.get("q", "").split())
    if len(text) > MAX_TEXT:
        errors["q"] = ngettext(
            "at most %(count)d character", "at most %(count)d characters", MAX_TEXT
        ) % {"count": MAX_TEXT}
    themes = tuple(dict.fromkeys(many("theme")))
    if known_themes is not None:
        themes = _choices(themes, sorted(known_themes), "theme", errors)
    municipalities = tuple(dict.fromkeys(many("municipality")))
    if known_municipalities is not None:
        municipalities = _choices(
            municipalities, sorted(known_municipalities), "municipality", errors
        )
    age = None
    if params.get("age", "").strip():
        age = ascii_int(params.get("age").strip(), minimum=0, maximum=130)
        if age is None:
            errors["age"] = _("give the age as whole years between 0 and 130")
    near = None
    if params.get("near", "").strip():
        match = re.fullmatch(
            r"\s*(-?[0-9]{1,3}(?:\.[0-9]{1,12})?)\s*,\s*(-?[0-9]{1,3}(?:\.[0-9]{1,12})?)\s*",
            params["near"],
        )
        if match and -90 <= float(match[1]) <= 90 and -180 <= float(match[2]) <= 180:
            near = (float(match[1]), float(match[2]))
        else:
            errors["near"] = _("give the point as latitude,longitude, e.g. 63.096,21.616")
    sort = params.get("sort", "") or ("distance" if near else "relevance")
    if sort not in SORTS:
        errors["sort"] = _("use one of %(allowed)s") % {"allowed": ", ".join(SORTS)}
        sort = "relevance"
    if sort == "distance" and near is None and "near" not in errors:
        errors["sort"] = _("sorting by distance needs a location")
    free = params.get("free", "").strip().lower()
    if free not in ("", "0", "1", "true", "false", "on", "off"):
        errors["free"] = _("use 1 (only free services) or 0")
    free = free in ("1", "true", "on")
    card = params.get("kaikukortti", "").strip().lower()
    if card not in ("", "0", "1", "true", "false", "on", "off"):
        errors["kaikukortti"] = _("use 1 (only services that accept Kaikukortti) or 0")
    card = card in ("1", "true", "on")
    open_now = params.get("open", "").strip().lower()
    if open_now not in ("", "0", "1", "true", "false", "on", "off"):
        errors["open"] = _("use 1 (only services open now) or 0")
    open_now = open_now in ("1", "true", "on")
    page, page_size = 1, 20
    for name in ("page", "page_size"):
        raw = params.get(name, "").strip()
        if not raw:
            continue
        value = ascii_int(raw, minimum=1, maximum=MAX_PAGE)
        if value is None:
            errors[name] = _("give a whole number from 1 to %(largest)d") % {"largest": MAX_PAGE}
            continue
        if name == "page":
            page = value
        else:
            page_size = min(value, MAX_PAGE_SIZE)
    query = CatalogueQuery(
        text=text[:MAX_TEXT],
        language=site_language(language),
        themes=themes,
        municipalities=municipalities,
        target_groups=tuple(dict.fromkeys(many("target_group"))),
        audiences=_choices(many("audience"), AUDIENCE_CODES, "audience", errors),
        age=age,
        service_languages=_choices(
            many("service_language"), SERVICE_LANGUAGES, "service_language", errors
        ),
        free_only=free,
        provider_types=_choices(many("provider"), PROVIDER_TYPES, "provider", errors),
        channel_types=_choices(many("channel"), CHANNEL_TYPES, "channel", errors),
        accessibility=_choices(many("accessibility"), ACCESSIBILITY, "accessibility", errors),
        kinds=_choices(many("kind"), KINDS, "kind", errors),
        place_types=_choices(many("place"), PLACE_GROUPS, "place", errors),
        kaikukortti=card,
        open_now=open_now,
        near=near,
        sort=sort,
        page=page,
        page_size=page_size,
    )
    if errors:
        raise QueryError(errors)
    return query
