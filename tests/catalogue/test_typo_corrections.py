"""Typo tolerance: the indexed terms that stand in for a misspelt word, and the work a search
for one costs. The vocabulary is the demo catalogue's, indexed by the real sync."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from catalogue.models import SearchTerm
from catalogue.search import CatalogueQuery, get_backend
from catalogue.search.expansion import (
    MAX_CORRECTIONS,
    MIN_CORRECTED,
    NearTerms,
    corrections,
    could_match,
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


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="abäs", min_size=1, max_size=12), min_size=1, max_size=60),
    st.text(alphabet="abäs", min_size=1, max_size=12),
    st.integers(1, 3),
)
def test_the_letter_pairs_never_leave_out_a_term_within_the_edits(terms, word, limit):
    """The terms a word is compared with (those sharing enough of its letter pairs) include
    every term within the allowed edits, also for words and terms that repeat letters (four
    letters make many repeats)."""
    index = NearTerms(terms)
    shortest, longest = max(1, len(word) - limit), min(len(word) + limit, SearchTerm.LONGEST)
    expected = sorted(
        (term, Levenshtein.distance(word, term))
        for term in terms
        if shortest <= len(term) <= longest and Levenshtein.distance(word, term) <= limit
    )
    assert sorted(index.near(word, limit, shortest, longest)) == expected


def test_a_word_is_compared_with_few_of_the_terms():
    """A word is compared only with the terms of its length range that share enough of its
    letter pairs: of 320 other terms as long as it, none."""
    terms = [
        f"{a}{b}{c}{d}olantie" for a in "bdfg" for b in "aeiou" for c in "kmnp" for d in "aeiy"
    ]
    index = NearTerms([*terms, "kavelyryhma"])
    assert len(index.candidates("kavelyryhmä", 2, 9, 13)) == 1
    assert index.near("kavelyryhmä", 2, 9, 13) == [("kavelyryhma", 1)]


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
def test_a_misspelt_search_reads_nothing_of_the_vocabulary_held_in_memory(
    demo_catalogue, client, path, params, respelt
):
    """The page and the API offer the respelling the search itself made. Once a misspelt
    word has brought this generation's vocabulary into memory, a search's words are looked
    up there: no statement reads the index's terms."""
    client.get(path, {"q": "kavelyryhma"})  # the vocabulary read once for this generation
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    lookups = [q["sql"] for q in queries if "catalogue_searchterm" in q["sql"]]
    assert lookups == []
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


def test_the_vocabulary_in_memory_knows_what_the_index_holds(demo_catalogue):
    """Which words the index holds is the same answer from the vocabulary in memory as from
    the database, for held terms in each language and for words no text has; a term indexed
    later (a new generation) is known at once."""
    from catalogue.models import Service
    from catalogue.search.expansion import known, vocabulary
    from catalogue.search.indexing import index_services

    held = set(SearchTerm.objects.values_list("term", flat=True)[:400])
    held |= set(SearchTerm.objects.filter(language="sv").values_list("term", flat=True)[:100])
    asked = held | {"qzxvo", "bdfgjkmp", "liikuntaa", "kavelyryhma", "zorbaquintel"}
    from_database = set(SearchTerm.objects.filter(term__in=asked).values_list("term", flat=True))
    assert not {"qzxvo", "bdfgjkmp"} & from_database  # made-up words: the answer is not all
    vocabulary()
    with CaptureQueriesContext(connection) as queries:
        assert known(asked) == from_database
    assert queries.captured_queries == []

    service = Service.objects.filter(name_fi__startswith="Senioriliikunta").first()
    Service.objects.filter(pk=service.pk).update(name_fi="Zorbaquintel-kokeilu")
    index_services([service.pk])
    assert "zorbaquintel" in known({"zorbaquintel"})


NOTHING_HOLDS = ["qzxvo", "bdfgjkmp", "xylofonikvartetti zzptq"]


@pytest.mark.parametrize("path", ["/fi/palvelut/", "/api/v1/services"])
def test_a_search_for_words_no_text_holds_reads_no_entries(demo_catalogue, client, path):
    """Words that no indexed text holds, nor any word near them: nothing is found, and on
    PostgreSQL the search entries are not read for it (the words' lookup in the vocabulary
    says so). SQLite's FTS5 folds diacritics ("ika" matches "ikä"), so it searches."""
    client.get(path, {"q": "liikunta"})  # the vocabulary read once for this generation
    for text in NOTHING_HOLDS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, {"q": text, "municipality": "499"})
        assert response.status_code == 200
        if path.startswith("/api/"):
            assert response.json()["count"] == 0
            assert response.json()["results"] == []
        else:
            assert 'role="status">0 palvelua<' in response.content.decode()
        read = [q["sql"] for q in queries if "servicesearchentry" in q["sql"]]
        read += [q["sql"] for q in queries if "catalogue_service_fts" in q["sql"]]
        assert bool(read) == (connection.vendor == "sqlite"), read


def test_a_search_not_run_gives_what_running_it_gives(demo_catalogue):
    """Whenever a search is answered without running it (PostgreSQL: no word the vocabulary
    holds), running it gives the same: no hits, a total of 0 and the same facets. Indexed
    words, their misspellings and made-up words alike; on SQLite every search runs."""
    from catalogue.search.expansion import query_groups

    terms = sorted(set(SearchTerm.objects.values_list("term", flat=True)))
    backend = get_backend("database")
    unmatched = []

    def same(text, language):
        query = CatalogueQuery(text=text, language=language, collapse=True)
        groups = query_groups(text)
        if not groups:
            return
        if not could_match(groups):
            unmatched.append(text)
        answered = backend.search(query)
        ran = backend.run(query, groups, timezone.now())
        assert (answered.hits, answered.total, answered.facets) == (
            ran.hits,
            ran.total,
            ran.facets,
        ), text

    for text in NOTHING_HOLDS:
        same(text, "sv")
    assert len(unmatched) == len(NOTHING_HOLDS)

    @hypothesis_settings(
        max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(st.lists(misspelt_words(terms), min_size=1, max_size=3), st.sampled_from(["fi", "sv"]))
    def check(words, language):
        same(" ".join(words), language)

    check()
    assert len(unmatched) >= len(NOTHING_HOLDS) + 10  # tried on words that cannot match


def test_a_term_longer_than_the_vocabulary_keeps_counts_as_held(demo_catalogue):
    """The vocabulary leaves out terms over SearchTerm.LONGEST letters (a base form can be
    longer than the word typed): a word standing for one is searched, not answered as
    nothing; a short made-up one is not searched."""
    from catalogue.search.analysis import Group

    long_term = "zorbaquintelmaxivorpulendastrikovellumbrazzanotepliquoravindustes"
    assert len(long_term) > SearchTerm.LONGEST
    assert could_match([Group(word="zorba", by_language=(("fi", ((long_term,),)),))])
    assert not could_match([Group(word="zorba", by_language=(("fi", (("zorba",),)),))])
    # An alternative matches only with all its terms: one held term is not enough.
    assert not could_match([Group(word="x", by_language=(("fi", (("liikunta", "zorba"),)),))])
    assert could_match([Group(word="x", by_language=(("fi", (("zorba",), ("liikunta",))),))])
