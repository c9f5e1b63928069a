"""Query words → match candidates. Neither SQLite's FTS5 nor a prefix query knows Finnish or
Swedish inflection, and PostgreSQL's snowball stems differ between a word and its compounds
("liikunta" → liikun, "liikuntaa" → liikunt), so each word is tried as typed and without its
common case and definite endings; every candidate is then matched as a prefix, which also
finds compounds ("liikunta" → "liikuntaneuvonta")."""

import re

FI_ENDINGS = (
    "ssa",
    "ssä",
    "sta",
    "stä",
    "lla",
    "llä",
    "lta",
    "ltä",
    "lle",
    "ksi",
    "na",
    "nä",
    "an",
    "än",
    "en",
    "in",
    "on",
    "un",
    "yn",
    "n",
    "t",
)
SV_ENDINGS = ("arna", "erna", "orna", "ernas", "ens", "ets", "en", "et", "ar", "er", "or", "na")
MIN_STEM = 4
WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return [word.casefold() for word in WORD.findall(text)][:8]


def candidates(word, language):
    """The word and its plausible stems, longest first, none shorter than MIN_STEM."""
    found = [word]
    endings = FI_ENDINGS if language == "fi" else SV_ENDINGS
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            found.append(word[: -len(ending)])
    # Finnish partitive and long vowels: liikuntaa → liikunta, kahvilaa → kahvila.
    if (
        language == "fi"
        and len(word) > MIN_STEM
        and word[-1] == word[-2]
        and word[-1] in "aäeiouyö"
    ):
        found.append(word[:-1])
    return list(dict.fromkeys(found))
