"""A simple check for personal data in free text that must not hold any (the notes of a
service recommendation list): personal identity codes, phone numbers and e-mail addresses.

It catches the obvious, not everything; the forms also tell professionals not to write any
personal data."""

import re

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


def personal_data_in(text):
    """What kind of personal data the text seems to hold (translated labels), or []."""
    return [label for pattern, label in PROBLEMS if pattern.search(text or "")]
