"""The whole catalogue in one file: ``export_catalogue --format hsds|json``.

``hsds``: an Open Referral HSDS 3.0 document (taxonomies, taxonomy terms, organisations,
locations and fully nested services, our profile's extension included), for open-data
publication and for a restore through the HSDS adapter (``import_catalogue``).
``json``: the catalogue's content as the database holds it (every language, children in
order, relations by their source identifiers), for backups and comparisons.

Both are written item by item, so memory stays flat however large the catalogue.
"""

import json
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..listing import public_services
from ..models import Organisation, Service, ServiceChannel
from . import mapping, queries

CHUNK = 200
FORMATS = ("hsds", "json")
# Sync bookkeeping, not content: left out of the json dump.
BOOKKEEPING = {"id", "content_hash", "source_hash", "first_seen", "last_seen", "deactivated_at"}


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, default=_default)


def _default(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


class _Writer:
    def __init__(self, out):
        self.out = out
        self.first_key = True

    def value(self, key, value):
        self._key(key)
        self.out.write(_dumps(value))

    def items(self, key, iterable, progress=None):
        self._key(key)
        self.out.write("[")
        count = 0
        for count, item in enumerate(iterable, start=1):
            if count > 1:
                self.out.write(",")
            self.out.write("\n")
            self.out.write(_dumps(item))
            if progress and count % CHUNK == 0:
                progress(key, count)
        self.out.write("\n]")
        if progress:
            progress(key, count, final=True)
        return count

    def _key(self, key):
        self.out.write("{\n" if self.first_key else ",\n")
        self.first_key = False
        self.out.write(json.dumps(key) + ": ")

    def close(self):
        self.out.write("{}" if self.first_key else "\n}\n")


def _rows(selected, rows):
    """The ``rows`` (a queryset with its prefetches and order) of the ``selected`` ones, read
    CHUNK at a time, so that memory stays flat whatever the catalogue's size."""
    ids = list(selected.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        yield from rows.filter(pk__in=ids[start : start + CHUNK])


def _service_ids(public):
    return public_services() if public else Service.objects.filter(is_active=True)


def _service_url(service, language):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + service.get_absolute_url(language)


def hsds_items(language=settings.LANGUAGE_CODE, public=False):
    """(key, iterable) of the HSDS document's lists."""
    shared = mapping.context()

    organisations = _rows(
        Organisation.objects.filter(is_active=True), Organisation.objects.order_by("pk")
    )
    channels = _rows(
        ServiceChannel.objects.filter(is_active=True), queries.channel_rows().order_by("pk")
    )
    services = _rows(_service_ids(public), queries.service_rows().order_by("pk"))
    return [
        ("taxonomies", mapping.taxonomies(language)),
        ("taxonomy_terms", mapping.all_terms(language)),
        ("organizations", (mapping.organisation_full(org, language) for org in organisations)),
        (
            "locations",
            (mapping.location_full(ch, language, shared["region_of"]) for ch in channels),
        ),
        (
            "services",
            (
                mapping.service_full(
                    service,
                    language,
                    shared,
                    _service_url(service, language),
                    nest_locations=False,
                )
                for service in services
            ),
        ),
    ]


def _write(out, header, lists, progress):
    """One JSON object: the ``header`` values, then each (key, items) list; the counts."""
    writer = _Writer(out)
    for key, value in {**header, "exported_at": timezone.now()}.items():
        writer.value(key, value)
    counts = {key: writer.items(key, items, progress) for key, items in lists}
    writer.close()
    return counts


def write_hsds(out, language=settings.LANGUAGE_CODE, public=False, progress=None):
    header = {"hsds_version": mapping.HSDS_VERSION, "profile": mapping.EXT, "language": language}
    return _write(out, header, hsds_items(language, public), progress)


# --- the json dump ---------------------------------------------------------------------------


def _fields(obj, skip=()):
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in BOOKKEEPING or field.name in skip or isinstance(field, models.ForeignKey):
            continue
        value = getattr(obj, field.attname)
        data[field.name] = value
    return data


def _children(rows):
    return [_fields(row, skip=("sort_order",)) for row in rows]


def organisation_dump(org):
    return _fields(org)


def channel_dump(channel):
    data = _fields(channel)
    data.update(
        organisation=channel.organisation.external_id if channel.organisation_id else None,
        addresses=_children(channel.addresses.all()),
        hours=_children(channel.hours.all()),
        phones=_children(channel.phones.all()),
        emails=_children(channel.emails.all()),
        links=_children(channel.links.all()),
        municipalities=sorted(m.code for m in channel.municipalities.all()),
    )
    return data


def service_dump(service):
    data = _fields(service)
    organisation = service.responsible_organisation
    data.update(
        responsible_organisation=organisation.external_id if organisation else None,
        classifications=sorted([c.kind, c.uri] for c in service.classifications.all()),
        municipalities=sorted(m.code for m in service.municipalities.all()),
        themes=sorted([link.theme.slug, link.origin] for link in service.theme_links.all()),
        channels=[
            [link.channel_ref, link.channel.external_id if link.channel else None]
            for link in service.channel_links.all()
        ],
        duplicate_of=(
            [service.duplicate_of.source, service.duplicate_of.external_id]
            if service.duplicate_of_id
            else None
        ),
    )
    return data


def json_items():
    organisations = _rows(
        Organisation.objects.filter(is_active=True), Organisation.objects.order_by("source", "pk")
    )
    channels = _rows(
        ServiceChannel.objects.filter(is_active=True),
        queries.channel_rows().select_related("organisation").order_by("pk"),
    )
    services = _rows(
        Service.objects.filter(is_active=True),
        queries.service_rows()
        .select_related("duplicate_of")
        .prefetch_related("theme_links__theme")
        .order_by("pk"),
    )
    return [
        ("organisations", (organisation_dump(org) for org in organisations)),
        ("channels", (channel_dump(channel) for channel in channels)),
        ("services", (service_dump(service) for service in services)),
    ]


def write_json(out, progress=None):
    header = {"format": "hyvinvointiopas-catalogue", "version": 1}
    return _write(out, header, json_items(), progress)
