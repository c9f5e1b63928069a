"""The catalogue search page /fi/palvelut/, /sv/tjanster/ over the database backend."""

import re

import pytest
from django.utils.html import escape

from catalogue.models import LocalEnrichment, Service

pytestmark = pytest.mark.django_db


def count(html):
    return int(re.search(r'class="result-count"[^>]*>(\d+)', html).group(1))


def test_words_are_found_and_highlighted_in_the_page_language(demo_catalogue, client):
    fi = client.get("/fi/palvelut/", {"q": "liikuntaa"}).content.decode()
    assert count(fi) > 0 and "<mark>Liikuntaneuvonta</mark>" in fi
    sv = client.get("/sv/tjanster/", {"q": "motionen"}).content.decode()
    assert count(sv) > 0 and "<mark>Motionsrådgivning</mark>" in sv
    assert "Liikuntaneuvonta –" not in sv  # Swedish names on the Swedish page


def test_highlighting_marks_every_matching_word_and_escapes_the_rest():
    """A word is marked wherever it stands, in any case or inflection, and a text's markup
    is shown as text, never as HTML."""
    from catalogue.search.page import highlighter

    highlight = highlighter({"liikunta"})
    assert str(highlight("Liikuntaa <b>ja</b> & LIIKUNTAA, liikunta")) == (
        "<mark>Liikuntaa</mark> &lt;b&gt;ja&lt;/b&gt; &amp; <mark>LIIKUNTAA</mark>, "
        "<mark>liikunta</mark>"
    )
    assert str(highlight("Uinti <script>")) == "Uinti &lt;script&gt;"
    assert highlight("") == ""
    assert str(highlighter(set())("a < b")) == "a &lt; b"


def test_filters_narrow_the_results_and_can_be_removed_one_by_one(demo_catalogue, client):
    everything = count(client.get("/fi/palvelut/").content.decode())
    html = client.get(
        "/fi/palvelut/", {"theme": "liikunta", "municipality": "905", "free": "1"}
    ).content.decode()
    narrowed = count(html)
    assert 0 < narrowed < everything
    removals = re.findall(r'<a href="(\?[^"]*)">Poista rajaus: ([^<]+)</a>', html)
    assert {label for _url, label in removals} == {
        "Liikunta ja ulkoilu",
        "Vaasa",
        "Maksuton",
    }
    for url, label in removals:
        url = url.replace("&amp;", "&")
        wider = count(client.get(f"/fi/palvelut/{url}").content.decode())
        assert wider >= narrowed, label


def test_a_search_by_theme_and_municipality_finds_them_without_reading_them_again(
    demo_catalogue, client
):
    """The themes' slugs and the municipalities' codes are read once per catalogue
    generation, not at every search; a municipality's new code filters at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from catalogue.models import Municipality

    filters = {"theme": "liikunta", "municipality": "905"}
    first = count(client.get("/fi/palvelut/", filters).content.decode())
    assert first > 0
    with CaptureQueriesContext(connection) as queries:
        again = count(client.get("/fi/palvelut/", {**filters, "q": "liikunta"}).content.decode())
    assert 0 < again <= first
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert 'FROM "catalogue_theme"' not in read
    assert 'FROM "catalogue_municipality"' not in read

    in_vaasa = count(client.get("/fi/palvelut/", {"municipality": "905"}).content.decode())
    vaasa = Municipality.objects.get(code="905")
    vaasa.code = "000"  # an editor's correction
    vaasa.save()
    moved = client.get("/fi/palvelut/", {"municipality": "000"}).content.decode()
    assert count(moved) == in_vaasa


def test_a_search_asks_for_partners_sources_only_for_services_shown_for_a_partner(
    demo_catalogue, client
):
    """Which services are shown for a duplicate from another source is known per catalogue
    generation; a page of results with none of them asks for no partners."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/fi/palvelut/", {"q": "liikunta"})
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/fi/palvelut/", {"q": "ryhmä"}).content.decode()
    assert count(html) > 0
    assert not [q["sql"] for q in queries if '"duplicate_of_id" IN' in q["sql"]]


def test_facet_counts_are_shown_and_match_the_filtered_results(demo_catalogue, client):
    html = client.get("/fi/palvelut/", {"q": "neuvonta"}).content.decode()
    shown = re.search(
        r'id="search-theme-liikunta"[^>]*>\s*<label[^>]*>[^<]*<span class="facet__count">\((\d+)\)',
        html,
    )
    assert shown
    applied = client.get("/fi/palvelut/", {"q": "neuvonta", "theme": "liikunta"}).content.decode()
    assert count(applied) == int(shown.group(1))


def test_near_a_place_sorts_by_distance_and_shows_it(demo_catalogue, client):
    html = client.get("/fi/palvelut/", {"location": "Vaasa"}).content.decode()
    distances = [float(km.replace(",", ".")) for km in re.findall(r"([\d,.]+) km päässä", html)]
    assert distances and distances == sorted(distances)
    assert distances[0] < 5


def test_bad_input_is_explained_and_the_rest_of_the_search_kept(demo_catalogue, client):
    html = client.get(
        "/fi/palvelut/", {"q": "liikunta", "age": "vanha", "location": "Atlantis"}
    ).content.decode()
    assert "anna ikä kokonaisina vuosina" in html
    assert "”Atlantis” ei ole tuntemamme postinumero tai kunta." in html
    assert 'value="liikunta"' in html and 'value="Atlantis"' in html  # nothing lost
    assert count(html) > 0  # the valid part of the search still ran


def test_no_results_offers_to_drop_a_filter(demo_catalogue, client):
    html = client.get("/fi/palvelut/", {"q": "hammas", "theme": "liikunta"}).content.decode()
    assert count(html) == 0
    assert "Hae ilman rajausta ”Liikunta ja ulkoilu”" in html


def test_hidden_and_inactive_services_are_never_listed(demo_catalogue, client):
    hidden = Service.objects.filter(name_fi__startswith="Senioriliikunta").first()
    LocalEnrichment.objects.create(service=hidden, hidden=True)
    html = client.get("/fi/palvelut/", {"q": "senioriliikunta"}).content.decode()
    assert hidden.name_fi not in html


def test_a_misspelt_word_finds_services_and_the_spelling_is_offered(demo_catalogue, client):
    html = client.get("/fi/palvelut/", {"q": "arjesa liikettä"}).content.decode()
    assert count(html) > 0  # the nearest indexed word stood in for "arjesa"
    link = re.search(r'Tarkoititko <a href="([^"]+)">([^<]+)</a>', html)
    assert link, "no spelling suggestion"
    suggested = client.get(f"/fi/palvelut/{link.group(1).replace('&amp;', '&')}").content.decode()
    assert count(suggested) > 0
    assert link.group(2) == "arjessa liikettä"


def test_no_suggestion_for_words_the_catalogue_does_not_know(demo_catalogue, client):
    html = client.get("/fi/palvelut/", {"q": "xyzzyq"}).content.decode()
    assert count(html) == 0 and "Tarkoititko" not in html


def test_a_name_shown_in_finnish_on_the_swedish_page_says_so(demo_catalogue, client):
    # Every municipality's: the search page shows one of them for all.
    Service.objects.filter(name_fi__startswith="Senioriliikunta").update(name_sv="")
    html = client.get("/sv/tjanster/", {"theme": "liikunta", "page_size": 50}).content.decode()
    title = re.search(
        r'<a href="[^"]*-\d+/" lang="fi">Senioriliikunta – [^<]+</a>'
        r' <span class="fallback-note">\(([^)]+)\)</span>',
        html,
    )
    assert title and title.group(1) == "på finska"
    assert html.count('class="fallback-note"') == len(re.findall(r'-\d+/" lang="fi">', html))


def test_a_summary_and_organisation_shown_in_finnish_on_the_swedish_page_say_so(
    demo_catalogue, client
):
    """Screen readers pronounce a fallen-back text in its own language: each element of a
    result that shows Finnish on the Swedish page carries lang="fi", and only those."""
    from catalogue.search.indexing import index_services

    service = Service.objects.filter(summary_fi__gt="", responsible_organisation__isnull=False)
    service = service.order_by("pk").first()
    organisation = service.responsible_organisation
    Service.objects.filter(pk=service.pk).update(name_sv="Zylofonverkstad", summary_sv="")
    type(organisation).objects.filter(pk=organisation.pk).update(name_sv="")
    index_services([service.pk])
    html = client.get("/sv/tjanster/", {"q": "zylofonverkstad"}).content.decode()
    item = re.search(
        rf'<h2 class="result-list__title"><a href="[^"]*-{service.pk}/">(.*?)</li>', html, re.S
    )
    assert item, "the service is not among the results"
    assert item.group(1).startswith("<mark>Zylofonverkstad</mark></a></h2>")  # no note
    assert f'<p lang="fi">{escape(service.summary_fi)}</p>' in item.group(1)
    assert f'<p class="muted" lang="fi">{escape(organisation.name_fi)}</p>' in item.group(1)


def test_the_browsers_location_is_a_removable_filter(demo_catalogue, client):
    html = client.get("/fi/palvelut/", {"near": "63.096,21.616"}).content.decode()
    assert re.search(r"[\d,]+ km päässä", html)
    removal = re.search(r'<a href="(\?[^"]*)">Poista rajaus: Sijaintisi lähellä</a>', html)
    assert removal and "near" not in removal.group(1)


def test_a_location_with_control_characters_is_refused(demo_catalogue, client):
    """PostgreSQL refuses NUL in a query: the page answers with its 400 page, the API with
    its own error format naming the parameter, and nothing reaches the database."""
    response = client.get("/fi/palvelut/", {"location": "Vaasa\x00"})
    assert response.status_code == 400
    assert "Pyyntöä ei ymmärretty" in response.content.decode()
    api = client.get("/api/v1/services", {"location": "Vaasa\x00"})
    assert api.status_code == 422 and api.json()["detail"][0]["loc"] == ["query", "location"]
    api = client.get("/api/v1/services", {"q": "uinti\x00"})
    assert api.status_code == 422 and api.json()["detail"][0]["loc"] == ["query", "q"]


def test_the_kaikukortti_facet_filters_and_explains_itself(demo_catalogue, client):
    from portal.demo import ensure_enrichments

    assert ensure_enrichments() >= 10  # the editors' flags, as load_demo sets them
    html = client.get("/fi/palvelut/").content.decode()
    shown = re.search(
        r'id="search-kaikukortti"[^>]*>\s*<label[^>]*>Kaikukortti käy '
        r'<span class="facet__count">\((\d+)\)',
        html,
    )
    assert shown and int(shown.group(1)) > 0
    applied = client.get("/fi/palvelut/", {"kaikukortti": "1"}).content.decode()
    assert count(applied) == int(shown.group(1))
    assert ">Poista rajaus: Kaikukortti käy</a>" in applied
    refused = client.get("/fi/palvelut/", {"kaikukortti": "kyllä"}).content.decode()
    assert "käytä arvoa 1 (vain palvelut, joissa Kaikukortti käy) tai 0" in refused
    # The explanation page, in every language, leads to the same search.
    for url, heading in (
        ("/fi/palvelut/kaikukortti/", "Kaikukortti"),
        ("/sv/tjanster/kaikukortti/", "Kaikukortet"),
        ("/en/services/kaikukortti/", "Kaikukortti"),
    ):
        page = client.get(url).content.decode()
        assert f"<h1>{heading}</h1>" in page, url
        assert "?kaikukortti=1" in page
    # A marked service says so on its page.
    service = LocalEnrichment.objects.filter(kaikukortti=True).first().service
    assert "Kaikukortti käy</a>" in client.get(service.get_absolute_url("fi")).content.decode()
    unmarked = Service.objects.exclude(enrichment__kaikukortti=True).first()
    assert "Kaikukortti käy</a>" not in client.get(unmarked.get_absolute_url("fi")).content.decode()


def test_a_results_members_are_named_by_their_municipalities_in_the_readers_language(db):
    """Under a result, each other member links to its page, named by its municipalities (in
    alphabetical order, a name missing in Swedish in Finnish), or by its own name when it
    has none."""
    from django.utils import translation

    from catalogue.models import Municipality
    from catalogue.search.page import member_links
    from tests.support.factories.catalogue import ServiceFactory

    narpes, vaasa = (Municipality.objects.get(code=code) for code in ("545", "905"))
    Municipality.objects.filter(pk=narpes.pk).update(name_fi="Närpiö", name_sv="Närpes")
    Municipality.objects.filter(pk=vaasa.pk).update(name_fi="Vaasa", name_sv="")
    two = ServiceFactory(name_fi="Uimahalli", name_sv="Simhall")
    two.municipalities.set([vaasa, narpes])
    none = ServiceFactory(name_fi="Uimahalli", name_sv="")
    with translation.override("sv"):
        links = member_links([two.pk, none.pk], "sv")
        assert links == {
            two.pk: (two.get_absolute_url(), "Närpes, Vaasa"),
            none.pk: (none.get_absolute_url(), "Uimahalli"),
        }
        assert links[two.pk][0].endswith(f"/simhall-{two.pk}/")
    with translation.override("fi"):
        assert member_links([two.pk], "fi")[two.pk][1] == "Närpiö, Vaasa"
    assert member_links([], "sv") == {}
