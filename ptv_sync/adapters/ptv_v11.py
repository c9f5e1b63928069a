"""PTV Open API v11: parsing (any API version v7–v11 of the same shapes) and fetching."""

from core.text import plain

from ..geo import tm35fin_to_wgs84
from ..http import BadResponse
from ..records import (
    AccessibilityRecord,
    AddressRecord,
    Area,
    ChannelRecord,
    EmailRecord,
    HoursRecord,
    Interval,
    LinkRecord,
    OrganisationRecord,
    Pending,
    PhoneRecord,
    RecordError,
    Removal,
    ServiceRecord,
    SourceAnomaly,
    raw_digest,
)
from .common import (
    COUNTY_CODE,
    LANGUAGE_CODE,
    MUNICIPALITY_CODE,
    ORGANISATION_TYPES,
    as_dict,
    as_list,
    business_id,
    codes,
    email_address,
    first_url,
    hhmm,
    language_code,
    lipas_ref,
    lookup,
    ltext_markdown,
    ltext_plain,
    matching,
    municipality_code,
    normalise_phone,
    parse_day,
    parse_timestamp,
    target_group_ages,
    text_or_empty,
    web_url,
    weekday_index,
    wheelchair_features,
)

SOURCE = "ptv"

CHANNEL_TYPES = {
    "ServiceLocation": "place",
    "EChannel": "online",
    "Phone": "phone",
    "WebPage": "webpage",
    "PrintableForm": "printable",
}
SERVICE_KINDS = {
    "Service": "service",
    "PermitOrObligation": "permit",
    "ProfessionalQualification": "qualification",
    "ProfessionalQualifications": "qualification",
}
CHARGE_TYPES = {
    "Chargeable": "charged",
    "Charged": "charged",
    "FreeOfCharge": "free",
    "Free": "free",
    "Other": "other",
}
PHONE_CHARGES = {"Chargeable": "charged", "FreeOfCharge": "free", "Other": "extra"}
AREA_TYPES = {
    "Nationwide": "nationwide",
    "NationwideExceptAlandIslands": "nationwide_except_aland",
    "LimitedType": "limited",
}
USABLE_COORDINATES = {"Ok", "EnteredByUser"}
INACTIVE_STATUSES = {"Archived", "Withdrawn", "Deleted", "OldPublished"}
ACCESSIBILITY_LEVELS = {
    "FullyCompliant": "fully",
    "PartiallyCompliant": "partially",
    "NonCompliant": "non_compliant",
    "Unknown": "unknown",
}


# --- small readers ----------------------------------------------------------------------------


def by_language(entries, types=None):
    """{language: value} from PTV's [{language, value, type}] lists (first value wins)."""
    values = {}
    for entry in as_list(entries):
        entry = as_dict(entry)
        kind = entry.get("type")
        if types is not None and not ((kind is None or isinstance(kind, str)) and kind in types):
            continue
        language, value = entry.get("language"), entry.get("value")
        if isinstance(language, str) and isinstance(value, str) and value.strip():
            values.setdefault(language, value)
    return values


def is_active(obj):
    status = obj.get("publishingStatus")
    return not (isinstance(status, str) and status in INACTIVE_STATUSES)


def parse_area(obj):
    municipalities, regions, counties = set(), set(), set()
    for area in as_list(obj.get("areas")):
        area = as_dict(area)
        area_kind, code = area.get("type"), text_or_empty(area.get("code"))
        listed = {
            text_or_empty(m.get("code"))
            for m in map(as_dict, as_list(area.get("municipalities")))
            if m.get("code")
        }
        if area_kind in ("Region", "Province") and code:
            regions.add(code)
        elif area_kind in ("WellbeingServiceCounties", "WellbeingServiceCounty") and code:
            counties.add(code)
        else:  # Municipality; BusinessSubRegion and HospitalDistrict by their municipalities
            municipalities |= listed
    # API versions before v8 listed municipality codes directly.
    for municipality in as_list(obj.get("areaMunicipalities")):
        municipality = as_dict(municipality)
        if municipality.get("code"):
            municipalities.add(text_or_empty(municipality["code"]))
    return Area(
        area_type=lookup(AREA_TYPES, obj.get("areaType"), "limited"),
        municipalities=matching(MUNICIPALITY_CODE, list(municipalities)),
        regions=matching(COUNTY_CODE, list(regions)),
        counties=matching(COUNTY_CODE, list(counties)),
    )


# --- organisations ----------------------------------------------------------------------------


def parse_organisation(obj):
    obj = as_dict(obj)
    external_id = text_or_empty(obj.get("id"))
    if not external_id:
        raise RecordError("", "organisation without id", "organisation")
    name = ltext_plain(by_language(obj.get("organizationNames"), {"Name", None}))
    if not (name.fi or name.sv):
        raise RecordError(
            external_id, "organisation has no Finnish or Swedish name", "organisation"
        )
    descriptions = obj.get("organizationDescriptions")
    return OrganisationRecord(
        source=SOURCE,
        external_id=external_id,
        name=name,
        org_type=lookup(ORGANISATION_TYPES, obj.get("organizationType"), "other"),
        description=ltext_markdown(by_language(descriptions, {"Description"})),
        business_id=business_id(obj.get("businessCode")),
        parent_ref=text_or_empty(obj.get("parentOrganizationId")),
        web_url=first_url(
            text_or_empty(as_dict(p).get("url")) for p in as_list(obj.get("webPages"))
        ),
        active=is_active(obj),
        source_modified=parse_timestamp(obj.get("modified")),
    )


# --- services ---------------------------------------------------------------------------------


def parse_service(obj):
    obj = as_dict(obj)
    external_id = text_or_empty(obj.get("id"))
    if not external_id:
        raise RecordError("", "service without id", "service")
    name = ltext_plain(by_language(obj.get("serviceNames"), {"Name"}))
    if not (name.fi or name.sv):
        raise RecordError(external_id, "service has no Finnish or Swedish name", "service")
    descriptions = obj.get("serviceDescriptions")
    responsible, others, producers = "", set(), set()
    for role in map(as_dict, as_list(obj.get("organizations"))):
        org_id = text_or_empty(as_dict(role.get("organization")).get("id")) or text_or_empty(
            role.get("organizationId")
        )
        if not org_id:
            continue
        if role.get("roleType") == "Responsible" and not responsible:
            responsible = org_id
        elif role.get("roleType") in ("Responsible", "OtherResponsible"):
            others.add(org_id)
        elif role.get("roleType") == "Producer":
            producers.add(org_id)
    channel_refs = {
        text_or_empty(as_dict(link.get("serviceChannel")).get("id"))
        for link in map(as_dict, as_list(obj.get("serviceChannels")))
    } - {""}
    target_groups = codes("target_group", obj.get("targetGroups"))
    keywords = {
        (entry["language"], plain(entry["value"]))
        for entry in map(as_dict, as_list(obj.get("keywords")))
        if isinstance(entry.get("value"), str)
        and plain(entry["value"])
        and isinstance(entry.get("language"), str)
    }
    return ServiceRecord(
        source=SOURCE,
        external_id=external_id,
        name=name,
        summary=ltext_plain(by_language(descriptions, {"Summary", "ShortDescription"})),
        description=ltext_markdown(by_language(descriptions, {"Description"})),
        user_instructions=ltext_markdown(by_language(descriptions, {"UserInstruction"})),
        charge_info=ltext_markdown(by_language(descriptions, {"ChargeTypeAdditionalInfo"})),
        requirements=ltext_markdown(by_language(obj.get("requirements"))),
        service_kind=lookup(SERVICE_KINDS, obj.get("type"), "service"),
        charge_type=lookup(CHARGE_TYPES, obj.get("serviceChargeType"), ""),
        service_languages=matching(LANGUAGE_CODE, obj.get("languages")),
        keywords=tuple(sorted(keywords)),
        area=parse_area(obj),
        service_classes=codes("service_class", obj.get("serviceClasses")),
        target_groups=target_groups,
        age_ranges=target_group_ages(target_groups),
        life_events=codes("life_event", obj.get("lifeEvents")),
        ontology_terms=tuple(
            sorted(
                {
                    text_or_empty(as_dict(term).get("uri"))
                    for term in as_list(obj.get("ontologyTerms"))
                }
                - {""}
            )
        ),
        responsible_ref=responsible,
        other_responsible_refs=tuple(sorted(others - {responsible})),
        producer_refs=tuple(sorted(producers)),
        channel_refs=tuple(sorted(channel_refs)),
        active=is_active(obj),
        source_modified=parse_timestamp(obj.get("modified")),
    )


# --- channels ---------------------------------------------------------------------------------


def parse_phones(entries):
    phones = set()
    for phone in map(as_dict, as_list(entries)):
        number = normalise_phone(
            phone.get("number"),
            phone.get("prefixNumber"),
            service_number=bool(phone.get("isFinnishServiceNumber")),
        )
        if not number:
            continue
        kind = lookup({"Fax": "fax", "Sms": "sms"}, phone.get("type"), "phone")
        phones.add(
            PhoneRecord(
                number=number,
                kind=kind,
                language=language_code(phone.get("language")),
                info=plain(phone.get("additionalInformation")),
                charge_type=lookup(PHONE_CHARGES, phone.get("serviceChargeType"), ""),
                charge_info=plain(phone.get("chargeDescription")),
            )
        )
    return tuple(sorted(phones, key=lambda p: (p.language, p.kind, p.number, p.info)))


def parse_emails(entries):
    emails = {
        EmailRecord(
            address=email_address(e.get("value")), language=language_code(e.get("language"))
        )
        for e in map(as_dict, as_list(entries))
        if email_address(e.get("value"))
    }
    return tuple(sorted(emails, key=lambda e: (e.language, e.address)))


def parse_links(kind, entries, url_key="url", title_key="value"):
    links = set()
    for entry in map(as_dict, as_list(entries)):
        url = web_url(entry.get(url_key))
        if url:
            links.add(
                LinkRecord(
                    kind=kind,
                    url=url,
                    title=plain(entry.get(title_key)) if title_key else "",
                    language=language_code(entry.get("language")),
                )
            )
    return links


def parse_address(address, kind):
    address = as_dict(address)
    street = as_dict(address.get("streetAddress"))
    if not street:
        return None
    point = None
    state = street.get("coordinateState")
    if isinstance(state, str) and state in USABLE_COORDINATES:
        # PTV's "latitude" is the TM35FIN northing and "longitude" the easting.
        point = tm35fin_to_wgs84(street.get("longitude"), street.get("latitude"))
    municipality = as_dict(street.get("municipality"))
    return AddressRecord(
        kind=kind,
        street=ltext_plain(by_language(street.get("street"))),
        street_number=plain(street.get("streetNumber")),
        postal_code=plain(street.get("postalCode")),
        post_office=ltext_plain(by_language(street.get("postOffice"))),
        municipality_code=municipality_code(municipality.get("code")),
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        info=ltext_plain(by_language(street.get("additionalInformation"))),
    )


HOUR_KINDS = {
    "DaysOfTheWeek": "regular",
    "Standard": "regular",
    "OverMidnight": "regular",
    "Special": "regular",
    "Exceptional": "exceptional",
    "Exception": "exceptional",
}


def parse_hours(entries):
    hours = []
    for entry in map(as_dict, as_list(entries)):
        hour_type = entry.get("serviceHourType")
        kind = lookup(HOUR_KINDS, hour_type)
        if kind is None:
            continue
        reservation = bool(entry.get("isReservation"))
        status = "reservation" if reservation else "open"
        intervals = []
        for opening in map(as_dict, as_list(entry.get("openingHour"))):
            day_from = weekday_index(opening.get("dayFrom"))
            day_to = weekday_index(opening.get("dayTo"))
            start, end = hhmm(opening.get("from")), hhmm(opening.get("to"))
            if day_from is None or start is None or end is None:
                continue
            if hour_type in ("OverMidnight", "Special") and day_to is not None:
                intervals.append(Interval(day_from, start, day_to, end, status))
            elif day_to is not None and day_to != day_from:
                # "Monday–Friday 8–16": the same hours on each day of the range.
                day = day_from
                while True:
                    intervals.append(Interval(day, start, day, end, status))
                    if day == day_to:
                        break
                    day = (day + 1) % 7
            else:
                intervals.append(Interval(day_from, start, day_from, end, status))
        always = bool(entry.get("isAlwaysOpen") or entry.get("isOpenAllTheTime"))
        hours.append(
            HoursRecord(
                kind="always" if always and kind == "regular" else kind,
                valid_from=None if entry.get("validForNow") else parse_day(entry.get("validFrom")),
                valid_to=parse_day(entry.get("validTo")),
                is_closed=bool(entry.get("isClosed")),
                info=ltext_plain(by_language(entry.get("additionalInformation"))),
                intervals=tuple(sorted(set(intervals), key=lambda i: (i.day_from, i.start))),
            )
        )
    return tuple(hours)


def parse_accessibility(obj, addresses_raw):
    groups = []
    for address in map(as_dict, as_list(addresses_raw)):
        for entrance in map(as_dict, as_list(address.get("entrances"))):
            for sentence_group in map(as_dict, as_list(entrance.get("accessibilitySentences"))):
                group = ltext_plain(by_language(sentence_group.get("sentenceGroup")))
                sentences = tuple(
                    text
                    for s in map(as_dict, as_list(sentence_group.get("sentences")))
                    if (text := ltext_plain(by_language(s.get("sentence"))))
                )
                if group or sentences:
                    groups.append((group, sentences))
    classification = as_dict(next(iter(as_list(obj.get("accessibilityClassification"))), None))
    level = classification.get("accessibilityClassificationLevel") or obj.get(
        "accessibilityClassificationLevel"
    )
    wcag = classification.get("wcagLevel") or obj.get("wcagLevel")
    level = ACCESSIBILITY_LEVELS.get(level, "")
    return AccessibilityRecord(
        sentences=tuple(groups),
        level=level,
        wcag_level=text_or_empty(wcag) if wcag in ("LevelA", "LevelAA", "LevelAAA") else "",
        features=wheelchair_features(groups, level),
    )


def parse_channel(obj):
    obj = as_dict(obj)
    external_id = text_or_empty(obj.get("id"))
    if not external_id:
        raise RecordError("", "service channel without id", "channel")
    channel_type = lookup(CHANNEL_TYPES, obj.get("serviceChannelType"))
    if channel_type is None:
        raise RecordError(
            external_id, f"unknown channel type {obj.get('serviceChannelType')!r}", "channel"
        )
    name = ltext_plain(by_language(obj.get("serviceChannelNames"), {"Name", None}))
    if not (name.fi or name.sv):
        raise RecordError(external_id, "channel has no Finnish or Swedish name", "channel")
    descriptions = obj.get("serviceChannelDescriptions")
    addresses_raw = as_list(obj.get("addresses"))
    addresses = []
    for raw in addresses_raw:
        kind = "postal" if as_dict(raw).get("type") == "Postal" else "visiting"
        if (address := parse_address(raw, kind)) is not None:
            addresses.append(address)
    for raw in as_list(obj.get("deliveryAddresses")):
        if (address := parse_address(raw, "delivery")) is not None:
            addresses.append(address)

    links = set()
    primary_kind = {"online": "service", "webpage": "service", "printable": "form"}.get(
        channel_type, "page"
    )
    links |= parse_links(primary_kind, obj.get("webPages"))
    links |= parse_links("form", obj.get("channelUrls"), url_key="value", title_key=None)
    links |= parse_links("attachment", obj.get("attachments"))
    links |= parse_links("accessibility", obj.get("accessibilityStatementWebPage"))
    for classification in map(as_dict, as_list(obj.get("accessibilityClassification"))):
        links |= parse_links("accessibility", classification.get("accessibilityStatementWebPage"))

    return ChannelRecord(
        source=SOURCE,
        external_id=external_id,
        same_as=lipas_ref(obj.get("sourceId")),
        channel_type=channel_type,
        name=name,
        summary=ltext_plain(by_language(descriptions, {"Summary", "ShortDescription"})),
        description=ltext_markdown(by_language(descriptions, {"Description"})),
        organisation_ref=text_or_empty(obj.get("organizationId")),
        languages=matching(LANGUAGE_CODE, obj.get("languages")),
        area=parse_area(obj),
        addresses=tuple(addresses),
        phones=parse_phones(as_list(obj.get("phoneNumbers")) + as_list(obj.get("supportPhones"))),
        emails=parse_emails(as_list(obj.get("emails")) + as_list(obj.get("supportEmails"))),
        links=tuple(sorted(links, key=lambda link: (link.kind, link.language, link.url))),
        hours=parse_hours(obj.get("serviceHours")),
        accessibility=parse_accessibility(obj, addresses_raw),
        active=is_active(obj),
        source_modified=parse_timestamp(obj.get("modified")),
    )


# --- recognising payloads ---------------------------------------------------------------------


def recognise(obj):
    """The parser for a v11 object, by its shape; None when it is not one."""
    if not isinstance(obj, dict):
        return None
    if "serviceNames" in obj:
        return parse_service
    if "serviceChannelType" in obj and "contentId" not in obj:
        return parse_channel
    if "organizationNames" in obj:
        return parse_organisation
    return None


KINDS = {parse_service: "service", parse_channel: "channel", parse_organisation: "organisation"}


def pending(obj):
    """The object as a Pending item (parsed later, only if changed), or None if it is not
    a v11 object."""
    parser = recognise(obj)
    if parser is None:
        return None
    return Pending(
        KINDS[parser], SOURCE, text_or_empty(obj.get("id")), raw_digest(obj), parser, obj
    )


def referenced_ids(obj):
    """(channel ids, organisation ids) a raw service or channel refers to."""
    channels = {
        text_or_empty(as_dict(link.get("serviceChannel")).get("id"))
        for link in map(as_dict, as_list(obj.get("serviceChannels")))
    }
    organisations = {
        text_or_empty(as_dict(role.get("organization")).get("id"))
        for role in map(as_dict, as_list(obj.get("organizations")))
        if role.get("roleType") in ("Responsible", "OtherResponsible")
    }
    organisations.add(text_or_empty(obj.get("organizationId")))
    return channels - {""}, organisations - {""}


# --- fetching ---------------------------------------------------------------------------------

GUID_BATCH = 100  # the API refuses more ids per list call


def batches(ids, size=GUID_BATCH):
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def pages_v11(client, path, params=None, max_pages=10_000):
    """Yield the items of every page of a v11 list, then a SourceAnomaly if the paging did not
    add up. Trusts the items, not ``pageCount``: stops at the first empty page, goes on past
    ``pageCount`` while pages are full."""
    page, previous_first = 1, None
    while page <= max_pages:
        data = client.get_json(path, {**(params or {}), "page": page})
        if data is None:
            return
        if not isinstance(data, dict) or not isinstance(data.get("itemList") or [], list):
            raise BadResponse(f"{path} page {page} is not a PTV list page")
        items = data.get("itemList") or []
        page_count = data.get("pageCount") if isinstance(data.get("pageCount"), int) else 0
        page_size = data.get("pageSize") if isinstance(data.get("pageSize"), int) else 0
        first = as_dict(items[0]).get("id") if items else None
        if items and first == previous_first:
            yield SourceAnomaly(f"{path}: page {page} repeats page {page - 1}; stopped")
            return
        if not items:
            if page <= page_count:
                yield SourceAnomaly(
                    f"{path}: pageCount said {page_count} but page {page} was empty"
                )
            return
        if page > page_count > 0:
            yield SourceAnomaly(f"{path}: pageCount said {page_count} but page {page} had items")
        yield from items
        if page >= page_count and (not page_size or len(items) < page_size):
            return
        previous_first = first
        page += 1


class PtvV11Source:
    """Reads services of the scope's municipalities, the channels and organisations they
    refer to, and (incrementally) what was archived or withdrawn since the last run."""

    name = "ptv"

    def __init__(self, client, municipalities, since=None, known_ids=None):
        self.client = client
        self.municipalities = list(municipalities)
        self.since = since
        self.known_ids = known_ids or (lambda kind: set())

    def _date_params(self):
        return {"date": self.since.strftime("%Y-%m-%dT%H:%M:%S")} if self.since else {}

    def _guids(self, path, params):
        for item in pages_v11(self.client, path, params):
            if isinstance(item, SourceAnomaly):
                yield item
            elif isinstance(item, dict) and item.get("id"):
                yield item["id"]

    def _fetch(self, path, ids):
        """Pending items for the ids, fetched in batches of at most 100."""
        for batch in batches(ids):
            data = self.client.get_json(path, {"guids": ",".join(batch)})
            items = data if isinstance(data, list) else as_list(as_dict(data).get("itemList"))
            for obj in items:
                item = pending(obj)
                if item is None:
                    yield RecordError(
                        as_dict(obj).get("id", ""), f"{path} answered an unknown object"
                    )
                else:
                    yield item

    def records(self):
        service_ids = {}
        for code in self.municipalities:
            for item in self._guids(f"Service/area/Municipality/code/{code}", self._date_params()):
                if isinstance(item, SourceAnomaly):
                    yield item
                else:
                    service_ids.setdefault(item, None)

        channel_ids, organisation_ids = {}, {}
        for item in self._fetch("Service/list", service_ids):
            if isinstance(item, Pending):
                channels, organisations = referenced_ids(item.obj)
                channel_ids.update(dict.fromkeys(sorted(channels)))
                organisation_ids.update(dict.fromkeys(sorted(organisations)))
            yield item

        if self.since:
            known_channels = self.known_ids("channel")
            for item in self._guids("ServiceChannel", self._date_params()):
                if isinstance(item, SourceAnomaly):
                    yield item
                elif item in known_channels:
                    channel_ids.setdefault(item, None)
        for item in self._fetch("ServiceChannel/list", channel_ids):
            if isinstance(item, Pending):
                organisation_ids.update(dict.fromkeys(sorted(referenced_ids(item.obj)[1])))
            yield item

        if self.since:
            known_organisations = self.known_ids("organisation")
            for item in self._guids("Organization", self._date_params()):
                if isinstance(item, SourceAnomaly):
                    yield item
                elif item in known_organisations:
                    organisation_ids.setdefault(item, None)
        yield from self._fetch("Organization/list", organisation_ids)

        if self.since:
            for kind, path in (
                ("service", "Service"),
                ("channel", "ServiceChannel"),
                ("organisation", "Organization"),
            ):
                for status in ("Archived", "Withdrawn"):
                    for item in self._guids(path, {**self._date_params(), "status": status}):
                        yield (
                            item if isinstance(item, SourceAnomaly) else Removal(SOURCE, kind, item)
                        )
