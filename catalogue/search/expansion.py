"""A query's words → the groups every backend matches (catalogue.search.analysis), with the
editors' synonym sets and, for a word no indexed text holds, the nearest indexed terms by edit
distance (typo tolerance that works the same on SQLite, PostgreSQL and Elasticsearch)."""

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

_vocabulary = {"key": None, "terms": {}}
_lock = threading.Lock()


def vocabulary():
    """{language: ([term], [where each length starts])} of the index, kept in memory until
    the catalogue's generation changes (indexing starts a new one). The terms are in order of
    length, so that those of a range of lengths are one slice: a term more letters longer or
    shorter than a word than its allowed edits can never be its correction."""
    key = generation()
    with _lock:
        if _vocabulary["key"] != key:
            found = {language: [] for language in language_codes()}
            for language, term in SearchTerm.objects.values_list("language", "term"):
                found.setdefault(language, []).append(term)
            terms = {}
            for language, listed in found.items():
                listed.sort(key=len)
                lengths = [len(term) for term in listed]
                starts = [bisect_left(lengths, n) for n in range(SearchTerm.LONGEST + 2)]
                terms[language] = (listed, starts)
            _vocabulary.update(key=key, terms=terms)
        return _vocabulary["terms"]


# What this process has looked up of the vocabulary in this generation: {term: held?}, at
# most KNOWN_HELD terms. The words residents search for repeat; the index's terms change
# only with a new generation (indexing starts one).
_known = {"key": None, "terms": {}}
KNOWN_HELD = 50_000


def known(terms):
    """Which of ``terms`` the index holds, in any language: only the terms this process has
    not looked up in this generation are read."""
    key = generation()
    with _lock:
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
    terms whose length is within the allowed edits of the word's are compared."""
    if len(word) < MIN_CORRECTED or not word.isalpha():
        return []
    limit = max_distance(word)
    shortest = max(MIN_CORRECTED, len(word) - limit)
    longest = min(len(word) + limit, SearchTerm.LONGEST)
    if shortest > longest:
        return []
    found = []
    for language, (terms, starts) in vocabulary().items():
        for term, distance, _index in process.extract(
            word,
            terms[starts[shortest] : starts[longest + 1]],
            scorer=Levenshtein.distance,
            score_cutoff=limit,
            limit=None,
        ):
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


def respelling(groups):
    """A query's words respelt with the indexed words that stood in for misspelt ones, or ""
    when none was."""
    if not any(group.corrected for group in groups):
        return ""
    return " ".join(group.corrected or group.word for group in groups)
