"""iCalendar (RFC 5545) feeds of meetings (catalogue.occurrences), written with the
``icalendar`` library: times in Europe/Helsinki with its VTIMEZONE, one stable UID per
meeting, cancelled meetings as STATUS:CANCELLED so that subscribed calendars drop them."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from core.i18n import Translated
from core.text import plain

from .models import ChannelAddress
from .openinghours import HELSINKI

PRODUCT = "-//Hyvinvointiopas - Valmaendeguide//Events calendar//FI"


def _places(rows):
    """{channel id: (street, "street number, postal code post office")} in the current
    language."""
    found = {}
    for address in ChannelAddress.objects.filter(
        channel__in={row.channel_id for row in rows}
    ).order_by("channel_id", "-kind", "sort_order"):
        if address.channel_id in found:
            continue
        street = " ".join(filter(None, [str(Translated.of(address.street)), address.street_number]))
        town = " ".join(
            filter(None, [address.postal_code, str(Translated.of(address.post_office))])
        )
        found[address.channel_id] = (street, ", ".join(filter(None, [street, town])))
    return found


def feed(rows, title, link):
    """The iCal text (bytes) of ``rows`` (ServiceOccurrence with service and channel loaded);
    ``link(service)`` gives a service page's absolute address."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    stamp = timezone.now().replace(microsecond=0)
    places = _places(rows)
    # What a service says is the same for each of its meetings: worked out once.
    services = {}
    for row in rows:
        if row.service_id not in services:
            services[row.service_id] = (plain(row.service.summary or ""), link(row.service))
    for row in rows:
        event = VEvent()
        event.add("uid", row.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", row.starts.astimezone(HELSINKI))
        if row.ends is not None:
            event.add("dtend", row.ends.astimezone(HELSINKI))
        event.add("summary", row.service.name)
        street, address = places.get(row.channel_id, ("", ""))
        # A Lähellä.fi place is named by its address: the address alone, then.
        named = row.channel.name if not street or street not in row.channel.name else ""
        where = ", ".join(filter(None, [named, address]))
        if where:
            event.add("location", where)
        summary, url = services[row.service_id]
        if summary:
            event.add("description", summary)
        event.add("url", url)
        event.add("status", "CANCELLED" if row.cancelled else "CONFIRMED")
        calendar.add_component(event)
    today = stamp.date()
    calendar.add_missing_timezones(
        first_date=today - timedelta(days=366), last_date=today + timedelta(days=3 * 366)
    )
    return calendar.to_ical()
