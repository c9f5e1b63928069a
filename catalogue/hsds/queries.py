"""Database side of the HSDS API and export: the rows of a page with everything their nested
objects need, in a fixed number of queries whatever the page size, and the taxonomy filters."""

from django.db.models import Prefetch, Q

from ..models import (
    Classification,
    Service,
    ServiceChannel,
    ServiceChannelLink,
    Theme,
)
from . import mapping

CHANNEL_PREFETCH = ("addresses", "phones", "emails", "links", "hours", "municipalities")


def channel_rows():
    return ServiceChannel.objects.prefetch_related(*CHANNEL_PREFETCH)


def service_rows(full=True):
    rows = Service.objects.select_related("responsible_organisation")
    if not full:
        return rows
    links = ServiceChannelLink.objects.select_related("channel").prefetch_related(
        *(f"channel__{name}" for name in CHANNEL_PREFETCH)
    )
    return rows.prefetch_related(
        "themes",
        "classifications",
        "municipalities",
        Prefetch("channel_links", queryset=links.order_by("pk")),
    )


def services(ids, full=True):
    """The services of ``ids`` in that order."""
    ids = list(ids)
    found = service_rows(full).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def channels(ids, full=True):
    rows = channel_rows() if full else ServiceChannel.objects.all()
    return rows.in_bulk(list(ids))


def service_location_pairs(service_ids):
    """(service pk, channel pk) of the services' active channels, in the services' order."""
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
