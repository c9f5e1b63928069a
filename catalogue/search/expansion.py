"""A query's words → the groups every backend matches (catalogue.search.analysis), with the
editors' synonym sets and, for a word no indexed text holds, the nearest indexed terms by edit
distance (typo tolerance that works the same on SQLite, PostgreSQL and Elasticsearch)."""

import re
import threading
from bisect import bisect_left

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from core.i18n import field_names, language_codes
from core.pagecache import generation, per_generation

from ..models import SearchTerm, SynonymSet
from .analysis import analyse_word, base_groups, phrase_alternative

MIN_CORRECTED = 4  # shorter words are not respelt
MAX_CORRECTIONS = 3


def max_distance(word):
    return 1 if len(word) <= 6 else 2


# --- synonyms ------------------------------------------------------------------------------


def _triggers(phrases, language):
    """The terms of a set's one-word entries that make a query word belong to the set."""
    found = set()
    for phrase in phrases:
        alternative = phrase_alternative(phrase, language)
        if len(alternative) == 1:
            _index, alternatives, _f = analyse_word(phrase.strip().casefold(), language)
            found.update(t for alt in alternatives if len(alt) == 1 for t in alt)
            found.add(alternative[0])
    return found


def synonym_rules():
    """[({language: triggers}, {language: alternatives})] of the sets in use, once per
    catalogue generation (a change of a set starts a new one)."""
    return per_generation("synonym-rules", _synonym_rules)


def _synonym_rules():
    rules = []
    for synonyms in SynonymSet.objects.filter(is_active=True).only(*field_names("words")):
        phrases = {language: synonyms.word_list(language) for language in language_codes()}
        rules.append(
            (
                {language: _triggers(found, language) for language, found in phrases.items()},
                {
                    language: tuple(
                        a for a in (phrase_alternative(p, language) for p in found) if a
                    )
                    for language, found in phrases.items()
                },
            )
        )
    return rules


def with_synonyms(group, rules):
    """The group with the alternatives of every set one of its words (in a language) is in."""
    single = {
        language: {t for alt in alts if len(alt) == 1 for t in alt}
        for language, alts in group.by_language
    }
    added = {}
    for triggers, alternatives in rules:
        if any(single[language] & triggers.get(language, set()) for language in single):
            for language, found in alternatives.items():
                added.setdefault(language, []).extend(found)
    return group.adding(added) if added else group


# --- the vocabulary ------------------------------------------------------------------------


def _bigrams(term):
    """The term's letter pairs, with a mark before its first letter and after its last."""
    marked = f"\x02{term}\x03"
    return [marked[at : at + 2] for at in range(len(marked) - 1)]


class NearTerms:
    """One language's indexed terms, for finding those within a few edits of a word without
    comparing it with every term.

    The terms are in order of length, so that those of a range of lengths are one slice (a
    term more letters longer or shorter than a word than its allowed edits can never be its
    correction). For each letter pair, the terms that hold it are one integer's bits. A term
    within ``k`` edits of a word of ``n`` letters shares at least ``n + 1 - 2k`` of the
    word's marked letter pairs (an edit changes at most two pairs; the q-gram lemma), less
    one for each pair the word repeats: only those terms are compared."""

    def __init__(self, terms):
        self.terms = sorted(terms, key=len)
        lengths = [len(term) for term in self.terms]
        self.starts = [bisect_left(lengths, n) for n in range(SearchTerm.LONGEST + 2)]
        holders = {}
        for index, term in enumerate(self.terms):
            for pair in set(_bigrams(term)):
                holders.setdefault(pair, []).append(index)
        size = len(self.terms) // 8 + 1
        self.pairs = {}
        for pair, indexes in holders.items():
            bits = bytearray(size)
            for index in indexes:
                bits[index >> 3] |= 1 << (index & 7)
            self.pairs[pair] = int.from_bytes(bits, "little")

    def candidates(self, word, limit, shortest, longest):
        """The terms from ``shortest`` to ``longest`` letters long that may be within
        ``limit`` edits of ``word``: every one that is, and few others."""
        low, high = self.starts[shortest], self.starts[longest + 1]
        pairs = _bigrams(word)
        distinct = set(pairs)
        needed = len(pairs) - 2 * limit - (len(pairs) - len(distinct))
        if needed <= 0:  # too short a word for the pairs to tell anything
            return self.terms[low:high]
        # at_least[i]: the terms holding at least i + 1 of the word's pairs.
        at_least = [0] * needed
        for pair in distinct:
            holders = self.pairs.get(pair, 0)
            if not holders:
                continue
            for count in range(needed - 1, 0, -1):
                at_least[count] |= at_least[count - 1] & holders
            at_least[0] |= holders
        found = at_least[-1] >> low & ((1 << (high - low)) - 1)
        if not found:
            return []
        bits = found.to_bytes((found.bit_length() + 7) // 8, "little")
        out = []
        for byte in _NONZERO.finditer(bits):
            at, value = byte.start(), bits[byte.start()]
            while value:
                lowest = value & -value
                out.append(self.terms[low + at * 8 + lowest.bit_length() - 1])
                value ^= lowest
        return out

    def near(self, word, limit, shortest, longest):
        """[(term, distance)] of the terms from ``shortest`` to ``longest`` letters long
        within ``limit`` edits of ``word``."""
        return [
            (term, distance)
            for term, distance, _index in process.extract(
                word,
                self.candidates(word, limit, shortest, longest),
                scorer=Levenshtein.distance,
                score_cutoff=limit,
                limit=None,
            )
        ]


_NONZERO = re.compile(rb"[^\x00]")
_vocabulary = {"key": None, "terms": {}, "held": frozenset()}
_lock = threading.Lock()


def vocabulary():
    """{language: NearTerms} of the index, kept in memory until the catalogue's generation
    changes (indexing starts a new one). Every term of it in any language is kept as one set
    too, from which known() answers while it is in memory."""
    key = generation()
    with _lock:
        if _vocabulary["key"] != key:
            found = {language: [] for language in language_codes()}
            for language, term in SearchTerm.objects.values_list("language", "term"):
                found.setdefault(language, []).append(term)
            terms = {language: NearTerms(listed) for language, listed in found.items()}
            held = frozenset(term for listed in found.values() for term in listed)
            _vocabulary.update(key=key, terms=terms, held=held)
        return _vocabulary["terms"]


# What this process has looked up of the vocabulary in this generation: {term: held?}, at
# most KNOWN_HELD terms. The words residents search for repeat; the index's terms change
# only with a new generation (indexing starts one).
_known = {"key": None, "terms": {}}
KNOWN_HELD = 50_000


def known(terms):
    """Which of ``terms`` the index holds, in any language. While this generation's
    vocabulary is in memory (read for the first misspelt word), nothing is read; before,
    only the terms this process has not looked up in this generation."""
    key = generation()
    with _lock:
        if _vocabulary["key"] == key:
            held = _vocabulary["held"]
            return {term for term in terms if term in held}
        if _known["key"] != key:
            _known.update(key=key, terms={})
        memo = _known["terms"]
        found = {term for term in terms if memo.get(term)}
        missing = sorted(term for term in terms if term not in memo)
    if not missing:
        return found
    held = set()
    for start in range(0, len(missing), 500):
        held.update(
            SearchTerm.objects.filter(term__in=missing[start : start + 500]).values_list(
                "term", flat=True
            )
        )
    with _lock:
        if _known["key"] == key:
            if len(memo) + len(missing) > KNOWN_HELD:
                memo.clear()
            memo.update((term, term in held) for term in missing)
    return found | held


def corrections(word):
    """[(language, term, distance)]: the indexed terms nearest to a misspelt word, nearest
    first, then the longest, then in alphabetical order, at most MAX_CORRECTIONS. Only the
    terms whose length and letter pairs allow it are compared (NearTerms)."""
    if len(word) < MIN_CORRECTED or not word.isalpha():
        return []
    limit = max_distance(word)
    shortest = max(MIN_CORRECTED, len(word) - limit)
    longest = min(len(word) + limit, SearchTerm.LONGEST)
    if shortest > longest:
        return []
    found = []
    for language, terms in vocabulary().items():
        for term, distance in terms.near(word, limit, shortest, longest):
            found.append((distance, -len(term), term, language))
    found.sort()
    if not found:
        return []
    best = found[0][0]
    return [(lang, term, d) for d, _l, term, lang in found if d == best][:MAX_CORRECTIONS]


def corrected(group):
    """The group with the nearest indexed terms as its alternatives, or None."""
    found = corrections(group.word)
    if not found:
        return None
    added = {}
    for language, term, _distance in found:
        if language not in group.languages():  # a language the site no longer has
            continue
        target = added.setdefault(language, [])
        target.append((term,))
        # Its base forms too: "liikunnan" stands for liikunta as well.
        _index, alternatives, _f = analyse_word(term, language)
        target.extend(a for a in alternatives if len(a) == 1)
    return group.adding(added, corrected=found[0][1])


def query_groups(text):
    """The groups of a query: base forms and compound parts in both languages, synonyms, and
    for a word the index does not hold, its nearest indexed terms."""
    groups = base_groups(text)
    if not groups:
        return []
    rules = synonym_rules()
    if rules:
        groups = [with_synonyms(group, rules) for group in groups]
    present = known({t for group in groups for t in group.terms()})
    out = []
    for group in groups:
        # Known when one of its alternatives is wholly in the index: a misspelt compound whose
        # parts happen to be words ("painonhalinta": paino + halinta) is not.
        alternatives = [alt for _language, alts in group.by_language for alt in alts]
        if not any(all(t in present for t in alt) for alt in alternatives):
            group = corrected(group) or group
        out.append(group)
    return out


def could_match(groups):
    """Whether any indexed text can match the groups (query_groups): whether one of a group's
    alternatives has every term in the index's vocabulary (a respelling is there by
    construction). The vocabulary leaves out terms longer than SearchTerm.LONGEST, so such a
    term counts as held. When no alternative can match, a search finds nothing."""
    if any(group.corrected for group in groups):
        return True
    terms = {term for group in groups for term in group.terms()}
    held = known({term for term in terms if len(term) <= SearchTerm.LONGEST})
    held |= {term for term in terms if len(term) > SearchTerm.LONGEST}
    return any(
        all(term in held for term in alternative)
        for group in groups
        for _language, alternatives in group.by_language
        for alternative in alternatives
    )


def respelling(groups):
    """A query's words respelt with the indexed words that stood in for misspelt ones, or ""
    when none was."""
    if not any(group.corrected for group in groups):
        return ""
    return " ".join(group.corrected or group.word for group in groups)
