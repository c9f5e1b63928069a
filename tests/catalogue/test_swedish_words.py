"""The Swedish word list that decompounding reads (hunspell-sv), kept as one sorted string:
it must answer exactly as a set of the same words would."""

from hypothesis import given
from hypothesis import strategies as st

from catalogue.search import analysis
from catalogue.search.analysis import SortedWords

WORDS = st.text(alphabet="abcåäöé", min_size=1, max_size=8)


@given(st.lists(WORDS, max_size=60), st.lists(WORDS, max_size=30))
def test_the_sorted_word_list_answers_as_a_set_would(words, asked):
    found = SortedWords(words)
    assert len(found) == len(set(words))
    assert list(found) == sorted(set(words))
    for word in [*words, *asked, "", "zzzzzzzzz"]:
        assert (word in found) == (word in set(words))


def test_the_hunspell_word_list_holds_the_parts_of_swedish_compounds():
    lexicon = analysis._sv_lexicon()
    assert len(lexicon) > 100_000
    for word in ("tand", "vård", "motion", "rådgivning", "minne"):
        assert word in lexicon
    for word in ("tandvårdx", "xqzv", "vår d"):
        assert word not in lexicon
    assert analysis._sv_split("motionsrådgivning") == ["motion", "rådgivning"]


@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=50))
def test_numbers_are_their_own_terms_and_leave_the_word_caches_as_they_were(numbers):
    """A number is found as written in every language, and analysing distinct numbers
    (a national catalogue holds hundreds of thousands) adds nothing to the analysers'
    caches, whose growth would otherwise follow the catalogue's size."""
    caches = (analysis._fi_word, analysis._sv_word, analysis._sv_split, analysis._snowball_word)
    analysis.index_terms("Soita", "fi")  # the sentence's one word, cached before counting
    before = [cache.cache_info().currsize for cache in caches]
    for number in numbers:
        for word in (str(number), f"{number:010d}"):
            for language in ("fi", "sv", "en"):
                assert analysis.analyse_word(word, language) == ((word,), ((word,),), False)
    assert analysis.index_terms(f"Soita 040 {numbers[0]:07d}.", "fi").split()[-2:] == [
        "040",
        f"{numbers[0]:07d}",
    ]
    assert [cache.cache_info().currsize for cache in caches] == before
