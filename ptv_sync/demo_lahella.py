"""The demo Lähellä.fi activities: associations' activities in Pohjanmaa, written by the
project in Lähellä.fi's real shape (../shared/reference/lahella.md). ``build()`` returns the
export files; ``write()`` writes them to ``ptv_sync/demo_payloads/lahella/``, which
load_demo imports with ``sync_catalogue --source lahella --from-dir``.

Some activities exist in the demo PTV data too, as Lähellä.fi pushed them there: the
omaishoitajat groups (PTV links to the activity) and the walking groups (same association,
same name), so the catalogue shows how duplicates become one entry. Associations, addresses
and web addresses are invented (under example.fi); municipality names and codes are real.
"""

import zlib
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from . import payloads as p
from .demo_catalogue import (
    BY_CODE,
    DEMO_DIR,
    NGOS,
    jitter,
    lahella_key,
    template_text,
    write_payloads,
)

HELSINKI = ZoneInfo("Europe/Helsinki")
SERIES_START = datetime(2026, 8, 17, tzinfo=HELSINKI)  # a Monday
SERIES_END = datetime(2030, 6, 30, 23, 0, tzinfo=HELSINKI)
PTV_MODIFIED = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)

# Associations only in Lähellä.fi: key → (name fi, name sv, municipality); plus the demo
# PTV associations (NGOS), which have the same business ids in both sources.
GROUPS = {
    "nuorisoseurat": ("Pohjanmaan Nuorisoseurat ry", "Österbottens Ungdomsföreningar rf"),
    "ystavat": ("Pohjanmaan Ystävätoiminta ry", "Vänverksamheten i Österbotten rf"),
    "sangare": (None, "Svenska Österbottens Sångarförbund rf"),
    "anhoriga": (None, "Föreningen Anhörigas Stöd i Österbotten rf"),
}


def ms(moment):
    return int(moment.timestamp() * 1000)


def html(*paragraphs, items=()):
    body = "".join(f'<p dir="ltr">{text}</p>' for text in paragraphs)
    if items:
        body += "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    return body


# Each template becomes one activity per municipality. "days": [(weekday 1–7, start, end)]
# with "period"; or "once": (y, m, d, start, end) for a one-off event. {m} is the municipality
# in the text's language. "sv_only": Swedish texts only (requiredLocales ["sv"]).
TEMPLATES = [
    {
        "key": "kavelyryhma",
        "group": "ulkoilu",
        "type": "hobby",
        "fi": "Kävelyryhmä {m}",
        "sv": "Promenadgrupp {m}",
        "summary_fi": "Vapaaehtoisten vetämä kävelyryhmä lähtee liikkeelle säällä kuin säällä.",
        "summary_sv": "En promenadgrupp ledd av frivilliga ger sig ut i alla väder.",
        "description_fi": html(
            "Kävelemme noin tunnin <strong>rauhalliseen tahtiin</strong>. Uudet kävelijät ovat "
            "aina tervetulleita.",
            "Ota mukaan säänmukainen vaatetus.",
        ),
        "description_sv": html(
            "Vi går i <strong>lugn takt</strong> i ungefär en timme. Nya deltagare är alltid "
            "välkomna.",
            "Ta med kläder efter vädret.",
        ),
        "theme": ["ht_urheilu", "ht_luonto"],
        "format": ["hm_ryhmat"],
        "ages": ["18-29", "30-64", "65-99"],
        "pricing": "free",
        "period": "P1W",
        "days": [(2, "18:00", "19:30")],
        # No walks from 21 December to 6 January: those days are taken out of the series.
        "christmas_break": True,
        "access": ["ac_wheelchair", "ac_rollator"],
        "municipalities": ["905", "545", "287", "280"],
        "updated": datetime(2026, 9, 1, 9, 0, tzinfo=UTC),
    },
    {
        "key": "omaishoitajat",
        "group": "omaishoitajat",
        "type": "support",
        "fi": "Omaishoitajien vertaistukiryhmä ({m})",
        "sv": "Kamratstödsgrupp för närståendevårdare ({m})",
        "summary_fi": "Omaishoitajien kohtaamispaikka: jaksamista, tietoa ja yhteistä aikaa.",
        "summary_sv": "En mötesplats för närståendevårdare: ork, information och tid tillsammans.",
        "description_fi": html(
            "Ryhmä kokoontuu kerran kuukaudessa.",
            "Hoidettavalle voidaan järjestää hoitaja tapaamisen ajaksi.",
            items=["kahvia ja keskustelua", "asiantuntijavieraita", "tietoa tuista"],
        ),
        "description_sv": html(
            "Gruppen träffas en gång i månaden.",
            "En vårdare kan ordnas för den som vårdas under träffen.",
            items=["kaffe och samtal", "gästande experter", "information om stöd"],
        ),
        "theme": ["ht_hyvinvointi"],
        "format": ["hm_ryhmat"],
        "ages": ["30-64", "65-99"],
        "pricing": "free",
        "period": "P1M",
        "days": [(3, "13:00", "15:00")],
        "registration": True,
        "access": ["ac_wheelchair", "ac_inductionloop", "ac_itoilet"],
        "municipalities": ["499", "905", "545"],
        # Fresher in Lähellä.fi than in PTV for Vaasa: the Lähellä.fi text is shown there.
        "updated": {
            "905": datetime(2026, 11, 2, 10, 0, tzinfo=UTC),
            None: datetime(2026, 8, 20, 10, 0, tzinfo=UTC),
        },
    },
    {
        "key": "muistikahvila",
        "group": "muisti",
        "type": "support",
        "fi": "Muistikahvila – {m}",
        "sv": "Minnescafé – {m}",
        "summary_fi": "Rupattelua, tietoa ja virikkeitä muistisairaille ja heidän läheisilleen.",
        "summary_sv": "Prat, information och stimulans för personer med minnessjukdom och deras anhöriga.",
        "description_fi": html(
            "Muistikahvilassa tapaat muita samassa tilanteessa olevia. Mukana on muistiohjaaja."
        ),
        "description_sv": html(
            "På minnescaféet träffar du andra i samma situation. En minneshandledare är med."
        ),
        "theme": ["ht_hyvinvointi"],
        "format": ["hm_kohtaamispaikka"],
        "ages": ["65-99"],
        "pricing": "free",
        "period": "P2W",
        "days": [(4, "14:00", "15:30")],
        "access": ["ac_wheelchair", "ac_itoilet"],
        "municipalities": ["905", "598", "893", "499"],
    },
    {
        "key": "seniorijumppa",
        "group": "elakelaiset",
        "type": "hobby",
        "fi": "Eläkeläisten kuntojumppa – {m}",
        "sv": "Konditionsgympa för pensionärer – {m}",
        "summary_fi": "Lihaskuntoa ja tasapainoa ohjatusti kaksi kertaa viikossa.",
        "summary_sv": "Muskelstyrka och balans under ledning två gånger i veckan.",
        "description_fi": html("Jumppa sopii kaikille. Kausimaksu 20 euroa."),
        "description_sv": html("Gympan passar alla. Terminsavgift 20 euro."),
        "pricing_fi": "Kausimaksu 20 €.",
        "pricing_sv": "Terminsavgift 20 €.",
        "theme": ["ht_urheilu"],
        "format": ["hm_ryhmat"],
        "ages": ["65-99"],
        "pricing": "paid",
        "period": "P1W",
        "days": [(1, "10:00", "11:00"), (4, "10:00", "11:00")],
        "access": ["ac_wheelchair", "ac_parking"],
        "municipalities": ["598", "599", "440", "288"],
    },
    {
        "key": "nuortenilta",
        "group": "nuorisoseurat",
        "type": "hobby",
        "fi": "Nuorten ilta – {m}",
        "sv": "Ungdomskväll – {m}",
        "summary_fi": "Nuorten oma kohtaamispaikka: pelejä, musiikkia ja turvallinen aikuinen paikalla.",
        "summary_sv": "Ungdomarnas egen mötesplats: spel, musik och en trygg vuxen på plats.",
        "description_fi": html("Tule sellaisena kuin olet. Ilta on päihteetön."),
        "description_sv": html("Kom som du är. Kvällen är drogfri."),
        "theme": ["ht_kulttuuri"],
        "format": ["hm_kohtaamispaikka"],
        "ages": ["13-17", "18-29"],
        "pricing": "free",
        "period": "P1W",
        "days": [(3, "17:00", "21:00"), (5, "17:00", "21:00")],
        "access": ["ac_unknow"],
        "municipalities": ["905", "399", "946", "475"],
    },
    {
        "key": "ystavatoiminta",
        "group": "ystavat",
        "type": "voluntary",
        "fi": "Ryhdy vapaaehtoiseksi ystäväksi – {m}",
        "sv": "Bli frivillig vän – {m}",
        "summary_fi": "Vapaaehtoinen ystävä tapaa yksinäistä ikäihmistä kerran viikossa.",
        "summary_sv": "En frivillig vän träffar en ensam äldre person en gång i veckan.",
        "description_fi": html(
            "Saat koulutuksen ja tukea tehtävään. Voit aloittaa milloin tahansa.",
            'Lue lisää: <a href="https://ystavat.example.fi">ystavat.example.fi</a>',
        ),
        "description_sv": html(
            "Du får utbildning och stöd i uppdraget. Du kan börja när som helst.",
            'Läs mer: <a href="https://ystavat.example.fi/sv">ystavat.example.fi</a>',
        ),
        "theme": ["ht_vaikuttaminen"],
        "format": [],
        "ages": ["18-29", "30-64", "65-99"],
        "pricing": "free",
        "registration": True,
        "access": [],
        "municipalities": ["905", "598", "287"],
    },
    {
        "key": "sangkor",
        "group": "sangare",
        "type": "hobby",
        "sv_only": True,
        "sv": "Sångkör för alla – {m}",
        "summary_sv": "En kör för alla som tycker om att sjunga, inga förkunskaper behövs.",
        "description_sv": html(
            "Vi sjunger visor, psalmer och populärmusik. Terminsavgift 30 euro.",
            "Välkommen på en provövning!",
        ),
        "pricing_sv": "Terminsavgift 30 €.",
        "theme": ["ht_kulttuuri"],
        "format": ["hm_ryhmat"],
        "ages": ["18-29", "30-64", "65-99"],
        "pricing": "paid",
        "period": "P1W",
        "days": [(2, "19:00", "21:00")],
        "access": ["ac_wheelchair"],
        "municipalities": ["545", "231", "280", "287", "475", "893"],
    },
    {
        "key": "anhoriga",
        "group": "anhoriga",
        "type": "support",
        "sv_only": True,
        "sv": "Kamratstödsgrupp för anhöriga till personer med missbruk – {m}",
        "summary_sv": "Stöd och samtal för dig som är anhörig till någon med alkohol- eller drogproblem.",
        "description_sv": html(
            "Gruppen träffas varannan måndag. Det du berättar stannar i gruppen."
        ),
        "theme": ["ht_hyvinvointi"],
        "format": ["hm_ryhmat"],
        "ages": ["18-29", "30-64", "65-99"],
        "pricing": "free",
        "period": "P2W",
        "days": [(1, "18:00", "19:30")],
        "registration": True,
        "access": ["ac_unknow"],
        "municipalities": ["598", "440", "288"],
    },
    {
        "key": "peliton",
        "group": "peliton",
        "type": "support",
        "fi": "Rahapelaajien vertaistukiryhmä verkossa ({m})",
        "sv": "Kamratstödsgrupp för spelare på nätet ({m})",
        "summary_fi": "Verkossa kokoontuva vertaistukiryhmä rahapelaamisen hallintaan.",
        "summary_sv": "En kamratstödsgrupp på nätet för att få kontroll över penningspel.",
        "description_fi": html("Ryhmään osallistutaan nimettömänä verkkoyhteydellä."),
        "description_sv": html("Man deltar i gruppen anonymt via nätet."),
        "theme": ["ht_hyvinvointi"],
        "format": ["hm_ryhmat"],
        "ages": ["18-29", "30-64", "65-99"],
        "pricing": "free",
        "period": "P1W",
        "days": [(2, "18:00", "19:30")],
        "online": True,
        "access": [],
        "municipalities": ["905", "499"],
    },
    {
        "key": "surury",
        "group": "kriisi",
        "type": "support",
        "fi": "Sururyhmä läheisensä menettäneille – {m}",
        "sv": "Sorggrupp för dig som förlorat en närstående – {m}",
        "summary_fi": "Suljettu vertaisryhmä, jossa surua voi jakaa turvallisesti.",
        "summary_sv": "En sluten kamratgrupp där man tryggt kan dela sin sorg.",
        "description_fi": html("Ryhmään ilmoittaudutaan etukäteen. Ohjaajina kriisityöntekijät."),
        "description_sv": html("Anmälan till gruppen på förhand. Kristerapeuter leder gruppen."),
        "theme": ["ht_hyvinvointi"],
        "format": ["hm_ryhmat"],
        "ages": ["18-29", "30-64", "65-99"],
        "pricing": "free",
        "period": "P1W",
        "days": [(4, "17:30", "19:00")],
        "registration": True,
        "access": ["ac_wheelchair", "ac_inductionloop"],
        "municipalities": ["905", "598"],
    },
    {
        "key": "luontoretki",
        "group": "ulkoilu",
        "type": "hobby",
        "fi": "Perheiden luontoretki – {m}",
        "sv": "Naturutflykt för familjer – {m}",
        "summary_fi": "Opastettu retki lähiluontoon koko perheelle, eväät mukaan.",
        "summary_sv": "En guidad utflykt i närnaturen för hela familjen, ta med matsäck.",
        "description_fi": html(
            "Retki kestää noin neljä tuntia. Reitti sopii myös lastenrattaille."
        ),
        "description_sv": html("Utflykten tar cirka fyra timmar. Rutten passar också barnvagnar."),
        "theme": ["ht_luonto"],
        "format": ["hm_leirit"],
        "ages": ["0-12", "30-64"],
        "pricing": "free",
        "once": (2027, 5, 15, "10:00", "14:00"),
        "registration": True,
        "access": [],
        "municipalities": ["545", "946"],
    },
    {
        "key": "syysretki",
        "group": "ulkoilu",
        "type": "hobby",
        "fi": "Syysretki kansallispuistoon – {m}",
        "sv": "Höstutflykt till nationalparken – {m}",
        "summary_fi": "Yhteiskuljetuksella tehty päiväretki, joka on jo päättynyt.",
        "summary_sv": "En dagsutflykt med gemensam transport, som redan har ägt rum.",
        "description_fi": html("Retki tehtiin syyskuussa 2026."),
        "description_sv": html("Utflykten gjordes i september 2026."),
        "theme": ["ht_luonto"],
        "format": ["hm_leirit"],
        "ages": ["18-29", "30-64", "65-99"],
        "pricing": "paid",
        "once": (2026, 9, 12, "08:00", "18:00"),
        "access": [],
        "municipalities": ["905"],
    },
    {
        "key": "ruokakurssi",
        "group": "martat",
        "type": "hobby",
        "fi": "Marttojen arkiruokakurssi – {m}",
        "sv": "Marthornas kurs i vardagsmat – {m}",
        "summary_fi": "Opi valmistamaan edullista ja terveellistä arkiruokaa.",
        "summary_sv": "Lär dig laga förmånlig och hälsosam vardagsmat.",
        "description_fi": html("Kurssimaksu 15 euroa sisältää raaka-aineet."),
        "description_sv": html("Kursavgiften 15 euro inkluderar råvarorna."),
        "pricing_fi": "Kurssimaksu 15 €.",
        "pricing_sv": "Kursavgift 15 €.",
        "theme": ["ht_hyvinvointi"],
        "format": ["hm_tilaisuudet"],
        "ages": ["18-29", "30-64", "65-99"],
        "pricing": "paid",
        "once": (2027, 2, 10, "17:00", "20:00"),
        "registration": True,
        "access": ["ac_wheelchair"],
        "municipalities": ["893", "599"],
    },
    {
        "key": "digiapu",
        "group": "elakelaiset",
        "type": "voluntary",
        "fi": "Digiapua senioreille – {m}",
        "sv": "Digihjälp för seniorer – {m}",
        "summary_fi": "Vapaaehtoiset neuvovat puhelimen, tabletin ja verkkoasioinnin käytössä.",
        "summary_sv": "Frivilliga hjälper med telefon, surfplatta och e-tjänster.",
        "description_fi": html("Ota oma laite mukaan. Ei ajanvarausta."),
        "description_sv": html("Ta med din egen apparat. Ingen tidsbokning."),
        "theme": ["ht_digi_teknologia"],
        "format": ["hm_tilaisuudet"],
        "ages": ["65-99"],
        "pricing": "free",
        "period": "P1W",
        "days": [(5, "10:00", "12:00")],
        "access": ["ac_wheelchair"],
        "municipalities": ["905", "399", "946"],
    },
]


def group_object(kind):
    if kind in NGOS:
        fi, sv, _home = NGOS[kind]
        business = p.business_id(zlib.crc32(kind.encode()))
    else:
        fi, sv = GROUPS[kind]
        business = p.business_id(zlib.crc32(f"lahella/{kind}".encode()))
    name = {lang: value for lang, value in (("fi", fi), ("sv", sv)) if value}
    return {
        "_key": f"group-{kind}",
        "traits": {"name": name, "businessId": business},
    }


def _at(year, month, day, hhmm):
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return datetime(year, month, day, hours, minutes, tzinfo=HELSINKI)


def christmas_break(template, start):
    """The series' meeting days from 21 December to 6 January, when the template takes a
    Christmas break, at the series' start time."""
    if not template.get("christmas_break"):
        return []
    weekdays = {weekday - 1 for weekday, _begin, _finish in template["days"]}
    found = []
    for year in range(SERIES_START.year, SERIES_END.year):
        day = datetime(year, 12, 21, start.hour, start.minute, tzinfo=HELSINKI)
        while day <= datetime(year + 1, 1, 6, 23, 59, tzinfo=HELSINKI):
            if day.weekday() in weekdays:
                found.append(day)
            day += timedelta(days=1)
    return found


def events(template):
    if "once" in template:
        year, month, day, start, end = template["once"]
        return [
            {
                "start": ms(_at(year, month, day, start)),
                "end": ms(_at(year, month, day, end)),
                "timeZone": "Europe/Helsinki",
            }
        ]
    if "period" not in template:
        return []
    first_day = template["days"][0]
    start = SERIES_START.replace(hour=int(first_day[1][:2]), minute=int(first_day[1][3:]))
    if template["period"] == "P1M":  # the first such weekday of the month
        start = _at(2026, 9, 2, first_day[1])
    return [
        {
            "start": ms(start),
            "timeZone": "Europe/Helsinki",
            "recurrence": {
                "period": template["period"],
                "end": ms(SERIES_END),
                "daySpecificTimes": [
                    {"weekday": weekday, "startTime": begin, "endTime": finish}
                    for weekday, begin, finish in template["days"]
                ],
                "exclude": [ms(day) for day in christmas_break(template, start)],
            },
        }
    ]


def activity(template, code):
    languages = ["sv"] if template.get("sv_only") else ["fi", "sv"]
    translations = {}
    for lang in languages:
        entry = {
            "name": template_text(template, "name", lang, code),
            "summary": f'<p dir="ltr">{template_text(template, "summary", lang, code)}</p>',
            "description": template_text(template, "description", lang, code),
        }
        if template.get(f"pricing_{lang}"):
            entry["pricing"] = f'<p dir="ltr">{template[f"pricing_{lang}"]}</p>'
        translations[lang] = entry
    _code, m_fi, m_sv, postal, _po_fi, _po_sv, lat, lon, _sv = BY_CODE[code]
    dlat, dlon = jitter("lahella", template["key"], code)
    channels = []
    if template.get("online"):
        channels.append(
            {
                "id": f"{template['key']}-{code}-online",
                "type": ["online"],
                "accessibility": [],
                "translations": {lang: {} for lang in languages},
                "events": events(template),
                "registrationRequired": bool(template.get("registration")),
            }
        )
    else:
        address = {
            lang: {
                "address": {
                    "street": "Föreningsvägen 4" if lang == "sv" else "Seuratie 4",
                    "postalCode": postal,
                    "city": m_sv if lang == "sv" else m_fi,
                }
            }
            for lang in languages
        }
        channels.append(
            {
                "id": f"{template['key']}-{code}-place",
                "type": ["place"],
                "accessibility": template.get("access") or ["ac_unknow"],
                "map": {
                    "center": {
                        "type": "Point",
                        "coordinates": [round(lon + dlon, 6), round(lat + dlat, 6)],
                    },
                    "zoom": 16,
                },
                "translations": address,
                "events": events(template),
                "registrationRequired": bool(template.get("registration")),
            }
        )
    city = m_sv if template.get("sv_only") else m_fi
    updated = template.get("updated", PTV_MODIFIED.replace(month=7))
    if isinstance(updated, dict):
        updated = updated.get(code, updated[None])
    contacts = [
        {"type": "www", "value": f"https://{template['group']}.example.fi/{template['key']}"},
        {"type": "email", "value": f"{template['key']}@{template['group']}.example.fi"},
    ]
    return {
        "_key": lahella_key(template["key"], code),
        "status": "published",
        "updated": ms(updated),
        "traits": {
            "type": template["type"],
            "requiredLocales": languages,
            "translations": translations,
            "theme": template["theme"],
            "format": template["format"],
            "locale": ["sv-FI"] if template.get("sv_only") else ["fi-FI", "sv-FI"],
            "demographic": [f"ageGroup/range:{ages}" for ages in template["ages"]]
            + ["gender/gender"],
            "region": [f"city/FI/{city}"],
            "pricing": [template["pricing"]],
            "contacts": contacts,
        },
        "channels": channels,
        "links": {"groups": [group_object(template["group"])]},
    }


def build():
    """{relative file name: payload}: one export page per template."""
    files = {}
    for template in TEMPLATES:
        items = [activity(template, code) for code in template["municipalities"]]
        files[f"{template['key']}.json"] = {
            "items": items,
            "total": len(items),
            "hasMore": False,
        }
    return files


def write(folder=DEMO_DIR / "lahella"):
    return write_payloads(folder, build())
