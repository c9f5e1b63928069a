"""Coordinates: PTV sends EPSG:3067 (ETRS-TM35FIN); the catalogue stores WGS84."""

from functools import cache

from pyproj import Transformer

# Finland's extent in TM35FIN (PTV's own request-side limits).
EASTING_RANGE = (43_500, 765_000)
NORTHING_RANGE = (6_522_000, 7_796_000)


@cache
def _to_wgs84():
    return Transformer.from_crs("EPSG:3067", "EPSG:4326", always_xy=True)


@cache
def _from_wgs84():
    return Transformer.from_crs("EPSG:4326", "EPSG:3067", always_xy=True)


def tm35fin_to_wgs84(easting, northing):
    """(easting, northing) in metres → (latitude, longitude) rounded to 6 decimals (~0.1 m),
    or None when the values are missing or outside Finland."""
    try:
        easting, northing = float(easting), float(northing)
    except (TypeError, ValueError):
        return None
    if not (
        EASTING_RANGE[0] <= easting <= EASTING_RANGE[1]
        and NORTHING_RANGE[0] <= northing <= NORTHING_RANGE[1]
    ):
        return None
    lon, lat = _to_wgs84().transform(easting, northing)
    return round(lat, 6), round(lon, 6)


def wgs84_to_tm35fin(latitude, longitude):
    easting, northing = _from_wgs84().transform(longitude, latitude)
    return easting, northing
