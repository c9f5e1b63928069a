"""Typo tolerance: the indexed terms that stand in for a misspelt word, and the work a search
for one costs. The vocabulary is the demo catalogue's, indexed by the real sync."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from catalogue.models import SearchTerm
from catalogue.search.expansion import (
    MAX_CORRECTIONS,
    MIN_CORRECTED,
    corrections,
    max_distance,
)
from core.pagecache import invalidate_catalogue_pages

pytestmark = pytest.mark.django_db

LETTERS = "abdehijklmnoprstuvyäöå"


def nearest_by_comparing_every_term(word):
    """What corrections() must give, by comparing the word with every indexed term: the
    nearest within the allowed edits, then the longest, then alphabetical."""
    if len(word) < MIN_CORRECTED or not word.isalpha():
        return []
    compared = (
        (Levenshtein.distance(word, term), -len(term), term, language)
        for language, term in SearchTerm.objects.values_list("language", "term")
        if len(term) >= MIN_CORRECTED
    )
    found = sorted(row for row in compared if row[0] <= max_distance(word))
    if not found:
        return []
    best = found[0][0]
    return [(lang, term, d) for d, _l, term, lang in found if d == best][:MAX_CORRECTIONS]


@st.composite
def misspelt_words(draw, terms):
    """An indexed term with up to three letters left out, added or changed, or any letters."""
    if draw(st.booleans()):
        return draw(st.text(alphabet=LETTERS, min_size=1, max_size=14))
    word = list(draw(st.sampled_from(terms)))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(word)))
        edit = draw(st.sampled_from(["drop", "add", "change"]))
        letter = draw(st.sampled_from(LETTERS))
        if edit == "drop" and at < len(word) and len(word) > 1:
            del word[at]
        elif edit == "add":
            word.insert(at, letter)
        elif at < len(word):
            word[at] = letter
    return "".join(word)


def test_the_corrections_are_the_nearest_of_all_indexed_terms(demo_catalogue):
    terms = sorted(set(SearchTerm.objects.values_list("term", flat=True)))
    assert len(terms) > 500

    @hypothesis_settings(
        max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(misspelt_words(terms))
    def check(word):
        assert corrections(word) == nearest_by_comparing_every_term(word)

    check()


def test_more_equally_near_terms_than_are_compared_give_the_longest_then_alphabetical(
    demo_catalogue,
):
    # Thirteen terms one edit from "kavo" in each language, listed in reverse order: the
    # corrections are the alphabetically first, whatever order the database lists them in.
    words = [f"kavo{letter}" for letter in "adehijklmnrst"]
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(language=language, term=w)
            for w in reversed(words)
            for language in ("fi", "sv")
        ]
    )
    invalidate_catalogue_pages()  # as indexing does: the vocabulary is read again
    assert corrections("kavo") == [("fi", "kavoa", 1), ("sv", "kavoa", 1), ("fi", "kavod", 1)]


@pytest.mark.parametrize(
    "path, params, respelt",
    [
        ("/fi/palvelut/", {"q": "arjesa liikettä"}, "arjessa liikettä"),
        ("/api/v1/services", {"q": "liikuntaneuvnota"}, "liikuntaneuvonta"),
    ],
)
def test_a_misspelt_search_looks_its_words_up_once(demo_catalogue, client, path, params, respelt):
    """The page and the API offer the respelling the search itself made; they do not work
    the words out a second time (one lookup of the query's words in the index)."""
    client.get(path, {"q": "kavelyryhma"})  # the vocabulary read once for this generation
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    lookups = [q["sql"] for q in queries if "catalogue_searchterm" in q["sql"]]
    assert len(lookups) == 1, lookups
    if path.startswith("/api/"):
        assert response.json()["suggestion"] == respelt
    else:
        assert f">{respelt}</a>" in response.content.decode()


def test_a_searched_word_is_looked_up_once_per_generation(demo_catalogue, client):
    """Whether the index holds a query's words is read once per word and catalogue
    generation, not at every search. Indexing starts a new generation: once the only text
    with a word is gone from a rebuilt index, the word is respelt again at once."""
    from catalogue.models import Service
    from catalogue.search.indexing import index_services, rebuild

    service = Service.objects.filter(name_fi__startswith="Senioriliikunta").first()
    Service.objects.filter(pk=service.pk).update(name_fi="Hammashoitx-kokeilu")
    index_services([service.pk])
    html = client.get("/fi/palvelut/", {"q": "hammashoitx"}).content.decode()
    assert 'role="status">1 palvelu<' in html and "-kokeilu" in html  # found as it is
    assert ">hammashoito</a>" not in html
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/fi/palvelut/", {"q": "hammashoitx", "theme": "liikunta"})
    assert 'role="status">1 palvelu<' in again.content.decode()
    assert not [q["sql"] for q in queries if "catalogue_searchterm" in q["sql"]]

    Service.objects.filter(pk=service.pk).update(name_fi=service.name_fi)
    rebuild()
    html = client.get("/fi/palvelut/", {"q": "hammashoitx"}).content.decode()
    assert ">hammashoito</a>" in html  # no longer indexed: the nearest term is offered
