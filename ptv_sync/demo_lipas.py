"""The demo LIPAS sports and recreation places: sites in the 14 municipalities, written by the
project in the LIPAS API V2 list shape (../shared/reference/lipas.md: ``{items,
pagination}``, kebab-case keys, ``name-localized.se``, WGS84 ``[lon, lat]``). ``build()``
returns the pages; ``write()`` writes them to ``ptv_sync/demo_payloads/lipas/``, which
load_demo imports with ``sync_catalogue --source lipas --from-dir``.

Swimming halls and some sports halls are also PTV service locations in the demo PTV data
(the "Uimahalli – Vaasa" channels), a few tens of metres away under another name, so the
catalogue shows how a LIPAS place and a PTV place become one place. Names, streets and web
addresses are invented (under example.fi); municipality names and codes are real; the
coordinates are near each municipality's centre, not where real places are.
"""

import math
import zlib

from .demo_catalogue import BY_CODE, DEMO_DIR, jitter, write_payloads

PAGE_SIZE = 100

# Finnish genitive of each municipality, for names such as "Vaasan uimahalli".
GENITIVE = {
    "905": "Vaasan",
    "499": "Mustasaaren",
    "545": "Närpiön",
    "287": "Kristiinankaupungin",
    "231": "Kaskisten",
    "280": "Korsnäsin",
    "288": "Kruunupyyn",
    "399": "Laihian",
    "440": "Luodon",
    "475": "Maalahden",
    "598": "Pietarsaaren",
    "599": "Pedersören",
    "893": "Uusikaarlepyyn",
    "946": "Vöyrin",
}

# kind: (type code, fi name, sv name, en name, street fi/sv, municipalities, extra properties)
KINDS = {
    "uimahalli": (
        3110,
        "{g} uimahalli",
        "{sv} simhall",
        "{en} swimming hall",
        "Uimahallintie",
        ["905", "545", "598", "287", "893", "399", "499"],
        {"swimming-pool-count": 3, "pool-water-area-m2": 520, "sauna?": True},
    ),
    "liikuntahalli": (
        2210,
        "{g} liikuntahalli",
        "{sv} idrottshall",
        "{en} sports hall",
        "Urheilutie",
        ["545", "287", "905"],
        {"area-m2": 1800},
    ),
    "luontopolku": (
        4404,
        "{g} luontopolku",
        "{sv} naturstig",
        "{en} nature trail",
        "Metsätie",
        ["545", "280", "475", "440", "946", "231"],
        {
            "route-length-km": 2.4,
            "surface-material": ["natural-surface", "wood"],
            "rest-places-count": 2,
            "free-use?": True,
            "ligthing?": False,
        },
    ),
    "kuntorata": (
        4401,
        "{g} kuntorata",
        "{sv} motionsbana",
        "{en} jogging track",
        "Kuntoradantie",
        ["905", "599", "288", "399"],
        {
            "route-length-km": 3.1,
            "lit-route-length-km": 3.1,
            "ligthing?": True,
            "surface-material": ["sawdust", "gravel"],
            "free-use?": True,
            "outdoor-exercise-machines?": True,
        },
    ),
    "laavu": (
        301,
        "{g} laavu",
        "{sv} vindskydd",
        "{en} lean-to",
        "Rantapolku",
        ["545", "440", "599", "893", "946"],
        {"free-use?": True, "toilet?": True},
    ),
    "uimaranta": (
        3220,
        "{g} uimaranta",
        "{sv} badstrand",
        "{en} public beach",
        "Rantatie",
        ["905", "499", "287", "231", "475", "598"],
        {"beach-length-m": 120, "toilet?": True, "changing-rooms?": True, "free-use?": True},
    ),
    "ulkokuntoilu": (
        1130,
        "{g} ulkokuntoilupaikka",
        "{sv} utegym",
        "{en} outdoor gym",
        "Puistotie",
        ["905", "598", "288", "280"],
        {
            "outdoor-exercise-structures": ["weight-stack-machines", "bodyweight-equipment"],
            "exercise-machines-count": 8,
            "free-use?": True,
        },
    ),
    "ulkoilualue": (
        103,
        "{g} ulkoilualue",
        "{sv} friluftsområde",
        "{en} outdoor area",
        "Ulkoilutie",
        ["499", "946", "893"],
        {"area-km2": 0.8, "parking-place?": True, "free-use?": True},
    ),
    "tulentekopaikka": (
        206,
        "{g} tulentekopaikka",
        "{sv} eldplats",
        "{en} campfire site",
        "Nuotiotie",
        ["475", "231"],
        {"free-use?": True},
    ),
}

# (kind, municipality) of the pairs shown in PTV too: placed near the PTV demo's venue.
PTV_VENUES = {"uimahalli": "uimahalli", "liikuntahalli": "urheilutalo"}
# Sites whose LIPAS record says they are gone or wrong: imported as not shown.
GONE = {("kuntorata", "288"): "out-of-service-permanently", ("laavu", "893"): "incorrect-data"}
ACCESSIBLE = {("uimahalli", "905"), ("uimahalli", "545"), ("luontopolku", "545")}


def lipas_id(kind, code):
    return 600_000 + zlib.crc32(f"{kind}/{code}".encode()) % 300_000


def _point(kind, code):
    """[lon, lat] of the site: by a PTV venue of the same place about 35 m away, else a spot
    near the municipality's centre."""
    _code, _fi, _sv, _postal, _po_fi, _po_sv, lat, lon, _svm = BY_CODE[code]
    if kind in PTV_VENUES:
        dlat, dlon = jitter(PTV_VENUES[kind], code)
        return [round(lon + dlon + 0.0004, 6), round(lat + dlat + 0.0002, 6)]
    dlat, dlon = jitter("lipas", kind, code)
    return [round(lon + dlon * 4, 6), round(lat + dlat * 4, 6)]


def _geometry(kind, type_code, start):
    """A FeatureCollection of the type's geometry: a point, a route of two segments, or an
    area with a closed ring."""
    lon, lat = start
    if type_code // 100 in (44,):  # routes: LineString segments split at a junction
        turn = zlib.crc32(kind.encode()) % 7 / 10
        first = [[lon, lat], [lon + 0.004, lat + 0.002], [lon + 0.008, lat + 0.001 + turn / 1000]]
        second = [first[-1], [lon + 0.010, lat - 0.004], [lon + 0.002, lat - 0.003]]
        features = [
            {
                "type": "Feature",
                "id": f"{kind}-segment-{n}",
                "properties": {"name": "", "type-code": type_code},
                "geometry": {"type": "LineString", "coordinates": [list(map(_r, p)) for p in line]},
            }
            for n, line in enumerate((first, second), start=1)
        ]
    elif type_code < 200:  # areas
        ring = [
            [lon, lat],
            [lon + 0.012, lat],
            [lon + 0.014, lat + 0.006],
            [lon + 0.002, lat + 0.007],
            [lon, lat],
        ]
        features = [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [[list(map(_r, p)) for p in ring]]},
            }
        ]
    else:
        features = [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": start},
            }
        ]
    return {"type": "FeatureCollection", "features": features}


def _r(value):
    return round(value, 6)


def site(kind, code):
    type_code, fi, sv, en, street, _municipalities, properties = KINDS[kind]
    _c, m_fi, m_sv, postal, po_fi, _po_sv, _lat, _lon, _svm = BY_CODE[code]
    key = lipas_id(kind, code)
    start = _point(kind, code)
    en_place = m_fi if m_fi == m_sv else f"{m_fi}"
    properties = dict(properties)
    if (kind, code) in ACCESSIBLE:
        properties["accessibility-info"] = f"https://www.example.fi/{code}/esteettomyys/{kind}"
    data = {
        "lipas-id": key,
        "status": GONE.get((kind, code), "active"),
        "event-date": f"2026-0{1 + key % 9}-1{key % 10}T08:15:00.000Z",
        "admin": "city-sports" if type_code >= 1000 else "city-technical-services",
        "owner": "city",
        "name": fi.format(g=GENITIVE[code]),
        "name-localized": {
            "se": sv.format(sv=m_sv),
            "en": en.format(en=en_place) + ("  " if kind == "laavu" else ""),
        },
        "construction-year": 1970 + key % 50,
        "renovation-years": [2015 + key % 10],
        "type": {"type-code": type_code},
        "location": {
            "city": {"city-code": int(code), "neighborhood": "Keskusta"},
            "address": f"{street} {1 + key % 30}",
            "postal-code": postal,
            "postal-office": po_fi,
            "geometries": _geometry(kind, type_code, start),
        },
        "properties": properties,
        "www": f"www.example.fi/{code}/liikuntapaikat/{kind}",
        "email": f"liikunta.{code}@example.fi",
        "phone-number": f"06 {320 + key % 600} {1000 + key % 9000}",
        "comment": "Ylläpito: kunnan liikuntatoimi.",
    }
    if type_code // 100 == 44:
        data["activities"] = {
            "outdoor-recreation-routes": {
                "status": "active",
                "description-short": {
                    "fi": "Merkitty reitti lähiluonnossa, lähtö pysäköintipaikalta.",
                    "se": "Märkt led i den närliggande naturen, start vid parkeringen.",
                    "en": "A marked route in nearby nature, starting at the car park.",
                },
                "arrival": {
                    "fi": "Pysäköintipaikka reitin alussa. Lähin bussipysäkki 400 metrin päässä.",
                    "se": "Parkering vid ledens början. Närmaste busshållplats 400 meter bort.",
                },
                **(
                    {
                        "accessibility": {
                            "fi": "Ensimmäinen kilometri on kivituhkaa ja pyörätuolilla "
                            "kuljettava; levähdyspaikalla on esteetön kuivakäymälä.",
                            "se": "Den första kilometern har stenmjöl och går att ta sig fram "
                            "med rullstol; vid rastplatsen finns en tillgänglig torrtoalett.",
                        }
                    }
                    if (kind, code) in ACCESSIBLE
                    else {}
                ),
                "routes": [
                    {
                        "id": f"00000000-0000-4000-8000-{key:012d}",
                        "route-name": {"fi": fi.format(g=GENITIVE[code]), "se": sv.format(sv=m_sv)},
                        "fids": [f"{kind}-segment-1", f"{kind}-segment-2"],
                        "route-length-km": properties.get("route-length-km"),
                        "accessibility-classification": "accessible"
                        if (kind, code) in ACCESSIBLE
                        else "unknown",
                    }
                ],
            }
        }
    if type_code < 200:
        data["activities"] = {
            "outdoor-recreation-areas": {
                "status": "active",
                "description-short": {
                    "fi": "Metsäinen ulkoilualue polkuineen ja taukopaikkoineen.",
                    "se": "Ett skogigt friluftsområde med stigar och rastplatser.",
                },
            }
        }
    return data


def build():
    """{relative file name: payload}: one V2 list page per municipality."""
    by_municipality = {}
    for kind, spec in KINDS.items():
        for code in spec[5]:
            by_municipality.setdefault(code, []).append(site(kind, code))
    files = {}
    for code, items in sorted(by_municipality.items()):
        items.sort(key=lambda item: item["lipas-id"])
        files[f"sports-sites-{code}.json"] = {
            "items": items,
            "pagination": {
                "current-page": 1,
                "page-size": PAGE_SIZE,
                "total-items": len(items),
                "total-pages": math.ceil(len(items) / PAGE_SIZE),
            },
        }
    return files


def write(folder=DEMO_DIR / "lipas"):
    return write_payloads(folder, build())
