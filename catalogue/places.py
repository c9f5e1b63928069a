"""Sports and recreation places (LIPAS) in the catalogue: pairing them with the same place in
another source, and what a place's page shows.

A LIPAS site is often also a PTV service location: LIPAS exports its sites to PTV, and a
municipality may have entered its swimming hall in both. ``pair`` points each place channel
of another source at the LIPAS place it is (``ServiceChannel.same_place``):

1. the PTV location says so: its ``same_as`` is ``lipas:<id>`` (LIPAS's export sets the
   channel's sourceId to ``lipas-{org}-{id}-…``);
2. else the nearest LIPAS place within ``NEAR_M`` metres whose name shares a word stem with
   its name in Finnish or Swedish ("Uimahalli – Vaasa" and "Vaasan uimahalli");
3. else a LIPAS place within ``SAME_SPOT_M`` metres, whatever the names.

The place's page then lists the services held there (those of the paired channels), and the
service pages of those channels link to the place."""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from core.geo import distance_m
from core.i18n import field_names

from .models import Municipality, Service, ServiceChannel

LIPAS = "lipas"
NEAR_M = 250
SAME_SPOT_M = 20
STEM = 5  # letters two words must share from their start
CELL = 0.01  # degrees of latitude per grid cell (~1.1 km); longitude cells are twice as wide
WORD = re.compile(r"\w+")
TYPES_FILE = Path(__file__).resolve().parent / "data" / "lipas_types.json"

# The place-type groups of the search's facet, in the order it lists them.
GROUPS = {
    "nature": gettext_lazy("Nature and outdoor areas"),
    "route": gettext_lazy("Trails and routes"),
    "shelter": gettext_lazy("Lean-tos, campfire sites and huts"),
    "beach": gettext_lazy("Beaches and outdoor swimming"),
    "outdoor": gettext_lazy("Outdoor gyms and sports parks"),
    "pool": gettext_lazy("Swimming halls"),
    "hall": gettext_lazy("Sports halls and gyms"),
    "ski": gettext_lazy("Skiing centres"),
    "fishing": gettext_lazy("Fishing"),
}
SURFACES = {
    "asphalt": pgettext_lazy("surface", "asphalt"),
    "gravel": pgettext_lazy("surface", "gravel"),
    "natural-surface": pgettext_lazy("surface", "natural ground"),
    "soil": pgettext_lazy("surface", "soil"),
    "woodchips": pgettext_lazy("surface", "wood chips"),
    "sand": pgettext_lazy("surface", "sand"),
    "grass": pgettext_lazy("surface", "grass"),
    "artificial-turf": pgettext_lazy("surface", "artificial turf"),
    "sand-infilled-artificial-turf": pgettext_lazy("surface", "sand-filled artificial turf"),
    "wood": pgettext_lazy("surface", "wood"),
    "concrete": pgettext_lazy("surface", "concrete"),
    "stone": pgettext_lazy("surface", "stone"),
    "rock-dust": pgettext_lazy("surface", "stone dust"),
    "brick-crush": pgettext_lazy("surface", "crushed brick"),
    "sawdust": pgettext_lazy("surface", "sawdust"),
    "synthetic": pgettext_lazy("surface", "synthetic"),
    "fiberglass": pgettext_lazy("surface", "fibreglass"),
    "textile": pgettext_lazy("surface", "textile"),
    "ceramic": pgettext_lazy("surface", "ceramic"),
    "carpet": pgettext_lazy("surface", "carpet"),
    "metal": pgettext_lazy("surface", "metal"),
    "deinked-pulp": pgettext_lazy("surface", "recycled fibre"),
    "resin": pgettext_lazy("surface", "resin"),
    "water": pgettext_lazy("surface", "water"),
}
STRUCTURES = {
    "fitness-stairs": gettext_lazy("fitness stairs"),
    "weight-stack-machines": gettext_lazy("weight machines"),
    "bodyweight-equipment": gettext_lazy("bodyweight equipment"),
    "log-bar": gettext_lazy("log bars"),
}
OWNERS = {
    "city": gettext_lazy("the municipality"),
    "city-main-owner": gettext_lazy("mainly the municipality"),
    "municipal-consortium": gettext_lazy("a joint municipal authority"),
    "registered-association": gettext_lazy("an association"),
    "company-ltd": gettext_lazy("a company"),
    "foundation": gettext_lazy("a foundation"),
    "state": gettext_lazy("the state"),
}
# Yes-or-no facts: shown when the place has it.
HAS = {
    "free-use?": gettext_lazy("Free to use"),
    "toilet?": gettext_lazy("Toilet"),
    "parking-place?": gettext_lazy("Parking"),
    "playground?": gettext_lazy("Playground"),
    "sauna?": gettext_lazy("Sauna"),
    "shower?": gettext_lazy("Showers"),
    "changing-rooms?": gettext_lazy("Changing rooms"),
    "pier?": gettext_lazy("Pier"),
    "ski-track-traditional?": gettext_lazy("Classic ski track"),
    "ski-track-freestyle?": gettext_lazy("Skating ski track"),
    "year-round-use?": gettext_lazy("Open all year"),
}


@cache
def place_types():
    """{type code (text): {"group", "class", "name": {fi, sv, en}, "words": {…}}}: the LIPAS
    types the guide shows (data/lipas_types.json)."""
    return json.loads(TYPES_FILE.read_text(encoding="utf-8"))["types"]


def type_name(code, language):
    spec = place_types().get(str(code))
    return spec["name"].get(language) or spec["name"]["fi"] if spec else ""


def types_of(services):
    """{service id: LIPAS type code} of the places among ``services`` (ids, services or a
    queryset), from their place channels: one query, none for no services."""
    if isinstance(services, (list, tuple, set)) and not services:
        return {}
    return dict(
        ServiceChannel.objects.filter(service_links__service__in=services)
        .exclude(place_type="")
        .values_list("service_links__service", "place_type")
    )


def group_of(code):
    spec = place_types().get(str(code))
    return spec["group"] if spec else ""


def _number(value):
    """A stored number in the reader's notation (2.4 → "2,4" in Finnish and Swedish)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return number_format(number, decimal_pos=1 if number % 1 else 0)


def fact_lines(facts):
    """What a place's page says of its stored facts: [(label, value)], in a fixed order;
    values the page cannot name are left out."""
    lines = []
    length = _number(facts.get("route-length-km"))
    if length:
        lines.append((pgettext("route", "Length"), _("%(km)s km") % {"km": length}))
    lit = _number(facts.get("lit-route-length-km"))
    if facts.get("ligthing?") == "true" or (lit and lit != "0"):
        lit_text = _("%(km)s km lit") % {"km": lit} if lit and lit != "0" else _("Yes")
        lines.append((_("Lighting"), lit_text))
    elif facts.get("ligthing?") == "false":
        lines.append((_("Lighting"), _("No")))
    surfaces = [
        str(SURFACES[v]) for v in facts.get("surface-material", "").split(",") if v in SURFACES
    ]
    if surfaces:
        lines.append((_("Surface"), ", ".join(surfaces)))
    structures = [
        str(STRUCTURES[v])
        for v in facts.get("outdoor-exercise-structures", "").split(",")
        if v in STRUCTURES
    ]
    if structures:
        lines.append((_("Equipment"), ", ".join(structures)))
    machines = _number(facts.get("exercise-machines-count"))
    if machines and machines != "0":
        lines.append((_("Exercise machines"), machines))
    beach = _number(facts.get("beach-length-m"))
    if beach:
        lines.append((_("Beach length"), _("%(m)s m") % {"m": beach}))
    pools = _number(facts.get("swimming-pool-count"))
    if pools and pools != "0":
        lines.append((_("Pools"), pools))
    has = [str(label) for key, label in HAS.items() if facts.get(key) == "true"]
    if has:
        lines.append((_("On site"), ", ".join(has)))
    owner = facts.get("owner")
    if owner in OWNERS:
        lines.append((pgettext("place", "Owner"), str(OWNERS[owner])))
    return lines


@dataclass(frozen=True)
class Outcome:
    paired: int
    unpaired: int
    changed: int

    def __str__(self):
        return f"{self.paired} paired, {self.unpaired} unpaired, {self.changed} changed"


def stems(*names, ignore=frozenset()):
    """The word starts of the names that say what a place is: words of STEM letters or more,
    not digits, and not the municipality's name ("Vaasan uimahalli" and "Kirjasto – Vaasa"
    share only the town)."""
    return {
        word[:STEM]
        for name in names
        for word in WORD.findall((name or "").casefold())
        if len(word) >= STEM and not word.isdigit()
    } - ignore


def place_names():
    """The stems of the municipalities' names in every language."""
    return frozenset(
        stems(
            *(n for names in Municipality.objects.values_list(*field_names("name")) for n in names)
        )
    )


def _cell(lat, lon):
    return int(lat // CELL), int(lon // (2 * CELL))


def _near(grid, lat, lon):
    row, col = _cell(lat, lon)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            yield from grid.get((row + dr, col + dc), ())


def match(channel, grid, by_id, ignore=frozenset()):
    """The LIPAS place ``channel`` is, or None. ``channel``: (pk, same_as, lat, lon, names)."""
    _pk, same_as, lat, lon, names = channel
    if same_as.startswith(f"{LIPAS}:"):
        found = by_id.get(same_as.split(":", 1)[1])
        if found is not None:
            return found[0]
    if lat is None or lon is None:
        return None
    words = stems(*names, ignore=ignore)
    best = None
    for place_pk, place_lat, place_lon, place_stems in _near(grid, lat, lon):
        metres = distance_m(lat, lon, place_lat, place_lon)
        named = bool(words & place_stems)
        if (named and metres <= NEAR_M) or metres <= SAME_SPOT_M:
            rank = (not named, metres)
            if best is None or rank < best[0]:
                best = (rank, place_pk)
    return best[1] if best else None


def pair():
    """Point every place channel of the other sources at the LIPAS place it is (or at none);
    returns an Outcome."""
    name_fields = field_names("name")
    places = ServiceChannel.objects.filter(
        source=LIPAS, is_active=True, channel_type=ServiceChannel.Type.PLACE
    ).values_list("pk", "external_id", "latitude", "longitude", *name_fields)
    grid, by_id, ignore = {}, {}, place_names()
    for pk, external_id, lat, lon, *names in places:
        by_id[external_id.removeprefix("lipas-")] = (pk,)
        if lat is not None and lon is not None:
            grid.setdefault(_cell(lat, lon), []).append(
                (pk, lat, lon, stems(*names, ignore=ignore))
            )
    others = ServiceChannel.objects.exclude(source=LIPAS).filter(
        channel_type=ServiceChannel.Type.PLACE
    )
    changed, paired, unpaired = [], 0, 0
    # Streamed: a national catalogue has some 10^5 places, which need not all be in memory.
    for pk, same_as, lat, lon, current, *names in others.values_list(
        "pk", "same_as", "latitude", "longitude", "same_place_id", *name_fields
    ).iterator(chunk_size=2000):
        found = match((pk, same_as, lat, lon, names), grid, by_id, ignore) if by_id else None
        paired, unpaired = paired + (found is not None), unpaired + (found is None)
        if found != current:
            changed.append(ServiceChannel(pk=pk, same_place_id=found))
    with transaction.atomic():
        ServiceChannel.objects.bulk_update(changed, ["same_place"], batch_size=500)
    return Outcome(paired=paired, unpaired=unpaired, changed=len(changed))


def services_at(place):
    """The public services held at a place: those of the channels paired with it, and the
    place's own, in name order; a LIPAS place's own service (the place itself) left out."""
    channels = [place.pk, *place.also_listed_as.values_list("pk", flat=True)]
    return (
        Service.objects.filter(
            channel_links__channel_id__in=channels,
            is_active=True,
            duplicate_of__isnull=True,
            search__is_public=True,
        )
        .exclude(kind=Service.Kind.PLACE)
        .distinct()
        .order_by(field_names("name")[0])
    )


def place_of(service):
    """The LIPAS place a service's own places are paired with, or None."""
    return (
        ServiceChannel.objects.filter(
            also_listed_as__service_links__service=service, source=LIPAS, is_active=True
        )
        .order_by("pk")
        .first()
    )
