"""The personal-data check on recommendation-list notes (professionals.pii) is not evaded by
formatting: issue 29, item 10. Each row is a way of writing the same personal detail."""

import pytest
from django.utils import translation

from professionals.pii import personal_data_in

PHONE, HETU, EMAIL = "puhelinnumero", "henkilötunnus", "sähköpostiosoite"

EVASIONS = [
    ("(040) 1234567", PHONE),
    ("Soita (040)1234567 iltaisin", PHONE),
    ("040 123 4567", PHONE),
    ("040-123 45 67", PHONE),
    ("+358 (40) 123 4567", PHONE),
    ("040\u00ad1234567", PHONE),  # soft hyphen
    ("040\u200b123\u200b4567", PHONE),  # zero-width spaces
    ("０４０１２３４５６７", PHONE),  # full-width digits
    ("٠٤٠١٢٣٤٥٦٧", PHONE),  # Arabic-Indic digits
    ("०४०१२३४५६७", PHONE),  # Devanagari digits
    ("010190-123A", HETU),
    ("010190\u200b-123A", HETU),  # split by a zero-width space
    ("010190\u2011123A", HETU),  # a non-breaking hyphen as the century sign
    ("０１０１９０－１２３Ａ", HETU),  # full width
    ("matti.meikalainen＠example.fi", EMAIL),  # full-width @
    ("matti\u200b@example.fi", EMAIL),
]

ORDINARY = [
    "Ryhmä ti klo 18.00–19.30, hinta 12 € / 10 kertaa, alkaa 1.12.2026.",
    "Kokoontuu klo 10-12 ja 14-16.",
    "Huone 204, 2. kerros.",
    "Ryhmät 1, 2 ja 3.",
    "Vuonna 2026 uusi ryhmä.",
    "Kurssi 01.02.2026 – 15.03.2026.",
]


@pytest.mark.parametrize(("text", "kind"), EVASIONS)
def test_a_formatted_personal_detail_is_still_found(text, kind):
    with translation.override("fi"):
        assert [str(label) for label in personal_data_in(text)] == [kind]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_numbers_pass(text):
    assert personal_data_in(text) == []
