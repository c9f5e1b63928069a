"""Finding by situation: whom a service is for (PTV's target groups, Lähellä.fi's age groups,
the editors' marks), accessibility profiles that say "no information" rather than guess,
and the "Mikä sopisi minulle?" / "Vad passar mig?" path, which leads to the search page's
own filters."""

import re
from html import unescape

import pytest

from catalogue.models import Classification, Service, Theme
from catalogue.search import CatalogueQuery, get_backend
from catalogue.search.indexing import index_services
from tests.support.factories.catalogue import ServiceFactory
from tests.support.governance_world import build_world

pytestmark = pytest.mark.django_db


def found(**filters):
    results = get_backend("database").search(CatalogueQuery(page_size=50, **filters))
    return {hit.service_id for hit in results.hits}


def result_names(html):
    return [
        unescape(re.sub(r"<[^>]+>", "", name))
        for name in re.findall(r'class="result-list__title"><a [^>]*>(.*?)</a>', html)
    ]


def test_audiences_come_from_target_groups_activity_ages_and_editors(client, demo_pages):
    older, _ = Classification.objects.get_or_create(
        kind="target_group", code="KR1.1", defaults={"name_fi": "Ikäihmiset"}
    )
    seniors = ServiceFactory(name_fi="Seniorijumppa")
    seniors.classifications.add(older)
    youth = ServiceFactory(
        source="lahella",
        name_fi="Nuorten bänditoiminta",
        activity_type="hobby",
        age_ranges=[[13, 17], [18, 29]],
    )
    everyone = ServiceFactory(name_fi="Kirjastopalvelut")  # names no one: for everyone
    index_services([seniors.pk, youth.pk, everyone.pk])
    assert found(audiences=("older_people",)) == {seniors.pk}
    assert found(audiences=("young_people",)) == {youth.pk}
    assert found(audiences=("working_age",)) == set()
    assert everyone.pk not in found(audiences=("children_families",))

    # An editor marks what no source says: the carers' group is for carers.
    world = build_world()
    enrichment = world.enrichment["municipal_own"]
    client.force_login(world.users["municipal_editor"])
    edit = f"/admin/snippets/catalogue/localenrichment/edit/{enrichment.pk}/"
    form = client.get(edit).content.decode()
    assert 'name="audiences" value="carers"' in form and "Omaishoitajat" in form
    assert 'name="kaikukortti"' in form
    response = client.post(
        edit,
        {
            "service": enrichment.service_id,
            "search_keywords": "",
            "audiences": ["carers", "immigrants"],
            "kaikukortti": "on",
        },
    )
    assert response.status_code == 302
    enrichment.refresh_from_db()
    assert enrichment.audiences == ["carers", "immigrants"] and enrichment.kaikukortti
    assert found(audiences=("carers",)) == {enrichment.service_id}
    assert found(audiences=("carers",), kaikukortti=True) == {enrichment.service_id}
    # The search page offers it under "Kenelle" with its count, and as a removable filter.
    page = client.get("/fi/palvelut/", {"audience": "carers"}).content.decode()
    assert re.search(r"<legend>Kenelle</legend>", page)
    assert re.search(
        r'id="search-audience-carers"[^>]*checked>\s*<label[^>]*>Omaishoitajat '
        r'<span class="facet__count">\(1\)</span>',
        page,
    )
    assert "Poista rajaus: Omaishoitajat" in page
    assert client.get("/fi/palvelut/", {"audience": "kaikki"}).status_code == 200


def test_accessibility_profiles_say_what_the_data_says_and_no_more(demo_catalogue, client):
    library = Service.objects.get(name_fi="Kirjaston palvelut – Vaasa")
    html = client.get(library.get_absolute_url("fi")).content.decode()
    profiles = dict(re.findall(r"<dt>([^<]+)</dt><dd class=\"profiles__\w+\">([^<]+)</dd>", html))
    assert profiles == {
        "Pyörätuoli": "kyllä",
        "Rollaattori": "ei tietoa",
        "Lastenvaunut": "kyllä",
        "Induktiosilmukka": "kyllä",
        "Näkeminen": "kyllä",
        "Esteetön WC": "kyllä",
    }
    # A wheelchair cannot enter the associations' house; nothing else is said of it.
    association = Service.objects.filter(
        channel_links__channel__name_fi__startswith="Järjestötalo"
    ).first()
    html = client.get(association.get_absolute_url("sv")).content.decode()
    profiles = dict(re.findall(r"<dt>([^<]+)</dt><dd class=\"profiles__\w+\">([^<]+)</dd>", html))
    assert profiles["Rullstol"] == "nej" and profiles["Rollator"] == "ingen uppgift"
    # The filters find only what the data says.
    with_loop = found(accessibility=("hearing_loop",))
    assert library.pk in with_loop and association.pk not in with_loop
    names = set(Service.objects.filter(pk__in=with_loop).values_list("name_fi", flat=True))
    assert {name.split(" – ")[0] for name in names} <= {
        "Kirjaston palvelut",
        *(
            n.split(" – ")[0]
            for n in Service.objects.filter(
                channel_links__channel__name_fi__startswith="Terveysasema"
            ).values_list("name_fi", flat=True)
        ),
    }
    assert association.pk not in found(accessibility=("wheelchair",))
    assert found(accessibility=("rollator", "pram")) == set()  # no place says both


def test_the_situation_path_asks_three_questions_and_leads_to_the_same_results(
    demo_catalogue, client
):
    from portal.demo import ensure_enrichments

    ensure_enrichments()
    html = client.get("/fi/palvelut/mika-sopisi-minulle/").content.decode()
    form = re.search(
        r'<form method="get" action="([^"]+)" class="situation-form">(.*?)</form>', html, re.S
    )
    assert form[1] == "/fi/palvelut/"
    assert "<script" not in form[2]
    assert len(re.findall(r"<legend>", form[2])) == 3
    # Every audience, theme and municipality of the county is a choice.
    assert set(re.findall(r'name="audience" value="(\w*)"', form[2])) == {
        "",
        "children_families",
        "young_people",
        "working_age",
        "older_people",
        "disabled",
        "long_term_ill",
        "carers",
        "immigrants",
    }
    assert set(re.findall(r'name="theme" value="([\w-]*)"', form[2])) == {
        "",
        *Theme.objects.values_list("slug", flat=True),
    }
    assert 'value="905">Vaasa<' in form[2] and 'value="545">Närpiö<' in form[2]

    # Answered as a browser sends the form: older people, Vaasa, exercise.
    answers = {"audience": "older_people", "municipality": "905", "theme": "liikunta"}
    page = client.get(form[1], answers).content.decode()
    shown = result_names(page)
    expected = get_backend("database").search(
        CatalogueQuery(
            audiences=("older_people",),
            municipalities=("905",),
            themes=("liikunta",),
            collapse=True,
            page_size=50,
        )
    )
    assert shown and len(shown) == expected.total
    assert set(shown) == set(
        Service.objects.filter(pk__in=[h.service_id for h in expected.hits]).values_list(
            "name_fi", flat=True
        )
    )
    # Questions skipped: no filter, the whole catalogue.
    skipped = client.get(
        form[1], {"audience": "", "municipality": "", "theme": ""}
    ).content.decode()
    everything = get_backend("database").search(CatalogueQuery(collapse=True)).total
    assert f">{everything} palvelua<" in skipped
    # In Swedish, with its own address.
    sv = client.get("/sv/tjanster/vad-passar-mig/").content.decode()
    assert "Vad passar mig?" in sv and "Närståendevårdare" in sv
    assert client.get("/en/services/what-suits-me/").status_code == 200


def test_the_home_page_shows_a_chosen_municipalitys_week_and_news(demo_catalogue, client):
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    assert run_sync("lahella", from_dir=DEMO_DIR / "lahella", full=True).status == "succeeded"
    home = client.get("/fi/").content.decode()
    assert 'href="/fi/palvelut/mika-sopisi-minulle/"' in home
    assert "Tulossa tällä viikolla" not in home  # nothing chosen: nothing guessed
    assert re.search(r'<option value="905">Vaasa</option>', home)
    # Self-assessments and programmes are offered.
    assert "Itsearvioinnit" in home and "/fi/itsearvioinnit/yksinaisyys/" in home

    vaasa = client.get("/fi/", {"municipality": "905"}).content.decode()
    assert re.search(r'<option value="905" selected>Vaasa</option>', vaasa)
    week = vaasa[vaasa.index("Tulossa tällä viikolla") : vaasa.index("Uutta oppaassa")]
    # The walking group meets every Tuesday: this week, with its time.
    assert re.search(
        r"\w\w \d{1,2}\.\d{1,2}\. 18\.00–19\.30</span> <a [^>]*>Kävelyryhmä( –)? Vaasa", week
    )
    assert "Närpiö" not in week
    news = vaasa[vaasa.index("Uutta oppaassa") : vaasa.index("Kaikki palvelut")]
    assert news.count("<li>") == 6
    assert 'href="/fi/palvelut/?municipality=905"' in vaasa
    sv = client.get("/sv/", {"municipality": "905"}).content.decode()
    assert "På gång den här veckan" in sv and "Promenadgrupp" in sv
    unknown = client.get("/fi/", {"municipality": "999"})
    assert unknown.status_code == 200
    assert "Emme tunne tätä kuntaa." in unknown.content.decode()
    assert client.get("/fi/", {"municipality": "905\x00"}).status_code == 400
