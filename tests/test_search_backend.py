"""The catalogue search behaviour suite (issue 5, work in progress): runs on the configured
database (SQLite and PostgreSQL in CI)."""

import pytest
from django.db import connection

from catalogue.models import Service
from catalogue.search import CatalogueQuery, get_backend
from catalogue.search.database import haversine_m

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(demo_catalogue):
    # The sync keeps the search entries current: no separate indexing step.
    return get_backend()


def names(results):
    by_id = dict(Service.objects.values_list("pk", "name_fi"))
    return [by_id[hit.service_id] for hit in results.hits]


def test_inflected_finnish_and_swedish_words_find_the_base_form(backend):
    assert any(
        n.startswith("Liikuntaneuvonta")
        for n in names(backend.search(CatalogueQuery(text="liikuntaa", page_size=50)))
    )
    swedish = backend.search(CatalogueQuery(text="motionen", language="sv", page_size=50))
    assert swedish.total > 0
    assert any(n.startswith("Liikuntaneuvonta") for n in names(swedish))


def test_a_word_finds_its_compounds(backend):
    found = names(backend.search(CatalogueQuery(text="liikunta", page_size=50)))
    assert any(n.startswith("Liikuntaneuvonta") for n in found)


def test_one_typo_is_tolerated_on_postgresql_only(backend):
    found = names(backend.search(CatalogueQuery(text="liikunata", page_size=50)))
    if connection.vendor == "postgresql":  # pg_trgm word similarity
        assert any(n.startswith("Liikuntaneuvonta") for n in found)
    else:  # SQLite FTS5 has no typo tolerance (documented)
        assert found == []


def test_inactive_services_are_never_found(backend):
    target = Service.objects.filter(name_fi__startswith="Liikuntaneuvonta").first()
    Service.objects.filter(pk=target.pk).update(is_active=False)
    from catalogue.search.indexing import index_services

    index_services([target.pk])
    results = backend.search(CatalogueQuery(text="liikuntaneuvonta", page_size=50))
    assert target.pk not in {hit.service_id for hit in results.hits}


def test_distances_are_correct_and_sorted(backend):
    near = (63.0960, 21.6158)  # Vaasa market square
    results = backend.search(CatalogueQuery(near=near, sort="distance", page_size=50))
    distances = [hit.distance_m for hit in results.hits]
    assert distances == sorted(distances)
    entry = Service.objects.get(pk=results.hits[0].service_id).search
    expected = haversine_m(near[0], near[1], entry.latitude, entry.longitude)
    assert abs(results.hits[0].distance_m - expected) <= expected * 0.01


@pytest.mark.parametrize(
    "facet,field,value",
    [
        ("themes", "themes", "liikunta"),
        ("municipalities", "municipalities", "905"),
        ("provider_types", "provider_types", "ngo"),
        ("service_languages", "service_languages", "sv"),
    ],
)
def test_facet_counts_equal_the_hits_after_applying_the_facet(backend, facet, field, value):
    base = backend.search(CatalogueQuery(text="neuvonta"))
    count = base.facets[facet].get(value, 0)
    applied = backend.search(CatalogueQuery(text="neuvonta", **{field: (value,)}))
    assert applied.total == count


def test_an_editors_keywords_are_searchable_at_once_and_gone_when_removed(backend):
    from catalogue.models import LocalEnrichment

    service = Service.objects.filter(name_fi__startswith="Senioriliikunta").first()
    query = CatalogueQuery(text="kuntosalikortti")
    assert backend.search(query).total == 0
    enrichment = LocalEnrichment.objects.create(service=service, search_keywords="kuntosalikortti")
    assert [hit.service_id for hit in backend.search(query).hits] == [service.pk]
    enrichment.delete()
    assert backend.search(query).total == 0
