"""Keeping ServiceSearchEntry (and the backend's own index) up to date.

``index_services(ids)`` rebuilds the entries of the given services in batches with a fixed
number of queries per batch; a sync calls it with each batch it writes and once at its end for
what its later steps changed, and classification and editor changes call it too. ``rebuild()`` does every service."""

import hashlib

from django.conf import settings
from django.db import connection, transaction
from django.dispatch import Signal

from core import fastwrite, sources
from core.i18n import Translated, field_names, language_codes
from core.pagecache import invalidate_catalogue_pages

from ..accessibility import combined, profiles
from ..audiences import audiences_of
from ..models import (
    Classification,
    LocalEnrichment,
    Municipality,
    Organisation,
    SearchTerm,
    Service,
    ServiceChannel,
    ServiceChannelLink,
    ServiceSearchEntry,
    ServiceSearchTerms,
    ServiceTheme,
)
from ..models.search import AGE_ALL, NATIONWIDE_FACET_ID
from ..occurrences import write_occurrences
from ..opening import CHANNEL_FIELDS, shown_channels, write_spans
from ..places import group_of
from .analysis import analyse_word, index_terms
from .analysis import words as split_words
from .database import facet_bits

BATCH = 500

ONLINE_TYPES = ("online", "webpage")


def age_span(ranges):
    """The span of a service's age ranges ([low, high or None]); every age when it names
    none. The adapters set the ranges from what each source says (PTV's target groups,
    Lähellä.fi's demographics, the editors' ages)."""
    if not ranges:
        return AGE_ALL
    low = min(pair[0] for pair in ranges)
    highs = [pair[1] for pair in ranges]
    return low, AGE_ALL[1] if None in highs else max(highs)


# Words of a name that say where, not what: left out of the key that groups one service
# offered in several municipalities.
PLACE_WORDS = {"kaupunki", "kunta", "stad", "kommun"}
TERM_FIELDS = ("name", "summary", "description", "extra")


def analysed(service, language, extra):
    """{field: terms} of a service's own texts in ``language`` (no stand-ins: a query is
    matched against every language)."""
    own = {
        field: index_terms(getattr(service, f"{field}_{language}", None) or "", language)
        for field in TERM_FIELDS[:-1]
    }
    return {**own, "extra": index_terms(extra, language)}


def group_id(key):
    """A stable signed 64-bit number for a group key."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


def group_key(service, provider_type, classes, places):
    """The key shared by the same service in several municipalities: the organisation's kind,
    the name (in the site's default language, or another) without its place words, the first
    service class. The words are analysed as the default language's, whichever the name's."""
    name = Translated.of(service, "name").get(settings.LANGUAGE_CODE)
    kept = []
    for word in split_words(name):
        _terms, alternatives, _function = analyse_word(word, settings.LANGUAGE_CODE)
        forms = {word, *(alt[0] for alt in alternatives if len(alt) == 1)}
        if forms & places or word in PLACE_WORDS:
            continue
        kept.append(word)
    first_class = min(classes) if classes else ""
    return f"{provider_type}|{' '.join(kept) or service.pk}|{first_class}"[:255]


def _columns(model, *translated):
    """The columns of ``translated`` fields in every language (name_fi, name_sv, …)."""
    return [
        f.attname for f in model._meta.concrete_fields if f.attname.rpartition("_")[0] in translated
    ]


# What an entry is made of (entries_for): a batch's services are read with these columns
# only, not their every text in every language.
SERVICE_COLUMNS = (
    "source",
    "is_active",
    "duplicate_of_id",
    "kind",
    "activity_type",
    "age_ranges",
    "charge_type",
    "service_languages",
    "area_type",
    "keywords",
    "responsible_ref",
)


def entries_for(batch):
    texts = _columns(Service, *TERM_FIELDS[:-1])
    services = (
        Service.objects.filter(pk__in=batch)
        .select_related("responsible_organisation")
        .only(
            *SERVICE_COLUMNS,
            *texts,
            "responsible_organisation__org_type",
            *(f"responsible_organisation__{name}" for name in _columns(Organisation, "name")),
        )
    )
    # Duplicates from the other source shown as a service of the batch (catalogue.dedupe):
    # their places, names and (an activity's) age and price data go into its entry.
    partners = {}
    for partner in Service.objects.filter(duplicate_of__in=batch, is_active=True).only(
        *SERVICE_COLUMNS, *texts
    ):
        partners.setdefault(partner.duplicate_of_id, []).append(partner)
    hidden = set(
        LocalEnrichment.objects.filter(service_id__in=batch, hidden=True).values_list(
            "service_id", flat=True
        )
    )
    local_keywords, chosen_audiences = {}, {}
    for service_id, keywords, chosen in LocalEnrichment.objects.filter(
        service_id__in=batch
    ).values_list("service_id", "search_keywords", "audiences"):
        local_keywords[service_id] = keywords
        chosen_audiences[service_id] = chosen if isinstance(chosen, list) else []
    kaikukortti = set(
        LocalEnrichment.objects.filter(service_id__in=batch, kaikukortti=True).values_list(
            "service_id", flat=True
        )
    )
    # Channels by reference, not by the resolved foreign key: a batch of services is indexed
    # when written, before the sync resolves its links at the end of the run.
    refs = {}
    partner_of = {p.pk: shown for shown, group in partners.items() for p in group}
    for service_id, ref in ServiceChannelLink.objects.filter(
        service_id__in=[*batch, *partner_of]
    ).values_list("service_id", "channel_ref"):
        refs.setdefault(partner_of.get(service_id, service_id), []).append(ref)
    channel_values = list(
        ServiceChannel.objects.filter(
            external_id__in={ref for group in refs.values() for ref in group}, is_active=True
        ).values_list(
            "external_id", "channel_type", "latitude", "longitude", "accessibility", "place_type"
        )
    )
    # external id -> (type, latitude, longitude, accessibility); a place's LIPAS type
    channel_rows = {
        ext: (kind, lat, lon, access) for ext, kind, lat, lon, access, _type in channel_values
    }
    place_types = {ext: place_type for ext, *_row, place_type in channel_values if place_type}
    # The responsible organisation by reference too, for the same reason.
    unresolved = {
        (service.source, service.responsible_ref)
        for service in services
        if service.responsible_organisation is None and service.responsible_ref
    }
    by_ref = {
        (org.source, org.external_id): org
        for org in Organisation.objects.filter(external_id__in={ref for _source, ref in unresolved})
    }
    codes = language_codes()
    theme_names, theme_ids, municipality_ids = {}, {}, {}
    for service_id, theme_id, *names in ServiceTheme.objects.filter(
        service_id__in=batch
    ).values_list("service_id", "theme_id", *(f"theme__{f}" for f in field_names("name"))):
        theme_names.setdefault(service_id, []).append(tuple(name or "" for name in names))
        theme_ids.setdefault(service_id, []).append(theme_id)
    for service_id, municipality_id in Service.municipalities.through.objects.filter(
        service_id__in=batch
    ).values_list("service_id", "municipality_id"):
        municipality_ids.setdefault(service_id, []).append(municipality_id)
    target_groups = {}
    for service_id, code in Service.classifications.through.objects.filter(
        service_id__in=[*batch, *partner_of], classification__kind=Classification.Kind.TARGET_GROUP
    ).values_list("service_id", "classification__code"):
        target_groups.setdefault(partner_of.get(service_id, service_id), set()).add(code)
    class_words, class_codes = {}, {}
    for service_id, kind, code, *names in Service.classifications.through.objects.filter(
        service_id__in=batch,
        classification__kind__in=[
            Classification.Kind.SERVICE_CLASS,
            Classification.Kind.LAHELLA_THEME,
            Classification.Kind.LAHELLA_FORMAT,
            Classification.Kind.LAHELLA_TYPE,
            Classification.Kind.LIPAS_TYPE,
        ],
    ).values_list(
        "service_id",
        "classification__kind",
        "classification__code",
        *(f"classification__{f}" for f in field_names("name")),
    ):
        words = sources.code_words(code)
        per_language = (
            tuple(words.get(language, "") for language in codes)
            if words
            else tuple(name or "" for name in names)
        )
        class_words.setdefault(service_id, []).append(per_language)
        if kind == Classification.Kind.SERVICE_CLASS and code:
            class_codes.setdefault(service_id, []).append(code)
    place_words = set()
    for names in Municipality.objects.values_list(*field_names("name")):
        place_words.update(w for name in names for w in split_words(name or ""))
    entries = []
    for service in services:
        organisation = service.responsible_organisation or by_ref.get(
            (service.source, service.responsible_ref)
        )
        group = partners.get(service.pk, [])
        # An activity (what a resident joins) speaks for its group about ages and price.
        speaker = next((s for s in [service, *group] if s.activity_type), service)
        kinds = [channel_rows[c] for c in refs.get(service.pk, ()) if c in channel_rows]
        places = [row for row in kinds if row[0] == "place"]
        point = next(((lat, lon) for _k, lat, lon, _a in places if lat is not None), (None, None))
        low, high = age_span(speaker.age_ranges)
        free = speaker.charge_type == "free"
        languages = {code for s in [service, *group] for code in s.service_languages}
        entry = ServiceSearchEntry(
            service_id=service.pk,
            is_public=service.is_active
            and service.pk not in hidden
            and service.duplicate_of_id is None,
            age_min=low,
            age_max=high,
            is_free=free,
            provider_type=organisation.provider_type if organisation else "",
            **{f"in_{code}": code in languages for code in settings.SERVICE_LANGUAGES},
            has_place=bool(places),
            has_phone=any(row[0] == "phone" for row in kinds),
            has_online=any(row[0] in ONLINE_TYPES for row in kinds),
            has_printable=any(row[0] == "printable" for row in kinds),
            wheelchair=False,  # from the profiles below
            kaikukortti=service.pk in kaikukortti,
            nationwide=service.area_type in ("nationwide", "nationwide_except_aland"),
            latitude=point[0],
            longitude=point[1],
        )
        # What its places' sources say of their accessibility (a profile no place speaks of
        # is "no information", not "no"), and whom it is for.
        entry.profiles = {
            name
            for name, value in combined(profiles(access) for _k, _la, _lo, access in places).items()
            if value
        }
        entry.wheelchair = "wheelchair" in entry.profiles
        entry.audiences = audiences_of(
            target_groups.get(service.pk, ()),
            speaker.age_ranges if speaker.activity_type else (),
            chosen_audiences.get(service.pk, ()),
        )
        entry.kind = "place" if service.kind == Service.Kind.PLACE else "service"
        entry.place_groups = (
            {group_of(place_types[c]) for c in refs.get(service.pk, ()) if c in place_types}
            if entry.kind == "place"
            else set()
        )
        entry.facet_ids = [
            *theme_ids.get(service.pk, ()),
            *(
                (NATIONWIDE_FACET_ID,)
                if entry.nationwide
                else (-pk for pk in municipality_ids.get(service.pk, ()))
            ),
        ]
        entry.facet_bits = facet_bits(entry)
        names = Translated.of(service, "name")
        for language in codes:
            name = names.get(language)
            setattr(entry, f"name_{language}", name)
            setattr(entry, f"sort_{language}", name.casefold()[:255])
        # The words of its themes, service classes and its source's codes (a tuple in the
        # order of the site languages): "liikunta" finds every activity of the Liikunta
        # theme, whatever its own texts say.
        described = [*theme_names.get(service.pk, ()), *class_words.get(service.pk, ())]
        if words := sources.code_words(service.activity_type):
            described.append(tuple(words.get(language, "") for language in codes))
        # An activity type arrives both as a code and as the activity's type: once.
        described = list(dict.fromkeys(described))
        entry.terms = {}  # written to ServiceSearchTerms
        for offset, language in enumerate(codes):
            own_names = " ".join(
                filter(None, (getattr(p, f"name_{language}", None) for p in group))
            )
            organisation_name = (
                getattr(organisation, f"name_{language}", "") if organisation else ""
            )
            extra = " ".join(
                filter(
                    None,
                    [
                        organisation_name or "",
                        *(service.keywords or {}).get(language, ()),
                        local_keywords.get(service.pk, ""),
                        own_names,
                        *(pair[offset] for pair in described),
                    ],
                )
            )
            entry.terms[language] = analysed(service, language, extra)
        # Places group as services do: the swimming halls of seven towns are one result
        # (the resident's own first, the others listed with it), so that a broad word such as
        # "liikunta" still shows the kinds of service and does not fill with places.
        entry.group_key = group_key(
            service,
            entry.provider_type,
            class_codes.get(service.pk, ()),
            place_words,
        )
        entry.group_id = group_id(entry.group_key)
        entries.append(entry)
    return entries


def external_index():
    """The configured backend when it keeps its own index outside the database (Elasticsearch);
    None for the database backend, which reads the entries directly."""
    if settings.CATALOGUE_SEARCH_BACKEND == "elasticsearch":
        from .elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    return None


# PostgreSQL: each entry's tsvector in a language ('simple' configuration over its analysed
# terms, no stemming of its own; weighted by field), computed in the INSERT that writes the
# entry, so that the row and its GIN indexes are written once, not inserted and then updated.
VECTOR_SQL = " || ".join(
    f"setweight(to_tsvector('simple', %s), '{weight}')" for weight in "ABCD"[: len(TERM_FIELDS)]
)


def write_entries(entries):
    """INSERT the entries (model instances, unsaved) in one statement, their vectors
    (PostgreSQL) computed by the database as they go in (core.fastwrite)."""
    fields = [
        field.attname
        for field in ServiceSearchEntry._meta.concrete_fields
        if not field.attname.startswith("vector_")
    ]
    computed = {}
    if connection.vendor == "postgresql":
        computed = {f"vector_{language}": VECTOR_SQL for language in language_codes()}
    rows = []
    for entry in entries:
        row = {name: getattr(entry, name) for name in fields}
        for name in computed:
            terms = entry.terms.get(name.removeprefix("vector_"), {})
            row[name] = [terms.get(field, "") for field in TERM_FIELDS]
        rows.append(row)
    fastwrite.insert(ServiceSearchEntry, rows, computed=computed)


def _write_entries(batch):
    entries = entries_for(batch)
    with transaction.atomic():
        ServiceSearchEntry.objects.filter(service_id__in=batch).delete()
        write_entries(entries)
        ServiceSearchTerms.objects.filter(service_id__in=batch).delete()
        fastwrite.insert(
            ServiceSearchTerms, [{"service_id": e.service_id, "terms": e.terms} for e in entries]
        )
        _backend_index(batch)
        add_to_vocabulary(entries)
        shown = shown_channels(batch, CHANNEL_FIELDS)
        write_spans(batch, shown=shown)
        write_occurrences(batch, shown=shown)


def add_to_vocabulary(entries):
    """The terms of public entries that the vocabulary does not hold yet (looked up in chunks,
    so that only new terms are written)."""
    found = {
        (language, term)
        for entry in entries
        if entry.is_public
        for language, fields in entry.terms.items()
        for field in TERM_FIELDS
        for term in fields.get(field, "").split()
        if len(term) <= SearchTerm.LONGEST
    }
    terms = sorted({term for _language, term in found})
    for start in range(0, len(terms), 500):
        found -= set(
            SearchTerm.objects.filter(term__in=terms[start : start + 500]).values_list(
                "language", "term"
            )
        )
    SearchTerm.objects.bulk_create(
        [SearchTerm(language=language, term=term) for language, term in sorted(found)],
        ignore_conflicts=True,
        batch_size=1000,
    )


# Sent after each batch of entries is written (``service_ids``): what was indexed, for
# operators' tooling and for the tests that check a sync indexes each changed service once.
indexed = Signal()


def index_services(ids, invalidate=True):
    """Write the search entries of the services ``ids`` (and the external index's documents).
    ``invalidate``: start a new generation of cached catalogue pages (a sync does that once
    itself, after everything)."""
    ids = list(ids)
    if invalidate:
        invalidate_catalogue_pages()
    external = external_index() if ids else None
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        _write_entries(batch)
        if external is not None:
            external.index(batch)
        indexed.send(sender=index_services, service_ids=batch)


def themes_changed(ids):
    """Services whose themes changed: their theme words are in their entries."""
    index_services(ids)


def _backend_index(batch):
    """SQLite: the FTS5 rows of the batch (PostgreSQL's vectors are in the entries:
    ``write_entries``)."""
    placeholders = ", ".join(["%s"] * len(batch))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Row ids derived from the service (n·L + k for the k-th of L site languages):
            # replacing a service's rows is a lookup, not a scan of the whole FTS table.
            codes = language_codes()
            rowids = [pk * len(codes) + k for pk in batch for k in range(len(codes))]
            cursor.execute(
                "DELETE FROM catalogue_service_fts "  # noqa: S608
                f"WHERE rowid IN ({', '.join(['%s'] * len(rowids))})",
                rowids,
            )
            for offset, language in enumerate(codes):
                cursor.execute(
                    "INSERT INTO catalogue_service_fts "  # noqa: S608
                    "(rowid, name, summary, description, extra, service_id, language) "
                    f"SELECT service_id * {len(codes)} + {offset}, "
                    + ", ".join(
                        f"coalesce(json_extract(terms, '$.{language}.{field}'), '')"
                        for field in TERM_FIELDS
                    )
                    + f", service_id, '{language}' "
                    f"FROM catalogue_servicesearchterms WHERE service_id IN ({placeholders})",
                    batch,
                )


def rebuild(progress=None):
    """Every service's entry again, then (Elasticsearch) new indexes swapped in atomically.
    ``progress(stage, done, total)`` reports both stages."""
    invalidate_catalogue_pages()
    ids = list(Service.objects.order_by("pk").values_list("pk", flat=True))
    external = external_index()
    SearchTerm.objects.all().delete()
    for start in range(0, len(ids), BATCH):
        _write_entries(ids[start : start + BATCH])
        if progress:
            progress("database", min(start + BATCH, len(ids)), len(ids))
    ServiceSearchEntry.objects.exclude(service_id__in=Service.objects.all()).delete()
    ServiceSearchTerms.objects.exclude(service_id__in=Service.objects.all()).delete()
    if external is not None:

        def report(done, total):
            if progress:
                progress(external.name, done, total)

        external.rebuild(ids, progress=report)
    return len(ids)
