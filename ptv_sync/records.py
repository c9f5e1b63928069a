"""Normalised records: what every source adapter produces and the upsert pipeline consumes.

Records are plain frozen dataclasses holding only normalised values (sanitised HTML, WGS84
coordinates, sorted tuples), so two payloads that describe the same thing in different API
versions produce equal records, and a record's content hash changes only when its content
does.
"""

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime

import orjson

from core.inputs import has_control_characters

LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True)
class LText:
    """A text in Finnish, Swedish and (where the source has it) English."""

    fi: str = ""
    sv: str = ""
    en: str = ""

    @classmethod
    def from_mapping(cls, values):
        return cls(**{lang: (values.get(lang) or "").strip() for lang in LANGUAGES})

    def get(self, language):
        return getattr(self, language, "") or ""

    def __bool__(self):
        return bool(self.fi or self.sv or self.en)

    def as_dict(self):
        return {lang: value for lang in LANGUAGES if (value := getattr(self, lang))}


EMPTY = LText()


@dataclass(frozen=True)
class Interval:
    """One opening interval: from (weekday, time) to (weekday, time). Weekdays 0 = Monday."""

    day_from: int
    start: str  # "HH:MM"
    day_to: int
    end: str  # "HH:MM"; "24:00" means until midnight
    status: str = "open"  # open | reservation | closed
    weeks: str = "all"  # all | odd | even


@dataclass(frozen=True)
class HoursRecord:
    kind: str  # regular | exceptional | always | holiday
    valid_from: date | None = None
    valid_to: date | None = None
    is_closed: bool = False
    title: LText = EMPTY
    info: LText = EMPTY
    intervals: tuple[Interval, ...] = ()
    holiday: str = ""


@dataclass(frozen=True)
class AddressRecord:
    kind: str  # visiting | postal | delivery
    street: LText = EMPTY
    street_number: str = ""
    postal_code: str = ""
    post_office: LText = EMPTY
    municipality_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    info: LText = EMPTY


@dataclass(frozen=True)
class PhoneRecord:
    number: str
    kind: str = "phone"  # phone | fax | sms
    language: str = ""
    info: str = ""
    charge_type: str = ""  # free | charged | extra
    charge_info: str = ""


@dataclass(frozen=True)
class EmailRecord:
    address: str
    language: str = ""
    info: str = ""


@dataclass(frozen=True)
class LinkRecord:
    kind: str  # service | page | form | attachment | accessibility
    url: str
    title: str = ""
    language: str = ""


@dataclass(frozen=True)
class AccessibilityRecord:
    sentences: tuple[tuple[LText, tuple[LText, ...]], ...] = ()  # (group, sentences)
    level: str = ""  # fully | partially | non_compliant | unknown
    wcag_level: str = ""
    register_id: str = ""
    # Lähellä.fi's accessibility codes, normalised: wheelchair, rollator, induction_loop,
    # accessible_toilet, parking.
    features: tuple[str, ...] = ()

    def as_dict(self):
        data = {}
        if self.features:
            data["features"] = list(self.features)
        if self.sentences:
            data["sentences"] = [
                {"group": group.as_dict(), "sentences": [s.as_dict() for s in sentences]}
                for group, sentences in self.sentences
            ]
        for key in ("level", "wcag_level", "register_id"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass(frozen=True)
class TimeSlot:
    """A recurring event's time on one weekday (0 = Monday), local wall-clock time."""

    weekday: int
    start: str  # "HH:MM"
    end: str  # "HH:MM"


@dataclass(frozen=True)
class EventRecord:
    """When an activity meets: a one-off event, or a recurrence of weekly time slots.
    Times are local (``timezone``) wall-clock times, so 18:00 stays 18:00 across DST."""

    start: datetime  # aware, in ``timezone``
    end: datetime | None = None
    timezone: str = "Europe/Helsinki"
    period: str = ""  # "" (one-off) | P1D | P1W | P2W | P1M
    until: date | None = None  # last day of the recurrence
    slots: tuple[TimeSlot, ...] = ()
    excluded: tuple[date, ...] = ()


@dataclass(frozen=True)
class Area:
    area_type: str = "limited"  # nationwide | nationwide_except_aland | limited
    municipalities: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()


class Record:
    """Mixin for top-level records: identity, activity and a content hash."""

    kind = ""

    def content_hash(self):
        """A digest of everything the record says except when the source last touched it.
        Records hold only strings, numbers, dates and tuples of them, so their repr is a
        complete, deterministic serialisation (and much faster than dataclasses.asdict)."""
        encoded = repr(dataclasses.replace(self, source_modified=None))
        return hashlib.blake2b(encoded.encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class OrganisationRecord(Record):
    source: str
    external_id: str
    name: LText
    org_type: str
    description: LText = EMPTY
    business_id: str = ""
    parent_ref: str = ""
    web_url: str = ""
    active: bool = True
    source_modified: datetime | None = None
    kind = "organisation"


@dataclass(frozen=True)
class ChannelRecord(Record):
    source: str
    external_id: str
    channel_type: str  # place | phone | online | webpage | printable
    name: LText
    summary: LText = EMPTY
    description: LText = EMPTY
    organisation_ref: str = ""
    languages: tuple[str, ...] = ()
    area: Area = field(default_factory=Area)
    addresses: tuple[AddressRecord, ...] = ()
    phones: tuple[PhoneRecord, ...] = ()
    emails: tuple[EmailRecord, ...] = ()
    links: tuple[LinkRecord, ...] = ()
    hours: tuple[HoursRecord, ...] = ()
    accessibility: AccessibilityRecord = field(default_factory=AccessibilityRecord)
    # Lähellä.fi: the schedule as readable text, its events and the next occurrences
    # (local ISO start–end pairs) as of the import.
    schedule: LText = EMPTY
    events: tuple[EventRecord, ...] = ()
    occurrences: tuple[tuple[str, str], ...] = ()
    # A sports or recreation place (LIPAS): its type code, its geometry as compact GeoJSON
    # text (for the map), and facts a visitor asks about as (key, value) text pairs.
    place_type: str = ""
    geometry: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    # The same place in another source, "lipas:<id>" (PTV locations that LIPAS exported).
    same_as: str = ""
    active: bool = True
    source_modified: datetime | None = None
    kind = "channel"


@dataclass(frozen=True)
class ServiceRecord(Record):
    source: str
    external_id: str
    name: LText
    summary: LText = EMPTY
    description: LText = EMPTY
    user_instructions: LText = EMPTY
    charge_info: LText = EMPTY
    requirements: LText = EMPTY
    service_kind: str = "service"  # service | permit | qualification
    charge_type: str = ""  # free | charged | other | ""
    service_languages: tuple[str, ...] = ()
    keywords: tuple[tuple[str, str], ...] = ()  # (language, keyword)
    area: Area = field(default_factory=Area)
    service_classes: tuple[str, ...] = ()  # codes, e.g. P27.1
    target_groups: tuple[str, ...] = ()  # codes, e.g. KR1.1
    life_events: tuple[str, ...] = ()  # codes, e.g. KE5
    ontology_terms: tuple[str, ...] = ()  # URIs
    responsible_ref: str = ""
    other_responsible_refs: tuple[str, ...] = ()
    producer_refs: tuple[str, ...] = ()
    # None: the payload does not say (v12 objects outside a connection search); the links
    # stored earlier are kept.
    channel_refs: tuple[str, ...] | None = ()
    # Lähellä.fi activities: hobby | support | voluntary; the age ranges of its demographic
    # (max None: no upper limit); whether participants must register; the source's own
    # theme and format codes as (classification kind, code).
    activity_type: str = ""
    age_ranges: tuple[tuple[int, int | None], ...] = ()
    registration_required: bool | None = None
    source_codes: tuple[tuple[str, str], ...] = ()
    active: bool = True
    source_modified: datetime | None = None
    kind = "service"


def _parser_version():
    """A digest of the code that turns payloads into records. It is part of every raw-payload
    digest, so a changed parser re-parses everything once instead of trusting old digests."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    files = sorted(here.glob("adapters/*.py")) + [here / name for name in ("records.py", "geo.py")]
    files.append(here.parent / "core" / "text.py")
    digest = hashlib.blake2b(digest_size=8)
    for path in files:
        digest.update(path.read_bytes())
    digest.update((here.parent / "catalogue" / "reference.py").read_bytes())
    return digest.hexdigest()


PARSER_VERSION = _parser_version()


def raw_digest(obj, extra=None):
    """A digest of a raw payload object (and anything else its record depends on): of its
    compact JSON, which orjson writes several times faster than the standard library."""
    value = [PARSER_VERSION, obj, extra]
    try:
        encoded = orjson.dumps(value)
    except TypeError:  # e.g. an integer beyond 64 bits, a key that is not a string
        # (also a lone surrogate, which JSON can escape and UTF-8 cannot hold)
        encoded = json.dumps(value, separators=(",", ":")).encode()
    return hashlib.blake2b(encoded, digest_size=16).hexdigest()


@dataclass(frozen=True)
class Pending:
    """An item recognised by shape but not parsed yet. The pipeline parses it only when its
    raw payload differs from the one stored last time, which makes unchanged resyncs cheap."""

    kind: str
    source: str
    external_id: str
    raw_hash: str
    parser: object  # callable: payload → record (may raise RecordError)
    obj: object = field(repr=False, compare=False)

    def parse(self):
        """The record, or a RecordError naming this item: whatever the payload holds, one
        item's unexpected value never reaches the run."""
        try:
            return self.parser(self.obj)
        except RecordError as error:
            error.external_id = error.external_id or self.external_id
            error.kind = error.kind or self.kind
            raise
        except Exception as exc:  # noqa: BLE001 - the boundary of one item
            raise RecordError(
                self.external_id,
                f"unreadable {self.kind}: {exc.__class__.__name__}: {str(exc)[:200]}",
                self.kind,
            ) from exc


@dataclass(frozen=True)
class Removal:
    """An item archived or withdrawn at the source, known only by its identity."""

    source: str
    kind: str  # organisation | channel | service
    external_id: str


class SourceAnomaly:
    """Something in the source's answers that makes the run incomplete, such as a page whose
    pageCount lies. Reported as an error in the run; a full run with anomalies deactivates
    nothing that merely went missing."""

    kind = "anomaly"

    def __init__(self, message):
        self.message = message

    def __repr__(self):
        return f"SourceAnomaly({self.message!r})"


class RecordError(Exception):
    """One item could not be turned into a record. The run records it and goes on."""

    def __init__(self, external_id, message, kind=""):
        super().__init__(message)
        self.external_id = external_id or ""
        self.message = message
        self.kind = kind


def usable_identity(item):
    """Whether the item's (source, external id) can be stored and looked up: text of at most
    the columns' length, without control characters (PostgreSQL refuses NUL in a query)."""
    source, external_id = getattr(item, "source", None), getattr(item, "external_id", None)
    return (
        isinstance(source, str)
        and isinstance(external_id, str)
        and 0 < len(source) <= 10
        and 0 < len(external_id) <= 64
        and not has_control_characters(source + external_id, multiline=False)
    )
