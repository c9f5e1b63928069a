"""LIPAS sports and recreation places (API V2): parsing into the normalised records, and
fetching.

One sports site (``{"lipas-id", "status", "type": {"type-code"}, "location", …}``,
../shared/reference/lipas.md) becomes:
- a ServiceRecord (source ``lipas``, kind ``place``, external id the lipas-id): fi/sv/en
  names (``name`` is the Finnish one, ``name-localized.se`` the Swedish), the Luontoon.fi
  texts where the site has them, the PTV service class LIPAS exports its type under (so the
  theme follows from the class, as for PTV services) and the type code (``lipas_type``);
- a ChannelRecord (a place) with the address, one point, the geometry for the map, the
  contacts, accessibility and the facts a visitor asks about (route length and lighting,
  surface, toilets, owner…).

Where the place is: a point is the point; a route (LineString segments) is its first
segment's start, with its length from ``route-length-km`` (else measured on the ellipsoid);
an area is the centroid of its largest polygon, worked out in ETRS-TM35FIN. Coordinates
arrive as WGS84 ``[lon, lat]``; a coordinate outside Finland is dropped, not the site.

Only the types in ``ptv_sync/sources/lipas_types.json`` are asked for and read; another type
code is an error naming the site."""

import json
import math
import re
from functools import cache

from pyproj import Geod

from catalogue.places import place_types
from core.text import plain, sanitise_html

from ..geo import tm35fin_to_wgs84, wgs84_to_tm35fin
from ..http import BadResponse
from ..records import (
    LANGUAGES,
    AccessibilityRecord,
    AddressRecord,
    Area,
    ChannelRecord,
    EmailRecord,
    LinkRecord,
    LText,
    Pending,
    PhoneRecord,
    RecordError,
    ServiceRecord,
    SourceAnomaly,
    raw_digest,
)
from .common import as_dict, as_list, email_address, normalise_phone, parse_timestamp, web_url

SOURCE = "lipas"
PAGE_SIZE = 100
MAX_PAGES = 10_000
# Shown: active, and temporarily out of service (said on its page). Not shown: planned,
# gone for good, or marked wrong. Every status is asked for, so that a change is seen.
SHOWN = {"active", "out-of-service-temporarily"}
NOT_SHOWN = {"planning", "planned", "out-of-service-permanently", "incorrect-data"}
STATUSES = (*sorted(SHOWN), *sorted(NOT_SHOWN))
# Finland with a margin, WGS84.
LON_RANGE, LAT_RANGE = (19.0, 32.0), (59.0, 70.5)
MAX_POINTS = 5_000  # of a stored geometry; a bigger one keeps only its point
ACCESSIBLE = {"accessible", "advanced-accessible"}
OWNERS = {
    "city",
    "registered-association",
    "company-ltd",
    "city-main-owner",
    "municipal-consortium",
    "foundation",
    "state",
    "other",
    "unknown",
}
# Facts kept from ``properties``: key → kind of value.
FACTS = {
    "route-length-km": "number",
    "lit-route-length-km": "number",
    "ligthing?": "bool",  # sic: the source's spelling
    "surface-material": "enum-coll",
    "free-use?": "bool",
    "toilet?": "bool",
    "parking-place?": "bool",
    "playground?": "bool",
    "sauna?": "bool",
    "shower?": "bool",
    "changing-rooms?": "bool",
    "pier?": "bool",
    "beach-length-m": "number",
    "swimming-pool-count": "number",
    "exercise-machines-count": "number",
    "fitness-stairs-length-m": "number",
    "outdoor-exercise-structures": "enum-coll",
    "ski-track-traditional?": "bool",
    "ski-track-freestyle?": "bool",
    "year-round-use?": "bool",
    "water-point": "enum",
    "area-km2": "number",
    "rest-places-count": "number",
}
ENUM_VALUES = {
    "surface-material": {
        "asphalt",
        "gravel",
        "natural-surface",
        "soil",
        "woodchips",
        "sand",
        "grass",
        "artificial-turf",
        "sand-infilled-artificial-turf",
        "wood",
        "concrete",
        "stone",
        "rock-dust",
        "brick-crush",
        "sawdust",
        "synthetic",
        "fiberglass",
        "textile",
        "ceramic",
        "carpet",
        "metal",
        "deinked-pulp",
        "resin",
        "water",
    },
    "outdoor-exercise-structures": {
        "fitness-stairs",
        "weight-stack-machines",
        "bodyweight-equipment",
        "log-bar",
    },
    "water-point": {"year-round", "seasonal"},
}
MAX_NUMBER = 1_000_000
GEOD = Geod(ellps="GRS80")


@cache
def types():
    """{type code (int): {"group", "class", "name": {fi, sv, en}, "words": {…}}}: the types
    the guide shows (catalogue.places)."""
    return {int(code): spec for code, spec in place_types().items()}


def type_codes():
    return sorted(types())


def key_of(obj):
    """The lipas-id as text, or "" (an integer ≥ 1; a boolean is not one)."""
    value = as_dict(obj).get("lipas-id")
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < 10**12:
        return ""
    return str(value)


def channel_id(key):
    """The place channel's external id: the lipas-id, marked as LIPAS's (channel lookups by
    external id span sources, and other sources' ids may be numbers too)."""
    return f"lipas-{key}"


def is_site(obj):
    return isinstance(obj, dict) and bool(key_of(obj)) and "type" in obj and "location" in obj


# --- geometry ---------------------------------------------------------------------------------


def _position(value):
    """A WGS84 [lon, lat] (altitude dropped) inside Finland, rounded, or None."""
    if not isinstance(value, list) or len(value) < 2:
        return None
    lon, lat = value[0], value[1]
    if any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in (lon, lat)):
        return None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    if not (LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]):
        return None
    return (round(float(lon), 6), round(float(lat), 6))


def _line(coordinates):
    line = [_position(p) for p in as_list(coordinates)]
    return tuple(line) if line and all(line) and len(line) >= 2 else None


def _ring(coordinates):
    ring = _line(coordinates)
    if ring is None or len(ring) < 4 or ring[0] != ring[-1]:
        return None
    return ring


def _geometries(location):
    """(points, lines, polygons) of the site's FeatureCollection; parts that are not valid
    GeoJSON in Finland are left out."""
    points, lines, polygons = [], [], []
    collection = as_dict(as_dict(location).get("geometries"))
    for feature in as_list(collection.get("features")):
        geometry = as_dict(as_dict(feature).get("geometry"))
        kind, coordinates = geometry.get("type"), geometry.get("coordinates")
        if kind == "Point":
            point = _position(coordinates)
            if point:
                points.append(point)
        elif kind == "LineString":
            line = _line(coordinates)
            if line:
                lines.append(line)
        elif kind == "Polygon":
            rings = [_ring(r) for r in as_list(coordinates)]
            if rings and all(rings):
                polygons.append(tuple(rings))
    return points, lines, polygons


def _centroid(ring):
    """The centroid of a closed ring, computed in TM35FIN metres: (lon, lat, area in m²)."""
    xy = [wgs84_to_tm35fin(lat, lon) for lon, lat in ring]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(xy, xy[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    x, y = (cx / (3 * area), cy / (3 * area)) if abs(area) > 1e-6 else xy[0]
    lat, lon = tm35fin_to_wgs84(x, y) or (ring[0][1], ring[0][0])
    return lon, lat, abs(area) / 2


def where(location):
    """((lat, lon) or None, length in km of the lines or None, stored geometry as JSON text)."""
    points, lines, polygons = _geometries(location)
    if polygons:
        best = max((_centroid(rings[0]) for rings in polygons), key=lambda c: c[2])
        point = (best[1], best[0])
        geometry = {
            "type": "MultiPolygon",
            "coordinates": [[list(map(list, r)) for r in rings] for rings in polygons],
        }
    elif lines:
        point = (lines[0][0][1], lines[0][0][0])
        geometry = {"type": "MultiLineString", "coordinates": [list(map(list, ln)) for ln in lines]}
    elif points:
        point = (points[0][1], points[0][0])
        geometry = {"type": "MultiPoint", "coordinates": [list(p) for p in points]}
    else:
        return None, None, ""
    length = None
    if lines:
        metres = sum(GEOD.line_length([p[0] for p in ln], [p[1] for p in ln]) for ln in lines)
        length = round(metres / 1000, 2)
    count = sum(len(ln) for ln in lines) + sum(len(r) for rs in polygons for r in rs)
    if count > MAX_POINTS:
        return point, length, ""
    return point, length, json.dumps(geometry, separators=(",", ":"))


# --- texts and facts --------------------------------------------------------------------------


def _text(value, limit=2000):
    return plain(value)[:limit] if isinstance(value, str) else ""


def names(obj):
    """LText of the site's names: ``name`` is Finnish; ``name-localized`` has ``se`` and ``en``
    (trimmed: some English names end in spaces). A missing one is the Finnish name, as LIPAS's
    own PTV export does."""
    fi = _text(obj.get("name"), 100).strip()
    localized = as_dict(obj.get("name-localized"))
    sv = _text(localized.get("se"), 100).strip()
    en = _text(localized.get("en"), 100).strip()
    return LText(fi=fi, sv=sv or fi, en=en or fi)


def _block(obj):
    """The first active Luontoon.fi block of ``activities``, or {}."""
    for block in as_dict(obj.get("activities")).values():
        block = as_dict(block)
        if block.get("status") == "active":
            return block
    return {}


def _ltext(value, convert):
    value = as_dict(value)
    return LText(**{lang: convert(value.get("se" if lang == "sv" else lang)) for lang in LANGUAGES})


def _html(value):
    return sanitise_html(value) if isinstance(value, str) else ""


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not math.isfinite(value) or not 0 <= value <= MAX_NUMBER:
        return None
    return value


def facts(obj, length):
    """(key, value) pairs a visitor asks about, each value checked against its kind; a bad
    value is left out."""
    properties = as_dict(obj.get("properties"))
    found = {}
    for key, kind in FACTS.items():
        value = properties.get(key)
        if kind == "number":
            number = _number(value)
            if number is not None:
                found[key] = f"{number:g}"
        elif kind == "bool":
            if isinstance(value, bool):
                found[key] = "true" if value else "false"
        elif kind == "enum":
            if isinstance(value, str) and value in ENUM_VALUES[key]:
                found[key] = value
        else:
            values = sorted({v for v in as_list(value) if isinstance(v, str)} & ENUM_VALUES[key])
            if values:
                found[key] = ",".join(values)
    if "route-length-km" not in found and length:
        found["route-length-km"] = f"{length:g}"
    owner = obj.get("owner")
    if isinstance(owner, str) and owner in OWNERS:
        found["owner"] = owner
    if obj.get("status") == "out-of-service-temporarily":
        found["status"] = "out-of-service-temporarily"
    year = obj.get("construction-year")
    if not isinstance(year, bool) and isinstance(year, int) and 1800 <= year <= 2100:
        found["construction-year"] = str(year)
    return tuple(sorted(found.items()))


def _accessibility(obj, block):
    routes = [as_dict(r) for r in as_list(block.get("routes"))]
    accessible = any(r.get("accessibility-classification") in ACCESSIBLE for r in routes)
    text = _ltext(block.get("accessibility"), _text)
    return AccessibilityRecord(
        sentences=((LText(), (text,)),) if text else (),
        features=("wheelchair",) if accessible else (),
    )


def _links(obj):
    links = set()
    www = _www(obj.get("www"))
    if www:
        links.add(LinkRecord(kind="page", url=www))
    info = web_url(as_dict(obj.get("properties")).get("accessibility-info"))
    if info:
        links.add(LinkRecord(kind="accessibility", url=info))
    return tuple(sorted(links, key=lambda link: (link.kind, link.url)))


def _www(value):
    """``www`` is free text, not always a URL: "www.x.fi" gets https://."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if value and "://" not in value and re.fullmatch(r"[\w.-]+\.[a-z]{2,}(/\S*)?", value):
        value = "https://" + value
    return web_url(value)


# --- parsing ----------------------------------------------------------------------------------


def _common(obj):
    obj = as_dict(obj)
    key = key_of(obj)
    if not key:
        raise RecordError("", "sports site without a lipas-id", "service")
    code = as_dict(obj.get("type")).get("type-code")
    if isinstance(code, bool) or code not in types():
        raise RecordError(key, f"type code {str(code)[:20]} is not one the guide shows", "service")
    status = obj.get("status")
    if status not in SHOWN and status not in NOT_SHOWN:
        raise RecordError(key, f"unknown status {str(status)[:40]!r}", "service")
    name = names(obj)
    if not name.fi:
        raise RecordError(key, "sports site has no name", "service")
    location = as_dict(obj.get("location"))
    city = as_dict(location.get("city")).get("city-code")
    municipality = ""
    if not isinstance(city, bool) and isinstance(city, int) and 1 <= city <= 999:
        municipality = f"{city:03d}"
    return obj, key, code, status, name, location, municipality


def parse_channel(obj):
    obj, key, code, status, name, location, municipality = _common(obj)
    point, length, geometry = where(location)
    postal = location.get("postal-code")
    block = _block(obj)
    street = _text(location.get("address"), 200)
    address = AddressRecord(
        kind="visiting",
        street=LText(fi=street, sv=street),
        postal_code=postal if isinstance(postal, str) and re.fullmatch(r"\d{5}", postal) else "",
        post_office=LText(fi=_text(location.get("postal-office"), 100)),
        municipality_code=municipality,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        info=_ltext(block.get("arrival"), _text),
    )
    phone = (
        normalise_phone(obj.get("phone-number")) if isinstance(obj.get("phone-number"), str) else ""
    )
    email = email_address(obj.get("email"))
    summary = _ltext(block.get("description-short"), _text)
    return ChannelRecord(
        source=SOURCE,
        external_id=channel_id(key),
        channel_type="place",
        name=name,
        summary=summary,
        description=_ltext(block.get("description-long"), _html),
        area=Area(municipalities=(municipality,) if municipality else ()),
        addresses=(address,) if (street or point or municipality) else (),
        phones=(PhoneRecord(number=phone),) if phone else (),
        emails=(EmailRecord(address=email),) if email else (),
        links=_links(obj),
        accessibility=_accessibility(obj, block),
        place_type=str(code),
        geometry=geometry,
        facts=facts(obj, length),
        active=status in SHOWN,
        source_modified=_modified(obj),
    )


def parse_site(obj):
    obj, key, code, status, name, location, municipality = _common(obj)
    spec = types()[code]
    block = _block(obj)
    summary = _ltext(block.get("description-short"), _text)
    if not summary:
        # What it is and where: "Luontopolku, Närpiö" reads as a summary and is searched.
        summary = LText(**{lang: spec["name"][lang] for lang in LANGUAGES})
    free = as_dict(obj.get("properties")).get("free-use?")
    return ServiceRecord(
        source=SOURCE,
        external_id=key,
        name=name,
        summary=summary,
        description=_ltext(block.get("description-long"), _html),
        user_instructions=_ltext(block.get("arrival"), _html),
        service_kind="place",
        charge_type="free" if free is True else "",
        # A trail has no language of service: the language filter is about services.
        service_languages=(),
        area=Area(municipalities=(municipality,) if municipality else ()),
        service_classes=(spec["class"],),
        channel_refs=(channel_id(key),),
        source_codes=(("lipas_type", str(code)),),
        active=status in SHOWN,
        source_modified=_modified(obj),
    )


def _modified(obj):
    try:
        return parse_timestamp(obj.get("event-date"))
    except RecordError:
        return None  # a bad timestamp is not a reason to skip the place


def pending(obj):
    """The Pending items of one sports site (its place, then its service), or None when the
    object is not a sports site."""
    if not is_site(obj):
        return None
    key = key_of(obj)
    digest = raw_digest(obj)
    return [
        Pending("channel", SOURCE, channel_id(key), digest, parse_channel, obj),
        Pending("service", SOURCE, key, digest, parse_site, obj),
    ]


# --- fetching ---------------------------------------------------------------------------------


class LipasSource:
    """Reads ``/v2/sports-sites`` for the scope's municipalities and the guide's type codes,
    every status, page by page. V2 has no change feed and no sort order, so items are deduped
    on the lipas-id; a page that repeats the previous ones, or an empty page before the last,
    ends the run as partial instead of looping."""

    name = "lipas"

    def __init__(self, client, municipalities, page_size=PAGE_SIZE):
        self.client = client
        self.municipalities = sorted({int(code) for code in municipalities if code.isdigit()})
        self.page_size = page_size

    def sites(self):
        seen, page, total_pages = set(), 1, None
        params = {
            "page-size": self.page_size,
            "statuses": ",".join(STATUSES),
            "city-codes": ",".join(map(str, self.municipalities)),
            "type-codes": ",".join(map(str, type_codes())),
        }
        while page <= MAX_PAGES:
            data = self.client.get_json("v2/sports-sites", {**params, "page": page})
            if not isinstance(data, dict) or not isinstance(data.get("items"), list):
                raise BadResponse(f"sports-sites page {page} is not a LIPAS page")
            pagination = as_dict(data.get("pagination"))
            pages = pagination.get("total-pages")
            if not isinstance(pages, int) or isinstance(pages, bool) or pages < 0:
                raise BadResponse(f"sports-sites page {page} has no total-pages")
            total_pages = pages if total_pages is None else total_pages
            items = data["items"]
            keys = {key_of(item) for item in items} - {""}
            if not items and page <= total_pages and total_pages:
                yield SourceAnomaly(
                    f"sports-sites: page {page} of {total_pages} was empty; stopped"
                )
                return
            if items and keys and keys <= seen:
                yield SourceAnomaly(f"sports-sites: page {page} repeats earlier sites; stopped")
                return
            for item in items:
                item_key = key_of(item)
                if item_key and item_key in seen:
                    continue  # no sort order: a site can come twice
                seen.add(item_key)
                yield item
            if page >= total_pages:
                return
            page += 1
        yield SourceAnomaly(f"sports-sites: stopped after {MAX_PAGES} pages")

    def records(self):
        for item in self.sites():
            if isinstance(item, SourceAnomaly):
                yield item
                continue
            found = pending(item)
            if found is None:
                yield RecordError(
                    key_of(item),
                    "the source answered something that is not a sports site",
                    "service",
                )
                continue
            yield from found
