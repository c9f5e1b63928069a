"""English left in a Finnish or Swedish interface.

The English vocabulary is the words of the interface's own English: every msgid of the
project's catalogue and of Wagtail's, wagtail-modeltranslation's and Django's admin
catalogues. A word of that vocabulary on a Finnish page is English unless Voikko knows it as
Finnish ("on", "me"); on a Swedish page, unless the hunspell-sv word list knows it as Swedish
("in", "for") or Voikko as Finnish (a service without a Swedish name shows its Finnish one).
Municipality names and proper names that are English or look it are allowed by name."""

import re
from functools import cache
from pathlib import Path

import polib

SITE_PACKAGES = Path(polib.__file__).parent
PROJECT = Path(__file__).resolve().parents[2]

# Names, codes and product words an interface shows in every language.
PROPER_NAMES = {
    "wagtail",
    "ptv",
    "lipas",
    "hsds",
    "csv",
    "api",
    "url",
    "json",
    "ical",
    "html",
    "kaikukortti",
    "audit",
    "who",
    "www",
    "http",
    "https",
    "admin",  # the demo's administrator account's name
    "leaflet",
    "openapi",
    "lähellä",
    "hyvinvointiopas",
    "välmåendeguide",
    "english",  # the language's own name in the language menus
    "hyte",  # hyvinvoinnin ja terveyden edistäminen, a Finnish abbreviation
    "svenska",
    "suomi",
    "uri",  # "ontologiakäsitteen URI": the technical term in both languages
    "prediabetes",  # Swedish as well; hunspell-sv lacks it
    "oab",  # a procedure code's letters (OAB77)
    # Lähellä.fi's own codes, quoted as examples in a help text.
    "ryhmat",
    "hobby",
    "support",
    "voluntary",
}
# Names of several words; removed before the words are looked at.
PROPER_PHRASES = ("Open Referral",)
# Addresses are not words: e-mail addresses, web addresses and paths.
ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|(?<!\w)/[\w./-]+")

WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]{3,}")


@cache
def vocabulary():
    catalogues = [
        PROJECT / "locale" / "en" / "LC_MESSAGES" / "django.po",
        # The source catalogues (English): the Finnish and Swedish ones lack what they lack.
        *SITE_PACKAGES.glob("wagtail/**/locale/en/LC_MESSAGES/django*.po"),
        *SITE_PACKAGES.glob("wagtail_modeltranslation/**/locale/en/LC_MESSAGES/django*.po"),
        *SITE_PACKAGES.glob("django/contrib/admin/locale/en/LC_MESSAGES/django*.po"),
    ]
    words = set()
    for path in catalogues:
        for entry in polib.pofile(str(path)):
            text = f"{entry.msgid} {entry.msgid_plural or ''}"
            text = re.sub(r"%\(\w+\)\w|\{[^}]*\}|<[^>]+>", " ", text)
            words.update(word.casefold() for word in WORD.findall(text))
    return frozenset(words)


@cache
def _is_local(word, language):
    """Finnish on a Finnish page; Swedish or Finnish on a Swedish one, where a service
    without a Swedish name shows its Finnish one. (Swedish is not accepted on a Finnish
    page: "editor" and "guide" are Swedish words too.)"""
    from catalogue.search.analysis import _sv_known, _sv_split, _voikko

    if _voikko().spell(word):
        return True
    folded = word.casefold()
    return language == "sv" and (_sv_known(folded) or bool(_sv_split(folded)))


@cache
def place_names():
    """The words of every municipality's names in every language, and of their slugs."""
    from django.utils.text import slugify

    from catalogue.reference import municipality_names

    words = set()
    for names in municipality_names().values():
        for name in names.values():
            words.update(word.casefold() for word in WORD.findall(name))
            words.update(WORD.findall(slugify(name)))
    return frozenset(words)


def english_words(text, language, allowed=()):
    """The words of ``text`` that are the interface's English, not words of ``language``."""
    allowed = PROPER_NAMES | place_names() | {word.casefold() for word in allowed}
    for phrase in PROPER_PHRASES:
        text = text.replace(phrase, " ")
    text = ADDRESSES.sub(" ", text)
    found = set()
    for word in WORD.findall(text):
        folded = word.casefold()
        if folded in allowed or folded not in vocabulary():
            continue
        if not _is_local(word, language):
            found.add(word)
    return found
