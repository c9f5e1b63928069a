"""Database side of the HSDS API and export: the rows of a page with everything their nested
objects need, in a fixed number of queries whatever the page size, and the taxonomy filters."""

from types import SimpleNamespace

from django.db.models import Prefetch, Q
from django.utils import translation
from modeltranslation.translator import translator

from ..models import (
    ChannelAddress,
    Classification,
    Email,
    Municipality,
    OpeningHours,
    Organisation,
    Phone,
    Service,
    ServiceChannel,
    ServiceChannelLink,
    Theme,
    WebLink,
)
from ..models.services import service_path
from . import lookups, mapping

CHANNEL_PREFETCH = ("addresses", "phones", "emails", "links", "hours", "municipalities")
# What a channel's HSDS location lists, by the relation's name (each model's own ordering).
CHANNEL_DETAILS = {
    "addresses": ChannelAddress,
    "phones": Phone,
    "emails": Email,
    "links": WebLink,
    "hours": OpeningHours,
}
# Columns of imported rows no HSDS object carries: the sync's bookkeeping.
UNUSED_SOURCED_FIELDS = ("content_hash", "source_hash", "first_seen", "last_seen", "deactivated_at")
# …and a channel's: a LIPAS route's geometry can be large.
UNUSED_CHANNEL_FIELDS = ("geometry", "facts", "same_as", *UNUSED_SOURCED_FIELDS)


def channel_rows():
    return ServiceChannel.objects.prefetch_related(*CHANNEL_PREFETCH)


def service_rows():
    """Services with what their nested objects need, prefetched (the export's way; a page
    of the API reads them with ``services``)."""
    links = ServiceChannelLink.objects.select_related("channel").prefetch_related(
        *(f"channel__{name}" for name in CHANNEL_PREFETCH)
    )
    return Service.objects.select_related("responsible_organisation").prefetch_related(
        "themes",
        "classifications",
        "municipalities",
        Prefetch("channel_links", queryset=links.order_by("pk")),
    )


class Row(SimpleNamespace):
    """A row read with ``values()``: its columns as attributes, as the mapping reads a
    model instance's, without building the instance."""

    @property
    def pk(self):
        return self.id


class ServiceRow(Row):
    def get_absolute_url(self, language):
        name = mapping.local_text(self, "name", language)
        if translation.get_language() == language:  # as in the API's views
            return service_path(self.pk, name)
        with translation.override(language):
            return service_path(self.pk, name)


def _columns(model, unused):
    """The columns of ``model`` a nested object reads: all but ``unused``, and of a
    translated field only each language's column (the mapping reads those)."""
    translated = set(translator.get_options_for_model(model).all_fields)
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in unused and field.name not in translated
    ]


def _rows(queryset, model, unused, row=Row, **joined):
    """{pk: row} of ``queryset``'s rows read as values, each with the row of every
    ``joined`` relation (attribute: (its foreign key column, model, unused columns)), or
    None where there is none, read in the same statement."""
    own = _columns(model, unused)
    parts = [
        (key, fk, _columns(other, other_unused))
        for key, (fk, other, other_unused) in joined.items()
    ]
    columns = own + [f"{key}__{name}" for key, _fk, names in parts for name in names]
    found = {}
    for values in queryset.values_list(*columns):
        start = len(own)
        item = row(**dict(zip(own, values[:start], strict=True)))
        for key, fk, names in parts:
            end = start + len(names)
            joined_row = Row(**dict(zip(names, values[start:end], strict=True)))
            setattr(item, key, joined_row if getattr(item, fk) is not None else None)
            start = end
        found[item.pk] = item
    return found


def _related(through, owner, target, owners, model):
    """{owner pk: [target rows in the model's order]} of a many-to-many relation, from
    its pairs and the reference rows kept per generation."""
    rows = lookups.by_pk(model)
    found = {pk: [] for pk in owners}
    pairs = through.objects.filter(**{f"{owner}__in": list(found)})
    pairs = list(pairs.values_list(owner, target))
    # Rows a sync has added since the generation began (it starts a new one when it ends).
    missing = {pk for _owner, pk in pairs if pk not in rows}
    if missing:
        added = model.objects.in_bulk(missing)
        for row in added.values():
            row.rank = len(rows)  # after the rows kept
        rows = {**rows, **added}
    for owner_pk, target_pk in pairs:
        if target_pk in rows:  # not deleted between the two statements
            found[owner_pk].append(rows[target_pk])
    for items in found.values():
        items.sort(key=lambda row: row.rank)
    return found


def attach_channel_details(channels):
    """Each channel's addresses, phones, e-mails, links, opening hours and municipalities as
    plain lists in ``channel.hsds_details`` (``mapping.details`` reads them): one query per
    kind for all the channels, each row read as values, not as a model instance. Instances
    of the same channel (two services' links to it) share one set of lists."""
    lists = {}
    for channel in channels:
        channel.hsds_details = lists.setdefault(channel.pk, {name: [] for name in CHANNEL_PREFETCH})
    for name, model in CHANNEL_DETAILS.items():
        columns = [field.attname for field in model._meta.concrete_fields]
        for values in model.objects.filter(channel_id__in=list(lists)).values_list(*columns):
            row = Row(**dict(zip(columns, values, strict=True)))
            lists[row.channel_id][name].append(row)
    municipalities = _related(
        ServiceChannel.municipalities.through,
        "servicechannel_id",
        "municipality_id",
        lists,
        Municipality,
    )
    for pk, rows in municipalities.items():
        lists[pk]["municipalities"] = rows


def services(ids, full=True):
    """The services of ``ids`` in that order; with ``full``, each with its themes,
    classification terms, municipalities and channel links (``link.channel``, the channel
    with its own lists) in ``service.hsds_details`` (``mapping.details`` reads them)."""
    ids = list(ids)
    if not full:
        found = Service.objects.select_related("responsible_organisation").in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]
    found = _rows(
        Service.objects.filter(pk__in=ids),
        Service,
        UNUSED_SOURCED_FIELDS,
        ServiceRow,
        responsible_organisation=(
            "responsible_organisation_id",
            Organisation,
            UNUSED_SOURCED_FIELDS,
        ),
    )
    rows = [found[pk] for pk in ids if pk in found]
    through = Service.themes.through
    themes = _related(through, "service_id", "theme_id", found, Theme)
    through = Service.classifications.through
    terms = _related(through, "service_id", "classification_id", found, Classification)
    through = Service.municipalities.through
    municipalities = _related(through, "service_id", "municipality_id", found, Municipality)
    links = {pk: [] for pk in found}
    pairs = list(
        ServiceChannelLink.objects.filter(service_id__in=list(found))
        .order_by("pk")
        .values_list("service_id", "channel_id", "channel_ref")
    )
    shown = _rows(
        ServiceChannel.objects.filter(pk__in={channel for _service, channel, _ref in pairs}),
        ServiceChannel,
        UNUSED_CHANNEL_FIELDS,
    )
    attach_channel_details(shown.values())
    for service, channel, ref in pairs:
        links[service].append(Row(channel=shown.get(channel), channel_ref=ref))
    for row in rows:
        row.hsds_details = {
            "themes": themes[row.pk],
            "classifications": terms[row.pk],
            "municipalities": municipalities[row.pk],
            "channel_links": links[row.pk],
        }
    return rows


def channels(ids, full=True):
    """The channels of ``ids`` by pk."""
    if not full:
        return ServiceChannel.objects.in_bulk(list(ids))
    found = ServiceChannel.objects.defer(*UNUSED_CHANNEL_FIELDS).in_bulk(list(ids))
    attach_channel_details(found.values())
    return found


def service_location_pairs(service_ids):
    """(service pk, channel pk) of the services' active channels, in the services' order."""
    service_ids = list(service_ids)
    order = {pk: n for n, pk in enumerate(service_ids)}
    pairs = ServiceChannelLink.objects.filter(
        service_id__in=service_ids, channel__is_active=True
    ).values_list("service_id", "channel_id", "pk")
    return [(s, c) for s, c, _pk in sorted(pairs, key=lambda p: (order[p[0]], p[2]))]


# --- taxonomy filters ----------------------------------------------------------------------

FIXED_FIELDS = {
    "service_kind": "kind",
    "charge_type": "charge_type",
    "activity_type": "activity_type",
    "organisation_type": "responsible_organisation__org_type",
    "channel_type": "channel_links__channel__channel_type",
}


def _term_filters():
    filters = {
        mapping.term_id("theme", slug): Q(themes__slug=slug)
        for slug in Theme.objects.values_list("slug", flat=True)
    }
    for pk, kind, uri in Classification.objects.values_list("pk", "kind", "uri"):
        filters[mapping.term_id(kind, uri)] = Q(classifications=pk)
    for key, field in FIXED_FIELDS.items():
        for code, _label in mapping.fixed_codes(key):
            filters[mapping.term_id(key, code)] = Q(**{field: code})
    return filters


def _matching(q):
    return Q(pk__in=Service.objects.filter(q).values("pk"))


def with_term(term):
    """Services with this taxonomy term (none for an unknown term)."""
    return _matching(_term_filters().get(term, Q(pk__in=[])))


def with_taxonomy(taxonomy):
    """Services with any term of this taxonomy."""
    for key in mapping.TAXONOMIES:
        if mapping.taxonomy_id(key) != taxonomy:
            continue
        if key == "theme":
            return _matching(Q(themes__isnull=False))
        if key in mapping.CLASSIFICATION_TAXONOMIES:
            return _matching(Q(classifications__kind=key))
        return _matching(
            ~Q(**{FIXED_FIELDS[key]: ""}) & Q(**{f"{FIXED_FIELDS[key]}__isnull": False})
        )
    return Q(pk__in=[])
