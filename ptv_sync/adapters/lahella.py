"""Lähellä.fi activities: parsing into the normalised records, and fetching.

One activity (``{"_key", "status", "traits", …}``, ../shared/reference/lahella.md) becomes:
- a ServiceRecord (source ``lahella``, external id ``_key``): type, fi/sv texts (HTML
  sanitised with nh3), theme and format codes, age ranges, pricing, registration;
- a ChannelRecord per channel (place / online / phone): address, WGS84 ``[lon, lat]``,
  accessibility codes, the schedule as fi/sv text and its next occurrences; the activity's
  contacts go on its first channel (a web page channel when it has none);
- an OrganisationRecord for the association (Lähellä.fi "group") when the activity carries
  it. The partner answer is asked with ``links[groups]=true``; we read the linked groups
  from the activity's ``links.groups`` (``[{"_key", "traits": {"name", "businessId"}}]``).
  This part of the shape is not documented anywhere we could find: it is an assumption,
  isolated in ``group_of``.

Channels arrive either beside ``traits`` (as in the reference) or inside it (as in public
client code); both are read. Items are Pending: parsed only when the raw activity, or the
day (occurrences and past events depend on it), changed since the last import.
"""

import hashlib
import re
from datetime import UTC
from functools import cache, partial

from django.utils import timezone as dj_timezone

from catalogue.reference import municipality_names
from core.text import plain, sanitise_html

from ..http import BadResponse
from ..records import (
    LANGUAGES,
    AccessibilityRecord,
    AddressRecord,
    Area,
    ChannelRecord,
    EmailRecord,
    LinkRecord,
    LText,
    OrganisationRecord,
    Pending,
    PhoneRecord,
    RecordError,
    ServiceRecord,
    SourceAnomaly,
    raw_digest,
)
from . import schedule
from .common import (
    as_dict,
    as_list,
    business_id,
    email_address,
    normalise_phone,
    strings,
    text_or_empty,
    web_url,
)

SOURCE = "lahella"
TYPES = ("hobby", "support", "voluntary")
CHANNEL_TYPES = {"place": "place", "hybrid": "place", "online": "online", "phone": "phone"}
ACCESSIBILITY = {
    "ac_wheelchair": "wheelchair",
    "ac_rollator": "rollator",
    "ac_inductionloop": "induction_loop",
    "ac_itoilet": "accessible_toilet",
    "ac_parking": "parking",
}
AGE_RANGE = re.compile(r"^ageGroup/range:(\d{1,3})-(\d{1,3})?$")
OPEN_AGE = 99  # "65-99" is how the source says "65 and over"
PAGE_SIZE = 100
MAX_PAGES = 10_000


def traits_of(obj):
    return as_dict(as_dict(obj).get("traits"))


def channels_of(obj):
    channels = as_list(as_dict(obj).get("channels")) or as_list(traits_of(obj).get("channels"))
    return [as_dict(channel) for channel in channels]


def key_of(obj):
    key = as_dict(obj).get("_key")
    return str(key).strip() if isinstance(key, str | int) and not isinstance(key, bool) else ""


def channel_id(key, channel, index):
    """A stable id for the activity's ``index``-th channel (its own id when it has one)."""
    own = text_or_empty(channel.get("id"))
    value = f"{key}/{own or index}"
    if len(value) > 64:
        value = f"{key[:30]}/{hashlib.blake2b(value.encode(), digest_size=12).hexdigest()}"
    return value


def group_of(obj):
    """The association behind the activity: its first linked group, or {}."""
    groups = as_dict(as_dict(obj).get("links")).get("groups")
    if isinstance(groups, dict):
        groups = list(groups.values())
    for group in as_list(groups):
        if isinstance(group, dict) and key_of(group):
            return group
    return {}


def languages_of(traits):
    """The languages the activity's texts are given in: requiredLocales, or every language
    that has a name."""
    required = [lang for lang in as_list(traits.get("requiredLocales")) if lang in LANGUAGES]
    if required:
        return required
    translations = as_dict(traits.get("translations"))
    return [
        lang for lang in LANGUAGES if text_or_empty(as_dict(translations.get(lang)).get("name"))
    ]


def translated(traits, field, languages, convert):
    translations = as_dict(traits.get("translations"))
    values = {}
    for lang in languages:
        value = as_dict(translations.get(lang)).get(field)
        if isinstance(value, str):
            values[lang] = convert(value)
    return LText.from_mapping(values)


def service_languages(traits, languages):
    codes = set()
    for locale in as_list(traits.get("locale")):
        if isinstance(locale, str):
            code = locale.split("-")[0].lower()
            if len(code) == 2:
                codes.add(code)
    return tuple(sorted(codes or set(languages)))


def age_ranges(traits):
    ranges = set()
    for value in as_list(traits.get("demographic")):
        match = AGE_RANGE.match(value) if isinstance(value, str) else None
        if match:
            low = int(match.group(1))
            high = int(match.group(2)) if match.group(2) else None
            if high is not None and high >= OPEN_AGE:
                high = None
            if high is None or high >= low:
                ranges.add((low, high))
    return tuple(sorted(ranges, key=lambda r: (r[0], r[1] if r[1] is not None else 999)))


def charge_type(traits):
    pricing = {value for value in as_list(traits.get("pricing")) if isinstance(value, str)}
    if "paid" in pricing:
        return "charged"
    if "free" in pricing:
        return "free"
    return ""


@cache
def _municipality_index():
    """Municipality name in any language, casefolded → code."""
    index = {}
    for code, names in municipality_names().items():
        for name in names.values():
            index.setdefault(name.casefold(), code)
    return index


def municipality_code(name):
    return _municipality_index().get(text_or_empty(name).casefold(), "")


def region_municipalities(traits):
    codes = set()
    for region in as_list(traits.get("region")):
        if isinstance(region, str) and region.startswith("city/"):
            code = municipality_code(region.rsplit("/", 1)[-1])
            if code:
                codes.add(code)
    return codes


def activity_municipalities(obj):
    """The municipalities of an activity: its city regions and its places' addresses."""
    codes = region_municipalities(traits_of(obj))
    for channel in channels_of(obj):
        address = address_of(channel)
        if address and address.municipality_code:
            codes.add(address.municipality_code)
    return codes


def address_of(channel):
    """The visiting address in every language given, with the WGS84 point."""
    translations = as_dict(channel.get("translations"))
    streets, cities, postal = {}, {}, ""
    for lang in LANGUAGES:
        address = as_dict(as_dict(translations.get(lang)).get("address"))
        if text_or_empty(address.get("street")):
            streets[lang] = plain(address["street"])
        if text_or_empty(address.get("city")):
            cities[lang] = plain(address["city"])
        postal = postal or plain(address.get("postalCode"))
    latitude, longitude = point_of(channel)
    if not (streets or cities or latitude is not None):
        return None
    city = next((cities[lang] for lang in LANGUAGES if cities.get(lang)), "") or next(
        iter(cities.values()), ""
    )
    return AddressRecord(
        kind="visiting",
        street=LText.from_mapping(streets),
        postal_code=postal[:10],
        post_office=LText.from_mapping(cities),
        municipality_code=municipality_code(city),
        latitude=latitude,
        longitude=longitude,
    )


def address_name(address, languages):
    """ "Street 1, City" in each language, the other language standing in for a missing part."""

    def part(text, lang):
        return text.get(lang) or text.fi or text.sv

    return LText.from_mapping(
        {
            lang: ", ".join(
                filter(None, [part(address.street, lang), part(address.post_office, lang)])
            )
            for lang in languages
        }
    )


def point_of(channel):
    """(latitude, longitude) from GeoJSON ``[longitude, latitude]``; None outside Finland's
    bounding box (a swapped pair lands there)."""
    center = as_dict(as_dict(channel.get("map")).get("center"))
    coordinates = as_list(center.get("coordinates"))
    if len(coordinates) < 2 or not all(
        isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates[:2]
    ):
        return None, None
    longitude, latitude = float(coordinates[0]), float(coordinates[1])
    if not (59.0 <= latitude <= 70.5 and 19.0 <= longitude <= 32.0):
        return None, None
    return round(latitude, 6), round(longitude, 6)


def contacts_of(traits):
    phones, emails, links = set(), set(), set()
    for contact in map(as_dict, as_list(traits.get("contacts"))):
        kind, value = contact.get("type"), text_or_empty(contact.get("value"))
        if not value:
            continue
        if kind == "phone":
            number = normalise_phone(value)
            if number:
                phones.add(PhoneRecord(number=number))
        elif kind == "email" and email_address(value):
            emails.add(EmailRecord(address=email_address(value)))
        elif kind == "www" and web_url(value):
            links.add(LinkRecord(kind="page", url=web_url(value)))
    return (
        tuple(sorted(phones, key=lambda p: p.number)),
        tuple(sorted(emails, key=lambda e: e.address)),
        tuple(sorted(links, key=lambda link: link.url)),
    )


def _registration_links(channel):
    url = web_url(channel.get("registrationUrl"))
    if url:
        return {LinkRecord(kind="form", url=url)}
    return set()


# --- parsing ----------------------------------------------------------------------------------


def parse_channel(obj, index, moment=None):
    moment = moment or dj_timezone.now()
    key = key_of(obj)
    traits = traits_of(obj)
    channels = channels_of(obj)
    languages = languages_of(traits)
    name = translated(traits, "name", languages, plain)
    if not channels:  # only the contacts: a web page channel carries them
        phones, emails, links = contacts_of(traits)
        return ChannelRecord(
            source=SOURCE,
            external_id=channel_id(key, {}, index),
            channel_type="webpage",
            name=name,
            organisation_ref=key_of(group_of(obj)),
            languages=service_languages(traits, languages),
            phones=phones,
            emails=emails,
            links=links,
        )
    channel = channels[index]
    types = [t for t in strings(channel.get("type")) if t in CHANNEL_TYPES]
    channel_type = CHANNEL_TYPES[types[0]] if types else "place"
    address = address_of(channel)
    events = tuple(e for e in map(schedule.parse_event, as_list(channel.get("events"))) if e)
    phones, emails, links = ((), (), ())
    if index == 0:
        phones, emails, links = contacts_of(traits)
    links = tuple(
        sorted(set(links) | _registration_links(channel), key=lambda link: (link.kind, link.url))
    )
    email = email_address(channel.get("registrationEmail"))
    if email:
        emails = tuple(sorted(set(emails) | {EmailRecord(address=email)}, key=lambda e: e.address))
    features = sorted(
        {
            ACCESSIBILITY[code]
            for code in strings(channel.get("accessibility"))
            if code in ACCESSIBILITY
        }
    )
    place_name = address_name(address, languages) if address else LText()
    return ChannelRecord(
        source=SOURCE,
        external_id=channel_id(key, channel, index),
        channel_type=channel_type,
        name=place_name or name,
        summary=translated(channel, "summary", languages, plain),
        organisation_ref=key_of(group_of(obj)),
        languages=service_languages(traits, languages),
        area=Area(
            municipalities=(address.municipality_code,)
            if address and address.municipality_code
            else ()
        ),
        addresses=(address,) if address else (),
        phones=phones,
        emails=emails,
        links=links,
        accessibility=AccessibilityRecord(features=tuple(features)),
        schedule=schedule.schedule_text(events),
        events=events,
        occurrences=tuple(
            (start.isoformat(), end.isoformat() if end else "")
            for start, end in schedule.occurrences(events, moment)
        ),
    )


def parse_activity(obj, moment=None):
    moment = moment or dj_timezone.now()
    obj = as_dict(obj)
    key = key_of(obj)
    if not key:
        raise RecordError("", "activity without _key", "service")
    traits = traits_of(obj)
    languages = languages_of(traits)
    name = translated(traits, "name", languages, plain)
    if not (name.fi or name.sv):
        raise RecordError(key, "activity has no Finnish or Swedish name", "service")
    channels = channels_of(obj)
    events = [
        event
        for channel in channels
        for event in map(schedule.parse_event, as_list(channel.get("events")))
        if event
    ]
    municipalities = activity_municipalities(obj)
    codes = {
        ("lahella_theme", code)
        for code in as_list(traits.get("theme"))
        if isinstance(code, str) and code
    }
    codes |= {
        ("lahella_format", code)
        for code in as_list(traits.get("format"))
        if isinstance(code, str) and code
    }
    activity_type = traits.get("type") if traits.get("type") in TYPES else ""
    if activity_type:
        codes.add(("lahella_type", activity_type))
    required = [c for c in channels if isinstance(c.get("registrationRequired"), bool)]
    return ServiceRecord(
        source=SOURCE,
        external_id=key,
        name=name,
        summary=translated(traits, "summary", languages, plain),
        description=translated(traits, "description", languages, sanitise_html),
        user_instructions=translated(traits, "registration", languages, sanitise_html),
        charge_info=translated(traits, "pricing", languages, sanitise_html),
        charge_type=charge_type(traits),
        service_languages=service_languages(traits, languages),
        area=Area(municipalities=tuple(sorted(municipalities))),
        responsible_ref=key_of(group_of(obj)),
        channel_refs=tuple(channel_id(key, c, i) for i, c in enumerate(channels))
        or (channel_id(key, {}, 0),),
        activity_type=activity_type,
        age_ranges=age_ranges(traits),
        registration_required=any(c["registrationRequired"] for c in required)
        if required
        else None,
        source_codes=tuple(sorted(codes)),
        active=is_published(obj, moment) and not schedule.is_over(events, moment),
        source_modified=modified_of(obj),
    )


# Statuses that say "not shown now"; any other value than these and "published" is not
# understood, and the activity is reported rather than silently dropped.
UNPUBLISHED_STATUSES = {"draft", "unpublished", "archived", "deleted", "hidden", "expired"}


def is_published(obj, moment):
    status = obj.get("status")
    if status is not None:
        if status == "published":
            return True
        if isinstance(status, str) and status in UNPUBLISHED_STATUSES:
            return False
        raise RecordError(key_of(obj), f"unknown status {str(status)[:40]!r}", "service")
    visibility = as_dict(as_dict(obj.get("tags")).get("visibility"))
    end = schedule.from_epoch_ms(visibility.get("end"), moment.tzinfo)
    return end is None or end > moment


def modified_of(obj):
    """When the activity last changed at the source: ``updated`` (epoch ms) when given."""
    value = schedule.from_epoch_ms(as_dict(obj).get("updated"), UTC)
    return value.replace(microsecond=0) if value else None


def parse_group(group):
    group = as_dict(group)
    key = key_of(group)
    traits = traits_of(group)
    raw_name = traits.get("name")
    if isinstance(raw_name, dict):
        name = LText.from_mapping({lang: plain(raw_name.get(lang)) for lang in LANGUAGES})
    else:
        name = LText(fi=plain(raw_name) if isinstance(raw_name, str) else "")
    if not (name.fi or name.sv):
        raise RecordError(key, "association has no name", "organisation")
    return OrganisationRecord(
        source=SOURCE,
        external_id=key,
        name=name,
        org_type="ngo",
        business_id=business_id(traits.get("businessId")),
        web_url=web_url(traits.get("www")),
    )


# --- recognising payloads ---------------------------------------------------------------------


def is_activity(obj):
    return isinstance(obj, dict) and bool(key_of(obj)) and isinstance(obj.get("traits"), dict)


def pending(obj, moment=None):
    """The Pending items of one activity (organisation, channels, service), or None when the
    object is not an activity. The day is part of every digest: a resync on a new day
    re-reads occurrences and retires events that have passed."""
    if not is_activity(obj):
        return None
    moment = moment or dj_timezone.now()
    day = dj_timezone.localtime(moment, schedule.zone(schedule.DEFAULT_TZ)).date().isoformat()
    key = key_of(obj)
    items = []
    group = group_of(obj)
    if group:
        items.append(
            Pending("organisation", SOURCE, key_of(group), raw_digest(group), parse_group, group)
        )
    channels = channels_of(obj)
    digest = raw_digest(obj, day)
    for index in range(max(len(channels), 1)):
        external_id = channel_id(key, channels[index] if channels else {}, index)
        items.append(
            Pending(
                "channel",
                SOURCE,
                external_id,
                digest,
                partial(parse_channel, index=index, moment=moment),
                obj,
            )
        )
    items.append(
        Pending("service", SOURCE, key, digest, partial(parse_activity, moment=moment), obj)
    )
    return items


# --- fetching ---------------------------------------------------------------------------------


class LahellaSource:
    """Reads every activity the partner endpoint lists, page by page (``skip``/``limit``),
    and keeps those in the scope's municipalities. A page that says ``hasMore`` but brings
    no items, or repeats the previous page, ends the run as partial instead of looping."""

    name = "lahella"

    def __init__(self, client, municipalities, page_size=PAGE_SIZE, moment=None):
        self.client = client
        self.municipalities = set(municipalities)
        self.page_size = page_size
        self.moment = moment or dj_timezone.now()
        self.skipped = 0

    def activities(self):
        skip, pages, seen, count, total = 0, 0, set(), 0, None
        while pages < MAX_PAGES:
            pages += 1
            params = {
                "limit": self.page_size,
                "skip": skip,
                "total": "true",
                "links[groups]": "true",
            }
            data = self.client.get_json("activities", params)
            if not isinstance(data, dict) or not isinstance(data.get("items", []), list):
                raise BadResponse(f"activities at skip={skip} is not a Lähellä.fi page")
            items = data.get("items") or []
            if isinstance(data.get("total"), int):
                total = data["total"]
            has_more = bool(data.get("hasMore"))
            keys = {key_of(item) for item in items}
            if has_more and not items:
                yield SourceAnomaly(
                    f"activities: hasMore was true but the page at skip={skip} was empty; stopped"
                )
                return
            if items and keys <= seen:
                yield SourceAnomaly(
                    f"activities: the page at skip={skip} repeats earlier items; stopped"
                )
                return
            seen |= keys
            count += len(items)
            yield from items
            if not has_more:
                if total is not None and count < total:
                    yield SourceAnomaly(f"activities: total said {total} but {count} came")
                return
            skip += len(items)
        yield SourceAnomaly(f"activities: stopped after {MAX_PAGES} pages")

    def in_scope(self, obj):
        return bool(activity_municipalities(obj) & self.municipalities)

    def records(self):
        for item in self.activities():
            if isinstance(item, SourceAnomaly):
                yield item
                continue
            if not is_activity(item):
                yield RecordError(
                    key_of(item), "the source answered something that is not an activity", "service"
                )
                continue
            if not self.in_scope(item):
                self.skipped += 1
                continue
            yield from pending(item, self.moment)
