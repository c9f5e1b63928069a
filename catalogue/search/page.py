"""What the search page needs beyond the backend: locations for "near me", highlighting,
facet options with labels, removable active filters and "no results" help."""

import re
from functools import lru_cache
from urllib.parse import urlencode

from django.db.models import Avg
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.i18n import field_names, language_choices, language_codes, other_languages
from core.inputs import has_control_characters
from core.pagecache import per_generation

from ..accessibility import FILTER_LABELS
from ..audiences import AUDIENCES
from ..models import ChannelAddress, Municipality, Service, Theme
from ..models.services import slug_for
from ..places import GROUPS
from .analysis import WORD, analyse_word
from .database import ids_by
from .expansion import respelling
from .query import QueryError, parse_query


def parse_request(get, language, lenient=False):
    """(query, errors) from request parameters, for the page and the API alike: a location
    (postal code or municipality name) becomes near=lat,lon, themes and municipalities are
    checked against the catalogue. ``lenient`` (the page): parameters in error are dropped and
    the rest is still a query; otherwise the query is None when anything is wrong."""
    params = get.copy()
    errors = {}
    location = params.get("location", "").strip()
    if location and not params.get("near"):
        point = locate(location)
        if point is None:
            errors["location"] = _("“%(place)s” is not a postal code or municipality we know.") % {
                "place": location
            }
        else:
            params["near"] = f"{point[0]:.6f},{point[1]:.6f}"
    # The same maps the database backend finds the filters' ids in.
    known = {
        "known_themes": ids_by(Theme, "slug"),
        "known_municipalities": ids_by(Municipality, "code"),
    }
    try:
        return parse_query(params, language, **known), errors
    except QueryError as error:
        errors.update(error.errors)
        if not lenient:
            return None, errors
        for name in error.errors:
            params.pop(name, None)
        return parse_query(params, language, **known), errors


def locate(text):
    """A (lat, lon) for a postal code or a municipality name (in any site language), from the
    addresses of the catalogue's own places; None when unknown."""
    text = text.strip()
    # No place name is that long or holds control characters (PostgreSQL refuses NUL).
    if not text or len(text) > 100 or has_control_characters(text, multiline=False):
        return None
    addresses = ChannelAddress.objects.filter(latitude__isnull=False, longitude__isnull=False)
    if re.fullmatch(r"\d{5}", text):
        addresses = addresses.filter(postal_code=text)
    else:
        municipality = next(
            (
                found
                for name in field_names("name")
                if (found := Municipality.objects.filter(**{f"{name}__iexact": text}).first())
            ),
            None,
        )
        if municipality is None:
            return None
        addresses = addresses.filter(municipality_code=municipality.code)
    point = addresses.aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    if point["lat"] is None:
        return None
    return point["lat"], point["lon"]


def member_links(ids, language):
    """{service id: (its page's address, its municipalities' names)} for the services listed
    under a result ("Tarjolla 10 kunnassa"): one light query (a row per service and
    municipality) and one URL reverse, however many there are."""
    if not ids:
        return {}
    order = [language, *other_languages(language)]  # the reader's language, then the others
    names, places = {}, {}
    for pk, *texts in Service.objects.filter(pk__in=ids).values_list(
        "pk",
        *(f"name_{code}" for code in order),
        *(f"municipalities__name_{code}" for code in order),
    ):
        names[pk] = next(filter(None, texts[: len(order)]), "")
        place = next(filter(None, texts[len(order) :]), None)
        if place is not None:
            places.setdefault(pk, []).append(place)
    sample = reverse("catalogue:service", kwargs={"slug": "s", "pk": 1})
    prefix = sample.removesuffix("s-1/")
    assert prefix != sample, sample
    return {
        pk: (
            f"{prefix}{slug_for(name)}-{pk}/",
            ", ".join(sorted(places.get(pk, ()), key=str.casefold)) or name,
        )
        for pk, name in names.items()
    }


def query_terms(groups):
    """Every term a query's groups match (base forms, synonyms and respellings), for
    highlighting."""
    return {term for group in groups for term in group.terms()}


@lru_cache(maxsize=50_000)
def word_terms(word, languages):
    """Every term the word as written is indexed under in any of ``languages`` (a tuple):
    kept per process, so that a result page looks up each of its words once, not once in
    each language, and the words every page has (the summaries' common ones) not at all."""
    folded = word.casefold()
    return frozenset(term for lang in languages for term in analyse_word(folded, lang)[0])


def highlighter(wanted):
    """A function of a text: the text escaped, with the words that match the query wrapped
    in <mark>: those whose analysed terms (base forms, compound parts, in either language) are
    among ``wanted`` (query_terms()). One per page: a word met again (a page's names and
    summaries share many) is looked up once."""
    languages = tuple(language_codes())
    seen = {}

    def matches(word):
        found = seen.get(word)
        if found is None:
            found = seen[word] = not wanted.isdisjoint(word_terms(word, languages))
        return found

    def highlight(text):
        if not text:
            return ""
        if not wanted:
            return escape(text)
        out, last = [], 0
        for match in WORD.finditer(text):
            word = match.group(0)
            if not matches(word):
                continue
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(word)}</mark>")
            last = match.end()
        if not out:
            return escape(text)
        out.append(escape(text[last:]))
        return mark_safe("".join(out))  # noqa: S308 - every part escaped above

    return highlight


def url_without(params, name, value=None):
    """The current search URL without one filter (or one value of it), from page 1."""
    pairs = [
        (key, item)
        for key in params
        for item in params.getlist(key)
        if key != "page" and not (key == name and (value is None or item == value))
    ]
    return "?" + urlencode(pairs)


def active_filters(params, query, labels):
    """[(label, url without it)] for every filter in use."""
    found = []
    for name, values in (
        ("theme", query.themes),
        ("municipality", query.municipalities),
        ("service_language", query.service_languages),
        ("provider", query.provider_types),
        ("channel", query.channel_types),
        ("accessibility", query.accessibility),
        ("audience", query.audiences),
        ("kind", query.kinds),
        ("place", query.place_types),
    ):
        for value in values:
            found.append((labels[name].get(value, value), url_without(params, name, value)))
    if query.age is not None:
        found.append((_("Age %(age)d") % {"age": query.age}, url_without(params, "age")))
    if query.free_only:
        found.append((_("Free of charge"), url_without(params, "free")))
    if query.kaikukortti:
        found.append((_("Kaikukortti accepted"), url_without(params, "kaikukortti")))
    if query.open_now:
        found.append((_("Open now"), url_without(params, "open")))
    if params.get("location") and query.near is not None:
        found.append(
            (_("Near %(place)s") % {"place": params["location"]}, url_without(params, "location"))
        )
    elif params.get("near") and query.near is not None:
        found.append((_("Near your location"), url_without(params, "near")))
    return found


def theme_choices(request):
    """[(theme name, its page's URL)] of the themes with a live page, in their order."""

    def build():
        themes = Theme.objects.filter(page__live=True).select_related("page")
        return [
            (theme.name, theme.page.get_url(request)) for theme in themes.order_by("sort_order")
        ]

    return per_generation("theme-choices", build, request.get_host())


# Kept as hidden fields when the filter panel is not shown, so that new words keep them.
FILTER_PARAMS = (
    "theme",
    "municipality",
    "service_language",
    "provider",
    "channel",
    "accessibility",
    "audience",
    "kind",
    "place",
    "age",
    "free",
    "kaikukortti",
    "open",
)


def kept_filters(params):
    return [(name, value) for name in FILTER_PARAMS for value in params.getlist(name) if value]


def spelling_suggestion(query, results):
    """For a query with a word the index does not hold: the words respelt as the catalogue
    spells them, when they find something (with the same filters), else "". The results of a
    misspelt word already include those of its respelling; the page and the JSON API both
    offer the respelt words (read from the groups the search matched, not worked out again)."""
    from dataclasses import replace

    from . import get_backend

    if not query.text:
        return ""
    respelt = respelling(results.groups)
    if (
        respelt
        and respelt != query.text.casefold()
        and (results.total or get_backend().search(replace(query, text=respelt, page=1)).total)
    ):
        return respelt
    return ""


def labels(municipalities=()):
    """Labels of the filter values in the active language; of the given municipality codes
    only (the country has 311)."""
    names = per_generation(
        "filter-names",
        lambda: {
            "theme": {theme.slug: theme.name for theme in Theme.objects.all()},
            "municipality": {m.code: m.name for m in Municipality.objects.all()},
        },
    )
    return {
        "theme": names["theme"],
        "municipality": {
            code: names["municipality"][code]
            for code in municipalities
            if code in names["municipality"]
        },
        "service_language": dict(language_choices()),
        "provider": {
            "public": _("Public sector"),
            "municipal": _("Municipality"),
            "ngo": _("Association or foundation"),
            "private": _("Company"),
        },
        "channel": {
            "place": _("Visiting address"),
            "phone": _("Phone"),
            "online": _("Online"),
            "printable": _("Printable form"),
        },
        "accessibility": dict(FILTER_LABELS),
        "audience": dict(AUDIENCES),
        "kind": {"service": _("Services and activities"), "place": _("Places")},
        "place": dict(GROUPS),
    }
