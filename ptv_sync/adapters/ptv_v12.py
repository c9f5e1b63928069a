"""PTV Open API v12 (beta): parsing and fetching. Produces the same records as v11."""

from core.text import plain

from ..geo import tm35fin_to_wgs84
from ..http import BadResponse
from ..records import (
    LANGUAGES,
    AccessibilityRecord,
    AddressRecord,
    Area,
    ChannelRecord,
    EmailRecord,
    HoursRecord,
    Interval,
    LinkRecord,
    LText,
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
    lipas_ref,
    lookup,
    ltext_markdown,
    ltext_plain,
    matching,
    normalise_phone,
    parse_day,
    parse_timestamp,
    strings,
    target_group_ages,
    text_or_empty,
    web_url,
    weekday_index,
    wheelchair_features,
)

SOURCE = "ptv"
PAGE_SIZE = 100
ID_FILTER_MAX = 20  # array filters take at most 20 values

CHANNEL_TYPES = {
    "ServiceLocation": "place",
    "EService": "online",
    "TelephoneService": "phone",
    "WebPage": "webpage",
    "PrintableForm": "printable",
}
SERVICE_KINDS = {
    "Service": "service",
    "PermitOrOtherObligation": "permit",
    "ProfessionalQualification": "qualification",
}
CHARGE_TYPES = {"Free": "free", "Charged": "charged", "Other": "other"}
PHONE_CHARGES = {"Free": "free", "Charged": "charged", "ExtraCharge": "extra"}
AREA_TYPES = {
    "WholeCountry": "nationwide",
    "WholeCountryExceptAland": "nationwide_except_aland",
    "LimitedArea": "limited",
}
ACCESSIBILITY_LEVELS = {
    "FullyCompliant": "fully",
    "PartiallyCompliant": "partially",
    "NonCompliant": "non_compliant",
    "Unknown": "unknown",
}
OPENING_STATUS = {"Open": "open", "OpenOnReservation": "reservation", "Closed": "closed"}
REPETITION = {"Weekly": "all", "OddWeeks": "odd", "EvenWeeks": "even"}


def versions(obj):
    """{language: language version} for the site's languages and English."""
    lv = as_dict(obj.get("languageVersions"))
    return {lang: as_dict(lv.get(lang)) for lang in LANGUAGES if isinstance(lv.get(lang), dict)}


def per_language(lv, key):
    return {lang: version.get(key) for lang, version in lv.items()}


def ltext_map(value):
    """LText objects: {fi, sv, en, ...}."""
    return ltext_plain(as_dict(value))


def parse_area(area):
    area = as_dict(area)
    return Area(
        area_type=lookup(AREA_TYPES, area.get("areaType"), "limited"),
        municipalities=matching(MUNICIPALITY_CODE, area.get("municipalities")),
        regions=matching(COUNTY_CODE, area.get("regions")),
        counties=matching(COUNTY_CODE, area.get("wellbeingServicesCounties")),
    )


# --- organisations ----------------------------------------------------------------------------


def parse_organisation(obj):
    obj = as_dict(obj)
    external_id = text_or_empty(obj.get("contentId"))
    if not external_id:
        raise RecordError("", "organisation without contentId", "organisation")
    lv = versions(obj)
    name = ltext_plain(per_language(lv, "name"))
    if not (name.fi or name.sv):
        raise RecordError(
            external_id, "organisation has no Finnish or Swedish name", "organisation"
        )
    web_pages = [
        text_or_empty(as_dict(page).get("url"))
        for lang in LANGUAGES
        for page in as_list(lv.get(lang, {}).get("contactWebPages"))
    ]
    return OrganisationRecord(
        source=SOURCE,
        external_id=external_id,
        name=name,
        org_type=lookup(ORGANISATION_TYPES, obj.get("organizationType"), "other"),
        description=ltext_markdown(per_language(lv, "description")),
        business_id=business_id(obj.get("businessId")),
        parent_ref=text_or_empty(obj.get("parentOrganizationContentId")),
        web_url=first_url(web_pages),
        source_modified=parse_timestamp(obj.get("publishedAt")),
    )


# --- services ---------------------------------------------------------------------------------


def parse_service(obj, channel_refs=None):
    """``channel_refs``: the channels connected to the service (from the connection search);
    None when not known."""
    obj = as_dict(obj)
    external_id = text_or_empty(obj.get("contentId"))
    if not external_id:
        raise RecordError("", "service without contentId", "service")
    lv = versions(obj)
    name = ltext_plain(per_language(lv, "name"))
    if not (name.fi or name.sv):
        raise RecordError(external_id, "service has no Finnish or Swedish name", "service")
    producers = as_dict(obj.get("producers"))
    producer_refs = {
        ref
        for group in ("selfProducedProducers", "procuredProducers", "otherProducers")
        for ref in strings(as_dict(producers.get(group)).get("organizations"))
    }
    responsible = text_or_empty(obj.get("organizationContentId"))
    target_groups = codes("target_group", obj.get("targetGroups"))
    keywords = {
        (lang, plain(keyword))
        for lang, version in lv.items()
        for keyword in as_list(version.get("freelyAssignedKeywords"))
        if plain(keyword)
    }
    return ServiceRecord(
        source=SOURCE,
        external_id=external_id,
        name=name,
        summary=ltext_plain(per_language(lv, "summary")),
        description=ltext_markdown(per_language(lv, "description")),
        user_instructions=ltext_markdown(per_language(lv, "userInstructions")),
        charge_info=ltext_markdown(per_language(lv, "chargeTypeAdditionalInformation")),
        requirements=ltext_markdown(per_language(lv, "conditions")),
        service_kind=lookup(SERVICE_KINDS, obj.get("serviceType"), "service"),
        charge_type=lookup(CHARGE_TYPES, obj.get("chargeType"), ""),
        service_languages=matching(LANGUAGE_CODE, obj.get("serviceLanguages")),
        keywords=tuple(sorted(keywords)),
        area=parse_area(obj.get("area")),
        service_classes=codes("service_class", obj.get("serviceClasses")),
        target_groups=target_groups,
        age_ranges=target_group_ages(target_groups),
        life_events=codes("life_event", obj.get("lifeEvents")),
        ontology_terms=tuple(sorted({t for t in strings(obj.get("ontologyTerms")) if web_url(t)})),
        responsible_ref=responsible,
        other_responsible_refs=tuple(
            sorted(set(strings(obj.get("otherResponsibleOrganizations"))) - {responsible})
        ),
        producer_refs=tuple(sorted(producer_refs)),
        channel_refs=None if channel_refs is None else tuple(sorted(set(channel_refs))),
        source_modified=parse_timestamp(obj.get("publishedAt")),
    )


# --- channels ---------------------------------------------------------------------------------


def parse_phone_list(entries, language):
    phones = set()
    for phone in map(as_dict, as_list(entries)):
        phone_type = phone.get("type")
        number = normalise_phone(phone.get("number"), phone.get("dialCode"))
        if not number:
            continue
        phones.add(
            PhoneRecord(
                number=number,
                kind=lookup({"Fax": "fax", "Sms": "sms"}, phone_type, "phone"),
                language=language,
                info=plain(phone.get("additionalInformation")),
                charge_type=lookup(PHONE_CHARGES, phone.get("chargeType"), ""),
                charge_info=plain(phone.get("chargeDescription")),
            )
        )
    return phones


def parse_street_address(address, kind):
    address = as_dict(address)
    point = None
    for coordinate in map(as_dict, as_list(address.get("coordinates"))):
        if coordinate.get("system") == "EPSG:3067":
            point = tm35fin_to_wgs84(coordinate.get("easting"), coordinate.get("northing"))
            if point:
                break
    return AddressRecord(
        kind=kind,
        street=ltext_map(address.get("streetName")),
        street_number=plain(address.get("addressDetail")),
        postal_code=plain(address.get("postalCode")),
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        info=ltext_map(address.get("additionalInformation")),
    )


def weekly_intervals(weekly_hours):
    intervals = set()
    for day_name, day in as_dict(weekly_hours).items():
        day_index = weekday_index(day_name)
        if day_index is None:
            continue
        for hour in map(as_dict, as_list(as_dict(day).get("hours"))):
            start, end = hhmm(hour.get("start")), hhmm(hour.get("end"))
            if start is None or end is None:
                continue
            intervals.add(
                Interval(
                    day_index,
                    start,
                    day_index,
                    end,
                    lookup(OPENING_STATUS, hour.get("openingStatus"), "open"),
                    lookup(REPETITION, hour.get("repetition"), "all"),
                )
            )
    return tuple(sorted(intervals, key=lambda i: (i.day_from, i.start)))


def parse_hours(service_hours):
    service_hours = as_dict(service_hours)
    hours = []
    for entry in map(as_dict, as_list(service_hours.get("hours"))):
        hour_type = entry.get("type")
        common = {
            "title": ltext_map(entry.get("heading")),
            "info": ltext_map(entry.get("additionalInformation")),
            "valid_from": parse_day(entry.get("fromDate")),
            "valid_to": parse_day(entry.get("toDate")),
        }
        if hour_type in ("WeeklyUntilFurtherNoticeServiceHour", "WeeklyDateRangeServiceHour"):
            hours.append(
                HoursRecord(
                    kind="regular", intervals=weekly_intervals(entry.get("weeklyHours")), **common
                )
            )
        elif hour_type == "ContinuousAlwaysValidServiceHour":
            hours.append(HoursRecord(kind="always", **common))
        elif hour_type in (
            "ContinuousDateRangeServiceHour",
            "ContinuousWeekdaysUntilFurtherNoticeServiceHour",
        ):
            day_from, day_to = (
                weekday_index(entry.get("fromDay")),
                weekday_index(entry.get("toDay")),
            )
            start, end = hhmm(entry.get("fromTime")), hhmm(entry.get("toTime"))
            if None in (day_from, day_to, start, end):
                continue
            status = lookup(OPENING_STATUS, entry.get("openingStatus"), "open")
            hours.append(
                HoursRecord(
                    kind="regular",
                    intervals=(Interval(day_from, start, day_to, end, status),),
                    **common,
                )
            )
        elif hour_type == "ExceptionalDateRangeServiceHour":
            intervals = weekly_intervals(entry.get("weeklyHours"))
            open_intervals = tuple(i for i in intervals if i.status != "closed")
            hours.append(
                HoursRecord(
                    kind="exceptional",
                    is_closed=not open_intervals,
                    intervals=open_intervals,
                    **common,
                )
            )
    holidays = as_dict(service_hours.get("holidayServiceHours"))
    for holiday in map(as_dict, as_list(holidays.get("holidays"))):
        name = plain(holiday.get("holidayName"))
        if not name:
            continue
        intervals = []
        closed = True
        info = LText()
        for hour in map(as_dict, as_list(holiday.get("hours"))):
            status = lookup(OPENING_STATUS, hour.get("openingStatus"), "open")
            info = info or ltext_map(hour.get("additionalInformation"))
            start, end = hhmm(hour.get("start")), hhmm(hour.get("end"))
            if status != "closed" and start and end:
                closed = False
                intervals.append(Interval(0, start, 0, end, status))
        hours.append(
            HoursRecord(
                kind="holiday",
                holiday=name,
                is_closed=closed,
                info=info,
                intervals=tuple(intervals),
            )
        )
    return tuple(hours)


def parse_channel(obj):
    obj = as_dict(obj)
    external_id = text_or_empty(obj.get("contentId"))
    if not external_id:
        raise RecordError("", "service channel without contentId", "channel")
    channel_type = lookup(CHANNEL_TYPES, obj.get("serviceChannelType"))
    if channel_type is None:
        raise RecordError(
            external_id, f"unknown channel type {obj.get('serviceChannelType')!r}", "channel"
        )
    lv = versions(obj)
    name = ltext_plain(per_language(lv, "name"))
    if not (name.fi or name.sv):
        raise RecordError(external_id, "channel has no Finnish or Swedish name", "channel")

    phones, emails, links = set(), set(), set()
    level = ""
    primary_kind = {"online": "service", "webpage": "service", "printable": "form"}.get(
        channel_type, "page"
    )
    for lang, version in lv.items():
        for key in (
            "contactPhoneNumbers",
            "phoneNumbers",
            "supportPhoneNumbers",
            "contactFaxNumbers",
        ):
            phones |= parse_phone_list(version.get(key), lang)
        for key in ("contactEmails", "supportEmails"):
            for email in map(as_dict, as_list(version.get(key))):
                if email_address(email.get("email")):
                    emails.add(EmailRecord(address=email_address(email["email"]), language=lang))
        web_address = as_dict(version.get("webAddress"))
        if web_url(web_address.get("url")):
            links.add(
                LinkRecord(
                    primary_kind,
                    web_url(web_address["url"]),
                    plain(web_address.get("name")),
                    lang,
                )
            )
        for key, kind in (
            ("contactWebPages", "page"),
            ("attachmentLinks", "attachment"),
            ("formFiles", "form"),
        ):
            for page in map(as_dict, as_list(version.get(key))):
                url = web_url(page.get("url"))
                if url:
                    links.add(LinkRecord(kind, url, plain(page.get("name")), lang))
        level = level or lookup(
            ACCESSIBILITY_LEVELS, version.get("accessibilityClassificationLevel"), ""
        )

    location = as_dict(obj.get("location"))
    contact = as_dict(obj.get("contactAddresses"))
    addresses = [
        parse_street_address(a, "visiting") for a in as_list(location.get("streetAddresses"))
    ]
    addresses += [
        parse_street_address(a, "postal") for a in as_list(contact.get("streetAddresses"))
    ]
    register_id = next(
        (
            plain(a.get("accessibilityRegisterServicePointId"))
            for a in map(as_dict, as_list(location.get("streetAddresses")))
            if plain(a.get("accessibilityRegisterServicePointId"))
        ),
        "",
    )
    return ChannelRecord(
        source=SOURCE,
        external_id=external_id,
        same_as=lipas_ref(obj.get("sourceId")),
        channel_type=channel_type,
        name=name,
        summary=ltext_plain(per_language(lv, "summary")),
        description=ltext_markdown(per_language(lv, "description")),
        organisation_ref=text_or_empty(obj.get("organizationContentId")),
        languages=matching(LANGUAGE_CODE, obj.get("serviceLanguages")),
        area=parse_area(obj.get("area")) if obj.get("area") else Area(area_type=""),
        addresses=tuple(addresses),
        phones=tuple(sorted(phones, key=lambda p: (p.language, p.kind, p.number, p.info))),
        emails=tuple(sorted(emails, key=lambda e: (e.language, e.address))),
        links=tuple(sorted(links, key=lambda link: (link.kind, link.language, link.url))),
        hours=parse_hours(obj.get("serviceHours")),
        accessibility=AccessibilityRecord(
            level=level, register_id=register_id, features=wheelchair_features((), level)
        ),
        source_modified=parse_timestamp(obj.get("publishedAt")),
    )


# --- recognising payloads ---------------------------------------------------------------------


def recognise(obj):
    if not isinstance(obj, dict) or "contentId" not in obj or "languageVersions" not in obj:
        return None
    if "serviceType" in obj:
        return parse_service
    if "serviceChannelType" in obj:
        return parse_channel
    if "organizationType" in obj:
        return parse_organisation
    return None


KINDS = {parse_service: "service", parse_channel: "channel", parse_organisation: "organisation"}


def pending(obj):
    """The object as a Pending item, or None if it is not a v12 object. A service read
    this way (outside a connection search) does not say its channels."""
    parser = recognise(obj)
    if parser is None:
        return None
    return Pending(
        KINDS[parser], SOURCE, text_or_empty(obj.get("contentId")), raw_digest(obj), parser, obj
    )


# --- fetching ---------------------------------------------------------------------------------


def pages_v12(client, path, params=None, max_pages=10_000):
    page = 1
    while page <= max_pages:
        data = client.get_json(path, {**(params or {}), "page": page, "pageSize": PAGE_SIZE})
        if data is None:
            return
        if not isinstance(data, dict) or not isinstance(data.get("items") or [], list):
            raise BadResponse(f"{path} page {page} is not a PTV v12 page")
        items = data.get("items") or []
        total_pages = data.get("totalPages") if isinstance(data.get("totalPages"), int) else 0
        if not items:
            if page <= total_pages:
                yield SourceAnomaly(
                    f"{path}: totalPages said {total_pages} but page {page} was empty"
                )
            return
        yield from items
        if page >= total_pages and len(items) < PAGE_SIZE:
            return
        page += 1


def chunks(values, size):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


class PtvV12Source:
    """Services of the scope (by wellbeing services county and municipalities), their
    connections, channels and organisations; removals through the archived endpoints."""

    name = "ptv-v12"

    def __init__(self, client, municipalities, counties=(), since=None, known_ids=None):
        self.client = client
        self.municipalities = list(municipalities)
        self.counties = list(counties)
        self.since = since
        self.known_ids = known_ids or (lambda kind: set())

    def _since(self):
        return self.since.strftime("%Y-%m-%dT%H:%M:%SZ") if self.since else None

    def _search_services(self):
        base = {"areaType": "LimitedArea"}
        if self.since:
            base["publishedAtOrAfter"] = self._since()
        searches = []
        if self.counties:
            searches.append({**base, "wellbeingServicesCounties": self.counties})
        for group in chunks(self.municipalities, ID_FILTER_MAX):
            searches.append({**base, "municipalities": group, "municipalitiesMatch": "any"})
        seen = set()
        for params in searches:
            for item in pages_v12(self.client, "api/v12/service/search", params):
                if isinstance(item, SourceAnomaly):
                    yield item
                elif isinstance(item, dict) and item.get("contentId") not in seen:
                    seen.add(item.get("contentId"))
                    yield item

    def _connections(self, service_ids):
        links = {service_id: set() for service_id in service_ids}
        for item in pages_v12(
            self.client, "api/v12/connection/search", {"serviceContentIds": service_ids}
        ):
            if isinstance(item, SourceAnomaly):
                yield item
                continue
            item = as_dict(item)
            if item.get("serviceContentId") in links and item.get("channelContentId"):
                links[item["serviceContentId"]].add(item["channelContentId"])
        yield links

    def _by_id(self, path, ids, parser):
        for content_id in ids:
            obj = self.client.get_json(f"{path}/{content_id}")
            if obj is None:
                continue  # unpublished since it was referred to
            try:
                yield parser(obj)
            except RecordError as error:
                yield error

    def records(self):
        channel_ids, organisation_ids = {}, {}
        pending = []

        def flush():
            ids = [text_or_empty(obj.get("contentId")) for obj in pending]
            links = {}
            for item in self._connections(ids):
                if isinstance(item, SourceAnomaly):
                    yield item
                else:
                    links = item
            for obj in pending:
                try:
                    record = parse_service(obj, links.get(obj.get("contentId"), set()))
                except RecordError as error:
                    yield error
                    continue
                for ref in record.channel_refs or ():
                    channel_ids.setdefault(ref, None)
                for ref in (record.responsible_ref, *record.other_responsible_refs):
                    if ref:
                        organisation_ids.setdefault(ref, None)
                yield record
            pending.clear()

        for item in self._search_services():
            if isinstance(item, SourceAnomaly):
                yield item
                continue
            pending.append(item)
            if len(pending) >= ID_FILTER_MAX:
                yield from flush()
        if pending:
            yield from flush()

        for record in self._by_id("api/v12/service-channel", channel_ids, parse_channel):
            if isinstance(record, ChannelRecord) and record.organisation_ref:
                organisation_ids.setdefault(record.organisation_ref, None)
            yield record
        yield from self._by_id("api/v12/organization", organisation_ids, parse_organisation)

        if self.since:
            for kind, path in (
                ("service", "service"),
                ("channel", "service-channel"),
                ("organisation", "organization"),
            ):
                for item in pages_v12(
                    self.client, f"api/v12/{path}/archived", {"archivedAtOrAfter": self._since()}
                ):
                    if isinstance(item, SourceAnomaly):
                        yield item
                    elif as_dict(item).get("contentId"):
                        yield Removal(SOURCE, kind, item["contentId"])
