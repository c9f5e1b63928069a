"""Phone numbers as people read and dial them, by the ``phonenumbers`` library (libphonenumber's
metadata): a Finnish number in the national format (``040 831 8534``), a foreign one in the
international format, and every ``tel:`` link in E.164 (``tel:+358408318534``). A text that is
not a number (a source's free text) is shown as it came and dialled by its digits."""

import phonenumbers

REGION = "FI"


def parse(number):
    """The parsed number, or None for a text that is not a valid number."""
    try:
        parsed = phonenumbers.parse(str(number or ""), REGION)
    except phonenumbers.NumberParseException:
        return None
    return parsed if phonenumbers.is_valid_number(parsed) else None


def display(number):
    parsed = parse(number)
    if parsed is None:
        return str(number or "").strip()
    if phonenumbers.region_code_for_number(parsed) == REGION:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def tel_uri(number):
    parsed = parse(number)
    if parsed is None:
        digits = "".join(ch for ch in str(number or "") if ch in "0123456789+")
        return f"tel:{digits}"
    return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
