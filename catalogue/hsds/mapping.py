"""The catalogue as Open Referral HSDS 3.0 objects (our profile of it).

Standard HSDS fields carry everything HSDS has a place for, in the response language (fi or
sv, the other language standing in for a missing text): names and descriptions as plain text,
the organisation, languages, service areas, taxonomy terms (themes, PTV classes, Lähellä.fi
codes, service kind, charge, activity and organisation types), locations with WGS84
coordinates, addresses, phones, e-mail, accessibility and schedules as weekly RRULE parts.

What HSDS cannot say is in one profile extension per object, ``x_hyvinvointiopas``: the texts
in every language (fi, sv, en) with their HTML, the identity at the source, keywords, age
ranges, exact opening hours and Lähellä.fi events. The HSDS reader
(``ptv_sync.adapters.hsds``) reads the extension when present and the standard fields
otherwise, so an export re-imports into an equal catalogue and another county's HSDS feed
imports too.
"""

import hashlib
import re
from functools import lru_cache

from django.utils import translation
from django.utils.translation import get_language_info, pgettext_lazy
from modeltranslation.utils import resolution_order

from core.i18n import Translated, language_codes
from core.text import plain

from ..models import (
    ChargeType,
    Classification,
    OpeningHours,
    Organisation,
    Service,
    ServiceChannel,
    Theme,
)
from ..models.base import OPEN_DATA_NAMESPACE, open_data_id
from ..reference import (
    county_municipalities,
    county_names,
    load,
    municipality_names,
    names_by_language,
)
from . import lookups

HSDS_VERSION = "3.0"

EXT = "x_hyvinvointiopas"
# The languages texts come in: the site's (translated fields) and English (texts_en).
LANGUAGES = (*language_codes(), "en")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MUNICIPALITY_URI = "http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/"
REGION_URI = "http://uri.suomi.fi/codelist/jhs/maakunta_1_20240101/code/"
COUNTY_URI = "http://uri.suomi.fi/codelist/jhs/hyvinvointialue_1_20211013/code/"
COUNTRY_URI = "http://uri.suomi.fi/codelist/jhs/valtio_1_20120101/code/FI"

SERVICE_TEXTS = (
    "name",
    "summary",
    "description",
    "user_instructions",
    "charge_info",
    "requirements",
)
CHANNEL_TEXTS = ("name", "summary", "description", "schedule")
ORGANISATION_TEXTS = ("name", "description")
PHONE_TYPES = {"phone": "voice", "fax": "fax", "sms": "text"}
CHANNEL_LOCATION_TYPES = {"place": "physical"}  # every other channel is a virtual location


# uuid.uuid5's SHA-1 over the namespace, begun once; a page of nested services names about
# 1,300 objects, and building a uuid.UUID for each only to print it cost a tenth of the page.
_NAMESPACE_SHA1 = hashlib.sha1(OPEN_DATA_NAMESPACE.bytes, usedforsecurity=False)
# RFC 9562 variant bits (10xx) of the 17th hex digit.
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def hsds_uuid(*parts):
    """A stable UUID for an object without an identity of its own (a phone, a term):
    ``str(uuid.uuid5(OPEN_DATA_NAMESPACE, "part:part…"))``, written out from the digest."""
    digest = _NAMESPACE_SHA1.copy()
    digest.update(":".join(map(str, parts)).encode())
    h = digest.hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


# --- taxonomies ------------------------------------------------------------------------------
# key → (name, description, uri); the name is given in the language asked for. Terms of the first group are Classification rows of that
# kind; "theme" terms are the Theme rows; the rest are fixed code sets of our own models.


TAXONOMIES = {
    "theme": (
        pgettext_lazy("HSDS taxonomy", "The guide's themes"),
        "The eight wellbeing themes of the guide.",
        "",
    ),
    "service_class": (
        pgettext_lazy("HSDS taxonomy", "PTV service classes"),
        "Suomi.fi service classes (ptvserclass2).",
        "http://uri.suomi.fi/codelist/ptv/ptvserclass2",
    ),
    "target_group": (
        pgettext_lazy("HSDS taxonomy", "PTV target groups"),
        "Suomi.fi target groups (ptvkohderyhmat).",
        "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat",
    ),
    "life_event": (
        pgettext_lazy("HSDS taxonomy", "PTV life events"),
        "Suomi.fi life events (ptvelamantilanteet).",
        "http://uri.suomi.fi/codelist/ptv/ptvelamantilanteet",
    ),
    "ontology_term": (
        pgettext_lazy("HSDS taxonomy", "Ontology terms"),
        "Ontology terms (YSO and others) that PTV attaches to services.",
        "http://finto.fi/",
    ),
    "lahella_theme": (
        pgettext_lazy("HSDS taxonomy", "Lähellä.fi themes"),
        "Themes of Lähellä.fi activities.",
        "https://lahella.fi/",
    ),
    "lahella_format": (
        pgettext_lazy("HSDS taxonomy", "Lähellä.fi formats"),
        "Formats of Lähellä.fi activities.",
        "https://lahella.fi/",
    ),
    "lahella_type": (
        pgettext_lazy("HSDS taxonomy", "Lähellä.fi activity types"),
        "Types of Lähellä.fi activities.",
        "https://lahella.fi/",
    ),
    "lipas_type": (
        pgettext_lazy("HSDS taxonomy", "LIPAS place types"),
        "Types of sports and recreation places in LIPAS (Liikuntapaikat.fi).",
        "https://www.lipas.fi/",
    ),
    "service_kind": (
        pgettext_lazy("HSDS taxonomy", "Kind of service"),
        "Service, permit or obligation, professional qualification (PTV service type), or a "
        "sports or recreation place (LIPAS).",
        "",
    ),
    "charge_type": (
        pgettext_lazy("HSDS taxonomy", "Charge"),
        "Whether the service is free of charge.",
        "",
    ),
    "activity_type": (
        pgettext_lazy("HSDS taxonomy", "Type of activity"),
        "Hobbies and leisure, support and help, or volunteering (Lähellä.fi activities).",
        "",
    ),
    "organisation_type": (
        pgettext_lazy("HSDS taxonomy", "Type of organisation"),
        "Municipality, wellbeing services county, state, association, company…",
        "",
    ),
    "channel_type": (
        pgettext_lazy("HSDS taxonomy", "Service channel"),
        "Service location, phone service, online service, web page or printable form.",
        "",
    ),
}
CLASSIFICATION_TAXONOMIES = tuple(kind for kind, _label in Classification.Kind.choices)
FIXED_TERMS = {
    "service_kind": Service.Kind,
    "charge_type": ChargeType,
    "activity_type": Service.ActivityType,
    "organisation_type": Organisation.Type,
    "channel_type": ServiceChannel.Type,
}


def fixed_codes(key):
    """The (code, label) pairs of one of our own code sets."""
    return FIXED_TERMS[key].choices


@lru_cache(maxsize=64)
def taxonomy_id(key):
    return hsds_uuid("taxonomy", key)


@lru_cache(maxsize=10_000)
def term_id(taxonomy, code):
    return hsds_uuid("term", taxonomy, code)


@lru_cache(maxsize=256)
def taxonomy_name(key, language):
    """A taxonomy's name in ``language`` (its msgid is fixed; the catalogs load once)."""
    return in_language(TAXONOMIES[key][0], language)


def taxonomy(key, language):
    _name, description, uri = TAXONOMIES[key]
    data = {
        "id": taxonomy_id(key),
        "name": taxonomy_name(key, language),
        "description": description,
    }
    if uri:
        data["uri"] = uri
    return data


def taxonomies(language):
    return [taxonomy(key, language) for key in TAXONOMIES]


def classification_term(row, language, parents=None):
    """A Classification row as a taxonomy term; its code, or its URI, identifies it."""
    name = local_text(row, "name", language) or row.code or row.uri
    data = {
        "id": term_id(row.kind, row.uri),
        "code": row.code or row.uri,
        "name": name,
        "description": name,
        "taxonomy": taxonomy_name(row.kind, language),
        "taxonomy_id": taxonomy_id(row.kind),
        "language": language,
    }
    if row.uri.startswith(("http://", "https://")):
        data["term_uri"] = row.uri
    if row.parent_id and parents is not None and row.parent_id in parents:
        parent = parents[row.parent_id]
        data["parent_id"] = term_id(parent.kind, parent.uri)
    return data


def theme_term(theme, language):
    name = local_text(theme, "name", language)
    return {
        "id": term_id("theme", theme.slug),
        "code": theme.slug,
        "name": name,
        "description": plain(local_text(theme, "intro", language)) or name,
        "taxonomy": taxonomy_name("theme", language),
        "taxonomy_id": taxonomy_id("theme"),
        "language": language,
    }


def fixed_term(key, code, language):
    return dict(_fixed_term(key, code, language))


@lru_cache(maxsize=1024)
def choice_label(choices, code, language):
    """The label of ``code`` in one of our code sets (a TextChoices class) in ``language``;
    the code where the set doesn't know it."""
    with translation.override(language):
        return str(dict(choices.choices).get(code, code))


@lru_cache(maxsize=1024)
def _fixed_term(key, code, language):
    label = choice_label(FIXED_TERMS[key], code, language)
    return {
        "id": term_id(key, code),
        "code": code,
        "name": label,
        "description": label,
        "taxonomy": taxonomy_name(key, language),
        "taxonomy_id": taxonomy_id(key),
        "language": language,
    }


def all_terms(language):
    """Every taxonomy term: themes, the classification rows and the fixed code sets."""
    terms = [theme_term(theme, language) for theme in Theme.objects.order_by("sort_order")]
    rows = list(Classification.objects.order_by("kind", "code", "uri"))
    parents = {row.pk: row for row in rows}
    terms += [classification_term(row, language, parents) for row in rows]
    for key in FIXED_TERMS:
        terms += [fixed_term(key, code, language) for code, _label in fixed_codes(key)]
    return terms


def attribute(link_id, entity, term):
    return {
        "id": hsds_uuid("attribute", link_id, term["id"]),
        "link_id": link_id,
        "link_type": LINK_TYPES.get(term["taxonomy_id"], "classification"),
        "link_entity": entity,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


LINK_TYPES = {taxonomy_id(key): key for key in TAXONOMIES}


# --- texts ---------------------------------------------------------------------------------


def local_text(obj, field, language):
    """A translated field in ``language``, the other language standing in for a missing text
    (wagtail-modeltranslation's fallback order, as on the site), read from the per-language
    fields without switching the active language."""
    value = getattr(obj, f"{field}_{language}", None)
    if value:  # the language asked for comes first in every order; most texts have it
        return value
    for code in resolution_order(language):
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return value
    return ""


def json_text(values, language):
    """A {fi, sv, en} text of a JSON field in ``language``, falling back as the site does."""
    text = values.get(language) if isinstance(values, dict) else None
    if text:  # the language asked for comes first in every order; most texts have it
        return text
    return Translated.of(values).get(language)


BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|ul|ol)>|<br\s*/?>", re.IGNORECASE)


def html_to_text(html):
    """Sanitised HTML as plain text, one paragraph or list item per line."""
    lines = (plain(part) for part in BLOCK_END.split(html or "")[::2])
    return "\n".join(line for line in lines if line)


def texts_of(obj, fields):
    """{language: {field: text}} in every language the object has, English from texts_en."""
    data = {}
    for language in language_codes():
        values = {field: getattr(obj, f"{field}_{language}", "") or "" for field in fields}
        if any(values.values()):
            data[language] = {field: value for field, value in values.items() if value}
    english = {field: obj.texts_en.get(field) for field in fields if obj.texts_en.get(field)}
    if english:
        data["en"] = english
    return data


def in_language(text, language):
    """A lazy text in ``language``."""
    with translation.override(language):
        return str(text)


@lru_cache(maxsize=1024)
def language_name(code, language):
    """A language's name (``code``) in ``language``; the code where Django doesn't know it."""
    with translation.override(language):
        try:
            return str(get_language_info(code)["name_translated"])
        except KeyError:
            return code


def language_objects(codes, owner_field, owner_id, language):
    return [
        {
            "id": hsds_uuid("language", owner_id, code),
            owner_field: owner_id,
            "name": language_name(code, language),
            "code": code,
        }
        for code in codes
    ]


def _modified(value):
    return value.isoformat() if value else None


# --- organisations --------------------------------------------------------------------------


def organisation_basic(org, language):
    data = {
        "id": str(org.hsds_id),
        "name": local_text(org, "name", language),
        "description": html_to_text(local_text(org, "description", language)),
    }
    if org.web_url:
        data["website"] = org.web_url
    if org.parent_ref:
        data["parent_organization_id"] = str(
            open_data_id(Organisation.open_data_kind, org.source, org.parent_ref)
        )
    return data


def organisation_full(org, language):
    data = organisation_basic(org, language)
    oid = data["id"]
    identifiers = []
    if org.business_id:
        identifiers.append(
            {
                "id": hsds_uuid("identifier", oid, "business_id"),
                "organization_id": oid,
                "identifier_scheme": "FI-PRO",
                "identifier_type": "Y-tunnus / FO-nummer",
                "identifier": org.business_id,
            }
        )
    data.update(
        organization_identifiers=identifiers,
        attributes=[
            attribute(oid, "organization", fixed_term("organisation_type", org.org_type, language))
        ],
        phones=[],
        contacts=[],
        locations=[],
        funding=[],
        programs=[],
    )
    data[EXT] = {
        "source": org.source,
        "external_id": org.external_id,
        "texts": texts_of(org, ORGANISATION_TEXTS),
        "parent": org.parent_ref,
        "modified": _modified(org.source_modified),
    }
    return data


# --- channels as locations ------------------------------------------------------------------


def _address(address, location_id, region_of, language):
    street = json_text(address.street, language)
    street = " ".join(part for part in (street, address.street_number) if part)
    city = json_text(address.post_office, language)
    data = {
        "id": hsds_uuid("address", location_id, address.sort_order),
        "location_id": location_id,
        "address_1": street,
        "city": city,
        "state_province": region_of(address.municipality_code, language),
        "postal_code": address.postal_code,
        "country": "FI",
        "address_type": "physical" if address.kind == "visiting" else "postal",
    }
    data[EXT] = {
        "kind": address.kind,
        "street": address.street,
        "street_number": address.street_number,
        "post_office": address.post_office,
        "municipality_code": address.municipality_code,
        "latitude": address.latitude,
        "longitude": address.longitude,
        "info": address.info,
    }
    return data


def _phone(phone, location_id, language):
    pid = hsds_uuid("phone", location_id, phone.sort_order)
    data = {
        "id": pid,
        "location_id": location_id,
        "number": phone.number,
        "type": PHONE_TYPES.get(phone.kind, "voice"),
        "languages": language_objects([phone.language], "phone_id", pid, language)
        if phone.language
        else [],
    }
    if phone.info:
        data["description"] = phone.info
    data[EXT] = {"charge_type": phone.charge_type, "charge_info": phone.charge_info}
    return data


def _interval_schedule(location_id, n, i, interval):
    data = {
        "id": hsds_uuid("schedule", location_id, "hours", n, i),
        "location_id": location_id,
        "freq": "WEEKLY",
        "wkst": "MO",
        "interval": 2 if interval["weeks"] in ("odd", "even") else 1,
        "byday": DAYS[interval["day_from"] % 7],
        "opens_at": interval["start"],
        "closes_at": interval["end"],
    }
    if interval["status"] != "open":
        data["notes"] = interval["status"]
    return data


def _hours_schedules(all_hours, location_id, language):
    schedules = []
    for n, hours in enumerate(all_hours):
        text = " ".join(
            part
            for part in (json_text(hours.title, language), json_text(hours.info, language))
            if part
        )
        base = {
            "valid_from": hours.valid_from.isoformat() if hours.valid_from else None,
            "valid_to": hours.valid_to.isoformat() if hours.valid_to else None,
            # The kind ("regular hours") in the asked language, not the active one.
            "description": text or choice_label(OpeningHours.Kind, hours.kind, language),
        }
        base = {key: value for key, value in base.items() if value}
        entries = [
            {**base, **_interval_schedule(location_id, n, i, interval)}
            for i, interval in enumerate(hours.intervals)
        ]
        if not entries:  # always open, closed or a holiday without times
            entries = [
                {
                    **base,
                    "id": hsds_uuid("schedule", location_id, "hours", n),
                    "location_id": location_id,
                    "notes": "closed" if hours.is_closed else hours.kind,
                }
            ]
        schedules += entries
    return schedules


EVENT_FREQUENCIES = {"P1W": ("WEEKLY", 1), "P2W": ("WEEKLY", 2), "P1M": ("MONTHLY", 1)}


def _event_schedules(channel, location_id, language):
    schedules = []
    for n, event in enumerate(channel.events):
        start = event["start"]
        offset = start[19:] if len(start) > 19 else ""
        entry = {
            "location_id": location_id,
            "dtstart": start[:10],
            "description": local_text(channel, "schedule", language),
        }
        if offset[:1] in "+-" and offset:
            hours, minutes = offset[1:].split(":")
            sign = -1 if offset[0] == "-" else 1
            entry["timezone"] = sign * (int(hours) + int(minutes) / 60)
        if event.get("until"):
            entry["until"] = event["until"]
        freq = EVENT_FREQUENCIES.get(event.get("period") or "")
        if event.get("period") == "P1D":
            freq = ("WEEKLY", 1)
        slots = event.get("slots") or []
        if freq and slots:
            for weekday, opens, closes in slots:
                schedules.append(
                    {
                        **entry,
                        "id": hsds_uuid("schedule", location_id, "event", n, weekday, opens),
                        "freq": freq[0],
                        "interval": freq[1],
                        "wkst": "MO",
                        "byday": DAYS[weekday % 7],
                        "opens_at": opens,
                        "closes_at": closes,
                    }
                )
        else:
            one_off = {**entry, "id": hsds_uuid("schedule", location_id, "event", n)}
            one_off["opens_at"] = start[11:16]
            if event.get("end"):
                one_off["closes_at"] = event["end"][11:16]
            schedules.append(one_off)
    return schedules


def _accessibility(channel, location_id, language):
    sentences = channel.accessibility.get("sentences") or []
    features = channel.accessibility.get("features") or []
    entries = []
    for n, group in enumerate(sentences):
        title = json_text(group["group"], language)
        lines = [json_text(sentence, language) for sentence in group.get("sentences", [])]
        entries.append(
            {
                "id": hsds_uuid("accessibility", location_id, n),
                "location_id": location_id,
                "description": title,
                "details": " ".join(line for line in lines if line),
            }
        )
    if features:
        from ..views import FEATURE_LABELS

        with translation.override(language):
            labels = [str(FEATURE_LABELS.get(feature, feature)) for feature in features]
        entries.append(
            {
                "id": hsds_uuid("accessibility", location_id, "features"),
                "location_id": location_id,
                "description": ", ".join(labels),
            }
        )
    return entries


def location_basic(channel, language, links=None):
    data = {
        "id": str(channel.hsds_id),
        "location_type": CHANNEL_LOCATION_TYPES.get(channel.channel_type, "virtual"),
        "name": local_text(channel, "name", language),
        "description": html_to_text(
            local_text(channel, "description", language) or local_text(channel, "summary", language)
        ),
    }
    if channel.organisation_ref:
        data["organization_id"] = str(
            open_data_id(Organisation.open_data_kind, channel.source, channel.organisation_ref)
        )
    if channel.latitude is not None and channel.longitude is not None:
        data["latitude"] = channel.latitude
        data["longitude"] = channel.longitude
    links = details(channel, "links") if links is None else links
    if links and data["location_type"] == "virtual":
        data["url"] = links[0].url
    return data


def details(row, name):
    """A service's or a channel's list ``name`` (themes, channel links, addresses,
    phones…): as ``queries.services`` and ``queries.attach_channel_details`` left it, or
    else through its relation (prefetched or not)."""
    loaded = getattr(row, "hsds_details", None)
    if loaded is not None:
        return loaded[name]
    return list(getattr(row, name).all())


def location_full(channel, language, region_of):
    links = details(channel, "links")
    all_hours = details(channel, "hours")
    data = location_basic(channel, language, links)
    lid = data["id"]
    data.update(
        languages=language_objects(channel.languages, "location_id", lid, language),
        addresses=[_address(a, lid, region_of, language) for a in details(channel, "addresses")],
        phones=[_phone(p, lid, language) for p in details(channel, "phones")],
        contacts=[
            {
                "id": hsds_uuid("contact", lid, email.sort_order),
                "location_id": lid,
                "email": email.address,
                EXT: {"language": email.language},
            }
            for email in details(channel, "emails")
        ],
        accessibility=_accessibility(channel, lid, language),
        schedules=_hours_schedules(all_hours, lid, language)
        + _event_schedules(channel, lid, language),
        attributes=[
            attribute(lid, "location", fixed_term("channel_type", channel.channel_type, language))
        ],
    )
    data[EXT] = {
        "source": channel.source,
        "external_id": channel.external_id,
        "channel_type": channel.channel_type,
        "texts": texts_of(channel, CHANNEL_TEXTS),
        "organisation": channel.organisation_ref,
        "area_type": channel.area_type,
        "municipalities": sorted(m.code for m in details(channel, "municipalities")),
        "accessibility": channel.accessibility,
        "links": [
            {"kind": link.kind, "url": link.url, "title": link.title, "language": link.language}
            for link in links
        ],
        "hours": [
            {
                "kind": h.kind,
                "valid_from": h.valid_from.isoformat() if h.valid_from else None,
                "valid_to": h.valid_to.isoformat() if h.valid_to else None,
                "is_closed": h.is_closed,
                "title": h.title,
                "info": h.info,
                "intervals": h.intervals,
                "holiday": h.holiday,
            }
            for h in all_hours
        ],
        "events": channel.events,
        "occurrences": channel.occurrences,
        "modified": _modified(channel.source_modified),
    }
    return data


# --- services -------------------------------------------------------------------------------


def _ages(service):
    ranges = service.age_ranges or []
    if not ranges:
        return {}
    data = {"minimum_age": min(low for low, _high in ranges)}
    if all(high is not None for _low, high in ranges):
        data["maximum_age"] = max(high for _low, high in ranges)
    return data


def service_basic(service, language, url=None):
    organisation = service.responsible_organisation
    data = {
        "id": str(service.hsds_id),
        "name": local_text(service, "name", language),
        "description": html_to_text(
            local_text(service, "description", language) or local_text(service, "summary", language)
        ),
        "status": "active" if service.is_active else "inactive",
        **_ages(service),
    }
    for field, ours in (
        ("application_process", "user_instructions"),
        ("fees_description", "charge_info"),
        ("eligibility_description", "requirements"),
    ):
        text = html_to_text(local_text(service, ours, language))
        if text:
            data[field] = text
    if url:
        data["url"] = url
    if service.source_modified:
        data["last_modified"] = service.source_modified.isoformat()
    if organisation is not None:
        data["organization_id"] = str(organisation.hsds_id)
        data["organization"] = organisation_basic(organisation, language)
    return data


NATIONWIDE = pgettext_lazy("service area", "All of Finland")
NATIONWIDE_LABELS = {
    "nationwide_except_aland": pgettext_lazy("service area", "All of Finland except Åland")
}


def _service_areas(service, sid, language, names):
    areas = []
    if service.area_type != "limited":
        label = in_language(NATIONWIDE_LABELS.get(service.area_type, NATIONWIDE), language)
        areas.append(
            {"id": hsds_uuid("area", sid, service.area_type), "name": label, "uri": COUNTRY_URI}
        )
    for code in service.area_counties:
        areas.append(
            {
                "id": hsds_uuid("area", sid, "county", code),
                "name": county_names().get(code, {}).get(language, code),
                "uri": COUNTY_URI + code,
            }
        )
    for code in service.area_regions:
        areas.append(
            {
                "id": hsds_uuid("area", sid, "region", code),
                "name": names["regions"].get(code, {}).get(language, code),
                "uri": REGION_URI + code,
            }
        )
    for municipality in details(service, "municipalities"):
        areas.append(
            {
                "id": hsds_uuid("area", sid, "municipality", municipality.code),
                "name": local_text(municipality, "name", language),
                "uri": MUNICIPALITY_URI + municipality.code,
            }
        )
    for area in areas:
        area["service_id"] = sid
    return areas


def service_attributes(service, sid, language, context):
    """The service's taxonomy terms as attributes; a page's services share ``context``'s
    terms, each made once per page."""
    terms = [
        once(context, ("theme", theme.pk, language), theme_term, theme, language)
        for theme in details(service, "themes")
    ]
    terms += [
        once(
            context,
            ("classification", row.pk, language),
            classification_term,
            row,
            language,
            context["parents"],
        )
        for row in details(service, "classifications")
    ]
    terms.append(fixed_term("service_kind", service.kind, language))
    if service.charge_type:
        terms.append(fixed_term("charge_type", service.charge_type, language))
    if service.activity_type:
        terms.append(fixed_term("activity_type", service.activity_type, language))
    return [attribute(sid, "service", term) for term in terms]


def service_full(service, language, context, url=None, nest_locations=True):
    """A fully nested service. ``context`` holds lookups shared by a page of services;
    without ``nest_locations`` its service_at_locations name the locations by id only (the
    export lists every location once)."""
    data = service_basic(service, language, url)
    sid = data["id"]
    links = details(service, "channel_links")
    channels = [link.channel for link in links if link.channel is not None]
    channels = [channel for channel in channels if channel.is_active]
    data.update(
        languages=language_objects(service.service_languages, "service_id", sid, language),
        service_areas=_service_areas(service, sid, language, context),
        attributes=service_attributes(service, sid, language, context),
        service_at_locations=[
            {
                "id": hsds_uuid("service_at_location", sid, channel.hsds_id),
                "service_id": sid,
                "location_id": str(channel.hsds_id),
                **(
                    {"location": _page_location(channel, language, context)}
                    if nest_locations
                    else {}
                ),
            }
            for channel in channels
        ],
        phones=[],
        schedules=[],
        contacts=[],
        funding=[],
        cost_options=[],
        required_documents=[],
    )
    organisation = service.responsible_organisation
    if organisation is not None:
        data["organization"] = once(
            context,
            ("organisation", organisation.pk, language),
            organisation_full,
            organisation,
            language,
        )
    data[EXT] = {
        "source": service.source,
        "external_id": service.external_id,
        "texts": texts_of(service, SERVICE_TEXTS),
        "keywords": service.keywords,
        "area_type": service.area_type,
        "age_ranges": service.age_ranges,
        "registration_required": service.registration_required,
        "responsible": service.responsible_ref,
        "other_responsible": service.other_responsible_refs,
        "producers": service.producer_refs,
        "channel_refs": [link.channel_ref for link in links],
    }
    return data


def _page_location(channel, language, context):
    """A channel's nested location, made once for a page whose services share it."""
    return once(
        context,
        ("location", channel.pk, language),
        location_full,
        channel,
        language,
        context["region_of"],
    )


def service_at_location(service, channel, language, shared, url):
    """One service at one channel: one-to-one fields, or (with ``shared``) fully nested."""
    data = {
        "id": hsds_uuid("service_at_location", service.hsds_id, channel.hsds_id),
        "service_id": str(service.hsds_id),
        "location_id": str(channel.hsds_id),
    }
    if shared is None:
        data["location"] = location_basic(channel, language)
        data["service"] = service_basic(service, language, url)
        return data
    data["location"] = location_full(channel, language, shared["region_of"])
    data["service"] = service_full(service, language, shared, url)
    data.update(contacts=[], phones=[], schedules=[], attributes=[])
    return data


def once(context, key, make, *args):
    """``make(*args)``, made once for everything that shares ``context`` (a page of nested
    objects, or an export): a term, an organisation or a location many services name."""
    made = context["made"]
    if key not in made:
        made[key] = make(*args)
    return made[key]


def context():
    """Lookups a page of nested objects shares: classification parents, region names, and
    the objects ``once`` made."""
    regions = {
        item["code"]: names_by_language(item["names"]) for item in load("ptv-provinces.json")
    }
    county_of = {}
    for county, codes in county_municipalities().items():
        for code in codes:
            county_of[code] = county
    names = municipality_names()

    def region_of(code, language):
        """The address's 'state or province': the wellbeing services county, in Finland
        the level between municipality and state."""
        county = county_of.get(code)
        if county:
            return county_names().get(county, {}).get(language, "")
        return names.get(code, {}).get(language, "") if code else ""

    return {
        "parents": lookups.classifications(),
        "regions": regions,
        "region_of": region_of,
        "made": {},
    }
