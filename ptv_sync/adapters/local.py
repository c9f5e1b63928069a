"""Local services (editors.LocalService, source ``local``) as normalised records.

The published version of a local service becomes one ServiceRecord and up to three channels
(a place with its address, schedule and accessibility; a phone service; a web page), the same
shapes the PTV and Lähellä.fi adapters produce, so the upsert pipeline, classification,
search and the service page treat it like any other service. Texts are the editors' plain
text (paragraphs, optional Markdown lists), turned into the same sanitised HTML."""

from core.i18n import language_codes
from core.text import markdown_to_html

from ..records import (
    AccessibilityRecord,
    AddressRecord,
    Area,
    ChannelRecord,
    EmailRecord,
    LinkRecord,
    LText,
    PhoneRecord,
    Removal,
    ServiceRecord,
)

SOURCE = "local"
CHANNEL_KINDS = ("place", "phone", "web")


def _text(local, field, html=False):
    values = {
        language: getattr(local, f"{field}_{language}", "") or "" for language in language_codes()
    }
    if html:
        values = {language: markdown_to_html(value) for language, value in values.items()}
    return LText.from_mapping(values)


def channel_id(local, kind):
    return f"{local.pk}-{kind}"


def _channels(local, name, languages):
    area = Area(area_type="limited", municipalities=(local.municipality.code,))

    def channel(kind, channel_type, **fields):
        return ChannelRecord(
            source=SOURCE,
            external_id=channel_id(local, kind),
            channel_type=channel_type,
            name=name,
            languages=languages,
            area=area,
            **fields,
        )

    channels = {}
    address = _text(local, "address")
    has_point = local.latitude is not None and local.longitude is not None
    schedule = _text(local, "schedule")
    emails = (EmailRecord(address=local.email),) if local.email else ()
    if address or has_point or schedule:
        channels["place"] = channel(
            "place",
            "place",
            addresses=(
                AddressRecord(
                    kind="visiting",
                    street=address,
                    postal_code=local.postal_code,
                    post_office=_text(local, "post_office"),
                    municipality_code=local.municipality.code,
                    latitude=local.latitude if has_point else None,
                    longitude=local.longitude if has_point else None,
                ),
            ),
            emails=emails,
            accessibility=AccessibilityRecord(
                features=("wheelchair",) if local.wheelchair_accessible else ()
            ),
            schedule=schedule,
        )
    if local.phone:
        # The e-mail goes with the place when there is one, else with the phone service.
        channels["phone"] = channel(
            "phone",
            "phone",
            phones=(PhoneRecord(number=local.phone),),
            emails=() if "place" in channels else emails,
        )
    if local.website:
        channels["web"] = channel(
            "web", "webpage", links=(LinkRecord(kind="page", url=local.website),)
        )
    return channels


def records(local, modified=None):
    """The records of a local service's published content, channels first, and a Removal
    for each channel it no longer has."""
    name = _text(local, "name")
    languages = tuple(sorted(local.service_languages or ()))
    channels = _channels(local, name, languages)
    ages = ()
    if local.age_min is not None or local.age_max is not None:
        ages = ((local.age_min or 0, local.age_max),)
    service = ServiceRecord(
        source=SOURCE,
        external_id=str(local.pk),
        name=name,
        summary=_text(local, "summary"),
        description=_text(local, "description", html=True),
        user_instructions=_text(local, "instructions", html=True),
        charge_info=_text(local, "charge_info", html=True),
        charge_type=local.charge_type,
        service_languages=languages,
        area=Area(area_type="limited", municipalities=(local.municipality.code,)),
        channel_refs=tuple(channel.external_id for channel in channels.values()),
        age_ranges=ages,
        source_modified=modified,
    )
    gone = [
        Removal(source=SOURCE, kind="channel", external_id=channel_id(local, kind))
        for kind in CHANNEL_KINDS
        if kind not in channels
    ]
    return [*channels.values(), *gone, service]


def removals(pk):
    """What withdrawing a local service (unpublished or deleted) removes from the catalogue."""
    return [
        Removal(source=SOURCE, kind="service", external_id=str(pk)),
        *(
            Removal(source=SOURCE, kind="channel", external_id=f"{pk}-{kind}")
            for kind in CHANNEL_KINDS
        ),
    ]
