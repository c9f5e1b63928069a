"""A simple check for personal data in free text that must not hold any (the notes of a
service recommendation list): personal identity codes, phone numbers and e-mail addresses.

It catches the obvious, not everything; the forms also tell professionals not to write any
personal data."""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

# Henkilötunnus: DDMMYY, a century sign (+, -, A–F, U–Y), three digits and a check character.
HETU = re.compile(r"(?<![0-9A-Za-z])\d{6}\s?[-+A-FU-Ya-fu-y]\s?\d{3}[0-9A-Ya-y](?![0-9A-Za-z])")
# Phone numbers: +358 or 0 followed by at least six more digits, with spaces or hyphens.
PHONE = re.compile(r"(?<!\d)(?:\+|00)\s?\d{1,3}(?:[\s-]?\d){6,}|(?<![\d.,])0(?:[\s-]?\d){6,}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

PROBLEMS = (
    (HETU, _("a personal identity code")),
    (PHONE, _("a phone number")),
    (EMAIL, _("an e-mail address")),
)


# Dashes of every kind read as the century sign or a separator.
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"), "-")
# Spaces, brackets and dashes inside a run of digits ("(040) 123-4567").
NUMBER_GAPS = re.compile(r"(?<=\d)[\s()\[\]-]+(?=[\d(\[])")


def normalised(text):
    """The text as the checks read it: compatibility forms folded (NFKC: full-width digits and
    @), formatting characters removed (zero-width spaces, soft hyphens), digits of any script
    as 0–9, dashes as "-"."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text
    )
    return text.translate(DASHES)


def personal_data_in(text):
    """What kind of personal data the text seems to hold (translated labels), or []. Phone
    numbers are also looked for with the gaps inside digit runs closed."""
    text = normalised(text)
    # An identity code is not a phone number as well.
    rest = HETU.sub(" ", text)
    joined = NUMBER_GAPS.sub("", rest.replace("(", " ").replace(")", " "))
    searched = {HETU: (text,), PHONE: (rest, joined), EMAIL: (text,)}
    return [
        label
        for pattern, label in PROBLEMS
        if any(pattern.search(variant) for variant in searched[pattern])
    ]
