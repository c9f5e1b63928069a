"""The adapters set the facts the search reads (ARCHITECTURE.md, "Sources"): a service's ages
and a place's wheelchair access. The search no longer knows PTV's target-group codes or reads
its accessibility sentences; rows synced before the change get the same facts from a data
migration (ptv_sync 0004)."""

import copy
import importlib
import json

import pytest
from django.apps import apps

from catalogue.models import Service, ServiceChannel
from catalogue.search import CatalogueQuery, get_backend
from catalogue.search.indexing import index_services
from ptv_sync.adapters import ptv_v11, ptv_v12
from ptv_sync.adapters.common import target_group_ages
from ptv_sync.demo_catalogue import DEMO_DIR
from tests.ptv_sync.test_sync_v12 import v12_channel

facts = importlib.import_module("ptv_sync.migrations.0004_source_facts_on_the_rows")
SENTENCES = [
    {
        "sentenceGroup": [{"language": "fi", "value": "Pääsisäänkäynti"}],
        "sentences": [
            {"sentence": [{"language": "fi", "value": "Sisäänkäynnille on esteetön kulku."}]}
        ],
    }
]
NOT_ACCESSIBLE = [
    {
        "sentenceGroup": [{"language": "fi", "value": "Pääsisäänkäynti"}],
        "sentences": [
            {"sentence": [{"language": "fi", "value": "Sisäänkäynti ei ole esteetön: portaat."}]}
        ],
    }
]


def demo_service():
    page = json.loads((DEMO_DIR / "ptv-v11" / "services" / "page-1.json").read_text())
    return copy.deepcopy(page["itemList"][0])


def target_groups(*codes):
    return [{"code": code, "name": [], "uri": f"http://uri.suomi.fi/x/{code}"} for code in codes]


@pytest.mark.parametrize(
    ("codes", "ages"),
    [
        (["KR1", "KR1.1"], ((65, None),)),
        (["KR1.2", "KR1.3"], ((0, 17), (13, 29))),
        (["KR1", "KR1.4"], ()),  # citizens, the long-term ill: every age
    ],
)
def test_ptv_target_groups_give_a_service_its_ages(codes, ages):
    obj = demo_service()
    obj["targetGroups"] = target_groups(*codes)
    assert ptv_v11.parse_service(obj).age_ranges == ages


def test_a_place_whose_sentences_let_a_wheelchair_in_has_the_feature():
    address = [{"entrances": [{"accessibilitySentences": SENTENCES}]}]
    assert ptv_v11.parse_accessibility({}, address).features == ("wheelchair",)
    address = [{"entrances": [{"accessibilitySentences": NOT_ACCESSIBLE}]}]
    assert ptv_v11.parse_accessibility({}, address).features == ()
    fully = {"accessibilityClassificationLevel": "FullyCompliant"}
    assert ptv_v11.parse_accessibility(fully, []).level == "fully"
    assert ptv_v11.parse_accessibility(fully, []).features == ("wheelchair",)


def test_ptv_v12_places_classified_fully_accessible_have_the_feature():
    channel = v12_channel("c1")
    channel["languageVersions"]["fi"]["accessibilityClassificationLevel"] = "FullyCompliant"
    record = ptv_v12.parse_channel(channel)
    assert record.accessibility.level == "fully"
    assert record.accessibility.features == ("wheelchair",)


def found(**filters):
    """Every hit of a search with no words, page by page."""
    hits, page = set(), 1
    while True:
        query = CatalogueQuery(page_size=50, page=page, sort="name", **filters)
        results = get_backend().search(query)
        hits |= {hit.service_id for hit in results.hits}
        if page * 50 >= results.total:
            return hits
        page += 1


@pytest.mark.django_db
def test_rows_synced_before_the_change_get_the_same_facts(demo_catalogue):
    for_children = Service.objects.filter(classifications__code="KR1.2").exclude(
        classifications__code__in=["KR1", "KR1.1"]
    )[0]
    place = ServiceChannel.objects.filter(
        channel_type="place", service_links__service__is_active=True
    ).first()
    service = place.service_links.first().service
    # As they were stored before: no ages, no feature.
    Service.objects.filter(pk=for_children.pk).update(age_ranges=[])
    access = {**place.accessibility, "features": []}
    access["sentences"] = [
        {"group": {"fi": "Sisäänkäynti"}, "sentences": [{"fi": "Esteetön kulku pihasta."}]}
    ]
    ServiceChannel.objects.filter(pk=place.pk).update(accessibility=access)

    facts.forwards(apps, None)
    index_services([for_children.pk, service.pk])

    codes = for_children.classifications.values_list("code", flat=True)
    assert sorted(Service.objects.get(pk=for_children.pk).age_ranges) == sorted(
        list(pair) for pair in target_group_ages(codes)
    )
    assert "wheelchair" in ServiceChannel.objects.get(pk=place.pk).accessibility["features"]
    assert for_children.pk in found(age=8) and for_children.pk not in found(age=70)
    assert service.pk in found(accessibility=("wheelchair",))
