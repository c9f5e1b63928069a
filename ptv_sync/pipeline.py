"""The upsert pipeline: normalised records → catalogue rows.

``upsert(items, run)`` consumes a stream of records, removals, per-item errors and source
anomalies, in batches, so memory does not grow with the number of items. For each batch it
compares content hashes with the stored rows and creates, updates, reactivates or merely
marks as seen. Deactivations (items archived at the source, or missing from a full run) are
collected and applied at the end, only if the run is sound and the 20% guard allows. Each
batch classifies and indexes the services it wrote; services that later steps affect are
indexed once, after everything (``Changes``).
Editor-owned data (LocalEnrichment) is never written here.
"""

import json
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, DataError, IntegrityError, connection, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from catalogue import dedupe
from catalogue.classify import RuleSet, classify_services
from catalogue.models import (
    ChannelAddress,
    Classification,
    Email,
    Municipality,
    OpeningHours,
    Organisation,
    Phone,
    SearchTerm,
    Service,
    ServiceChannel,
    ServiceChannelLink,
    ServiceOccurrence,
    ServiceOpenSpan,
    ServiceSearchEntry,
    ServiceSearchTerms,
    ServiceTheme,
    WebLink,
)
from catalogue.models.base import open_data_id
from catalogue.reference import county_municipalities
from catalogue.search.indexing import index_services
from core import fastwrite
from core.i18n import language_codes

from . import guard
from .dropfolder import FileRead, KnownFile
from .http import SourceDeferred
from .models import ImportedFile, SyncRun
from .records import (
    ChannelRecord,
    OrganisationRecord,
    Pending,
    RecordError,
    Removal,
    ServiceRecord,
    SourceAnomaly,
    usable_identity,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
KNOWN_BATCH = 5000  # rows of unchanged drop-folder files verified together
# Each kind's reference to an organisation: (the record's attribute, the model's field).
REFERENCES = {
    "service": ("responsible_ref", "responsible_organisation"),
    "channel": ("organisation_ref", "organisation"),
    "organisation": ("parent_ref", "parent"),
}
SQL_CHUNK = 900  # ids per IN (...) list, within every backend's parameter limit
MODELS = {"organisation": Organisation, "channel": ServiceChannel, "service": Service}
# The tables written with each kind's rows, whose planner statistics a run keeps current.
TABLES = {
    "organisation": [Organisation],
    "channel": [
        ServiceChannel,
        ChannelAddress,
        OpeningHours,
        Phone,
        Email,
        WebLink,
        ServiceChannel.municipalities.through,
    ],
    "service": [
        Service,
        Service.classifications.through,
        Service.municipalities.through,
        ServiceChannelLink,
        ServiceSearchEntry,
        ServiceSearchTerms,
        ServiceOpenSpan,
        ServiceOccurrence,
        ServiceTheme,
        SearchTerm,
    ],
}


def translated(field, text):
    """A record's text into the model's translated fields, one per site language."""
    return {f"{field}_{code}": text.get(code) for code in language_codes()}


def english(**texts):
    return {key: text.en for key, text in texts.items() if text.en}


def event_json(event):
    return {
        "start": event.start.isoformat(),
        "end": event.end.isoformat() if event.end else None,
        "timezone": event.timezone,
        "period": event.period,
        "until": event.until.isoformat() if event.until else None,
        "slots": [[slot.weekday, slot.start, slot.end] for slot in event.slots],
        "excluded": [day.isoformat() for day in event.excluded],
    }


def area_municipalities(area):
    codes = set(area.municipalities)
    for county in area.counties:
        codes.update(county_municipalities().get(county, ()))
    return codes


@dataclass
class Changes:
    """The services a run changed. Each batch classifies and indexes the services it wrote
    in its own transaction, so that a stopped run leaves whole batches, searchable
    (``indexed``). What the run's later steps affect (channels and organisations in later
    batches, deactivations, duplicate pairs) is indexed once at its end: ``index`` for
    services no batch indexed, ``again`` for those whose entry a later step changed."""

    indexed: set = field(default_factory=set)
    classify: set = field(default_factory=set)
    index: set = field(default_factory=set)
    again: set = field(default_factory=set)

    def affect(self, ids):
        for pk in ids:
            (self.again if pk in self.indexed else self.index).add(pk)

    def pending(self):
        return (self.index - self.indexed) | self.again


def apply(changes, invalidate=True):
    """The end of a run: classify what its later steps changed, then index each service not
    indexed yet, or changed since, once."""
    if changes.classify:
        classify_services(sorted(changes.classify), reindex=False)
    pending = changes.pending()
    if pending:
        index_services(sorted(pending), invalidate=invalidate)


class Writer:
    def __init__(self, run, changes):
        self.run = run
        self.changes = changes
        self.municipalities = dict(Municipality.objects.values_list("code", "pk"))
        self.classifications = {
            (kind, code): pk
            for kind, code, pk in Classification.objects.exclude(code="").values_list(
                "kind", "code", "pk"
            )
        }
        self.terms = dict(
            Classification.objects.filter(kind=Classification.Kind.ONTOLOGY_TERM).values_list(
                "uri", "pk"
            )
        )
        self.removals = {kind: set() for kind in MODELS}
        self.sources = set()
        self.rules = None  # the classification rules, loaded when first needed
        self.statistics = fastwrite.Statistics(TABLES, settings.SYNC_ANALYSE_ROWS)

    def accept_unchanged(self, files):
        """Mark the rows of unchanged files as seen. A file counts as unchanged only if all its
        rows are active and still carry the raw digests the file gave them; the files that do
        not are returned to be parsed after all.

        Runs on plain SQL: a no-change resync does little else, for every row of the scope.
        One statement both marks the rows the files name as seen and reads their digests:
        a row whose file is parsed after all is seen in this run too, and reading the wide
        rows once instead of twice was a seventh of a resync at 10^5 services."""
        wanted = {}  # (kind, source) -> {external_id: raw digest}
        for known in files:
            for kind, source, ext, raw in known.entries:
                wanted.setdefault((kind, source), {})[ext] = raw
        matching = {}  # (kind, source) -> {external_id: pk}
        now = timezone.now()
        with connection.cursor() as cursor:
            for (kind, source), digests in wanted.items():
                table = connection.ops.quote_name(MODELS[kind]._meta.db_table)
                stamp = MODELS[kind]._meta.get_field("last_seen").get_db_prep_save(now, connection)
                ids = list(digests)
                found = matching.setdefault((kind, source), {})
                for start in range(0, len(ids), SQL_CHUNK):
                    chunk = ids[start : start + SQL_CHUNK]
                    cursor.execute(
                        f"UPDATE {table} SET last_seen = %s "  # noqa: S608
                        f"WHERE source = %s AND is_active AND external_id IN "
                        f"({', '.join(['%s'] * len(chunk))}) "
                        "RETURNING id, external_id, source_hash",
                        [stamp, source, *chunk],
                    )
                    for pk, ext, raw in cursor.fetchall():
                        if digests[ext] == raw:
                            found[ext] = pk
        accepted, rejected = 0, []
        for known in files:
            if all(ext in matching[(kind, source)] for kind, source, ext, _ in known.entries):
                accepted += len(known.entries)
                for _kind, source, _ext, _raw in known.entries:
                    self.note_source(source)
            else:
                rejected.append(known)
        self.run.unchanged += accepted
        return rejected

    def organisations_named(self, refs):
        """{(source, external id): pk} of the organisations ``refs`` names that are written
        already."""
        found = {}
        for source in {source for source, ref in refs if ref}:
            wanted = sorted(ref for s, ref in refs if s == source and ref)
            for start in range(0, len(wanted), SQL_CHUNK):
                found.update(
                    ((source, ext), pk)
                    for ext, pk in Organisation.objects.filter(
                        source=source, external_id__in=wanted[start : start + SQL_CHUNK]
                    ).values_list("external_id", "pk")
                )
        return found

    def note_source(self, source):
        """The first time the run meets a source: what of it is active (the guard's base)."""
        if source not in self.sources:
            self.sources.add(source)
            record = self.run.deactivations.setdefault("active", {})
            record[source] = guard.active_counts(source)

    # --- the generic batch step ---------------------------------------------------------------

    def write(self, kind, items):
        """One batch of records or Pending items of one kind."""
        model = MODELS[kind]
        latest = {}
        for item in items:
            latest[(item.source, item.external_id)] = item
        now = timezone.now()
        creates, updates, seen, reactivated, rehashed = [], [], [], [], []
        skipped = set()
        for source in {source for source, _ext in latest}:
            self.note_source(source)
            ids = [ext for src, ext in latest if src == source]
            existing = {
                ext: (pk, digest, raw, active)
                for ext, pk, digest, raw, active in model.objects.filter(
                    source=source, external_id__in=ids
                ).values_list("external_id", "pk", "content_hash", "source_hash", "is_active")
            }
            for ext in ids:
                item, raw = latest[(source, ext)], ""
                row = existing.get(ext)
                if isinstance(item, Pending):
                    raw = item.raw_hash
                    if row is not None and row[2] == raw and row[3]:
                        seen.append(row[0])  # the very payload imported last time
                        continue
                    try:
                        item = item.parse()
                    except RecordError as error:
                        self.run.add_error(
                            error.external_id or ext,
                            error.message,
                            error.kind or kind,
                            reason="read",
                        )
                        skipped.add((source, ext))
                        continue
                if not item.active:
                    self.removals[kind].add((source, ext))
                    skipped.add((source, ext))
                    continue
                digest = item.content_hash()
                if row is None:
                    creates.append((item, digest, raw))
                    continue
                pk, old_digest, old_raw, active = row
                if old_digest != digest:
                    updates.append((pk, item, digest, raw))
                    continue
                (seen if active else reactivated).append(pk)
                if raw != old_raw:
                    rehashed.append(model(pk=pk, source_hash=raw, last_seen=now))
        try:
            with transaction.atomic():
                fields_of = getattr(self, f"{kind}_fields")
                ref_field, link_field = REFERENCES[kind]
                linked = self.organisations_named(
                    {(record.source, getattr(record, ref_field)) for record, *_h in creates}
                )
                fastwrite.insert(
                    model,
                    [
                        {
                            "source": record.source,
                            "external_id": record.external_id,
                            "content_hash": digest,
                            "source_hash": raw,
                            "first_seen": now,
                            "last_seen": now,
                            "source_modified": record.source_modified,
                            "is_active": True,
                            "hsds_id": open_data_id(
                                model.open_data_kind, record.source, record.external_id
                            ),
                            # Linked now if the organisation is written already; if not,
                            # ``link`` links it after the last batch.
                            f"{link_field}_id": linked.get(
                                (record.source, getattr(record, ref_field))
                            ),
                            **fields_of(record),
                        }
                        for record, digest, raw in creates
                    ],
                )
                new_pks = {}
                for source in {record.source for record, *_h in creates}:
                    new_pks[source] = dict(
                        model.objects.filter(
                            source=source,
                            external_id__in=[
                                r.external_id for r, *_h in creates if r.source == source
                            ],
                        ).values_list("external_id", "pk")
                    )
                changed = []
                for pk, record, digest, raw in updates:
                    obj = model(
                        pk=pk,
                        source=record.source,
                        external_id=record.external_id,
                        content_hash=digest,
                        source_hash=raw,
                        last_seen=now,
                        source_modified=record.source_modified,
                        is_active=True,
                        deactivated_at=None,
                        **fields_of(record),
                    )
                    changed.append(obj)
                if changed:
                    update_fields = [
                        *fields_of(updates[0][1]),
                        "content_hash",
                        "source_hash",
                        "last_seen",
                        "source_modified",
                        "is_active",
                        "deactivated_at",
                    ]
                    model.objects.bulk_update(changed, update_fields, batch_size=250)
                written = [(new_pks[r.source][r.external_id], r) for r, *_h in creates]
                written += [(pk, record) for pk, record, *_h in updates]
                paired = set()
                if written:
                    getattr(self, f"{kind}_children")(written, replace=[pk for pk, *_ in updates])
                    if kind == "service":
                        if self.rules is None:
                            self.rules = RuleSet.load()
                        ids = [pk for pk, _record in written]
                        # Paired first: a pair's shown entry carries both members' data.
                        paired = self.pair([*ids, *reactivated])
                        classify_services(sorted({*ids, *paired}), self.rules, reindex=False)
                if kind == "service":
                    batch_services = sorted({pk for pk, _r in written} | set(reactivated) | paired)
                elif kind == "channel":
                    self.reindex(
                        channel_pks=reactivated,
                        channel_refs=[record.external_id for _pk, record in written],
                    )
                elif written:  # an organisation's name and type are in its services' entries
                    self.reindex(organisation_refs=[record.external_id for _pk, record in written])
                if seen:
                    model.objects.filter(pk__in=seen).update(last_seen=now)
                if reactivated:
                    model.objects.filter(pk__in=reactivated).update(
                        last_seen=now, is_active=True, deactivated_at=None
                    )
                if rehashed:
                    model.objects.bulk_update(
                        rehashed, ["source_hash", "last_seen"], batch_size=500
                    )
                if kind == "service" and batch_services:
                    # With the batch: its services are searchable as soon as it is committed.
                    index_services(batch_services, invalidate=False)
                    self.changes.indexed.update(batch_services)
        except (DataError, IntegrityError, ValueError, TypeError, OverflowError) as exc:
            # A value the database (or a field) refuses: write the batch's items one by one,
            # so that only the item that holds it is skipped and recorded.
            retry = [item for key, item in latest.items() if key not in skipped]
            if len(retry) > 1:
                for item in retry:
                    self.write(kind, [item])
                return
            logger.warning("A %s record could not be written", kind, exc_info=True)
            for source, ext in latest:
                if (source, ext) not in skipped:
                    self.run.add_error(
                        ext, f"could not be written: {str(exc)[:300]}", kind, reason="write"
                    )
            return
        except DatabaseError as exc:
            logger.exception("Batch of %d %s records failed", len(latest), kind)
            for _source, ext in latest:
                self.run.add_error(
                    ext, f"database error, batch rolled back: {exc}", kind, reason="write"
                )
            return
        self.run.created += len(creates)
        self.run.updated += len(updates) + len(reactivated)
        self.run.unchanged += len(seen)
        self.statistics.wrote(kind, len(creates) + len(updates))

    # --- organisations --------------------------------------------------------------------------

    def organisation_fields(self, r: OrganisationRecord):
        return {
            **translated("name", r.name),
            **translated("description", r.description),
            "texts_en": english(name=r.name, description=r.description),
            "org_type": r.org_type,
            "business_id": r.business_id,
            "parent_ref": r.parent_ref,
            "web_url": r.web_url,
        }

    def organisation_children(self, written, replace):
        pass

    # --- services -------------------------------------------------------------------------------

    def service_fields(self, r: ServiceRecord):
        keywords = {}
        for language, keyword in r.keywords:
            keywords.setdefault(language, []).append(keyword)
        return {
            **translated("name", r.name),
            **translated("summary", r.summary),
            **translated("description", r.description),
            **translated("user_instructions", r.user_instructions),
            **translated("charge_info", r.charge_info),
            **translated("requirements", r.requirements),
            "texts_en": english(
                name=r.name,
                summary=r.summary,
                description=r.description,
                user_instructions=r.user_instructions,
                charge_info=r.charge_info,
                requirements=r.requirements,
            ),
            "kind": r.service_kind,
            "charge_type": r.charge_type,
            "service_languages": list(r.service_languages),
            "keywords": keywords,
            "area_type": r.area.area_type or "limited",
            "area_regions": list(r.area.regions),
            "area_counties": list(r.area.counties),
            "responsible_ref": r.responsible_ref,
            "other_responsible_refs": list(r.other_responsible_refs),
            "producer_refs": list(r.producer_refs),
            "activity_type": r.activity_type,
            "age_ranges": [list(pair) for pair in r.age_ranges],
            "registration_required": r.registration_required,
        }

    def service_children(self, written, replace):
        Classifications = Service.classifications.through
        Municipalities = Service.municipalities.through
        if replace:
            Classifications.objects.filter(service_id__in=replace).delete()
            Municipalities.objects.filter(service_id__in=replace).delete()
        classification_rows, municipality_rows = [], []
        self.ensure_source_codes({code for _pk, r in written for code in r.source_codes})
        missing_terms = {uri for _pk, r in written for uri in r.ontology_terms} - set(self.terms)
        if missing_terms:
            Classification.objects.bulk_create(
                [Classification(kind="ontology_term", uri=uri) for uri in sorted(missing_terms)],
                ignore_conflicts=True,
            )
            self.terms.update(
                Classification.objects.filter(
                    kind="ontology_term", uri__in=missing_terms
                ).values_list("uri", "pk")
            )
        for pk, r in written:
            ids = {
                self.classifications.get((kind, code))
                for kind, values in (
                    ("service_class", r.service_classes),
                    ("target_group", r.target_groups),
                    ("life_event", r.life_events),
                )
                for code in values
            } | {self.terms.get(uri) for uri in r.ontology_terms}
            ids |= {self.classifications.get(code) for code in r.source_codes}
            classification_rows += [
                {"service_id": pk, "classification_id": cid} for cid in sorted(ids - {None})
            ]
            municipality_rows += [
                {"service_id": pk, "municipality_id": self.municipalities[code]}
                for code in sorted(area_municipalities(r.area))
                if code in self.municipalities
            ]
        fastwrite.insert(Classifications, classification_rows)
        fastwrite.insert(Municipalities, municipality_rows)

        with_links = [(pk, r) for pk, r in written if r.channel_refs is not None]
        if with_links:
            replaced = set(replace)
            ServiceChannelLink.objects.filter(
                service_id__in=[pk for pk, _r in with_links if pk in replaced]
            ).delete()
            refs = {(r.source, ref) for _pk, r in with_links for ref in r.channel_refs}
            channels = {}
            for source in {source for source, _ref in refs}:
                channels.update(
                    {
                        (source, ext): pk
                        for ext, pk in ServiceChannel.objects.filter(
                            source=source, external_id__in=[ref for s, ref in refs if s == source]
                        ).values_list("external_id", "pk")
                    }
                )
            fastwrite.insert(
                ServiceChannelLink,
                [
                    {
                        "service_id": pk,
                        "channel_ref": ref,
                        "channel_id": channels.get((r.source, ref)),
                    }
                    for pk, r in with_links
                    for ref in r.channel_refs
                ],
            )

    def pair(self, ids):
        """Pair the batch's services with the other source's listing of the same activity
        (catalogue.dedupe) in the batch's own transaction, so that the batch indexes each
        member of a pair once, with its partner. Returns every service whose entry the pairing
        changed, the batch's pairs' members included."""
        if not ids or not dedupe.may_pair():
            return set()
        return dedupe.refresh(touched=set(ids), index=False).services

    def ensure_source_codes(self, codes):
        """Classification rows for a source's own codes (Lähellä.fi themes, formats, types),
        created when first seen so that classification rules can name them."""
        missing = {code for code in codes if code not in self.classifications}
        if not missing:
            return
        Classification.objects.bulk_create(
            [
                Classification(kind=kind, code=code[:20], uri=f"{kind}:{code}")
                for kind, code in sorted(missing)
            ],
            ignore_conflicts=True,
        )
        by_uri = dict(
            Classification.objects.filter(
                uri__in=[f"{kind}:{code}" for kind, code in missing]
            ).values_list("uri", "pk")
        )
        for kind, code in missing:
            self.classifications[(kind, code)] = by_uri[f"{kind}:{code}"]

    # --- channels -------------------------------------------------------------------------------

    def channel_fields(self, r: ChannelRecord):
        point = next(
            (
                (a.latitude, a.longitude)
                for a in r.addresses
                if a.kind == "visiting" and a.latitude is not None
            ),
            (None, None),
        )
        return {
            **translated("name", r.name),
            **translated("summary", r.summary),
            **translated("description", r.description),
            "texts_en": english(name=r.name, summary=r.summary, description=r.description),
            "channel_type": r.channel_type,
            "organisation_ref": r.organisation_ref,
            "languages": list(r.languages),
            "area_type": r.area.area_type,
            "latitude": point[0],
            "longitude": point[1],
            "accessibility": r.accessibility.as_dict(),
            **translated("schedule", r.schedule),
            "events": [event_json(event) for event in r.events],
            "occurrences": [list(pair) for pair in r.occurrences],
            "place_type": r.place_type[:10],
            "geometry": json.loads(r.geometry) if r.geometry else {},
            "facts": dict(r.facts),
            "same_as": r.same_as[:40],
        }

    def channel_children(self, written, replace):
        if replace:
            for model in (ChannelAddress, OpeningHours, Phone, Email, WebLink):
                model.objects.filter(channel_id__in=replace).delete()
            ServiceChannel.municipalities.through.objects.filter(
                servicechannel_id__in=replace
            ).delete()
        addresses, hours, phones, emails, links, municipalities = [], [], [], [], [], []
        Municipalities = ServiceChannel.municipalities.through
        for pk, r in written:
            addresses += [
                {
                    "channel_id": pk,
                    "kind": a.kind,
                    "street": a.street.as_dict(),
                    "street_number": a.street_number[:40],
                    "postal_code": a.postal_code[:10],
                    "post_office": a.post_office.as_dict(),
                    "municipality_code": a.municipality_code[:3],
                    "latitude": a.latitude,
                    "longitude": a.longitude,
                    "info": a.info.as_dict(),
                    "sort_order": i,
                }
                for i, a in enumerate(r.addresses)
            ]
            hours += [
                {
                    "channel_id": pk,
                    "kind": h.kind,
                    "valid_from": h.valid_from,
                    "valid_to": h.valid_to,
                    "is_closed": h.is_closed,
                    "title": h.title.as_dict(),
                    "info": h.info.as_dict(),
                    "intervals": [
                        {
                            "day_from": i.day_from,
                            "start": i.start,
                            "day_to": i.day_to,
                            "end": i.end,
                            "status": i.status,
                            "weeks": i.weeks,
                        }
                        for i in h.intervals
                    ],
                    "holiday": h.holiday,
                    "sort_order": n,
                }
                for n, h in enumerate(r.hours)
            ]
            phones += [
                {
                    "channel_id": pk,
                    "kind": p.kind,
                    "number": p.number[:40],
                    "language": p.language[:5],
                    "info": p.info[:500],
                    "charge_type": p.charge_type,
                    "charge_info": p.charge_info[:500],
                    "sort_order": n,
                }
                for n, p in enumerate(r.phones)
            ]
            emails += [
                {
                    "channel_id": pk,
                    "address": e.address[:254],
                    "language": e.language[:5],
                    "sort_order": n,
                }
                for n, e in enumerate(r.emails)
            ]
            links += [
                {
                    "channel_id": pk,
                    "kind": link.kind,
                    "url": link.url[:1000],
                    "title": link.title[:300],
                    "language": link.language[:5],
                    "sort_order": n,
                }
                for n, link in enumerate(r.links)
            ]
            codes = area_municipalities(r.area) | {
                a.municipality_code for a in r.addresses if a.municipality_code
            }
            municipalities += [
                {"servicechannel_id": pk, "municipality_id": self.municipalities[code]}
                for code in sorted(codes)
                if code in self.municipalities
            ]
        for model, rows in (
            (ChannelAddress, addresses),
            (OpeningHours, hours),
            (Phone, phones),
            (Email, emails),
            (WebLink, links),
            (Municipalities, municipalities),
        ):
            fastwrite.insert(model, rows)

    # --- after the last batch ---------------------------------------------------------------------

    def link(self):
        """Resolve references to rows that arrived in a later batch or an earlier run."""
        for source in self.sources:
            channels = ServiceChannel.objects.filter(
                source=source, external_id=OuterRef("channel_ref")
            ).values("pk")[:1]
            ServiceChannelLink.objects.filter(channel__isnull=True, service__source=source).update(
                channel=Subquery(channels)
            )

            def organisation(ref_field, source=source):
                return Subquery(
                    Organisation.objects.filter(
                        source=source, external_id=OuterRef(ref_field)
                    ).values("pk")[:1]
                )

            # Only rows whose link is missing or points elsewhere are updated.
            for kind, (ref_field, link_field) in REFERENCES.items():
                model = MODELS[kind]
                stale = model.objects.filter(source=source).exclude(**{ref_field: ""})
                stale = stale.filter(
                    Q(**{f"{link_field}__isnull": True})
                    | ~Q(**{f"{link_field}__external_id": F(ref_field)})
                )
                if stale.exists():
                    stale.update(**{link_field: organisation(ref_field)})

    def deactivate(self, full, sound, force):
        """Apply the collected deactivations, or refuse (run failed) past the guard
        (ptv_sync.guard). A full run of part of the county deactivates only what belongs
        to that part."""
        codes = guard.narrower_scope(self.run) if full else None
        targets, counts = {}, {}
        for kind, model in MODELS.items():
            by_source = {}
            for source, ext in self.removals[kind]:
                by_source.setdefault(source, []).append(ext)
            queries = []
            for source, ids in by_source.items():
                queries.append(
                    model.objects.filter(source=source, is_active=True, external_id__in=ids)
                )
            if full and sound:
                for source in self.sources:
                    query = model.objects.filter(
                        source=source, is_active=True, last_seen__lt=self.run.started_at
                    )
                    if codes is not None:
                        query = query.filter(guard.in_scope(kind, codes))
                    queries.append(query)
            found = {}
            for query in queries:
                found.update(query.values_list("pk", "source"))
            targets[kind] = set(found)
            counts[kind] = {}
            for source in found.values():
                counts[kind][source] = counts[kind].get(source, 0) + 1
        total = sum(len(pks) for pks in targets.values())
        refused = guard.refusals(self.run, counts) if total else []
        if refused and not force:
            self.run.status = SyncRun.Status.FAILED
            self.run.problem = SyncRun.Problem.GUARD
            self.run.message = (
                f"refused to deactivate {'; '.join(refused)}; nothing was deactivated. If the "
                "source really lost them, run again with --force."
            )
            return 0
        now = timezone.now()
        for kind, pks in targets.items():
            if pks:
                MODELS[kind].objects.filter(pk__in=pks).update(is_active=False, deactivated_at=now)
        record = self.run.deactivations.setdefault("deactivated", {})
        for kind, by_source in counts.items():
            for source, count in by_source.items():
                record.setdefault(source, {})[kind] = count
        self.reindex(targets.get("service", ()), targets.get("channel", ()))
        self.run.archived = total
        return total

    def reindex(self, service_pks=(), channel_pks=(), channel_refs=(), organisation_refs=()):
        """Refresh the search entries of services that changed, of services offered through
        channels that changed, and of services of organisations that changed."""
        affected = set(service_pks)
        organisation_refs = list(organisation_refs)
        for start in range(0, len(organisation_refs), 900):
            affected.update(
                Service.objects.filter(
                    responsible_ref__in=organisation_refs[start : start + 900]
                ).values_list("pk", flat=True)
            )
        channel_pks, channel_refs = list(channel_pks), list(channel_refs)
        for start in range(0, max(len(channel_pks), len(channel_refs)), 900):
            affected.update(
                ServiceChannelLink.objects.filter(
                    Q(channel_id__in=channel_pks[start : start + 900])
                    | Q(channel_ref__in=channel_refs[start : start + 900])
                ).values_list("service_id", flat=True)
            )
        self.changes.affect(affected)


def record_digests(files):
    """The new digests of drop-folder files (FileRead, or KnownFile rewritten) that hold the
    same items as their stored manifest, without writing their items' list again."""
    now = timezone.now()
    for folder in sorted({file.folder for file in files}):
        digests = {file.path: file.digest for file in files if file.folder == folder}
        found = ImportedFile.objects.filter(folder=folder, path__in=list(digests))
        rows = list(found.only("pk", "path"))
        for row in rows:
            row.digest, row.imported_at = digests[row.path], now
        ImportedFile.objects.bulk_update(rows, ["digest", "imported_at"])


def upsert(items, run, progress=None, batch_size=None, changes=None):
    """Write a stream of records into the catalogue and record the outcome in ``run``, in
    batches of ``batch_size`` items (settings.SYNC_BATCH_SIZE), each written in one
    transaction: a batch the database refuses is rolled back whole and recorded.

    Each batch classifies and indexes the services it wrote; what later steps affect is
    indexed once at the end (``Changes``). Given ``changes``, that end is left to the caller,
    who ``apply``s it after its own steps (the runner pairs duplicates first).

    ``run.mode`` says whether the stream is complete for its scope (full / folder-full): then
    items not seen are deactivated too. Returns the run (saved by the caller)."""
    batch_size = batch_size or getattr(settings, "SYNC_BATCH_SIZE", BATCH_SIZE)
    own = changes is None
    changes = Changes() if own else changes
    writer = Writer(run, changes)
    buffers = {kind: [] for kind in MODELS}
    manifests = []
    anomalies = 0
    processed = 0
    started = time.monotonic()

    known_files = []

    def flush_known():
        """Verify the buffered unchanged files together; parse the ones that fail."""
        nonlocal processed
        files = list(known_files)
        known_files.clear()
        if not files:
            return
        rejected = writer.accept_unchanged(files)
        refused = {id(known) for known in rejected}
        accepted = [known for known in files if id(known) not in refused]
        processed += sum(len(known.entries) for known in accepted)
        record_digests([known for known in accepted if known.rewritten])
        for known in rejected:
            for inner in known.expand():
                handle(inner)

    def flush_all():
        flush_known()
        for kind in ("organisation", "channel", "service"):
            if buffers[kind]:
                writer.write(kind, buffers[kind])
                buffers[kind].clear()
        # The files whose items are now written: one upsert for all of them, and for those
        # that held the same items as before, their new digest only.
        latest = {(m.folder, m.path): m for m in manifests}
        ImportedFile.objects.bulk_create(
            [
                ImportedFile(folder=m.folder, path=m.path, digest=m.digest, entries=m.entries)
                for m in latest.values()
                if not m.same_entries
            ],
            update_conflicts=True,
            unique_fields=["folder", "path"],
            update_fields=["digest", "entries", "imported_at"],
        )
        record_digests([m for m in latest.values() if m.same_entries])
        manifests.clear()

    def handle(item):
        nonlocal anomalies, processed
        if isinstance(item, KnownFile):
            known_files.append(item)
            if sum(len(known.entries) for known in known_files) >= KNOWN_BATCH:
                flush_known()
            return
        flush_known()  # keep the stream's order
        processed += 1
        if not isinstance(item, (RecordError, SourceAnomaly, FileRead)) and not usable_identity(
            item
        ):
            external_id = getattr(item, "external_id", "")
            run.add_error(
                external_id,
                "unusable identifier (longer than 64 characters or with control characters)"
                if external_id
                else f"{getattr(item, 'kind', 'item')} without id",
                getattr(item, "kind", ""),
                reason="identity",
            )
            return
        if isinstance(item, RecordError):
            run.add_error(item.external_id, item.message, item.kind, reason="read")
        elif isinstance(item, SourceAnomaly):
            anomalies += 1
            run.add_error("", item.message, "source", count=False, reason="anomaly")
        elif isinstance(item, Removal):
            writer.note_source(item.source)
            writer.removals[item.kind].add((item.source, item.external_id))
        elif isinstance(item, FileRead):
            processed -= 1
            manifests.append(item)
            if sum(len(m.entries) for m in manifests) >= batch_size:
                flush_all()
        else:
            buffer = buffers[item.kind]
            buffer.append(item)
            if len(buffer) >= batch_size:
                if item.kind != "organisation" and buffers["organisation"]:
                    # The few organisations read so far first: the batch links to them.
                    writer.write("organisation", buffers["organisation"])
                    buffers["organisation"].clear()
                writer.write(item.kind, buffer)
                buffer.clear()

    deferred = None
    try:
        for item in items:
            handle(item)
            if progress is not None:
                progress(processed, time.monotonic() - started, final=False)
    except SourceDeferred as exc:  # the source asked for a longer pause than we wait
        deferred = exc
    flush_all()
    writer.statistics.finish()
    writer.link()
    full = run.mode in (SyncRun.Mode.FULL, SyncRun.Mode.FOLDER_FULL)
    sound = anomalies == 0 and run.failed == 0 and deferred is None
    run.status = SyncRun.Status.SUCCEEDED
    writer.deactivate(full=full, sound=sound, force=run.force)
    if run.status != SyncRun.Status.FAILED and deferred is not None:
        run.status = SyncRun.Status.PARTIAL
        run.problem = SyncRun.Problem.DEFERRED
        run.message = (
            f"Stopped reading: {deferred} What was read before is written; items missing "
            "from this run were not deactivated."
        )
    elif run.status != SyncRun.Status.FAILED and (run.failed or anomalies):
        run.status = SyncRun.Status.PARTIAL
        if full and not sound:
            run.message = (
                "Some items or pages could not be read, so items missing from this run were "
                "not deactivated."
            )
    if own:
        apply(changes)
    if progress is not None:
        progress(processed, time.monotonic() - started, final=True)
    return run
