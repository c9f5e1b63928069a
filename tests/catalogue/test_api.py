"""The JSON API /api/v1/services and its OpenAPI document."""

import pytest

from catalogue.models import Service
from catalogue.search.indexing import index_services

pytestmark = pytest.mark.django_db

URL = "/api/v1/services"


def errors(response):
    assert response.status_code == 422
    return {item["loc"][-1]: item["msg"] for item in response.json()["detail"]}


def test_search_with_filters_returns_services_and_facets(demo_catalogue, client):
    data = client.get(URL, {"q": "liikunta", "municipality": "905", "page_size": 2}).json()
    assert data["count"] > 2 and data["pages"] == -(-data["count"] // 2)
    assert len(data["results"]) == 2
    first = data["results"][0]
    service = Service.objects.get(pk=first["id"])
    assert first["name"] == service.name_fi
    assert first["url"] == f"http://testserver{service.get_absolute_url('fi')}"
    assert service.municipalities.filter(code="905").exists()
    assert data["facets"]["municipalities"]["905"] == data["count"]


def test_swedish_texts_and_a_marked_fallback(demo_catalogue, client):
    service = Service.objects.filter(name_fi__startswith="Liikuntaneuvonta").first()
    Service.objects.filter(pk=service.pk).update(name_sv="")
    index_services([service.pk])
    data = client.get(URL, {"theme": "liikunta", "lang": "sv", "page_size": 50}).json()
    rows = {row["id"]: row for row in data["results"]}
    assert rows[service.pk]["fallback_language"] == "fi"
    assert rows[service.pk]["name"] == service.name_fi
    assert "/sv/tjanster/" in rows[service.pk]["url"]
    swedish = dict(Service.objects.filter(pk__in=rows).values_list("pk", "name_sv"))
    for pk, row in rows.items():
        if swedish[pk]:
            assert row["fallback_language"] is None and row["name"] == swedish[pk]
        else:
            assert row["fallback_language"] == "fi"
    assert sum(1 for name in swedish.values() if name) > 1


def test_near_a_place_gives_distances_nearest_first(demo_catalogue, client):
    data = client.get(URL, {"location": "Vaasa", "page_size": 10}).json()
    distances = [row["distance_m"] for row in data["results"]]
    assert None not in distances and distances == sorted(distances)
    by_point = client.get(URL, {"near": "63.0960,21.6158", "page_size": 10}).json()
    assert by_point["results"][0]["distance_m"] < 5_000


@pytest.mark.parametrize(
    "params,name,words",
    [  # Finnish by default (lang=fi)
        ({"age": "old"}, "age", "väliltä 0–130"),
        ({"age": "200"}, "age", "väliltä 0–130"),
        ({"theme": "running"}, "theme", "tuntematon arvo running; käytä jotakin näistä: liikunta"),
        ({"municipality": "Vasa"}, "municipality", "tuntematon arvo Vasa"),
        ({"lang": "de"}, "lang", "fi, sv tai en"),
        ({"free": "maybe"}, "free", "käytä arvoa 1"),
        ({"near": "Vaasa"}, "near", "leveysaste,pituusaste"),
        ({"sort": "distance"}, "sort", "tarvitsee sijainnin"),
        ({"location": "Atlantis"}, "location", "”Atlantis” ei ole tuntemamme postinumero"),
        ({"page": "0"}, "page", "väliltä 1–10000"),
        ({"page_size": "ten"}, "page_size", "kokonaisluku"),
        ({"q": "x" * 201}, "q", "enintään 200 merkkiä"),
    ],
)
def test_bad_parameters_give_422_with_a_readable_message(
    demo_catalogue, client, params, name, words
):
    found = errors(client.get(URL, params))
    assert words in found[name], found


def test_every_problem_is_reported_at_once_in_the_language_asked_for(demo_catalogue, client):
    found = errors(client.get(URL, {"lang": "sv", "age": "x", "theme": "nope", "page": "-1"}))
    assert set(found) == {"age", "theme", "page"}
    assert found["age"] == "ange åldern i hela år mellan 0 och 130"


def test_page_size_is_capped(demo_catalogue, client):
    data = client.get(URL, {"page_size": 500}).json()
    assert data["page_size"] == 50 and len(data["results"]) == 50
    assert data["count"] > 50


def test_inactive_services_are_never_listed(demo_catalogue, client):
    service = Service.objects.filter(name_fi__startswith="Liikuntaneuvonta").first()
    Service.objects.filter(pk=service.pk).update(is_active=False)
    index_services([service.pk])
    data = client.get(URL, {"q": "liikuntaneuvonta", "page_size": 50}).json()
    assert service.pk not in {row["id"] for row in data["results"]}


def test_other_sites_may_call_it_from_the_browser(demo_catalogue, client):
    response = client.get(URL)
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_openapi_document_describes_the_parameters_and_errors(db, client):
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/services"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "theme", "municipality", "lang", "near", "age", "page", "page_size"} <= names
    assert {"200", "422"} <= set(operation["responses"])
    assert "fallback_language" in spec["components"]["schemas"]["ServiceOut"]["properties"]


def test_hits_carry_their_stable_identity(demo_catalogue, client):
    data = client.get(URL, {"q": "hammashoito", "page_size": 5}).json()
    assert data["results"] and data["suggestion"] is None
    for row in data["results"]:
        service = Service.objects.get(pk=row["id"])
        assert (row["source"], row["external_id"]) == (service.source, service.external_id)
        assert row["open_data_id"] == str(service.hsds_id)
        # The open-data id answers at the HSDS API.
        hsds = client.get(f"/api/hsds/services/{row['open_data_id']}")
        assert hsds.status_code == 200 and hsds.json()["name"]


def test_hits_name_their_themes_and_organisation(demo_catalogue, client):
    data = client.get(URL, {"q": "liikunta", "page_size": 30}).json()
    themed = 0
    for row in data["results"]:
        service = Service.objects.get(pk=row["id"])
        assert row["themes"] == sorted(service.themes.values_list("slug", flat=True))
        organisation = service.responsible_organisation
        assert row["organisation"] == (organisation.name if organisation else None)
        assert row["url"].endswith(service.get_absolute_url())
        themed += bool(row["themes"])
    assert themed >= 5  # liikunta: the exercise theme's services among them


def test_a_misspelt_word_finds_services_and_the_spelling_is_given(demo_catalogue, client):
    data = client.get(URL, {"q": "liikuntaneuvnota"}).json()
    assert data["count"] > 0
    assert data["suggestion"] == "liikuntaneuvonta"
    assert all(row["name"].startswith("Liikuntaneuvonta") for row in data["results"][:3])
