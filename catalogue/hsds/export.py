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


def _chunks(queryset):
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _service_ids(public):
    return public_services() if public else Service.objects.filter(is_active=True)


def _service_url(service, language):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + service.get_absolute_url(language)


def hsds_items(language="fi", public=False):
    """(key, iterable) of the HSDS document's lists."""
    shared = mapping.context()

    def organisations():
        for chunk in _chunks(Organisation.objects.filter(is_active=True)):
            for org in Organisation.objects.filter(pk__in=chunk).order_by("pk"):
                yield mapping.organisation_full(org, language)

    def locations():
        for chunk in _chunks(ServiceChannel.objects.filter(is_active=True)):
            for channel in queries.channel_rows().filter(pk__in=chunk).order_by("pk"):
                yield mapping.location_full(channel, language, shared["region_of"])

    def services():
        for chunk in _chunks(_service_ids(public)):
            for service in queries.services(chunk):
                yield mapping.service_full(
                    service,
                    language,
                    shared,
                    _service_url(service, language),
                    nest_locations=False,
                )

    return [
        ("taxonomies", mapping.taxonomies(language)),
        ("taxonomy_terms", mapping.all_terms(language)),
        ("organizations", organisations()),
        ("locations", locations()),
        ("services", services()),
    ]


def write_hsds(out, language="fi", public=False, progress=None):
    writer = _Writer(out)
    writer.value("hsds_version", mapping_version())
    writer.value("profile", mapping.EXT)
    writer.value("language", language)
    writer.value("exported_at", timezone.now())
    counts = {}
    for key, items in hsds_items(language, public):
        counts[key] = writer.items(key, items, progress)
    writer.close()
    return counts


def mapping_version():
    from .views import HSDS_VERSION

    return HSDS_VERSION


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
    def organisations():
        for chunk in _chunks(Organisation.objects.filter(is_active=True)):
            yield from (
                organisation_dump(org)
                for org in Organisation.objects.filter(pk__in=chunk).order_by("source", "pk")
            )

    def channels():
        for chunk in _chunks(ServiceChannel.objects.filter(is_active=True)):
            rows = (
                queries.channel_rows()
                .select_related("organisation")
                .filter(pk__in=chunk)
                .order_by("pk")
            )
            yield from (channel_dump(channel) for channel in rows)

    def services():
        for chunk in _chunks(Service.objects.filter(is_active=True)):
            rows = (
                queries.service_rows()
                .select_related("duplicate_of")
                .prefetch_related("theme_links__theme")
                .filter(pk__in=chunk)
                .order_by("pk")
            )
            yield from (service_dump(service) for service in rows)

    return [("organisations", organisations()), ("channels", channels()), ("services", services())]


def write_json(out, progress=None):
    writer = _Writer(out)
    writer.value("format", "hyvinvointiopas-catalogue")
    writer.value("version", 1)
    writer.value("exported_at", timezone.now())
    counts = {}
    for key, items in json_items():
        counts[key] = writer.items(key, items, progress)
    writer.close()
    return counts
