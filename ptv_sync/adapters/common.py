"""Helpers shared by the PTV v11 and v12 adapters."""

from datetime import UTC

from django.utils.dateparse import parse_date, parse_datetime

from catalogue.reference import classification_codes

from ..records import LANGUAGES, LText
from ..text import markdown_to_html, plain

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

ORGANISATION_TYPES = {
    "Municipality": "municipality",
    "State": "state",
    "RegionalOrganization": "regional",
    "Organization": "ngo",
    "Company": "company",
    "WellbeingServiceCounty": "wellbeing_county",
    "WellbeingServicesCounty": "wellbeing_county",
    "WellbeingServiceCounties": "wellbeing_county",
}


def as_list(value):
    """PTV sends null where it means []."""
    return value if isinstance(value, list) else []


def as_dict(value):
    return value if isinstance(value, dict) else {}


def text_or_empty(value):
    return value.strip() if isinstance(value, str) else ""


def ltext_plain(values):
    return LText(**{lang: plain(values.get(lang)) for lang in LANGUAGES})


def ltext_markdown(values):
    return LText(**{lang: markdown_to_html(values.get(lang)) for lang in LANGUAGES})


def parse_timestamp(value):
    if not isinstance(value, str) or not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).replace(microsecond=0)


def parse_day(value):
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_date(value[:10])
    except ValueError:
        return None


def weekday_index(name):
    if not isinstance(name, str):
        return None
    try:
        return WEEKDAYS.index(name.strip().lower())
    except ValueError:
        return None


def hhmm(value):
    """'08:00:00' or '8:00' → '08:00'; None when unreadable."""
    if not isinstance(value, str) or ":" not in value:
        return None
    hours, minutes = value.split(":")[:2]
    if not (hours.isdigit() and minutes[:2].isdigit()):
        return None
    hours, minutes = int(hours), int(minutes[:2])
    if hours == 24 and minutes == 0:
        return "24:00"
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        return None
    return f"{hours:02d}:{minutes:02d}"


def classification_code(kind, item):
    """The code of a classification object or bare value; legacy URIs are recognised by the
    code the object carries."""
    if isinstance(item, str):
        value = item.strip()
        if "/code/" in value:
            value = value.rsplit("/code/", 1)[1]
        return value if value in classification_codes(kind) else None
    item = as_dict(item)
    code = text_or_empty(item.get("code"))
    if not code and "/code/" in text_or_empty(item.get("uri")):
        code = item["uri"].rsplit("/code/", 1)[1]
    return code if code in classification_codes(kind) else None


def codes(kind, items):
    return tuple(
        sorted({code for item in as_list(items) if (code := classification_code(kind, item))})
    )


# Finnish service and national numbers that cannot take the +358 form.
SERVICE_NUMBER_PREFIXES = ("0800", "0700", "0600", "0100", "0200", "0300", "020", "030")


def normalise_phone(number, dial_code="", service_number=False):
    """A phone number in one comparable form: +358… for ordinary Finnish numbers, as given
    for service numbers (116117, 0800…)."""
    digits = "".join(ch for ch in str(number or "") if ch.isdigit())
    if not digits:
        return ""
    dial = "".join(ch for ch in str(dial_code or "") if ch.isdigit())
    if dial and not service_number:
        return f"+{dial}{digits.lstrip('0') if dial == '358' else digits}"
    if service_number or digits.startswith(SERVICE_NUMBER_PREFIXES) or digits[0] != "0":
        return digits
    return "+358" + digits[1:]


def first_url(urls):
    return next((url for url in urls if url), "")
