"""Scheduled activities for the calendar tests: a service with one place whose events are
stored as a sync stores them (ptv_sync.pipeline.event_json)."""

from datetime import datetime

from catalogue.models import (
    ChannelAddress,
    LocalEnrichment,
    ServiceChannel,
    ServiceChannelLink,
    Theme,
)
from catalogue.openinghours import HELSINKI
from tests.support.factories.catalogue import ServiceFactory


def local(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


def event(start, end, period="", until=None, slots=(), excluded=()):
    return {
        "start": start.isoformat(),
        "end": end.isoformat() if end else None,
        "timezone": "Europe/Helsinki",
        "period": period,
        "until": until.isoformat() if until else None,
        "slots": [list(slot) for slot in slots],
        "excluded": [day.isoformat() for day in excluded],
    }


def activity(name, municipality, events, themes=(), audiences=(), free=False, public=True):
    service = ServiceFactory(
        source="lahella",
        name_fi=name,
        name_sv=name,
        activity_type="hobby",
        charge_type="free" if free else "charged",
        themes=[Theme.objects.get(slug=slug) for slug in themes],
        is_active=public,
    )
    channel = ServiceChannel.objects.create(
        source="lahella",
        external_id=f"place-{service.pk}",
        channel_type="place",
        name=f"Paikka {name}",
        name_fi=f"Paikka {name}",
        events=events,
    )
    if municipality:
        ChannelAddress.objects.create(
            channel=channel,
            kind="visiting",
            street={"fi": f"Katu {service.pk}"},
            postal_code="65100",
            municipality_code=municipality,
        )
    ServiceChannelLink.objects.create(
        service=service, channel=channel, channel_ref=channel.external_id
    )
    if audiences:
        LocalEnrichment.objects.create(service=service, audiences=list(audiences))
    return service
