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
