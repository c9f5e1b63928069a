"""Open Referral HSDS 3.0 as a source: the third adapter beside PTV and Lähellä.fi.

It reads a document of HSDS objects — the file ``export_catalogue --format hsds`` writes, or
any feed with the same top-level lists (``organizations``, ``locations``, ``services``) — and
yields the same normalised records the other adapters do, so the upsert pipeline,
classification and search treat its rows like any other.

Standard HSDS fields are read for what HSDS can say; our profile's extension
(``x_hyvinvointiopas``, see catalogue.hsds.mapping) is read when present for what it cannot
(the texts in every language with their HTML, the identity at the original source, keywords,
exact opening hours and events). A feed without the extension imports with source ``hsds``,
the HSDS ids as identifiers and its texts as Finnish.
"""

import math
import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import ijson
from django.conf import settings

from catalogue.hsds.mapping import (
    COUNTRY_URI,
    COUNTY_URI,
    DAYS,
    EXT,
    MUNICIPALITY_URI,
    REGION_URI,
    taxonomy_id,
)
from catalogue.models import ChargeType, Organisation, Service, ServiceChannel
from core import sources
from core.text import markdown_to_html, plain, sanitise_html

from ..records import (
    LANGUAGES,
    AccessibilityRecord,
    AddressRecord,
    Area,
    ChannelRecord,
    EmailRecord,
    EventRecord,
    HoursRecord,
    Interval,
    LinkRecord,
    LText,
    OrganisationRecord,
    PhoneRecord,
    RecordError,
    ServiceRecord,
    TimeSlot,
)
from .common import (
    as_dict,
    as_list,
    business_id,
    email_address,
    hhmm,
    language_code,
    municipality_code,
    strings,
    target_group_ages,
    text_or_empty,
    web_url,
    wheelchair_features,
)

SOURCE = "hsds"
PHONE_KINDS = {"voice": "phone", "fax": "fax", "text": "sms", "textphone": "sms"}
CLASSIFICATION_KINDS = ("service_class", "target_group", "life_event")
SOURCE_CODE_KINDS = ("lahella_theme", "lahella_format", "lahella_type", "lipas_type")
HOURS_KINDS = ("regular", "exceptional", "always", "holiday")
INTERVAL_STATUSES = ("open", "reservation", "closed")
WEEKS = ("all", "odd", "even")
PERIODS = ("", "P1D", "P1W", "P2W", "P1M")
LINK_KINDS = ("service", "page", "form", "attachment", "accessibility")
ADDRESS_KINDS = ("visiting", "postal", "delivery")
AREA_TYPES = ("nationwide", "nationwide_except_aland", "limited")
ACCESSIBILITY_FEATURES = (
    "wheelchair",
    "rollator",
    "induction_loop",
    "accessible_toilet",
    "parking",
)
CODE = re.compile(r"[\w.\-]{1,40}")


class HsdsDocumentError(ValueError):
    """The file is not an HSDS document this adapter can read."""


def _identity(obj):
    """(source, external id) from the extension, else ("hsds", the HSDS id)."""
    ext = as_dict(obj.get(EXT))
    source, external = text_or_empty(ext.get("source")), text_or_empty(ext.get("external_id"))
    if sources.get(source) is not None and external:
        return source, external[:64]
    ident = text_or_empty(obj.get("id"))
    if not ident:
        raise RecordError("", "no id")
    return SOURCE, ident[:64]


def _texts(obj, fields, html_fields, standard):
    """LText per field: the extension's texts in every language, else the standard fields'
    plain text as Finnish (HTML fields as paragraphs)."""
    texts = as_dict(as_dict(obj.get(EXT)).get("texts"))
    result = {}
    for field in fields:
        values = {}
        if texts:
            for language in LANGUAGES:
                value = text_or_empty(as_dict(texts.get(language)).get(field))
                values[language] = sanitise_html(value) if field in html_fields else plain(value)
        else:
            value = text_or_empty(obj.get(standard.get(field, ""))) if field in standard else ""
            values[settings.LANGUAGE_CODE] = (
                markdown_to_html(value) if field in html_fields else plain(value)
            )
        result[field] = LText.from_mapping(values)
    return result


def _moment(value):
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _day(value):
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _choice(value, allowed, default=""):
    return value if isinstance(value, str) and value in allowed else default


# HSDS 3.0 service statuses; only "active" is shown.
SERVICE_STATUSES = {"active", "inactive", "defunct", "temporarily closed"}


def _active(obj, kind):
    status = obj.get("status", "active")
    if not (isinstance(status, str) and status in SERVICE_STATUSES):
        raise RecordError(
            text_or_empty(obj.get("id")), f"unknown status {str(status)[:40]!r}", kind
        )
    return status == "active"


def _weekday(value):
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    raise ValueError(f"not a weekday: {value!r}")


def _time(value):
    found = hhmm(value)
    if found is None:
        raise ValueError(f"not a time: {value!r}")
    return found


def _timezone(value):
    try:
        ZoneInfo(value)
    except (ValueError, TypeError, OSError, KeyError):
        return "Europe/Helsinki"
    return value


def _terms(obj):
    """{taxonomy key: [term]} of the object's attributes (our taxonomies only)."""
    keys = {
        taxonomy_id(key): key
        for key in (
            "theme",
            "service_kind",
            "charge_type",
            "activity_type",
            "organisation_type",
            "channel_type",
            "ontology_term",
            *CLASSIFICATION_KINDS,
            *SOURCE_CODE_KINDS,
        )
    }
    found = {}
    for item in as_list(obj.get("attributes")):
        term = as_dict(as_dict(item).get("taxonomy_term"))
        key = keys.get(text_or_empty(term.get("taxonomy_id")))
        if key:
            found.setdefault(key, []).append(term)
    return found


def _code(terms, key, allowed, default=""):
    for term in terms.get(key, ()):
        code = text_or_empty(term.get("code"))
        if code in allowed:
            return code
    return default


def _languages(obj):
    """The codes of the object's ``languages`` objects."""
    codes = (language_code(as_dict(item).get("code")) for item in as_list(obj.get("languages")))
    return tuple(code for code in codes if code)


def _reference(ext, ours, obj, theirs, ids):
    """An organisation's external id: from the extension, else by the HSDS id in ``theirs``."""
    reference = text_or_empty(ext.get(ours))
    if not reference and obj.get(theirs):
        reference = ids.organisation(obj[theirs])[1]
    return reference


class Identities:
    """HSDS id → our external id, for references between the document's objects."""

    def __init__(self):
        self.organisations = {}
        self.locations = {}

    def organisation(self, hsds_id):
        return self.organisations.get(text_or_empty(hsds_id), (None, text_or_empty(hsds_id)[:64]))


# --- organisations --------------------------------------------------------------------------


def parse_organisation(obj, ids):
    source, external = _identity(obj)
    ext = as_dict(obj.get(EXT))
    texts = _texts(
        obj,
        ("name", "description"),
        ("description",),
        {"name": "name", "description": "description"},
    )
    if not texts["name"]:
        raise RecordError(external, "no name", "organisation")
    business = ""
    for identifier in as_list(obj.get("organization_identifiers")):
        identifier = as_dict(identifier)
        if text_or_empty(identifier.get("identifier_scheme")) == "FI-PRO":
            business = business_id(identifier.get("identifier"))
    parent = _reference(ext, "parent", obj, "parent_organization_id", ids)
    return OrganisationRecord(
        source=source,
        external_id=external,
        name=texts["name"],
        description=texts["description"],
        org_type=_code(_terms(obj), "organisation_type", Organisation.Type.values, "other"),
        business_id=business,
        parent_ref=parent[:64],
        web_url=web_url(obj.get("website")),
        source_modified=_moment(ext.get("modified")),
    )


# --- locations as channels -----------------------------------------------------------------


def _address(item, latitude, longitude):
    item = as_dict(item)
    ext = as_dict(item.get(EXT))
    if ext:
        latitude, longitude = _point(ext.get("latitude"), ext.get("longitude"))
        return AddressRecord(
            kind=ext.get("kind")
            if ext.get("kind") in ("visiting", "postal", "delivery")
            else "visiting",
            street=_ltext(ext.get("street")),
            street_number=plain(ext.get("street_number")),
            postal_code=plain(item.get("postal_code"))[:10],
            post_office=_ltext(ext.get("post_office")),
            municipality_code=municipality_code(ext.get("municipality_code")),
            latitude=latitude,
            longitude=longitude,
            info=_ltext(ext.get("info")),
        )
    physical = item.get("address_type") == "physical"
    return AddressRecord(
        kind="visiting" if physical else "postal",
        street=LText(fi=plain(item.get("address_1"))),
        postal_code=plain(item.get("postal_code"))[:10],
        post_office=LText(fi=plain(item.get("city"))),
        latitude=latitude if physical else None,
        longitude=longitude if physical else None,
    )


def _ltext(value):
    return LText.from_mapping({k: plain(v) for k, v in as_dict(value).items() if k in LANGUAGES})


def _number(value):
    """A finite number (a coordinate), else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _point(latitude, longitude):
    """WGS84 (latitude, longitude), or (None, None) unless both are in range."""
    latitude, longitude = _number(latitude), _number(longitude)
    if latitude is None or longitude is None or abs(latitude) > 90 or abs(longitude) > 180:
        return None, None
    return latitude, longitude


def _phones(obj):
    phones = []
    for item in as_list(obj.get("phones")):
        item = as_dict(item)
        number = plain(item.get("number"))
        if not number:
            continue
        ext = as_dict(item.get(EXT))
        languages = [
            language_code(as_dict(lang).get("code")) for lang in as_list(item.get("languages"))
        ]
        phones.append(
            PhoneRecord(
                number=number,
                kind=PHONE_KINDS.get(text_or_empty(item.get("type")), "phone"),
                language=next((code for code in languages if code), ""),
                info=plain(item.get("description")),
                charge_type=plain(ext.get("charge_type")),
                charge_info=plain(ext.get("charge_info")),
            )
        )
    return tuple(phones)


def _hours_exact(items):
    hours = []
    for item in as_list(items):
        item = as_dict(item)
        intervals = tuple(
            Interval(
                day_from=_weekday(i.get("day_from")),
                start=_time(i.get("start")),
                day_to=_weekday(i.get("day_to")),
                end=_time(i.get("end")),
                status=_choice(i.get("status"), INTERVAL_STATUSES, "open"),
                weeks=_choice(i.get("weeks"), WEEKS, "all"),
            )
            for i in (as_dict(i) for i in as_list(item.get("intervals")))
        )
        hours.append(
            HoursRecord(
                kind=_choice(item.get("kind"), HOURS_KINDS, "regular"),
                valid_from=_day(item.get("valid_from")),
                valid_to=_day(item.get("valid_to")),
                is_closed=item.get("is_closed") is True,
                title=_ltext(item.get("title")),
                info=_ltext(item.get("info")),
                intervals=intervals,
                holiday=plain(item.get("holiday"))[:30],
            )
        )
    return tuple(hours)


def _hours_from_schedules(obj):
    """Weekly RRULE schedules (freq WEEKLY, byday, opens_at, closes_at) as regular hours."""
    intervals = []
    for item in as_list(obj.get("schedules")):
        item = as_dict(item)
        if item.get("freq") != "WEEKLY" or item.get("dtstart"):
            continue
        opens, closes = hhmm(item.get("opens_at")), hhmm(item.get("closes_at"))
        if not (opens and closes):
            continue
        for day in text_or_empty(item.get("byday")).split(","):
            if day.strip() in DAYS:
                index = DAYS.index(day.strip())
                intervals.append(Interval(day_from=index, start=opens, day_to=index, end=closes))
    if not intervals:
        return ()
    return (
        HoursRecord(
            kind="regular", intervals=tuple(sorted(intervals, key=lambda i: (i.day_from, i.start)))
        ),
    )


def _events(items):
    events = []
    for item in as_list(items):
        item = as_dict(item)
        start = _moment(item.get("start"))
        if start is None:
            continue
        events.append(
            EventRecord(
                start=start,
                end=_moment(item.get("end")),
                timezone=_timezone(item.get("timezone")),
                period=_choice(item.get("period"), PERIODS),
                until=_day(item.get("until")),
                slots=tuple(
                    TimeSlot(weekday=_weekday(w), start=_time(start), end=hhmm(end) or "")
                    for w, start, end in (as_list(slot) for slot in as_list(item.get("slots")))
                ),
                excluded=tuple(d for d in (_day(x) for x in as_list(item.get("excluded"))) if d),
            )
        )
    return tuple(events)


def _accessibility(obj, ext):
    raw = as_dict(ext.get("accessibility"))
    if ext:
        sentences = tuple(
            (
                _ltext(as_dict(group).get("group")),
                tuple(_ltext(s) for s in as_list(as_dict(group).get("sentences"))),
            )
            for group in as_list(raw.get("sentences"))
        )
        level = plain(raw.get("level"))
        features = tuple(
            f for f in as_list(raw.get("features")) if _choice(f, ACCESSIBILITY_FEATURES)
        )
        if "wheelchair" not in features:  # exported before the words were read at the source
            features += wheelchair_features(sentences, level)
        return AccessibilityRecord(
            sentences=sentences,
            level=level,
            wcag_level=plain(raw.get("wcag_level")),
            register_id=plain(raw.get("register_id")),
            features=features,
        )
    sentences = []
    for item in as_list(obj.get("accessibility")):
        item = as_dict(item)
        group, details = plain(item.get("description")), plain(item.get("details"))
        if group or details:
            sentences.append((LText(fi=group), (LText(fi=details),) if details else ()))
    return AccessibilityRecord(
        sentences=tuple(sentences), features=wheelchair_features(sentences, "")
    )


def parse_location(obj, ids):
    source, external = _identity(obj)
    ext = as_dict(obj.get(EXT))
    texts = _texts(
        obj,
        ("name", "summary", "description", "schedule"),
        ("description",),
        {"name": "name", "description": "description"},
    )
    if not texts["name"]:
        raise RecordError(external, "no name", "channel")
    channel_type = text_or_empty(ext.get("channel_type"))
    if channel_type not in ServiceChannel.Type.values:
        channel_type = _code(_terms(obj), "channel_type", ServiceChannel.Type.values) or (
            "place" if obj.get("location_type") == "physical" else "webpage"
        )
    latitude, longitude = _point(obj.get("latitude"), obj.get("longitude"))
    if ext and "links" in ext:
        links = tuple(
            LinkRecord(
                kind=_choice(link.get("kind"), LINK_KINDS, "page"),
                url=url,
                title=plain(link.get("title")),
                language=language_code(link.get("language")),
            )
            for link in (as_dict(item) for item in as_list(ext.get("links")))
            if (url := web_url(link.get("url")))
        )
    else:
        url = web_url(obj.get("url"))
        links = (LinkRecord(kind="page", url=url),) if url else ()
    organisation = _reference(ext, "organisation", obj, "organization_id", ids)
    return ChannelRecord(
        source=source,
        external_id=external,
        channel_type=channel_type,
        name=texts["name"],
        summary=texts["summary"],
        description=texts["description"],
        organisation_ref=organisation[:64],
        languages=_languages(obj),
        area=Area(
            area_type=_choice(ext.get("area_type"), AREA_TYPES),
            municipalities=tuple(
                code
                for code in (municipality_code(c) for c in as_list(ext.get("municipalities")))
                if code
            ),
        )
        if ext
        else Area(),
        addresses=tuple(
            _address(item, latitude, longitude) for item in as_list(obj.get("addresses"))
        ),
        phones=_phones(obj),
        emails=tuple(
            EmailRecord(
                address=address,
                language=language_code(as_dict(as_dict(item).get(EXT)).get("language")),
            )
            for item in as_list(obj.get("contacts"))
            if (address := email_address(as_dict(item).get("email")))
        ),
        links=links,
        hours=_hours_exact(ext["hours"]) if "hours" in ext else _hours_from_schedules(obj),
        accessibility=_accessibility(obj, ext),
        schedule=texts["schedule"],
        events=_events(ext.get("events")),
        occurrences=tuple(
            (pair[0], pair[1])
            for pair in as_list(ext.get("occurrences"))
            if isinstance(pair, list)
            and len(pair) == 2
            and all(_moment(moment) is not None for moment in pair)
        ),
        source_modified=_moment(ext.get("modified")),
    )


# --- services -------------------------------------------------------------------------------


def _area(obj, ext):
    municipalities, regions, counties, area_type = [], [], [], "limited"
    for item in as_list(obj.get("service_areas")):
        uri = text_or_empty(as_dict(item).get("uri"))
        if uri == COUNTRY_URI:
            area_type = "nationwide"
        for prefix, found in (
            (MUNICIPALITY_URI, municipalities),
            (REGION_URI, regions),
            (COUNTY_URI, counties),
        ):
            code = uri[len(prefix) :] if uri.startswith(prefix) else ""
            if re.fullmatch(r"\d{2,3}", code):
                found.append(code)
    area_type = _choice(ext.get("area_type"), AREA_TYPES, area_type)
    return Area(
        area_type=area_type,
        municipalities=tuple(municipalities),
        regions=tuple(regions),
        counties=tuple(counties),
    )


def _age(value):
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 150:
        return value
    raise ValueError(f"not an age: {value!r}")


def parse_service(obj, ids):
    source, external = _identity(obj)
    ext = as_dict(obj.get(EXT))
    texts = _texts(
        obj,
        ("name", "summary", "description", "user_instructions", "charge_info", "requirements"),
        ("description", "user_instructions", "charge_info", "requirements"),
        {
            "name": "name",
            "description": "description",
            "user_instructions": "application_process",
            "charge_info": "fees_description",
            "requirements": "eligibility_description",
        },
    )
    if not texts["name"]:
        raise RecordError(external, "no name", "service")
    terms = _terms(obj)
    classes = {
        kind: tuple(
            text_or_empty(term.get("code"))
            for term in terms.get(kind, ())
            if text_or_empty(term.get("code"))
        )
        for kind in CLASSIFICATION_KINDS
    }
    ontology = tuple(
        text_or_empty(term.get("term_uri") or term.get("code"))
        for term in terms.get("ontology_term", ())
    )
    source_codes = tuple(
        (kind, text_or_empty(term.get("code")))
        for kind in SOURCE_CODE_KINDS
        for term in terms.get(kind, ())
    )
    if "channel_refs" in ext:
        channels = tuple(strings(ext["channel_refs"]))
    else:
        # A pair names its location by location_id, or only by the location it nests.
        located = (
            text_or_empty(as_dict(item).get("location_id"))
            or text_or_empty(as_dict(as_dict(item).get("location")).get("id"))
            for item in as_list(obj.get("service_at_locations"))
        )
        channels = tuple(ids.locations.get(key, key) for key in located if key)
    responsible = _reference(ext, "responsible", obj, "organization_id", ids)
    if "age_ranges" in ext:
        ages = tuple(
            (_age(pair[0]), None if pair[1] is None else _age(pair[1]))
            for pair in as_list(ext["age_ranges"])
            if isinstance(pair, list) and len(pair) == 2
        )
    elif isinstance(obj.get("minimum_age"), (int, float)):
        maximum = obj.get("maximum_age")
        ages = (
            (int(obj["minimum_age"]), int(maximum) if isinstance(maximum, (int, float)) else None),
        )
    else:
        ages = ()
    # A PTV service exported before its ages were kept: the ages its target groups name.
    ages = ages or target_group_ages(classes["target_group"])
    keywords = tuple(
        (language, plain(word))
        for language, words in as_dict(ext.get("keywords")).items()
        if language_code(language)
        for word in as_list(words)
        if plain(word)
    )
    registration = ext.get("registration_required")
    return ServiceRecord(
        source=source,
        external_id=external,
        **texts,
        service_kind=_code(terms, "service_kind", Service.Kind.values, "service"),
        charge_type=_code(terms, "charge_type", ChargeType.values),
        service_languages=_languages(obj),
        keywords=keywords,
        area=_area(obj, ext),
        service_classes=classes["service_class"],
        target_groups=classes["target_group"],
        life_events=classes["life_event"],
        ontology_terms=ontology,
        responsible_ref=responsible[:64],
        other_responsible_refs=tuple(strings(ext.get("other_responsible"))),
        producer_refs=tuple(strings(ext.get("producers"))),
        channel_refs=channels,
        activity_type=_code(terms, "activity_type", Service.ActivityType.values),
        age_ranges=ages,
        registration_required=registration if isinstance(registration, bool) else None,
        source_codes=source_codes,
        active=_active(obj, "service"),
        source_modified=_moment(obj.get("last_modified")),
    )


# --- the document --------------------------------------------------------------------------


TOP_LISTS = ("organizations", "locations", "services")
NESTED_LOCATIONS = "services.item.service_at_locations.item.location"
NOT_HSDS = "not an HSDS document: expected lists of organizations, locations and services"


def _at(document, prefix):
    """The values at an ijson prefix (``services.item.service_at_locations.item.location``)
    of a document already in memory, in document order."""
    nodes = [document]
    for part in prefix.split("."):
        if part == "item":
            nodes = [value for node in nodes for value in as_list(node)]
        else:
            nodes = [node[part] for node in nodes if isinstance(node, dict) and part in node]
    yield from nodes


def _streamed(path, prefix):
    """The values at an ijson prefix of a JSON file, read item by item: only one item is in
    memory at a time, whatever the file's size."""
    with open(path, "rb") as handle:
        for item in ijson.items(handle, prefix):
            yield _floats(item)


def _floats(value):
    """ijson's Decimals as the floats json.load gives (its C parser's floats refuse integers
    beyond 64 bits, which json.load reads)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {key: _floats(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_floats(item) for item in value]
    return value


def _check_file(path):
    """Read the whole file once, keeping nothing, before any record is written: a file that
    is not JSON, not UTF-8, cut short or not an HSDS document is refused here, so that an
    import never stops half-way (nor deactivates what a truncated file seemed to lack)."""
    lists = set()
    try:
        with open(path, "rb") as handle:
            for prefix, event, _value in ijson.parse(handle):
                if event == "start_array" and prefix in TOP_LISTS:
                    lists.add(prefix)
    except (OSError, ValueError, ijson.JSONError) as exc:
        raise HsdsDocumentError(f"{path}: {exc}") from exc
    if not lists:  # a top-level list or scalar has no prefix of these names either
        raise HsdsDocumentError(f"{path}: {NOT_HSDS}")


class HsdsSource:
    """The records of one HSDS document: organisations, then locations, then services.

    ``HsdsSource(document)`` reads a document in memory; ``HsdsSource.from_file(path)``
    streams a file with ijson, one item at a time, so that a national feed imports in
    constant memory."""

    def __init__(self, document):
        if not isinstance(document, dict) or not any(
            isinstance(document.get(key), list) for key in TOP_LISTS
        ):
            raise HsdsDocumentError(NOT_HSDS)
        self._items = lambda prefix: _at(document, prefix)

    @classmethod
    def from_file(cls, path):
        _check_file(path)
        source = cls.__new__(cls)
        source._items = lambda prefix: _streamed(path, prefix)
        return source

    def _locations(self):
        """Top-level locations and those only nested in services, each once (the first)."""
        seen = set()
        for prefix in ("locations.item", NESTED_LOCATIONS):
            for item in self._items(prefix):
                location = as_dict(item)
                if not location and prefix == NESTED_LOCATIONS:
                    continue
                key = text_or_empty(location.get("id"))
                if key not in seen:
                    seen.add(key)
                    yield location

    def records(self):
        ids = Identities()
        stages = (
            ("organisation", self._items("organizations.item"), parse_organisation),
            ("channel", self._locations(), parse_location),
            ("service", self._items("services.item"), parse_service),
        )
        for kind, items, parse in stages:
            for item in items:
                item = as_dict(item)
                try:
                    record = parse(item, ids)
                except RecordError as error:
                    error.kind = error.kind or kind
                    yield error
                    continue
                except (KeyError, TypeError, ValueError, OverflowError) as exc:
                    yield RecordError(
                        text_or_empty(item.get("id")), f"unreadable {kind}: {exc}", kind
                    )
                    continue
                if kind == "organisation":
                    ids.organisations[text_or_empty(item.get("id"))] = (
                        record.source,
                        record.external_id,
                    )
                elif kind == "channel":
                    ids.locations[text_or_empty(item.get("id"))] = record.external_id
                yield record
