"""One text analysis for every search backend (issue 22).

Texts are analysed here, in Python, once: the SQLite FTS5 table, the PostgreSQL tsvectors (the
``simple`` configuration over these terms) and Elasticsearch (a ``standard`` analyzer over these
terms) all index what ``index_terms()`` returns, and every backend matches what
``query_groups()`` returns, so they agree by construction.

- **Finnish**: Voikko (libvoikko + voikko-fi) gives each word's base forms and its compound
  parts: "yksinäisyyteen" → yksinäisyys, "vesiliikunnan" → vesiliikunta, vesi, liikunta.
  A word Voikko does not know is indexed as written and as its Snowball stem.
- **Swedish**: the Snowball stemmer (PyStemmer) plus decompounding against the words of the
  hunspell-sv dictionary: "tandvården" → tandvård, tand, vård.
- Function words (Voikko's conjunctions, pronouns, adpositions; a short Swedish list) are left
  out.
- **Any other site language** (``settings.LANGUAGES``): its Snowball stemmer where PyStemmer has
  one, else the words as written, until it gets an analyser of its own in ``ANALYSERS``.
"""

import html
import re
import threading
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language_info

from core.i18n import language_codes

# Letters and digits; "_" and punctuation separate words (as in FTS5's unicode61, PostgreSQL's
# parser and Elasticsearch's standard tokenizer).
WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_WORDS = 8
MAX_TERM = 60
MAX_TEXT = 10_000
FI_FUNCTION_CLASSES = {"sidesana", "asemosana", "suhdesana", "kieltosana"}
SV_STOPWORDS = frozenset(
    [
        "och",
        "i",
        "på",
        "för",
        "med",
        "till",
        "av",
        "om",
        "att",
        "som",
        "en",
        "ett",
        "det",
        "den",
        "de",
        "är",
        "eller",
        "vid",
        "från",
        "du",
        "dig",
        "din",
        "ditt",
        "dina",
        "vi",
        "man",
        "har",
        "kan",
        "så",
        "inte",
        "sig",
        "sin",
        "sitt",
        "sina",
        "hur",
        "vad",
        "när",
        "där",
        "alla",
        "också",
        "samt",
        "under",
        "efter",
        "mot",
        "utan",
    ]
)
SV_MIN_PART = 3
SV_ENDINGS = ("arna", "erna", "orna", "na", "en", "et", "n", "t")


class AnalysisUnavailable(ImproperlyConfigured):
    """Voikko's Finnish dictionary or the Swedish word list is missing."""


def words(text):
    """The words of ``text``, case-folded, NFC."""
    return [w.casefold() for w in WORD.findall(unicodedata.normalize("NFC", text or ""))]


# --- Finnish ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _voikko():
    try:
        import libvoikko

        return libvoikko.Voikko("fi", path=settings.VOIKKO_PATH or None)
    except Exception as error:  # OSError (no libvoikko), VoikkoException (no dictionary)
        raise AnalysisUnavailable(
            "Finnish search needs Voikko: install the Debian packages libvoikko1 and voikko-fi "
            f"(make run and make test do) ({error})"
        ) from error


_voikko_lock = threading.Lock()


def _analyse(word):
    """Voikko's analyses of a word (one call at a time: a Voikko handle is not thread-safe)."""
    with _voikko_lock:
        return _voikko().analyze(word)


_local = threading.local()


def _stemmer(algorithm):
    """This thread's Snowball stemmer by PyStemmer's name of it ("finnish"; PyStemmer's are
    not thread-safe); None when PyStemmer has none by that name."""
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if algorithm not in stemmers:
        import Stemmer

        stemmers[algorithm] = (
            Stemmer.Stemmer(algorithm) if algorithm in Stemmer.algorithms() else None
        )
    return stemmers[algorithm]


def _compound_parts(word, structure):
    """The surface parts of a compound from Voikko's STRUCTURE ("=pppp=pppppppp")."""
    starts, position = [], 0
    for char in structure:
        if char == "=":
            starts.append(position)
        else:
            position += 1
    if len(starts) < 2:
        return []
    starts.append(len(word))
    return [word[a:b] for a, b in zip(starts, starts[1:], strict=False) if b > a]


@lru_cache(maxsize=200_000)
def _fi_word(word):
    """(terms to index, alternatives to query, is a function word) of one Finnish word."""
    analyses = _analyse(word) if len(word) <= MAX_TERM else []
    index = [word]
    alternatives = [(word,)]
    if not analyses:
        stem = _stemmer("finnish").stemWord(word)
        if stem != word and len(stem) >= 3:
            index.append(stem)
            alternatives.append((stem,))
        return tuple(dict.fromkeys(index)), tuple(dict.fromkeys(alternatives)), False
    function = all(a.get("CLASS") in FI_FUNCTION_CLASSES for a in analyses)
    for analysis in analyses:
        base = (analysis.get("BASEFORM") or word).casefold()
        index.append(base)
        alternatives.append((base,))
        parts = _compound_parts(word, analysis.get("STRUCTURE", ""))
        if not parts:
            continue
        # The last part in its base form: the compound's base form without the other parts.
        head = "".join(parts[:-1]).casefold()
        parts = [p.casefold() for p in parts]
        if base.startswith(head) and len(base) > len(head):
            parts[-1] = base[len(head) :]
        bases = [_fi_base(p) for p in parts[:-1]] + [parts[-1]]
        alternatives.append(tuple(bases))
        # Every run of consecutive parts: "painonhallintaryhmä" → paino, hallinta, ryhmä,
        # painonhallinta, hallintaryhmä.
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                if (i, j) == (0, len(parts)):
                    continue
                span = "".join(parts[i:j])
                index.append(span)
                if j < len(parts):
                    index.append(_fi_base(span))
    return tuple(dict.fromkeys(index)), tuple(dict.fromkeys(alternatives)), function


@lru_cache(maxsize=50_000)
def _fi_base(word):
    analyses = _analyse(word)
    return (analyses[0].get("BASEFORM") or word).casefold() if analyses else word


# --- Swedish ---------------------------------------------------------------------------------


class SortedWords(Sequence):
    """A sorted, read-only word list kept as one string: about 2 MB for the 148,000 words
    of hunspell-sv, where a frozenset of them holds about 18 MB. ``word in words`` is a
    binary search (bisect) over the string, a few microseconds."""

    def __init__(self, words):
        words = sorted(set(words))
        self._text = "\n".join(words)
        self._starts = array("I", [0])
        for word in words:
            self._starts.append(self._starts[-1] + len(word) + 1)

    def __len__(self):
        return len(self._starts) - 1

    def __getitem__(self, index):
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._text[self._starts[index] : self._starts[index + 1] - 1]

    def __contains__(self, word):
        at = bisect_left(self, word)
        return at < len(self) and self[at] == word


def _sv_stems(lines):
    next(lines, None)  # the word count
    for line in lines:
        stem = line.split("/", 1)[0].strip().casefold()
        if len(stem) >= SV_MIN_PART and stem.isalpha():
            yield stem


@lru_cache(maxsize=1)
def _sv_lexicon():
    path = Path(settings.SWEDISH_WORDLIST)
    try:
        # Line by line: the file's 150,000 lines are never all in memory at once.
        with path.open(encoding="utf-8", errors="replace") as lines:
            return SortedWords(_sv_stems(lines))
    except OSError as error:
        raise AnalysisUnavailable(
            f"Swedish search needs the hunspell-sv word list at {path}: install the Debian "
            f"package hunspell-sv (make run and make test do) ({error})"
        ) from error


def _sv_known(word):
    lexicon = _sv_lexicon()
    return word in lexicon or _stemmer("swedish").stemWord(word) in lexicon


@lru_cache(maxsize=100_000)
def _sv_split(word, depth=0):
    """The parts of a Swedish compound (both sides known words; the dictionary also lists
    many compounds, tandvård among them), or [] when it cannot be split."""
    if depth > 3 or len(word) < 2 * SV_MIN_PART:
        return []
    lexicon = _sv_lexicon()
    for i in range(SV_MIN_PART, len(word) - SV_MIN_PART + 1):
        left, right = word[:i], word[i:]
        if left not in lexicon:
            if not (left.endswith("s") and left[:-1] in lexicon and len(left) > SV_MIN_PART):
                continue
            left = left[:-1]  # the linking s: motions|rådgivning
        if _sv_known(right):
            return [left, right]
        rest = _sv_split(right, depth + 1)
        if rest:
            return [left, *rest]
    return []


@lru_cache(maxsize=200_000)
def _sv_word(word):
    stem = _stemmer("swedish").stemWord
    index = [word, stem(word)]
    alternatives = [(word,), (stem(word),)]
    if word not in _sv_lexicon():
        # A definite or plural form the stemmer leaves whole ("minnet" → minne): the
        # dictionary word without the ending.
        for ending in SV_ENDINGS:
            base = word[: -len(ending)]
            if word.endswith(ending) and len(base) >= SV_MIN_PART and base in _sv_lexicon():
                index.append(stem(base))
                alternatives.append((stem(base),))
                break
    parts = _sv_split(word)
    if parts:
        alternatives.append(tuple(stem(p) for p in parts))
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                if (i, j) != (0, len(parts)):
                    index.append(stem("".join(parts[i:j])))
    return (
        tuple(dict.fromkeys(index)),
        tuple(dict.fromkeys(alternatives)),
        word in SV_STOPWORDS,
    )


@lru_cache(maxsize=100_000)
def _snowball_word(word, language):
    """A language without an analyser of its own: the word, and its Snowball stem where
    PyStemmer has a stemmer named after the language ("english")."""
    try:
        stemmer = _stemmer(get_language_info(language)["name"].casefold())
    except KeyError:
        stemmer = None
    stem = stemmer.stemWord(word) if stemmer else word
    if stem == word or len(stem) < 3:
        return (word,), ((word,),), False
    return (word, stem), ((word,), (stem,)), False


@dataclass(frozen=True)
class Analyser:
    """One language's analysis: ``word(word)`` → (index terms, query alternatives, is a
    function word); ``check()`` raises AnalysisUnavailable when its tools are missing."""

    word: Callable
    check: Callable = lambda: None


# The languages with tools of their own; any other site language gets _snowball_word.
ANALYSERS = {"fi": Analyser(_fi_word, _voikko), "sv": Analyser(_sv_word, _sv_lexicon)}


@cache
def analyser(language):
    if language in ANALYSERS:
        return ANALYSERS[language]
    return Analyser(lambda word: _snowball_word(word, language))


def analyse_word(word, language):
    """(index terms, query alternatives, is a function word) of one case-folded word. A
    number (decimal digits only) is its own term in every language: it skips the analysers
    and their caches, which a catalogue's many distinct numbers (phone numbers, postcodes,
    years) would otherwise fill with one entry each."""
    if word.isdecimal():
        return (word,), ((word,),), False
    return analyser(language).word(word)


TAG = re.compile(r"<[^>]*>")


def index_terms(text, language):
    """The terms a text is indexed under, in order, as one space-separated string (HTML tags
    left out: Lähellä.fi's texts are HTML)."""
    out = []
    # A field's first MAX_TEXT characters: no service text is longer, and a hostile one costs
    # no more than that.
    for word in words(html.unescape(TAG.sub(" ", (text or "")[:MAX_TEXT]))):
        if len(word) > MAX_TERM:
            continue
        terms, _alternatives, function = analyse_word(word, language)
        if not function:
            out.extend(terms)
    return " ".join(out)


def check():
    """Raise AnalysisUnavailable when a site language's analysis cannot run."""
    for language in language_codes():
        analyser(language).check()


# --- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """One word of a query: the alternatives that match it, per language; each alternative is
    a conjunction of terms (a compound's parts, a multi-word synonym)."""

    word: str
    by_language: tuple  # ((language, (alternative, …)), …) in the site languages' order
    corrected: str = ""  # the vocabulary word a misspelt word was taken for

    def alternatives(self, language):
        return dict(self.by_language).get(language, ())

    def languages(self):
        return [language for language, _alternatives in self.by_language]

    def terms(self):
        return {t for _l, alts in self.by_language for alt in alts for t in alt}

    def adding(self, added, corrected=""):
        """The group with ``added`` ({language: [alternative]}) after its own alternatives
        (repeats left out)."""
        return Group(
            word=self.word,
            by_language=tuple(
                (language, tuple(dict.fromkeys((*alternatives, *added.get(language, ())))))
                for language, alternatives in self.by_language
            ),
            corrected=corrected or self.corrected,
        )


def phrase_alternative(phrase, language):
    """A synonym's words as one conjunction of their first base forms."""
    out = []
    for word in words(phrase):
        _terms, alternatives, function = analyse_word(word, language)
        if not function:
            # The base form (or stem) when it differs from the word, else the word.
            out.append(next((a[0] for a in alternatives[1:] if len(a) == 1), word))
    return tuple(out)


def base_groups(text):
    """The query's words as groups, before synonyms and spelling: every word analysed in
    every site language. Function words (of any of them) are left out unless nothing else is
    left."""
    found = []
    for word in dict.fromkeys(w for w in words(text) if len(w) <= MAX_TERM):
        analysed = {language: analyse_word(word, language) for language in language_codes()}
        group = Group(
            word=word,
            by_language=tuple((language, a[1]) for language, a in analysed.items()),
        )
        found.append((group, any(a[2] for a in analysed.values())))
    kept = [group for group, function in found if not function] or [g for g, _f in found]
    return kept[:MAX_QUERY_WORDS]
