"""Helpers shared by the source adapters: tolerant readers of JSON values (a list or an
object where a string belongs is "not given", never a crash) and validators of codes,
addresses and identifiers."""

import re
from datetime import UTC

from django.utils.dateparse import parse_date, parse_datetime

from catalogue.accessibility import NEGATION
from catalogue.reference import classification_codes
from core.inputs import ascii_int
from core.text import markdown_to_html, plain

from ..records import LANGUAGES, LText, RecordError

ASCII_DIGITS = frozenset("0123456789")
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


# PTV's target groups that name ages (years; None: no upper limit). KR1 (all citizens) and the
# rest name none: every age.
TARGET_GROUP_AGES = {"KR1.1": (65, None), "KR1.2": (0, 17), "KR1.3": (13, 29)}
# Words of an accessibility sentence that tell a wheelchair gets in (unless it says it does
# not: "ei", "eikä", "inte", …).
WHEELCHAIR_WORDS = ("pyörätuoli", "esteetön", "esteettömä", "rullstol", "tillgänglig")


def target_group_ages(target_groups):
    """The age ranges a service's PTV target groups name, or () when they name none."""
    return tuple(TARGET_GROUP_AGES[code] for code in target_groups if code in TARGET_GROUP_AGES)


def wheelchair_features(sentences, level):
    """("wheelchair",) when a place is classified fully accessible or its accessibility
    sentences ((group, sentences) of LTexts) say a wheelchair gets in; otherwise ()."""
    if level == "fully":
        return ("wheelchair",)
    for _group, group_sentences in sentences:
        for sentence in group_sentences:
            text = " ".join(sentence.as_dict().values()).casefold()
            if any(word in text for word in WHEELCHAIR_WORDS) and not NEGATION.search(text):
                return ("wheelchair",)
    return ()


def as_list(value):
    """PTV sends null where it means []."""
    return value if isinstance(value, list) else []


def as_dict(value):
    return value if isinstance(value, dict) else {}


def text_or_empty(value):
    return value.strip() if isinstance(value, str) else ""


def lookup(table, value, default=None):
    """``table[value]`` for a code the source sent, ``default`` for an unknown one or for
    something that is not a code at all (a list or an object where a string belongs)."""
    return table.get(value, default) if isinstance(value, str) else default


def strings(values):
    """The non-empty strings of a list, stripped; anything else in it is ignored."""
    return [value.strip() for value in as_list(values) if isinstance(value, str) and value.strip()]


LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
MUNICIPALITY_CODE = re.compile(r"^\d{3}$")
COUNTY_CODE = re.compile(r"^\d{2}$")


def language_code(value):
    """A language code (fi, sv, en, …) or ""."""
    value = text_or_empty(value)
    return value if LANGUAGE_CODE.match(value) else ""


def municipality_code(value):
    """A three-digit municipality code or ""."""
    value = text_or_empty(value)
    return value if MUNICIPALITY_CODE.match(value) else ""


def business_id(value):
    """A Finnish business id (Y-tunnus, 1234567-8) or ""."""
    value = text_or_empty(value)
    return value if re.fullmatch(r"\d{7}-\d", value) else ""


def matching(pattern, values):
    """The strings of a list that are codes of the given shape, sorted and unique."""
    return tuple(sorted({value for value in strings(values) if pattern.match(value)}))


def web_url(value):
    """An http(s) address as given, or "" for anything else (javascript:, data:, quoted or
    broken values): these addresses become links on our pages."""
    value = text_or_empty(value)
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in ("http", "https") or not value.split(":", 1)[1].startswith("//"):
        return ""
    if any(ch.isspace() or ch in '<>"' or ord(ch) < 32 for ch in value):
        return ""
    return value


EMAIL = re.compile(r"^[^@\s<>\"'()\[\],;:\\]+@[^@\s<>\"'()\[\],;:\\]+\.[^@\s<>\"'()\[\],;:\\]+$")


def email_address(value):
    """An e-mail address, or "" when the value is not one."""
    value = text_or_empty(value)
    return value if EMAIL.match(value) else ""


def ltext_plain(values):
    return LText(**{lang: plain(values.get(lang)) for lang in LANGUAGES})


def ltext_markdown(values):
    return LText(**{lang: markdown_to_html(values.get(lang)) for lang in LANGUAGES})


def parse_timestamp(value):
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError as exc:  # well-formed but impossible, e.g. 2026-02-30
        raise RecordError("", f"impossible date {value[:40]!r}: {exc}") from exc
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
    hours, minutes = ascii_int(hours), ascii_int(minutes[:2])
    if hours is None or minutes is None:
        return None
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
    digits = "".join(ch for ch in str(number or "") if ch in ASCII_DIGITS)
    if not digits:
        return ""
    dial = "".join(ch for ch in str(dial_code or "") if ch in ASCII_DIGITS)
    if dial and not service_number:
        return f"+{dial}{digits.lstrip('0') if dial == '358' else digits}"
    if service_number or digits.startswith(SERVICE_NUMBER_PREFIXES) or digits[0] != "0":
        return digits
    return "+358" + digits[1:]


LIPAS_SOURCE_ID = re.compile(r"^lipas-[0-9a-f-]{36}-([0-9]{1,12})-")


def lipas_ref(source_id):
    """ "lipas:<id>" for a PTV channel that LIPAS exported (its sourceId is
    ``lipas-{organisation uuid}-{lipas-id}-{timestamp}``), else ""."""
    found = LIPAS_SOURCE_ID.match(source_id) if isinstance(source_id, str) else None
    return f"lipas:{int(found.group(1))}" if found else ""


def first_url(urls):
    return next((url for url in map(web_url, urls) if url), "")
