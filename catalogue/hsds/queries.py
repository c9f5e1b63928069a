"""Database side of the HSDS API and export: the rows of a page with everything their nested
objects need, in a fixed number of queries whatever the page size, and the taxonomy filters."""

from django.db.models import Prefetch, Q

from ..models import (
    ChannelAddress,
    Classification,
    Email,
    OpeningHours,
    Phone,
    Service,
    ServiceChannel,
    ServiceChannelLink,
    Theme,
    WebLink,
)
from . import mapping

CHANNEL_PREFETCH = ("addresses", "phones", "emails", "links", "hours", "municipalities")
# What a channel's HSDS location lists, by the relation's name (each model's own ordering).
CHANNEL_DETAILS = {
    "addresses": ChannelAddress,
    "phones": Phone,
    "emails": Email,
    "links": WebLink,
    "hours": OpeningHours,
}
# Channel columns no HSDS object carries: a LIPAS route's geometry can be large.
UNUSED_CHANNEL_FIELDS = ("geometry", "facts")


def channel_rows():
    return ServiceChannel.objects.prefetch_related(*CHANNEL_PREFETCH)


def service_rows(full=True, channel_details=True):
    """Services with what their nested objects need; ``channel_details=False`` leaves the
    channels' own lists to ``attach_channel_details``."""
    rows = Service.objects.select_related("responsible_organisation")
    if not full:
        return rows
    links = ServiceChannelLink.objects.select_related("channel")
    if channel_details:
        links = links.prefetch_related(*(f"channel__{name}" for name in CHANNEL_PREFETCH))
    else:
        links = links.defer(*(f"channel__{name}" for name in UNUSED_CHANNEL_FIELDS))
    return rows.prefetch_related(
        "themes",
        "classifications",
        "municipalities",
        Prefetch("channel_links", queryset=links.order_by("pk")),
    )


def attach_channel_details(channels):
    """Each channel's addresses, phones, e-mails, links, opening hours and municipalities as
    plain lists in ``channel.hsds_details`` (``mapping.details`` reads them): one query per
    kind for all the channels, without the per-channel querysets prefetch_related builds.
    Instances of the same channel (two services' links to it) share one set of lists."""
    lists = {}
    for channel in channels:
        channel.hsds_details = lists.setdefault(channel.pk, {name: [] for name in CHANNEL_PREFETCH})
    for name, model in CHANNEL_DETAILS.items():
        for row in model.objects.filter(channel_id__in=list(lists)):
            lists[row.channel_id][name].append(row)
    through = ServiceChannel.municipalities.through
    rows = through.objects.filter(servicechannel_id__in=list(lists)).select_related("municipality")
    for row in rows.order_by("municipality__code"):
        lists[row.servicechannel_id]["municipalities"].append(row.municipality)


def services(ids, full=True):
    """The services of ``ids`` in that order."""
    ids = list(ids)
    found = service_rows(full, channel_details=False).in_bulk(ids)
    rows = [found[pk] for pk in ids if pk in found]
    if full:
        links = [link for row in rows for link in row.channel_links.all()]
        attach_channel_details([link.channel for link in links if link.channel is not None])
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
