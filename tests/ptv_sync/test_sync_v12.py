"""PTV v12: the same service in v11 and v12 shapes gives identical records, and a v12 run
reads services, connections, channels and organisations with the API key."""

import json
import re

import pytest
import responses
from responses import matchers

from catalogue.models import Service, ServiceChannel
from ptv_sync import payloads as p
from ptv_sync.adapters import ptv_v11, ptv_v12
from ptv_sync.models import SyncRun
from ptv_sync.runner import run_sync
from tests.support.ptv_fake import V12

SERVICE_ID = "a3f1c9d2-4b6e-4a7f-8c1d-2e3f4a5b6c01"
ORG_ID = "5e2a9c41-7d3b-4f6a-9c8e-1a2b3c4d5e01"
CHANNELS = ["c7e2b1a0-9f8d-4c6b-a5e4-3d2c1b0a9f01", "c7e2b1a0-9f8d-4c6b-a5e4-3d2c1b0a9f02"]


def v11_service():
    service = p.service(
        SERVICE_ID,
        names={"fi": "Liikuntaneuvonta", "sv": "Motionsrådgivning"},
        summaries={"fi": "Apua liikkumisen lisäämiseen.", "sv": "Hjälp att röra på sig mer."},
        descriptions={
            "fi": "Neuvonta sisältää:\n\n* alkukartoituksen\n* **liikuntasuunnitelman**",
            "sv": "Rådgivningen omfattar:\n\n* en kartläggning\n* **en motionsplan**",
        },
        instructions={
            "fi": "Pyydä lähete terveysasemalta.",
            "sv": "Be om remiss på hälsostationen.",
        },
        charge_info={"fi": "Maksuton.", "sv": "Avgiftsfri."},
        service_classes=["P27.1", "P5.17"],
        target_groups=["KR1", "KR1.4"],
        life_events=["KE12"],
        ontology_terms=["http://www.yso.fi/onto/koko/p37040"],
        municipalities=["545", "287"],
        county="17",
        organisation_id=ORG_ID,
        producer_ids=[ORG_ID],
        channel_ids=CHANNELS,
        charge="FreeOfCharge",
        languages=("fi", "sv"),
        keywords={"fi": ["liikunta"], "sv": ["motion"]},
        modified="2026-03-02T07:45:00.000Z",
    )
    return service


def v12_service():
    def version(name, summary, description, instructions, charge, keywords):
        return {
            "name": name,
            "alternativeName": None,
            "summary": summary,
            "description": description,
            "userInstructions": instructions,
            "conditions": None,
            "legislationLinks": [],
            "freelyAssignedKeywords": keywords,
            "voucher": {"voucherType": "NotUsed"},
            "chargeTypeAdditionalInformation": charge,
        }

    return {
        "migratedAt": "2025-10-01T04:12:09.000Z",
        "contentId": SERVICE_ID,
        "organizationContentId": ORG_ID,
        "generalDescriptionContentId": None,
        "targetGroups": ["KR1", "KR1.4"],
        "industrialClasses": [],
        "lifeEvents": ["KE12"],
        "ontologyTerms": ["http://www.yso.fi/onto/koko/p37040"],
        "serviceClasses": ["P5.17", "P27.1"],
        "producers": {
            "selfProducedProducers": {"organizations": [ORG_ID]},
            "procuredProducers": {"organizations": [], "other": []},
            "otherProducers": {"organizations": [], "other": []},
        },
        "otherResponsibleOrganizations": [],
        "chargeType": "Free",
        "fundingType": "PubliclyFunded",
        "serviceLanguages": ["sv", "fi"],
        "area": {
            "areaType": "LimitedArea",
            "municipalities": ["545", "287"],
            "regions": [],
            "wellbeingServicesCounties": ["17"],
        },
        "publishedAt": "2026-03-02T07:45:00.000Z",
        "serviceType": "Service",
        "languageVersions": {
            "fi": version(
                "Liikuntaneuvonta",
                "Apua liikkumisen lisäämiseen.",
                "Neuvonta sisältää:\n\n* alkukartoituksen\n* **liikuntasuunnitelman**",
                "Pyydä lähete terveysasemalta.",
                "Maksuton.",
                ["liikunta"],
            ),
            "sv": version(
                "Motionsrådgivning",
                "Hjälp att röra på sig mer.",
                "Rådgivningen omfattar:\n\n* en kartläggning\n* **en motionsplan**",
                "Be om remiss på hälsostationen.",
                "Avgiftsfri.",
                ["motion"],
            ),
        },
    }


def test_v11_and_v12_payloads_of_the_same_service_give_identical_records():
    from_v11 = ptv_v11.parse_service(v11_service())
    from_v12 = ptv_v12.parse_service(v12_service(), channel_refs=reversed(CHANNELS))
    assert from_v11 == from_v12
    assert from_v11.content_hash() == from_v12.content_hash()
    # …and the record is what both say, not merely equal:
    assert from_v12.description.fi == (
        "<p>Neuvonta sisältää:</p>\n<ul>\n<li>alkukartoituksen</li>\n"
        "<li><strong>liikuntasuunnitelman</strong></li>\n</ul>"
    )
    assert from_v12.service_classes == ("P27.1", "P5.17")
    assert from_v12.area.counties == ("17",)
    assert from_v12.charge_type == "free"
    assert from_v12.channel_refs == tuple(sorted(CHANNELS))


def test_a_v12_service_differing_in_one_text_differs_in_the_record():
    changed = v12_service()
    changed["languageVersions"]["sv"]["summary"] = "Något annat."
    assert ptv_v12.parse_service(changed, CHANNELS) != ptv_v11.parse_service(v11_service())


def v12_channel(content_id, channel_type="ServiceLocation"):
    channel = {
        "contentId": content_id,
        "organizationContentId": ORG_ID,
        "allowedConnectionType": "OwnOrganizations",
        "serviceLanguages": ["sv", "fi"],
        "area": None,
        "publishedAt": "2026-03-02T07:45:00.000Z",
        "serviceChannelType": channel_type,
        "languageVersions": {
            "fi": {
                "name": "Närpiön terveysasema",
                "summary": "Vastaanotot.",
                "description": None,
                "contactEmails": [{"email": "narpio@example.fi"}],
                "contactWebPages": [{"name": "Sivu", "url": "https://www.example.fi/narpio"}],
                "contactPhoneNumbers": [
                    {
                        "additionalInformation": "Ajanvaraus",
                        "chargeDescription": None,
                        "chargeType": "Charged",
                        "number": "062240000",
                        "type": "DomesticPhone",
                    }
                ],
                "contactFaxNumbers": [],
            }
        },
        "location": {
            "foreignAddresses": [],
            "otherAddresses": [],
            "streetAddresses": [
                {
                    "addressSource": {"source": "Posti"},
                    "streetName": {"fi": "Sairaalantie", "sv": "Sjukhusvägen"},
                    "addressDetail": "3",
                    "postalCode": "64200",
                    "coordinates": [
                        {
                            "system": "EPSG:3067",
                            "source": "NLS",
                            "easting": 235321,
                            "northing": 7009234,
                        }
                    ],
                    "additionalInformation": {},
                    "accessibilityRegisterServicePointId": None,
                }
            ],
        },
        "contactAddresses": {
            "foreignAddresses": [],
            "postOfficeBoxAddresses": [],
            "streetAddresses": [],
        },
        "serviceHours": {
            "hours": [
                {
                    "type": "WeeklyUntilFurtherNoticeServiceHour",
                    "heading": {"fi": "Vastaanotto"},
                    "additionalInformation": {},
                    "weeklyHours": {
                        "monday": {
                            "hours": [
                                {
                                    "start": "08:00",
                                    "end": "16:00",
                                    "openingStatus": "Open",
                                    "repetition": "Weekly",
                                    "additionalInformation": {},
                                }
                            ]
                        },
                        "thursday": {
                            "hours": [
                                {
                                    "start": "08:00",
                                    "end": "15:00",
                                    "openingStatus": "OpenOnReservation",
                                    "repetition": "OddWeeks",
                                    "additionalInformation": {},
                                }
                            ]
                        },
                    },
                },
                {
                    "type": "ExceptionalDateRangeServiceHour",
                    "heading": {"fi": "Kesä"},
                    "additionalInformation": {},
                    "fromDate": "2026-07-06",
                    "toDate": "2026-07-26",
                    "weeklyHours": {},
                },
            ],
            "holidayServiceHours": {
                "repetition": {"type": "RepetitionEveryYear"},
                "holidays": [
                    {
                        "holidayName": "ChristmasEve",
                        "hours": [
                            {
                                "start": "08:00",
                                "end": "12:00",
                                "openingStatus": "Open",
                                "additionalInformation": {},
                            }
                        ],
                    }
                ],
            },
        },
    }
    if channel_type != "ServiceLocation":
        for key in ("location", "contactAddresses"):
            channel.pop(key)
        version = channel["languageVersions"]["fi"]
        version["phoneNumbers"] = version.pop("contactPhoneNumbers")
        version["webAddress"] = {"url": "https://www.example.fi/116117", "name": "Päivystysapu"}
    return channel


def test_a_v12_service_location_parses_into_the_common_record():
    record = ptv_v12.parse_channel(v12_channel(CHANNELS[0]))
    assert record.channel_type == "place"
    (address,) = record.addresses
    assert (address.latitude, address.longitude) == pytest.approx((63.1150, 21.7496), abs=0.0005)
    assert address.street.sv == "Sjukhusvägen"
    assert [(p_.number, p_.language) for p_ in record.phones] == [("+35862240000", "fi")]
    regular, exceptional, holiday = record.hours
    assert [(i.day_from, i.start, i.end, i.status, i.weeks) for i in regular.intervals] == [
        (0, "08:00", "16:00", "open", "all"),
        (3, "08:00", "15:00", "reservation", "odd"),
    ]
    assert exceptional.kind == "exceptional" and exceptional.is_closed
    assert (holiday.kind, holiday.holiday, holiday.is_closed) == ("holiday", "ChristmasEve", False)


@pytest.mark.django_db
def test_a_v12_run_sends_the_api_key_and_links_services_to_channels(settings):
    settings.PTV_V12_URL = V12
    settings.PTV_API_KEY = "test-key"
    organisation = {
        "contentId": ORG_ID,
        "parentOrganizationContentId": None,
        "languageVersions": {
            "fi": {
                "name": "Pohjanmaan hyvinvointialue",
                "description": None,
                "contactWebPages": [],
            },
            "sv": {"name": "Österbottens välfärdsområde"},
        },
        "businessId": "3221333-4",
        "organizationType": "RegionalOrganization",
        "publishedAt": "2026-02-10T08:20:15.000Z",
        "area": {
            "areaType": "LimitedArea",
            "municipalities": [],
            "regions": [],
            "wellbeingServicesCounties": ["17"],
        },
    }
    with responses.RequestsMock() as rsps:
        key = matchers.header_matcher({"x-api-key": "test-key"})
        rsps.add(
            responses.GET,
            f"{V12}api/v12/service/search",
            match=[key],
            json={
                "page": 1,
                "pageSize": 100,
                "totalItems": 1,
                "totalPages": 1,
                "items": [v12_service()],
            },
        )
        rsps.add(
            responses.GET,
            f"{V12}api/v12/connection/search",
            match=[
                key,
                matchers.query_param_matcher({"serviceContentIds": SERVICE_ID}, strict_match=False),
            ],
            json={
                "page": 1,
                "pageSize": 100,
                "totalItems": 2,
                "totalPages": 1,
                "items": [
                    {"serviceContentId": SERVICE_ID, "channelContentId": c} for c in CHANNELS
                ],
            },
        )
        rsps.add(
            responses.GET,
            f"{V12}api/v12/service-channel/{CHANNELS[0]}",
            match=[key],
            json=v12_channel(CHANNELS[0]),
        )
        rsps.add(
            responses.GET,
            f"{V12}api/v12/service-channel/{CHANNELS[1]}",
            match=[key],
            json=v12_channel(CHANNELS[1], "TelephoneService"),
        )
        rsps.add(
            responses.GET, f"{V12}api/v12/organization/{ORG_ID}", match=[key], json=organisation
        )
        run = run_sync("ptv-v12", full=True)
        search_calls = [c.request.url for c in rsps.calls if "service/search" in c.request.url]
    assert run.status == SyncRun.Status.SUCCEEDED, (run.message, run.errors)
    assert run.created == 4
    service = Service.objects.get(external_id=SERVICE_ID)
    assert sorted(c.channel_type for c in service.active_channels()) == ["phone", "place"]
    assert service.responsible_organisation.name_sv == "Österbottens välfärdsområde"
    phone_links = ServiceChannel.objects.get(external_id=CHANNELS[1]).links.values_list(
        "url", flat=True
    )
    assert "https://www.example.fi/116117" in phone_links
    # county and municipality searches, each paged with pageSize 100
    assert any("wellbeingServicesCounties=17" in url for url in search_calls)
    assert all("pageSize=100" in url for url in search_calls)


def test_v12_pages_with_missing_items_raise_nothing_but_an_anomaly():
    class Client:
        def get_json(self, path, params):
            return {
                "page": params["page"],
                "pageSize": 100,
                "totalItems": 300,
                "totalPages": 3,
                "items": [],
            }

    items = list(ptv_v12.pages_v12(Client(), "api/v12/service/search"))
    assert len(items) == 1 and "totalPages said 3" in items[0].message


def test_v12_payloads_in_a_drop_folder_keep_existing_channel_links(tmp_path, django_db_blocker, db):
    (tmp_path / "v11.json").write_text(json.dumps(p.page([v11_service()])))
    run_sync("ptv", from_dir=tmp_path)
    service = Service.objects.get(external_id=SERVICE_ID)
    assert service.channel_links.count() == 2
    (tmp_path / "v11.json").unlink()
    changed = v12_service()
    changed["languageVersions"]["fi"]["summary"] = "Uusi tiivistelmä."
    (tmp_path / "v12.json").write_text(
        json.dumps(
            {"page": 1, "pageSize": 100, "totalItems": 1, "totalPages": 1, "items": [changed]}
        )
    )
    run = run_sync("ptv", from_dir=tmp_path)
    assert run.updated == 1
    service.refresh_from_db()
    assert service.summary_fi == "Uusi tiivistelmä."
    assert sorted(service.channel_links.values_list("channel_ref", flat=True)) == sorted(CHANNELS)
    assert re.fullmatch(r"[0-9a-f]{32}", service.content_hash)
