"""Builders of PTV v11 payloads in their real shapes (see ../shared/reference/ptv-v11.md and the
real samples there). The demo catalogue, the tests and the sync benchmark write their
payloads with these, so that every import goes through the same adapter as real data."""

import uuid

from catalogue.reference import load, municipality_names

from .geo import wgs84_to_tm35fin
from .records import LANGUAGES

NAMESPACE = uuid.UUID("7b1c3f52-3c1e-4f0e-9a59-0d5a8c1e2f40")
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def stable_id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def texts(values, type_=None):
    """[{language, value, type}] from {language: value}."""
    entries = []
    for language, value in values.items():
        if value:
            entry = {"language": language, "value": value}
            if type_ is not None:
                entry["type"] = type_
            entries.append(entry)
    return entries


def municipality_ref(code):
    names = municipality_names().get(code, {})
    return {"code": code, "name": texts({lang: names.get(lang) for lang in LANGUAGES})}


def limited_area(codes):
    return {
        "areaType": "LimitedType",
        "areas": [
            {
                "type": "Municipality",
                "code": None,
                "name": None,
                "municipalities": [municipality_ref(code) for code in codes],
            }
        ],
    }


def _code_objects(filename, ontology_type, codes, uri_base):
    by_code = {entry["code"]: entry for entry in load(filename)}
    objects = []
    for code in codes:
        entry = by_code[code]
        parent = entry.get("parent")
        objects.append(
            {
                "name": texts({lang: entry["names"].get(lang) for lang in LANGUAGES}),
                "code": code,
                "ontologyType": ontology_type,
                "uri": entry["uri"],
                "parentId": None,
                "parentUri": f"{uri_base}/code/{parent}" if parent else None,
            }
        )
    return objects


def service(
    service_id,
    *,
    names,
    summaries,
    descriptions=None,
    instructions=None,
    charge_info=None,
    service_classes=(),
    target_groups=("KR1",),
    life_events=(),
    ontology_terms=(),
    municipalities=(),
    county=None,
    organisation_id=None,
    producer_ids=(),
    channel_ids=(),
    charge="FreeOfCharge",
    languages=("fi", "sv"),
    keywords=None,
    modified="2026-10-01T08:00:00.000Z",
    status="Published",
):
    descriptions_list = texts(summaries, "Summary")
    descriptions_list += texts(descriptions or {}, "Description")
    descriptions_list += texts(instructions or {}, "UserInstruction")
    descriptions_list += texts(charge_info or {}, "ChargeTypeAdditionalInfo")
    area = limited_area(municipalities)
    if county:
        county_entry = next(
            c for c in load("wellbeing_services_counties.json") if c["code"] == county
        )
        area["areas"].append(
            {
                "type": "WellbeingServiceCounties",
                "code": county,
                "name": texts(county_entry["names"]),
                "municipalities": [
                    municipality_ref(code) for code in county_entry["municipalities"]
                ],
            }
        )
    organizations = []
    if organisation_id:
        organizations.append(
            {
                "organization": {"id": organisation_id, "name": None},
                "roleType": "Responsible",
                "provisionType": None,
                "additionalInformation": [],
            }
        )
    for producer in producer_ids:
        organizations.append(
            {
                "organization": {"id": producer, "name": None},
                "roleType": "Producer",
                "provisionType": "SelfProduced",
                "additionalInformation": [],
            }
        )
    return {
        "id": service_id,
        "sourceId": None,
        "generalDescriptionId": None,
        "type": "Service",
        "fundingType": "PubliclyFunded",
        "serviceNames": texts(names, "Name"),
        "serviceChargeType": charge,
        "areaType": area["areaType"],
        "areas": area["areas"],
        "serviceDescriptions": descriptions_list,
        "languages": list(languages),
        "serviceClasses": _code_objects(
            "service_classes.json",
            "PTVL",
            service_classes,
            "http://uri.suomi.fi/codelist/ptv/ptvserclass2",
        ),
        "ontologyTerms": [
            {
                "name": [],
                "code": None,
                "ontologyType": "YSO",
                "uri": uri,
                "parentId": None,
                "parentUri": None,
            }
            for uri in ontology_terms
        ],
        "targetGroups": _code_objects(
            "target_groups.json",
            "TARGETGROUP",
            target_groups,
            "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat",
        ),
        "lifeEvents": _code_objects(
            "life_events.json",
            "LIFESITUATION",
            life_events,
            "http://uri.suomi.fi/codelist/ptv/ptvelti",
        ),
        "industrialClasses": [],
        "legislation": [],
        "keywords": [
            {"value": word, "language": lang}
            for lang, words in (keywords or {}).items()
            for word in words
        ],
        "requirements": [],
        "serviceChannels": [
            {
                "serviceChannel": {"id": channel_id, "name": None},
                "serviceChargeType": None,
                "description": [],
                "serviceHours": [],
                "contactDetails": None,
                "digitalAuthorizations": [],
            }
            for channel_id in channel_ids
        ],
        "organizations": organizations,
        "serviceVouchersInUse": False,
        "serviceVouchers": [],
        "serviceCollections": [],
        "publishingStatus": status,
        "modified": modified,
    }


def street_address(
    street, number, postal_code, post_office, municipality, latitude=None, longitude=None
):
    northing = easting = None
    state = "NotReceived"
    if latitude is not None:
        easting, northing = wgs84_to_tm35fin(latitude, longitude)
        state = "Ok"
    return {
        "street": texts(street),
        "streetNumber": number,
        "postalCode": postal_code,
        "postOffice": texts(post_office),
        "municipality": municipality_ref(municipality),
        "additionalInformation": [],
        # PTV sends TM35FIN as strings: "latitude" is the northing, "longitude" the easting.
        "latitude": f"{northing:.3f}" if northing is not None else None,
        "longitude": f"{easting:.3f}" if easting is not None else None,
        "coordinateState": state,
    }


def opening_hours(
    days,
    start,
    end,
    *,
    hour_type="DaysOfTheWeek",
    valid_from=None,
    valid_to=None,
    closed=False,
    info=None,
):
    return {
        "serviceHourType": hour_type,
        "validFrom": valid_from,
        "validTo": valid_to,
        "isClosed": closed,
        "validForNow": valid_from is None,
        "additionalInformation": texts(info or {}),
        "openingHour": [
            {"dayFrom": WEEKDAY_NAMES[day], "dayTo": "", "from": f"{start}:00", "to": f"{end}:00"}
            for day in days
        ]
        if not closed
        else [],
    }


def phone(number, language, info=None, prefix="+358", charge="Chargeable", service_number=False):
    return {
        "type": "Phone",
        "additionalInformation": info,
        "serviceChargeType": charge,
        "chargeDescription": None
        if charge == "FreeOfCharge"
        else "Paikallisverkko- tai matkapuhelinmaksu"
        if language == "fi"
        else "Lokalnäts- eller mobilsamtalsavgift",
        "prefixNumber": None if service_number else prefix,
        "isFinnishServiceNumber": service_number,
        "number": number,
        "language": language,
    }


def channel(
    channel_id,
    channel_type,
    *,
    names,
    summaries,
    descriptions=None,
    organisation_id=None,
    municipalities=(),
    languages=("fi", "sv"),
    addresses=(),
    phones=(),
    emails=(),
    web_pages=(),
    hours=(),
    accessibility=None,
    service_ids=(),
    urls=(),
    modified="2026-10-01T08:00:00.000Z",
    status="Published",
):
    """A v11 ServiceChannel. ``addresses``: street_address() dicts (visiting addresses);
    ``web_pages``: (url, title, language); ``accessibility``: [(group {lang: text},
    [{lang: sentence}, ...])] for the main entrance."""
    obj = {
        "id": channel_id,
        "sourceId": None,
        "serviceChannelType": channel_type,
        "organizationId": organisation_id,
        "serviceChannelNames": texts(names, "Name"),
        "serviceChannelDescriptions": texts(summaries, "Summary")
        + texts(descriptions or {}, "Description"),
        "areaType": "LimitedType",
        "areas": limited_area(municipalities)["areas"],
        "languages": list(languages),
        "webPages": [
            {"url": url, "value": title, "language": lang} for url, title, lang in web_pages
        ],
        "serviceHours": list(hours),
        "services": [{"service": {"id": sid, "name": None}} for sid in service_ids],
        "publishingStatus": status,
        "modified": modified,
    }
    contacts_key = "phoneNumbers" if channel_type == "ServiceLocation" else "supportPhones"
    email_key = "emails" if channel_type == "ServiceLocation" else "supportEmails"
    obj[contacts_key] = list(phones)
    obj[email_key] = [{"value": address, "language": lang} for address, lang in emails]
    if channel_type == "ServiceLocation":
        entrances = []
        if accessibility:
            entrances.append(
                {
                    "name": [],
                    "isMainEntrance": True,
                    "coordinates": None,
                    "accessibilitySentences": [
                        {
                            "sentenceGroup": texts(group),
                            "sentences": [{"sentence": texts(s)} for s in sentences],
                        }
                        for group, sentences in accessibility
                    ],
                }
            )
        obj["addresses"] = [
            {
                "type": "Location",
                "subType": "Single",
                "postOfficeBoxAddress": None,
                "streetAddress": address,
                "otherAddress": None,
                "locationAbroad": None,
                "entrances": entrances if index == 0 else [],
            }
            for index, address in enumerate(addresses)
        ]
    if channel_type == "PrintableForm":
        obj["channelUrls"] = [{"language": lang, "value": url, "type": "PDF"} for url, lang in urls]
        obj["deliveryAddresses"] = []
        obj["attachments"] = []
        obj["formIdentifier"] = None
    if channel_type in ("EChannel", "WebPage"):
        obj["accessibilityClassification"] = [
            {
                "accessibilityClassificationLevel": "PartiallyCompliant",
                "wcagLevel": "LevelAA",
                "accessibilityStatementWebPageName": None,
                "accessibilityStatementWebPage": None,
                "language": "fi",
            }
        ]
    return obj


def organisation(
    org_id,
    *,
    names,
    org_type,
    business_code,
    municipality=None,
    descriptions=None,
    web_url=None,
    parent_id=None,
    modified="2026-09-01T08:00:00.000Z",
    status="Published",
):
    return {
        "id": org_id,
        "sourceId": None,
        "oid": None,
        "parentOrganizationId": parent_id,
        "organizationRootId": parent_id or org_id,
        "municipality": municipality_ref(municipality) if municipality else None,
        "organizationType": org_type,
        "businessCode": business_code,
        "businessName": names.get("fi"),
        "organizationNames": texts(names, "Name"),
        "displayNameType": [{"type": "Name", "language": lang} for lang in names],
        "areaType": "LimitedType",
        "areas": limited_area([municipality] if municipality else [])["areas"],
        "organizationDescriptions": texts(descriptions or {}, "Description"),
        "emails": [],
        "phoneNumbers": [],
        "webPages": [{"url": web_url, "value": names.get("fi"), "language": "fi"}]
        if web_url
        else [],
        "addresses": [],
        "electronicInvoicings": [],
        "publishingStatus": status,
        "services": [],
        "modified": modified,
    }


def page(items, page_number=1, page_size=100, page_count=1):
    return {
        "pageNumber": page_number,
        "pageSize": page_size,
        "pageCount": page_count,
        "itemList": list(items),
    }


def business_id(seed):
    """A business ID (Y-tunnus) of the right form, with its check digit, from a number."""
    digits = f"{seed % 10_000_000:07d}"
    weights = (7, 9, 10, 5, 8, 4, 2)
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if remainder == 1:
        return business_id(seed + 1)
    check = 0 if remainder == 0 else 11 - remainder
    return f"{digits}-{check}"
