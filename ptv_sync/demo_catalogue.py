"""The demo catalogue: Pohjanmaa's hyte services, written by the project in PTV v11's real
shapes. ``build()`` returns the payload files; ``write(folder)`` writes them, and
``manage.py build_demo_payloads`` regenerates ``ptv_sync/demo_payloads/``, which load_demo
imports through the same drop-folder path as any other offline import.

Organisations, addresses, phone numbers and web addresses are invented for the demo
(web addresses under example.fi); municipality codes and names are the real ones.
"""

import json
import zlib
from pathlib import Path

from . import payloads as p
from .sources.base import DEMO_DIR

MODIFIED = "2026-10-01T08:00:00.000Z"
COUNTY = "17"

# code, fi, sv, postal code, post office fi, post office sv, latitude, longitude, Swedish texts
MUNICIPALITIES = [
    ("905", "Vaasa", "Vasa", "65100", "VAASA", "VASA", 63.0960, 21.6158, True),
    ("499", "Mustasaari", "Korsholm", "65610", "MUSTASAARI", "KORSHOLM", 63.1050, 21.7180, True),
    ("545", "Närpiö", "Närpes", "64200", "NÄRPIÖ", "NÄRPES", 62.4737, 21.3377, True),
    (
        "287",
        "Kristiinankaupunki",
        "Kristinestad",
        "64100",
        "KRISTIINANKAUPUNKI",
        "KRISTINESTAD",
        62.2742,
        21.3766,
        True,
    ),
    ("231", "Kaskinen", "Kaskö", "64260", "KASKINEN", "KASKÖ", 62.3842, 21.2222, True),
    ("280", "Korsnäs", "Korsnäs", "66200", "KORSNÄS", "KORSNÄS", 62.7841, 21.1850, True),
    ("475", "Maalahti", "Malax", "66100", "MAALAHTI", "MALAX", 62.9437, 21.5516, True),
    ("946", "Vöyri", "Vörå", "66600", "VÖYRI", "VÖRÅ", 63.1503, 22.2517, True),
    (
        "893",
        "Uusikaarlepyy",
        "Nykarleby",
        "66900",
        "UUSIKAARLEPYY",
        "NYKARLEBY",
        63.5229,
        22.5306,
        True,
    ),
    (
        "598",
        "Pietarsaari",
        "Jakobstad",
        "68600",
        "PIETARSAARI",
        "JAKOBSTAD",
        63.6749,
        22.7025,
        True,
    ),
    ("599", "Pedersöre", "Pedersöre", "68530", "PEDERSÖRE", "PEDERSÖRE", 63.6016, 22.7772, True),
    ("440", "Luoto", "Larsmo", "68570", "LUOTO", "LARSMO", 63.7560, 22.7490, True),
    ("288", "Kruunupyy", "Kronoby", "68500", "KRUUNUPYY", "KRONOBY", 63.7253, 23.0336, True),
    ("399", "Laihia", "Laihela", "66400", "LAIHIA", "LAIHELA", 62.9755, 22.0104, False),
]
BY_CODE = {m[0]: m for m in MUNICIPALITIES}
# Kaskinen, Laihia and Vaasa; the other eleven have a Swedish-speaking majority.
FINNISH_MAJORITY = {"231", "399", "905"}
ALL = [m[0] for m in MUNICIPALITIES]

MUNICIPAL_ORGS = {
    "231": ("Kaskisten kaupunki", "Kaskö stad"),
    "280": ("Korsnäsin kunta", "Korsnäs kommun"),
    "287": ("Kristiinankaupungin kaupunki", "Kristinestads stad"),
    "288": ("Kruunupyyn kunta", "Kronoby kommun"),
    "399": ("Laihian kunta", "Laihela kommun"),
    "440": ("Luodon kunta", "Larsmo kommun"),
    "475": ("Maalahden kunta", "Malax kommun"),
    "499": ("Mustasaaren kunta", "Korsholms kommun"),
    "545": ("Närpiön kaupunki", "Närpes stad"),
    "598": ("Pietarsaaren kaupunki", "Jakobstads stad"),
    "599": ("Pedersören kunta", "Pedersöre kommun"),
    "893": ("Uusikaarlepyyn kaupunki", "Nykarleby stad"),
    "905": ("Vaasan kaupunki", "Vasa stad"),
    "946": ("Vöyrin kunta", "Vörå kommun"),
}
COUNTY_ORG = ("Pohjanmaan hyvinvointialue", "Österbottens välfärdsområde")
NGOS = {
    "muisti": ("Pohjanmaan Muistiyhdistys ry", "Österbottens Minnesförening rf", "905"),
    "kriisi": ("Kriisikeskus Pohjanmaa ry", "Kriscentret i Österbotten rf", "905"),
    "elakelaiset": ("Pohjanmaan Eläkeläiset ry", "Österbottens Pensionärer rf", "598"),
    "ulkoilu": ("Pohjanmaan Ulkoiluyhdistys ry", "Österbottens Friluftsförening rf", "545"),
    "omaishoitajat": ("Pohjanmaan Omaishoitajat ry", "Närståendevårdarna i Österbotten rf", "499"),
    "peliton": ("Peliton Pohjanmaa ry", "Spelfritt Österbotten rf", "905"),
    "martat": ("Pohjanmaan Marttayhdistys ry", "Österbottens Marthaförbund rf", "893"),
}

# venue: (name fi, name sv, street fi, street sv, number, opening hours, accessible)
WEEKDAYS = (0, 1, 2, 3, 4)
VENUES = {
    "terveysasema": (
        "Terveysasema",
        "Hälsostationen",
        "Terveystie",
        "Hälsovägen",
        "2",
        [(WEEKDAYS, "08:00", "16:00")],
        True,
    ),
    "urheilutalo": (
        "Urheilutalo",
        "Idrottshuset",
        "Urheilutie",
        "Idrottsvägen",
        "5",
        [(WEEKDAYS, "06:00", "21:00"), ((5, 6), "09:00", "18:00")],
        True,
    ),
    "uimahalli": (
        "Uimahalli",
        "Simhallen",
        "Uimahallintie",
        "Simhallsvägen",
        "1",
        [(WEEKDAYS, "06:00", "20:00"), ((5, 6), "10:00", "17:00")],
        True,
    ),
    "kirjasto": (
        "Kirjasto",
        "Biblioteket",
        "Kirjastokatu",
        "Biblioteksgatan",
        "3",
        [((0, 1, 2, 3), "10:00", "19:00"), ((4,), "10:00", "16:00"), ((5,), "10:00", "14:00")],
        True,
    ),
    "jarjestotalo": (
        "Järjestötalo",
        "Föreningshuset",
        "Seuratie",
        "Föreningsvägen",
        "4",
        [(WEEKDAYS, "09:00", "15:00"), ((1, 3), "17:00", "20:00")],
        False,
    ),
    "hammashoitola": (
        "Hammashoitola",
        "Tandkliniken",
        "Hammastie",
        "Tandvägen",
        "7",
        [(WEEKDAYS, "07:30", "15:30")],
        True,
    ),
    "nuorisotalo": (
        "Nuorisotalo",
        "Ungdomsgården",
        "Nuorisotie",
        "Ungdomsvägen",
        "9",
        [(WEEKDAYS, "14:00", "21:00")],
        False,
    ),
    "opisto": (
        "Kansalaisopisto",
        "Medborgarinstitutet",
        "Opistotie",
        "Institutsvägen",
        "6",
        [(WEEKDAYS, "09:00", "16:00")],
        True,
    ),
}

# Each template becomes one service per municipality listed (or one county-wide service
# when "municipalities" is None). {m} is the municipality's name in the text's language.
TEMPLATES = [
    # --- liikunta ---------------------------------------------------------------------------
    {
        "key": "liikuntaneuvonta",
        "fi": "Liikuntaneuvonta – {m}",
        "sv": "Motionsrådgivning – {m}",
        "summary_fi": "Henkilökohtaista neuvontaa liikkumisen lisäämiseen, kun liikettä on arjessa liian vähän.",
        "summary_sv": "Personlig rådgivning för att röra på sig mer när vardagen innehåller för lite motion.",
        "description_fi": "Liikuntaneuvoja auttaa sinua löytämään itsellesi sopivan tavan liikkua.\n\nNeuvonta sisältää:\n\n* alkukartoituksen ja tavoitteet\n* liikuntasuunnitelman\n* seurantatapaamiset noin puolen vuoden ajan",
        "description_sv": "Motionsrådgivaren hjälper dig att hitta ett sätt att röra på dig som passar dig.\n\nRådgivningen omfattar:\n\n* en inledande kartläggning och mål\n* en motionsplan\n* uppföljningsträffar under ungefär ett halvt år",
        "instructions_fi": "Pyydä lähete terveysasemalta tai ota yhteyttä liikuntaneuvojaan suoraan.",
        "instructions_sv": "Be om en remiss på hälsostationen eller kontakta motionsrådgivaren direkt.",
        "en": "Exercise counselling – {m}",
        "summary_en": "Personal advice on moving more when there is too little exercise in everyday life.",
        "description_en": "The exercise counsellor helps you find a way of moving that suits you.\n\nThe counselling includes:\n\n* a first assessment and goals\n* an exercise plan\n* follow-up meetings for about six months",
        "instructions_en": "Ask for a referral at the health centre or contact the exercise counsellor directly.",
        "classes": ["P27.1", "P5.17"],
        "targets": ["KR1", "KR1.4"],
        "keywords": {"fi": ["liikuntaneuvonta", "liikunta"], "sv": ["motionsrådgivning", "motion"]},
        "org": "municipality",
        "venue": "urheilutalo",
        "phone": True,
        "printable": ("Liikuntaneuvonnan lähete", "Remiss till motionsrådgivning"),
        "municipalities": ["545", "287", "288", "893", "905", "399"],
    },
    {
        "key": "uimahalli",
        "fi": "Uinti ja vesiliikunta – {m}",
        "sv": "Simning och vattenmotion – {m}",
        "summary_fi": "Uimahallin yleisövuorot, vesijumpat ja uimakoulut kaikenikäisille.",
        "summary_sv": "Allmänna simturer, vattengympa och simskolor för alla åldrar i simhallen.",
        "description_fi": "Uimahallissa on allas, lastenallas ja saunat. Ohjattuja vesijumppia järjestetään arkisin.",
        "description_sv": "I simhallen finns en bassäng, en barnbassäng och bastur. Ledd vattengympa ordnas på vardagar.",
        "charge_fi": "Kertamaksu tai sarjakortti. Eläkeläisille ja opiskelijoille alennus.",
        "charge_sv": "Engångsavgift eller seriekort. Rabatt för pensionärer och studerande.",
        "en": "Swimming and water exercise – {m}",
        "summary_en": "Public swimming, aqua aerobics and swimming lessons for all ages at the swimming hall.",
        "description_en": "The swimming hall has a pool, a children's pool and saunas. Guided aqua aerobics is held on weekdays.",
        "charge_en": "Single ticket or series card. Discounts for pensioners and students.",
        "classes": ["P27.1"],
        "targets": ["KR1"],
        "keywords": {"fi": ["uinti", "vesijumppa"], "sv": ["simning", "vattengympa"]},
        "org": "municipality",
        "venue": "uimahalli",
        "charge": "Chargeable",
        "web": True,
        "municipalities": ["905", "545", "598", "287", "893", "399", "499"],
    },
    {
        "key": "senioriliikunta",
        "fi": "Senioriliikunta – {m}",
        "sv": "Seniormotion – {m}",
        "summary_fi": "Ohjattuja liikuntaryhmiä ikääntyneille: tasapainoa, lihasvoimaa ja yhdessä liikkumista.",
        "summary_sv": "Ledda motionsgrupper för äldre: balans, muskelstyrka och motion tillsammans.",
        "description_fi": "Ryhmät kokoontuvat kerran tai kaksi viikossa. Mukaan pääsee ilman aiempaa kokemusta.",
        "description_sv": "Grupperna träffas en eller två gånger i veckan. Du kan delta utan tidigare erfarenhet.",
        "classes": ["P27.1"],
        "targets": ["KR1.1"],
        "keywords": {"fi": ["kuntosali", "tasapaino"], "sv": ["gym", "balans"]},
        "org": "municipality",
        "venue": "urheilutalo",
        "phone": True,
        "municipalities": ["905", "499", "545", "287", "231", "475", "946", "893", "598", "399"],
    },
    {
        "key": "ulkoilureitit",
        "fi": "Ulkoilureitit ja luontopolut – {m}",
        "sv": "Friluftsleder och naturstigar – {m}",
        "summary_fi": "Merkityt ulkoilureitit, luontopolut ja laavut lähiluonnossa.",
        "summary_sv": "Märkta friluftsleder, naturstigar och vindskydd i den närliggande naturen.",
        "description_fi": "Reittien kartat ja kunto löytyvät verkkosivulta. Talvella osa reiteistä on hiihtolatuja.",
        "description_sv": "Kartor över lederna och deras skick finns på webbplatsen. På vintern är en del av lederna skidspår.",
        "classes": ["P27.2"],
        "targets": ["KR1"],
        "keywords": {"fi": ["luonto", "retkeily"], "sv": ["natur", "friluftsliv"]},
        "org": "municipality",
        "web": True,
        "municipalities": ALL,
    },
    {
        "key": "kavelyryhma",
        "fi": "Kävelyryhmä – {m}",
        "sv": "Promenadgrupp – {m}",
        "summary_fi": "Vapaaehtoisten vetämä kävelyryhmä, joka lähtee liikkeelle kerran viikossa säällä kuin säällä.",
        "summary_sv": "En promenadgrupp ledd av frivilliga som ger sig ut en gång i veckan i alla väder.",
        "description_fi": "Kävelemme noin tunnin rauhalliseen tahtiin. Uudet kävelijät ovat aina tervetulleita.",
        "description_sv": "Vi går i lugn takt i ungefär en timme. Nya deltagare är alltid välkomna.",
        "classes": ["P27.1", "P5.16"],
        "targets": ["KR1"],
        "keywords": {"fi": ["kävely", "vertaistuki"], "sv": ["promenad", "kamratstöd"]},
        "org": "ulkoilu",
        "venue": "jarjestotalo",
        "municipalities": ["545", "287", "280", "475", "905", "598"],
    },
    # --- ravitsemus -------------------------------------------------------------------------
    {
        "key": "ravitsemusterapia",
        "fi": "Ravitsemusterapeutin vastaanotto – {m}",
        "sv": "Näringsterapeutens mottagning – {m}",
        "summary_fi": "Ravitsemusterapeutin ohjausta erityisruokavalioihin ja painonhallintaan.",
        "summary_sv": "Handledning av en näringsterapeut i specialkost och viktkontroll.",
        "description_fi": "Vastaanotolle tullaan lääkärin tai hoitajan lähetteellä.",
        "description_sv": "Till mottagningen kommer man med remiss från läkare eller skötare.",
        "classes": ["P5.20"],
        "targets": ["KR1", "KR1.4"],
        "keywords": {"fi": ["ravitsemus", "ruokavalio"], "sv": ["kost", "näring"]},
        "org": "county",
        "venue": "terveysasema",
        "phone": True,
        "municipalities": ["905", "598", "545", "287"],
    },
    {
        "key": "painonhallinta",
        "fi": "Painonhallintaryhmä – {m}",
        "sv": "Viktkontrollgrupp – {m}",
        "summary_fi": "Ryhmässä opitaan terveellisiä ruokatottumuksia ja saadaan vertaistukea muutokseen.",
        "summary_sv": "I gruppen lär man sig hälsosamma matvanor och får kamratstöd för förändringen.",
        "description_fi": "Ryhmä kokoontuu kymmenen kertaa. Ohjaajana toimii terveydenhoitaja.",
        "description_sv": "Gruppen träffas tio gånger. Handledare är en hälsovårdare.",
        "classes": ["P5.20", "P5.17"],
        "targets": ["KR1"],
        "keywords": {"fi": ["ravitsemus", "paino"], "sv": ["kost", "vikt"]},
        "org": "county",
        "venue": "terveysasema",
        "municipalities": ["905", "499", "545", "287", "893", "598", "599", "399"],
    },
    {
        "key": "ruokaneuvonta",
        "fi": "Perheiden ruokaneuvonta – {m}",
        "sv": "Kostrådgivning för familjer – {m}",
        "summary_fi": "Neuvolan ruokaneuvontaa vauvaperheille ja lapsiperheille.",
        "summary_sv": "Kostrådgivning på rådgivningen för familjer med spädbarn och barn.",
        "description_fi": "Terveydenhoitaja neuvoo imetyksessä, kiinteiden ruokien aloittamisessa ja koko perheen ateriarytmissä.",
        "description_sv": "Hälsovårdaren ger råd om amning, att börja med fast föda och hela familjens måltidsrytm.",
        "classes": ["P5.2", "P5.20"],
        "targets": ["KR1.2"],
        "life_events": ["KE1"],
        "keywords": {"fi": ["neuvola", "ruoka"], "sv": ["rådgivning", "mat"]},
        "org": "county",
        "venue": "terveysasema",
        "phone": True,
        "municipalities": ["905", "499", "545", "598", "893", "946"],
    },
    {
        "key": "kokkikerho",
        "fi": "Kokkikerho ikäihmisille – {m}",
        "sv": "Matlagningsklubb för äldre – {m}",
        "summary_fi": "Kokkaillaan yhdessä edullista ja terveellistä kotiruokaa ja syödään yhdessä.",
        "summary_sv": "Vi lagar förmånlig och hälsosam husmanskost tillsammans och äter tillsammans.",
        "description_fi": "Kerho kokoontuu joka toinen viikko. Raaka-aineista peritään pieni maksu.",
        "description_sv": "Klubben träffas varannan vecka. För råvarorna tas en liten avgift ut.",
        "classes": ["P5.20", "P4.12"],
        "targets": ["KR1.1"],
        "keywords": {"fi": ["ruoka", "yhdessä"], "sv": ["mat", "gemenskap"]},
        "org": "martat",
        "venue": "jarjestotalo",
        "charge": "Chargeable",
        "municipalities": ["893", "598", "599", "440"],
    },
    # --- uni ----------------------------------------------------------------------------------
    {
        "key": "unikoulu",
        "fi": "Unikoulu verkossa",
        "sv": "Sömnskola på nätet",
        "summary_fi": "Kuuden viikon omahoito-ohjelma unettomuuteen, tehtävät verkossa omaan tahtiin.",
        "summary_sv": "Ett egenvårdsprogram på sex veckor mot sömnlöshet med uppgifter på nätet i egen takt.",
        "description_fi": "Ohjelma perustuu unettomuuden kognitiiviseen lyhytterapiaan. Voit halutessasi saada hoitajan tukea.",
        "description_sv": "Programmet bygger på kognitiv korttidsterapi för sömnlöshet. Om du vill kan du få stöd av en skötare.",
        "en": "Online sleep school",
        "summary_en": "A six-week self-care programme for insomnia, with online tasks at your own pace.",
        "description_en": "The programme is based on short cognitive behavioural therapy for insomnia. A nurse can support you if you wish.",
        "classes": ["P5.11"],
        "targets": ["KR1"],
        "keywords": {"fi": ["uni", "unettomuus"], "sv": ["sömn", "sömnlöshet"]},
        "org": "county",
        "online": (
            "Unikoulu verkossa",
            "Sömnskola på nätet",
            "https://hyvinvointialue.example.fi/unikoulu",
        ),
        "municipalities": None,
    },
    {
        "key": "uniryhma",
        "fi": "Uniryhmä – {m}",
        "sv": "Sömngrupp – {m}",
        "summary_fi": "Ryhmä univaikeuksista kärsiville: keinoja parempaan uneen ja palautumiseen.",
        "summary_sv": "En grupp för dig med sömnbesvär: sätt att sova bättre och återhämta dig.",
        "description_fi": "Ryhmä kokoontuu kuusi kertaa terveysasemalla. Ryhmässä käsitellään unirytmiä, rentoutumista ja ajatuksia.",
        "description_sv": "Gruppen träffas sex gånger på hälsostationen. I gruppen behandlas sömnrytm, avslappning och tankar.",
        "classes": ["P5.17"],
        "targets": ["KR1"],
        "keywords": {"fi": ["uni", "unettomuus"], "sv": ["sömn", "sömnlöshet"]},
        "org": "county",
        "venue": "terveysasema",
        "municipalities": ["905", "499", "545", "287", "598", "893", "599", "946"],
    },
    {
        "key": "stressinhallinta",
        "fi": "Stressinhallinta ja palautuminen – {m}",
        "sv": "Stresshantering och återhämtning – {m}",
        "summary_fi": "Kurssi, jolla opit tunnistamaan stressin ja löytämään keinoja palautumiseen.",
        "summary_sv": "En kurs där du lär dig känna igen stress och hitta sätt att återhämta dig.",
        "description_fi": "Kurssilla harjoitellaan rentoutumista, hengitystä ja tietoista läsnäoloa.",
        "description_sv": "På kursen övar vi avslappning, andning och medveten närvaro.",
        "classes": ["P5.17"],
        "targets": ["KR1"],
        "keywords": {
            "fi": ["stressi", "palautuminen", "uni"],
            "sv": ["stress", "återhämtning", "sömn"],
        },
        "org": "municipality",
        "venue": "opisto",
        "charge": "Chargeable",
        "municipalities": ["905", "598", "545", "893", "399", "499"],
    },
    # --- mieli --------------------------------------------------------------------------------
    {
        "key": "mielenterveys",
        "fi": "Mielenterveyden matalan kynnyksen vastaanotto – {m}",
        "sv": "Lågtröskelmottagning för psykisk hälsa – {m}",
        "summary_fi": "Keskusteluapua ilman lähetettä, kun mieltä painaa ahdistus, masennus tai elämäntilanne.",
        "summary_sv": "Samtalsstöd utan remiss när ångest, nedstämdhet eller livssituationen tynger.",
        "description_fi": "Vastaanotolla työskentelee psykiatrinen sairaanhoitaja. Tapaamisia voi olla 1–5 kertaa.",
        "description_sv": "På mottagningen arbetar en psykiatrisk sjukskötare. Du kan ha 1–5 träffar.",
        "instructions_fi": "Soita ajanvaraukseen arkisin klo 8–10.",
        "instructions_sv": "Ring tidsbeställningen vardagar kl. 8–10.",
        "classes": ["P5.7"],
        "targets": ["KR1"],
        "en": "Low-threshold mental health clinic – {m}",
        "summary_en": "Someone to talk to without a referral when anxiety, low mood or your life situation weighs on you.",
        "description_en": "A psychiatric nurse works at the clinic. You can have 1–5 appointments.",
        "instructions_en": "Call the appointment line on weekdays 8–10 am.",
        "keywords": {
            "fi": ["mielenterveys", "ahdistus", "masennus"],
            "sv": ["psykisk hälsa", "ångest", "depression"],
        },
        "org": "county",
        "venue": "terveysasema",
        "phone": True,
        "municipalities": ["905", "499", "545", "287", "231", "475", "946", "893", "598", "399"],
    },
    {
        "key": "nuorten_keskusteluapu",
        "fi": "Nuorten keskusteluapu – {m}",
        "sv": "Samtalsstöd för unga – {m}",
        "summary_fi": "Nuorisotyöntekijä tai psykiatrinen sairaanhoitaja kuuntelee, kun jokin painaa mieltä.",
        "summary_sv": "En ungdomsarbetare eller psykiatrisk sjukskötare lyssnar när något tynger.",
        "description_fi": "Palvelu on tarkoitettu 13–29-vuotiaille. Voit tulla yksin tai kaverin kanssa.",
        "description_sv": "Tjänsten är avsedd för 13–29-åringar. Du kan komma ensam eller med en kompis.",
        "classes": ["P5.7", "P28.5"],
        "targets": ["KR1.3"],
        "keywords": {"fi": ["nuoret", "mielenterveys"], "sv": ["unga", "psykisk hälsa"]},
        "org": "municipality",
        "venue": "nuorisotalo",
        "phone": True,
        "municipalities": ["905", "499", "545", "598", "893", "599", "287", "399"],
    },
    {
        "key": "kriisikeskus",
        "fi": "Kriisiapu – {m}",
        "sv": "Kristöd – {m}",
        "summary_fi": "Maksutonta keskusteluapua äkillisissä kriiseissä ja elämän muutostilanteissa.",
        "summary_sv": "Avgiftsfritt samtalsstöd vid plötsliga kriser och förändringar i livet.",
        "description_fi": "Kriisityöntekijät ja koulutetut vapaaehtoiset tarjoavat 1–5 tapaamista.",
        "description_sv": "Krisarbetare och utbildade frivilliga erbjuder 1–5 träffar.",
        "en": "Crisis support – {m}",
        "summary_en": "Free support to talk things through after a sudden crisis or change in life.",
        "description_en": "Crisis workers and trained volunteers offer 1–5 meetings.",
        "classes": ["P5.7", "P5.16"],
        "targets": ["KR1"],
        "keywords": {"fi": ["kriisi", "keskusteluapu"], "sv": ["kris", "samtalsstöd"]},
        "org": "kriisi",
        "venue": "jarjestotalo",
        "phone": True,
        "municipalities": ["905", "598"],
    },
    # --- päihteet -----------------------------------------------------------------------------
    {
        "key": "paihdeneuvonta",
        "fi": "Päihdeneuvonta – {m}",
        "sv": "Missbruksrådgivning – {m}",
        "summary_fi": "Neuvontaa ja tukea alkoholin tai huumeiden käytön vähentämiseen, myös läheisille.",
        "summary_sv": "Rådgivning och stöd för att minska bruket av alkohol eller droger, också för anhöriga.",
        "description_fi": "Päihdeneuvojan kanssa voit arvioida omaa käyttöäsi ja suunnitella muutosta. Palvelu on luottamuksellista.",
        "description_sv": "Tillsammans med missbruksrådgivaren kan du bedöma ditt bruk och planera en förändring. Tjänsten är konfidentiell.",
        "classes": ["P5.7"],
        "targets": ["KR1"],
        "keywords": {
            "fi": ["alkoholi", "päihteet", "huumeet"],
            "sv": ["alkohol", "rusmedel", "droger"],
        },
        "org": "county",
        "venue": "terveysasema",
        "phone": True,
        "municipalities": ["905", "499", "545", "287", "598", "893", "599", "399"],
    },
    {
        "key": "tupakka",
        "fi": "Tupakasta vieroitus – {m}",
        "sv": "Rökavvänjning – {m}",
        "summary_fi": "Tukea tupakoinnin ja nuuskan lopettamiseen henkilökohtaisesti tai ryhmässä.",
        "summary_sv": "Stöd för att sluta röka eller snusa, individuellt eller i grupp.",
        "description_fi": "Hoitaja auttaa lopettamissuunnitelman tekemisessä ja nikotiinikorvaushoidon valinnassa.",
        "description_sv": "Skötaren hjälper dig att göra upp en plan för att sluta och välja nikotinersättning.",
        "en": "Help to stop smoking – {m}",
        "summary_en": "Support for quitting smoking or snus, individually or in a group.",
        "description_en": "The nurse helps you make a plan to quit and choose nicotine replacement.",
        "classes": ["P5.17"],
        "targets": ["KR1"],
        "keywords": {"fi": ["tupakka", "nuuska"], "sv": ["tobak", "snus"]},
        "org": "county",
        "venue": "terveysasema",
        "municipalities": ["905", "545", "598", "893", "287", "946"],
    },
    {
        "key": "peliriippuvuus",
        "fi": "Rahapelaamisen vertaistukiryhmä – {m}",
        "sv": "Kamratstödsgrupp för penningspel – {m}",
        "summary_fi": "Vertaistukiryhmä rahapelaamisen hallintaan ja lopettamiseen.",
        "summary_sv": "En kamratstödsgrupp för att få kontroll över eller sluta med penningspel.",
        "description_fi": "Ryhmä kokoontuu viikoittain. Mukaan voi tulla nimettömänä.",
        "description_sv": "Gruppen träffas varje vecka. Du kan delta anonymt.",
        "classes": ["P5.16", "P5.7"],
        "targets": ["KR1"],
        "keywords": {"fi": ["rahapelaaminen", "riippuvuus"], "sv": ["penningspel", "beroende"]},
        "org": "peliton",
        "venue": "jarjestotalo",
        "municipalities": ["905", "598", "545"],
    },
    # --- osallisuus ---------------------------------------------------------------------------
    {
        "key": "omaishoitajat",
        "fi": "Omaishoitajien vertaistukiryhmä – {m}",
        "sv": "Kamratstödsgrupp för närståendevårdare – {m}",
        "summary_fi": "Omaishoitajien kohtaamispaikka: jaksamista, tietoa ja yhteistä aikaa.",
        "summary_sv": "En mötesplats för närståendevårdare: ork, information och tid tillsammans.",
        "description_fi": "Ryhmä kokoontuu kerran kuukaudessa. Hoidettavalle voidaan järjestää hoitaja tapaamisen ajaksi.",
        "description_sv": "Gruppen träffas en gång i månaden. En vårdare kan ordnas för den som vårdas under träffen.",
        "classes": ["P4.12"],
        "targets": ["KR1"],
        "life_events": ["KE13"],
        "keywords": {"fi": ["vertaistuki", "omaishoito"], "sv": ["kamratstöd", "närståendevård"]},
        "org": "omaishoitajat",
        "venue": "jarjestotalo",
        "municipalities": ["499", "905", "545", "893", "598", "946"],
        # Pushed into PTV by Lähellä.fi: a web page channel links to the activity there.
        "lahella": ["499", "905", "545"],
    },
    {
        "key": "kohtaamispaikka",
        "fi": "Kohtaamispaikka – {m}",
        "sv": "Mötesplats – {m}",
        "summary_fi": "Avoin olohuone kaikille, jotka kaipaavat seuraa, juttukaveria tai tekemistä.",
        "summary_sv": "Ett öppet vardagsrum för alla som saknar sällskap, någon att prata med eller något att göra.",
        "description_fi": "Kohtaamispaikassa on kahvia, lehtiä ja yhteistä ohjelmaa. Yksinäisyys helpottuu yhdessä.",
        "description_sv": "På mötesplatsen finns kaffe, tidningar och gemensamt program. Tillsammans känns ensamheten lättare.",
        "classes": ["P4.12"],
        "targets": ["KR1", "KR1.1"],
        "keywords": {"fi": ["yksinäisyys", "vertaistuki"], "sv": ["ensamhet", "kamratstöd"]},
        "org": "elakelaiset",
        "venue": "jarjestotalo",
        "municipalities": ["598", "599", "440", "288", "893", "905", "545", "287"],
    },
    {
        "key": "kirjasto",
        "fi": "Kirjaston palvelut – {m}",
        "sv": "Bibliotekets tjänster – {m}",
        "summary_fi": "Kirjoja, lehtiä, tapahtumia, lukupiirejä ja digitukea kaikille.",
        "summary_sv": "Böcker, tidningar, evenemang, läsecirklar och digistöd för alla.",
        "description_fi": "Kirjasto on maksuton ja avoin kohtaamispaikka. Tapahtumakalenterista löydät lukupiirit ja tapahtumat.",
        "description_sv": "Biblioteket är en avgiftsfri och öppen mötesplats. I evenemangskalendern hittar du läsecirklar och evenemang.",
        "classes": ["P25.1"],
        "targets": ["KR1"],
        "keywords": {"fi": ["kirjasto", "kulttuuri"], "sv": ["bibliotek", "kultur"]},
        "org": "municipality",
        "venue": "kirjasto",
        "web": True,
        "municipalities": ALL,
    },
    {
        "key": "kansalaisopisto",
        "fi": "Kansalaisopiston kurssit – {m}",
        "sv": "Medborgarinstitutets kurser – {m}",
        "summary_fi": "Taiteen, käsitöiden, musiikin ja liikunnan kursseja aikuisille.",
        "summary_sv": "Kurser i konst, hantverk, musik och motion för vuxna.",
        "description_fi": "Kursseille ilmoittaudutaan verkossa. Kurssimaksu vaihtelee kurssin pituuden mukaan.",
        "description_sv": "Anmälan till kurserna görs på nätet. Kursavgiften varierar med kursens längd.",
        "classes": ["P25.7"],
        "targets": ["KR1"],
        "keywords": {"fi": ["kulttuuri", "harrastus"], "sv": ["kultur", "hobby"]},
        "org": "municipality",
        "venue": "opisto",
        "charge": "Chargeable",
        "web": True,
        "municipalities": ["905", "598", "545", "893", "287", "399"],
    },
    # --- suu ----------------------------------------------------------------------------------
    {
        "key": "hammashoitola",
        "fi": "Hammashoito – {m}",
        "sv": "Tandvård – {m}",
        "summary_fi": "Aikuisten ja lasten hammastarkastukset, hammashoito ja suuhygienistin palvelut.",
        "summary_sv": "Tandkontroller, tandvård och munhygienistens tjänster för vuxna och barn.",
        "description_fi": "Kiireellisessä hammassärkyssä soita ajanvaraukseen heti aamulla.",
        "description_sv": "Vid akut tandvärk, ring tidsbeställningen genast på morgonen.",
        "charge_fi": "Asiakasmaksulain mukaiset maksut. Alle 18-vuotiaille maksuton.",
        "charge_sv": "Avgifter enligt lagen om klientavgifter. Avgiftsfritt för personer under 18 år.",
        "en": "Dental care – {m}",
        "summary_en": "Dental check-ups, dental treatment and dental hygienist services for adults and children.",
        "description_en": "For acute toothache, call the appointment line first thing in the morning.",
        "charge_en": "Fees under the Client Fees Act. Free for people under 18.",
        "classes": ["P5.10"],
        "targets": ["KR1"],
        "keywords": {"fi": ["hammas", "suu"], "sv": ["tand", "mun"]},
        "org": "county",
        "venue": "hammashoitola",
        "charge": "Chargeable",
        "phone": True,
        "municipalities": ["905", "499", "545", "287", "598", "893", "599", "946", "399", "288"],
    },
    {
        "key": "suun_neuvonta",
        "fi": "Suun terveyden neuvonta",
        "sv": "Rådgivning om munhälsa",
        "summary_fi": "Puhelinneuvontaa suun ja hampaiden hoidosta sekä kiireellisyyden arviointia.",
        "summary_sv": "Telefonrådgivning om mun- och tandvård samt bedömning av brådskande behov.",
        "description_fi": "Suuhygienisti neuvoo päivittäisessä suunhoidossa ja ohjaa tarvittaessa hoitoon.",
        "description_sv": "Munhygienisten ger råd om den dagliga munvården och hänvisar vid behov till vård.",
        "en": "Oral health advice",
        "summary_en": "Telephone advice on oral and dental care, and assessment of urgent needs.",
        "description_en": "The dental hygienist gives advice on daily oral care and refers you to treatment when needed.",
        "classes": ["P5.10", "P5.17"],
        "targets": ["KR1"],
        "keywords": {"fi": ["hammas", "neuvonta"], "sv": ["tand", "rådgivning"]},
        "org": "county",
        "phone": True,
        "municipalities": None,
    },
    {
        "key": "lasten_hammashoito",
        "fi": "Lasten ja nuorten suun terveys – {m}",
        "sv": "Barns och ungas munhälsa – {m}",
        "summary_fi": "Lasten ja nuorten hammastarkastukset ja ennaltaehkäisevä hoito kouluikään asti ja sen yli.",
        "summary_sv": "Tandkontroller och förebyggande vård för barn och unga genom hela skoltiden.",
        "description_fi": "Kutsu ensimmäiseen tarkastukseen tulee neuvolan kautta.",
        "description_sv": "Kallelsen till den första kontrollen kommer via rådgivningen.",
        "classes": ["P5.10"],
        "targets": ["KR1.2", "KR1.3"],
        "keywords": {"fi": ["hammas", "lapset"], "sv": ["tand", "barn"]},
        "org": "county",
        "venue": "hammashoitola",
        "municipalities": ["905", "499", "545", "598", "893", "599"],
    },
    # --- terveystaidot ------------------------------------------------------------------------
    {
        "key": "terveystarkastus",
        "fi": "Terveystarkastus eläkkeelle jääville – {m}",
        "sv": "Hälsogranskning för nyblivna pensionärer – {m}",
        "summary_fi": "Maksuton terveystarkastus ja elintapaohjaus eläkkeelle siirtyville.",
        "summary_sv": "Avgiftsfri hälsogranskning och levnadsvanevägledning för dig som går i pension.",
        "description_fi": "Tarkastuksessa käydään läpi liikunta, ravinto, uni, muisti ja mieliala.",
        "description_sv": "I granskningen går vi igenom motion, kost, sömn, minne och sinnesstämning.",
        "classes": ["P5.8"],
        "targets": ["KR1.1"],
        "life_events": ["KE10"],
        "keywords": {
            "fi": ["terveystarkastus", "elintavat"],
            "sv": ["hälsogranskning", "levnadsvanor"],
        },
        "org": "county",
        "venue": "terveysasema",
        "phone": True,
        "municipalities": ["905", "499", "545", "287", "598", "893", "599", "399"],
    },
    {
        "key": "diabetes",
        "fi": "Diabeteshoitajan vastaanotto – {m}",
        "sv": "Diabetesskötarens mottagning – {m}",
        "summary_fi": "Diabeteksen ja esidiabeteksen hoidonohjaus ja elintapaohjaus.",
        "summary_sv": "Vårdhandledning och levnadsvanevägledning vid diabetes och prediabetes.",
        "description_fi": "Diabeteshoitaja auttaa omahoidossa, verensokerin seurannassa ja liikunnan lisäämisessä.",
        "description_sv": "Diabetesskötaren hjälper dig med egenvården, uppföljningen av blodsockret och att röra på dig mer.",
        "classes": ["P5.1", "P5.17"],
        "targets": ["KR1.4"],
        "keywords": {
            "fi": ["diabetes", "elintavat", "terveystaidot"],
            "sv": ["diabetes", "levnadsvanor"],
        },
        "org": "county",
        "venue": "terveysasema",
        "municipalities": ["905", "545", "287", "598", "893", "288"],
    },
    {
        "key": "muistineuvola",
        "fi": "Muistineuvola – {m}",
        "sv": "Minnesrådgivning – {m}",
        "summary_fi": "Muistihoitajan neuvontaa muistihuoliin ja aivoterveyden edistämiseen.",
        "summary_sv": "Minnesskötarens rådgivning vid minnesbekymmer och för att främja hjärnhälsan.",
        "description_fi": "Muistihoitaja tekee muistitestejä ja antaa tietoa aivoterveydestä: liikunta, ravinto ja sosiaalinen aktiivisuus suojaavat aivoja.",
        "description_sv": "Minnesskötaren gör minnestester och ger information om hjärnhälsa: motion, kost och social aktivitet skyddar hjärnan.",
        "classes": ["P5.17"],
        "targets": ["KR1.1"],
        "keywords": {"fi": ["muisti", "aivoterveys"], "sv": ["minne", "hjärnhälsa"]},
        "org": "county",
        "venue": "terveysasema",
        "phone": True,
        "municipalities": ["905", "499", "545", "287", "598", "893", "946", "399"],
    },
    {
        "key": "muistiyhdistys",
        "fi": "Muistikahvila – {m}",
        "sv": "Minneskafé – {m}",
        "summary_fi": "Kohtaamispaikka ja vertaistukea muistisairaille ja heidän läheisilleen.",
        "summary_sv": "En mötesplats och kamratstöd för personer med minnessjukdom och deras närstående.",
        "description_fi": "Muistikahvilassa on asiantuntijoiden alustuksia ja aikaa keskustella.",
        "description_sv": "På minneskaféet finns inledningar av sakkunniga och tid för samtal.",
        "classes": ["P5.16"],
        "targets": ["KR1.1"],
        "keywords": {
            "fi": ["muisti", "aivoterveys", "vertaistuki"],
            "sv": ["minne", "hjärnhälsa", "kamratstöd"],
        },
        "org": "muisti",
        "venue": "jarjestotalo",
        "municipalities": ["905", "598", "545"],
    },
    {
        "key": "elintapaohjaus",
        "fi": "Elintapaohjaus – {m}",
        "sv": "Levnadsvanevägledning – {m}",
        "summary_fi": "Henkilökohtaista ohjausta liikuntaan, ravintoon, uneen ja päihteettömyyteen.",
        "summary_sv": "Personlig vägledning om motion, kost, sömn och ett liv utan rusmedel.",
        "description_fi": "Terveydenhoitaja tekee kanssasi elintapasuunnitelman ja sopii seurannasta.",
        "description_sv": "Hälsovårdaren gör upp en plan för levnadsvanorna tillsammans med dig och kommer överens om uppföljning.",
        "classes": ["P5.17"],
        "targets": ["KR1"],
        "keywords": {"fi": ["elintavat", "terveystaidot"], "sv": ["levnadsvanor", "hälsokunskap"]},
        "org": "county",
        "venue": "terveysasema",
        "municipalities": ["905", "499", "598", "893", "545", "287"],
    },
    # --- counselling and services outside the themes ------------------------------------------
    {
        "key": "sote_neuvonta",
        "fi": "Sosiaali- ja terveysneuvonta",
        "sv": "Social- och hälsorådgivning",
        "summary_fi": "Puhelinneuvontaa sosiaali- ja terveyspalveluista ja ohjaus oikeaan palveluun.",
        "summary_sv": "Telefonrådgivning om social- och hälsotjänster och hänvisning till rätt tjänst.",
        "description_fi": "Neuvonta palvelee arkisin. Hätätilanteessa soita 112.",
        "description_sv": "Rådgivningen betjänar på vardagar. I nödsituationer, ring 112.",
        "classes": ["P4.13", "P9.6"],
        "targets": ["KR1"],
        "en": "Social and health advice",
        "summary_en": "Telephone advice on social and health services, and guidance to the right service.",
        "description_en": "The service is open on weekdays. In an emergency, call 112.",
        "keywords": {
            "fi": ["neuvonta", "palveluohjaus"],
            "sv": ["rådgivning", "servicehandledning"],
        },
        "org": "county",
        "phone": True,
        "online": (
            "Ajanvaraus verkossa",
            "Tidsbokning på nätet",
            "https://hyvinvointialue.example.fi/ajanvaraus",
        ),
        "municipalities": None,
    },
    {
        "key": "kotihoito",
        "fi": "Kotihoito – {m}",
        "sv": "Hemvård – {m}",
        "summary_fi": "Kotihoitoa ja kotisairaanhoitoa kotona asumisen tueksi.",
        "summary_sv": "Hemvård och hemsjukvård som stöd för att bo hemma.",
        "description_fi": "Palvelun tarve arvioidaan kotikäynnillä.",
        "description_sv": "Behovet av tjänsten bedöms vid ett hembesök.",
        "classes": ["P4.3"],
        "targets": ["KR1.1"],
        "keywords": {"fi": ["kotihoito"], "sv": ["hemvård"]},
        "org": "county",
        "charge": "Chargeable",
        "phone": True,
        "municipalities": ["905", "499", "545", "598", "893", "399"],
    },
    {
        "key": "rakennusvalvonta",
        "fi": "Rakennusvalvonta – {m}",
        "sv": "Byggnadstillsyn – {m}",
        "summary_fi": "Rakennuslupien neuvonta ja käsittely.",
        "summary_sv": "Rådgivning och handläggning av bygglov.",
        "description_fi": "Hae lupaa sähköisesti Lupapiste-palvelussa.",
        "description_sv": "Ansök om lov elektroniskt i tjänsten Lupapiste.",
        "classes": ["P9.6"],
        "targets": ["KR1", "KR2"],
        "keywords": {"fi": ["rakentaminen"], "sv": ["byggande"]},
        "org": "municipality",
        "charge": "Chargeable",
        "web": True,
        "municipalities": ["905", "598"],
    },
]

# A few services in the shapes of older API versions (v7/v8): no keywords, life events or
# ontology terms; "ShortDescription" instead of "Summary".
OLDER_SHAPES = {"kirjasto-231", "kirjasto-280", "ulkoilureitit-440"}


def template_text(template, key, lang, municipality):
    value = template.get(lang if key == "name" else f"{key}_{lang}")
    if value is None:
        return None
    if not municipality:
        return value.replace("{m}", "")
    code, name_fi, name_sv = BY_CODE[municipality][:3]
    # In English a municipality goes by the name in its majority language (Vaasa, Närpes).
    finnish = lang == "fi" or (lang == "en" and code in FINNISH_MAJORITY)
    return value.replace("{m}", name_fi if finnish else name_sv)


def lahella_key(template, municipality):
    """The Lähellä.fi activity key of a demo activity (shared with demo_lahella)."""
    return str(100000 + zlib.crc32(f"{template}/{municipality}".encode()) % 900000)


# What the accessibility surveys of some venues add (sentences in PTV's shape): the profiles
# besides the wheelchair, and one venue a wheelchair cannot enter.
MORE_ACCESSIBILITY = {
    "kirjasto": [
        {
            "fi": "Asiakaspalvelupisteessä on induktiosilmukka.",
            "sv": "Vid kundtjänsten finns en hörslinga.",
        },
        {
            "fi": "Lastenvaunuille on tilaa sisäänkäynnin yhteydessä.",
            "sv": "Det finns plats för barnvagnar vid ingången.",
        },
        {
            "fi": "Opaskoira on tervetullut, ja lasiovissa on kontrastimerkinnät.",
            "sv": "Ledarhund är välkommen, och glasdörrarna har kontrastmarkeringar.",
        },
    ],
    "terveysasema": [
        {
            "fi": "Odotustilassa on induktiosilmukka.",
            "sv": "I väntrummet finns en hörslinga.",
        },
        {
            "fi": "Rollaattorin kanssa pääsee kulkemaan kaikkiin tiloihin.",
            "sv": "Man kommer in i alla utrymmen med rollator.",
        },
    ],
    "uimahalli": [
        {
            "fi": "Pukuhuoneisiin pääsee rollaattorin kanssa.",
            "sv": "Man kommer till omklädningsrummen med rollator.",
        },
    ],
    "jarjestotalo": [
        {
            "fi": "Sisäänkäynnissä on portaat, eikä pyörätuolilla pääse sisään.",
            "sv": "Vid ingången finns trappor, och man kommer inte in med rullstol.",
        },
    ],
}


def jitter(*parts):
    digest = zlib.crc32("/".join(parts).encode())
    return ((digest % 1000) / 1000 - 0.5) * 0.012, ((digest // 1000 % 1000) / 1000 - 0.5) * 0.02


class Builder:
    def __init__(self):
        self.organisations = {}
        self.channels = {}
        self.services = []

    def org_id(self, kind, municipality):
        if kind == "municipality":
            key = f"org/municipality/{municipality}"
            if key not in self.organisations:
                fi, sv = MUNICIPAL_ORGS[municipality]
                org_id = p.stable_id(key)
                self.organisations[key] = p.organisation(
                    org_id,
                    names={"fi": fi, "sv": sv},
                    org_type="Municipality",
                    business_code=p.business_id(int(municipality) * 7919),
                    municipality=municipality,
                    web_url=f"https://{BY_CODE[municipality][1].lower().replace('ä', 'a').replace('ö', 'o')}.example.fi",
                )
            return self.organisations[key]["id"]
        if kind == "county":
            key = "org/county/17"
            if key not in self.organisations:
                self.organisations[key] = p.organisation(
                    p.stable_id(key),
                    names={"fi": COUNTY_ORG[0], "sv": COUNTY_ORG[1]},
                    org_type="RegionalOrganization",
                    business_code=p.business_id(3221333),
                    municipality="905",
                    web_url="https://hyvinvointialue.example.fi",
                )
            return self.organisations[key]["id"]
        key = f"org/ngo/{kind}"
        if key not in self.organisations:
            fi, sv, home = NGOS[kind]
            self.organisations[key] = p.organisation(
                p.stable_id(key),
                names={"fi": fi, "sv": sv},
                org_type="Organization",
                business_code=p.business_id(zlib.crc32(kind.encode())),
                municipality=home,
            )
        return self.organisations[key]["id"]

    def languages(self, municipality):
        return ("fi", "sv") if municipality is None or BY_CODE[municipality][8] else ("fi",)

    def names(self, fi, sv, municipality):
        return {"fi": fi, "sv": sv} if "sv" in self.languages(municipality) else {"fi": fi}

    def venue(self, venue, municipality, org_id, service_id):
        key = f"channel/place/{venue}/{municipality}"
        if key not in self.channels:
            name_fi, name_sv, street_fi, street_sv, number, hours, accessible = VENUES[venue]
            code, m_fi, m_sv, postal, po_fi, po_sv, lat, lon, _sv = BY_CODE[municipality]
            dlat, dlon = jitter(venue, municipality)
            accessibility = None
            if accessible:
                accessibility = [
                    (
                        {"fi": "Pääsisäänkäynti", "sv": "Huvudingången"},
                        [
                            {
                                "fi": "Sisäänkäynnille on esteetön kulku ja automaattiovet.",
                                "sv": "Ingången är tillgänglig och har automatiska dörrar.",
                            },
                            {
                                "fi": "Rakennuksessa on hissi ja esteetön WC.",
                                "sv": "I byggnaden finns hiss och tillgänglig toalett.",
                            },
                        ],
                    )
                ]
            if venue in MORE_ACCESSIBILITY:
                accessibility = accessibility or [
                    ({"fi": "Sisätilat", "sv": "Inomhusutrymmen"}, [])
                ]
                group, sentences = accessibility[-1]
                accessibility[-1] = (group, [*sentences, *MORE_ACCESSIBILITY[venue]])
            opening = [p.opening_hours(days, start, end) for days, start, end in hours]
            opening.append(
                p.opening_hours(
                    (),
                    "00:00",
                    "00:00",
                    hour_type="Exceptional",
                    valid_from="2026-12-24T00:00:00.000Z",
                    valid_to="2026-12-26T00:00:00.000Z",
                    closed=True,
                    info={"fi": "Suljettu joulun pyhinä", "sv": "Stängt under julhelgerna"},
                )
            )
            self.channels[key] = p.channel(
                p.stable_id(key),
                "ServiceLocation",
                names=self.names(f"{name_fi} – {m_fi}", f"{name_sv} – {m_sv}", municipality),
                summaries=self.names(f"{name_fi}, {m_fi}.", f"{name_sv}, {m_sv}.", municipality),
                organisation_id=org_id,
                municipalities=[municipality],
                languages=self.languages(municipality),
                addresses=[
                    p.street_address(
                        {"fi": street_fi, "sv": street_sv},
                        number,
                        postal,
                        {"fi": po_fi, "sv": po_sv},
                        municipality,
                        round(lat + dlat, 6),
                        round(lon + dlon, 6),
                    )
                ],
                phones=[
                    p.phone(f"6{zlib.crc32(key.encode()) % 10_000_000:07d}", lang)
                    for lang in self.languages(municipality)
                ],
                hours=opening,
                accessibility=accessibility,
                modified=MODIFIED,
            )
        self.channels[key]["services"].append({"service": {"id": service_id, "name": None}})
        return self.channels[key]["id"]

    def simple_channel(
        self, key, channel_type, names, summaries, org_id, municipality, service_id, **extra
    ):
        if key not in self.channels:
            self.channels[key] = p.channel(
                p.stable_id(key),
                channel_type,
                names=names,
                summaries=summaries,
                organisation_id=org_id,
                municipalities=[municipality] if municipality else [],
                languages=self.languages(municipality),
                modified=MODIFIED,
                **extra,
            )
        self.channels[key]["services"].append({"service": {"id": service_id, "name": None}})
        return self.channels[key]["id"]

    def add(self, template, municipality):
        key = f"{template['key']}-{municipality}" if municipality else template["key"]
        service_id = p.stable_id("service", key)
        org_kind = template["org"]
        org_id = self.org_id(org_kind, municipality or "905")
        languages = self.languages(municipality)
        # English texts where the template has them (PTV carries English for many services);
        # the channels and the languages the service is offered in stay the municipality's.
        text_languages = (*languages, "en") if "en" in template else languages
        names = {
            lang: template_text(template, "name", lang, municipality) for lang in text_languages
        }
        channel_ids = []
        if template.get("venue"):
            channel_ids.append(self.venue(template["venue"], municipality, org_id, service_id))
        slug = BY_CODE[municipality][1].lower() if municipality else "pohjanmaa"
        slug = slug.replace("ä", "a").replace("ö", "o").replace("å", "a")
        if template.get("phone"):
            number = f"40{zlib.crc32(key.encode()) % 10_000_000:07d}"
            channel_ids.append(
                self.simple_channel(
                    f"channel/phone/{key}",
                    "Phone",
                    {
                        lang: f"Puhelinpalvelu: {names['fi']}"
                        if lang == "fi"
                        else f"Telefontjänst: {names['sv']}"
                        for lang in languages
                    },
                    {
                        lang: "Soita arkisin klo 8–15."
                        if lang == "fi"
                        else "Ring vardagar kl. 8–15."
                        for lang in languages
                    },
                    org_id,
                    municipality,
                    service_id,
                    phones=[p.phone(number, lang, charge="Chargeable") for lang in languages],
                    hours=[p.opening_hours(WEEKDAYS, "08:00", "15:00")],
                )
            )
        if template.get("web"):
            url = f"https://{slug}.example.fi/{template['key'].replace('_', '-')}"
            channel_ids.append(
                self.simple_channel(
                    f"channel/web/{key}",
                    "WebPage",
                    {
                        lang: f"Verkkosivu: {names['fi']}"
                        if lang == "fi"
                        else f"Webbsida: {names['sv']}"
                        for lang in languages
                    },
                    {
                        lang: "Lisätietoa verkossa."
                        if lang == "fi"
                        else "Mer information på nätet."
                        for lang in languages
                    },
                    org_id,
                    municipality,
                    service_id,
                    web_pages=[
                        (url if lang == "fi" else f"{url}?lang=sv", None, lang)
                        for lang in languages
                    ],
                )
            )
        if municipality in template.get("lahella", ()):
            url = f"https://www.lahella.fi/toiminta/{lahella_key(template['key'], municipality)}"
            channel_ids.append(
                self.simple_channel(
                    f"channel/lahella/{key}",
                    "WebPage",
                    {
                        lang: f"Lähellä.fi: {names[lang]}" if names.get(lang) else None
                        for lang in languages
                    },
                    {
                        lang: "Toiminnan tiedot Lähellä.fi-palvelussa."
                        if lang == "fi"
                        else "Verksamhetens uppgifter i tjänsten Lähellä.fi."
                        for lang in languages
                    },
                    org_id,
                    municipality,
                    service_id,
                    web_pages=[(url, None, lang) for lang in languages],
                )
            )
        if template.get("online"):
            name_fi, name_sv, url = template["online"]
            channel_ids.append(
                self.simple_channel(
                    f"channel/online/{name_fi}",
                    "EChannel",
                    {"fi": name_fi, "sv": name_sv},
                    {
                        "fi": "Asioi verkossa vahvalla tunnistautumisella.",
                        "sv": "Uträtta ärenden på nätet med stark autentisering.",
                    },
                    org_id,
                    None,
                    service_id,
                    web_pages=[(url, None, "fi"), (f"{url}?lang=sv", None, "sv")],
                )
            )
        if template.get("printable"):
            name_fi, name_sv = template["printable"]
            url = f"https://{slug}.example.fi/lomakkeet/{template['key']}.pdf"
            channel_ids.append(
                self.simple_channel(
                    f"channel/form/{key}",
                    "PrintableForm",
                    {lang: name_fi if lang == "fi" else name_sv for lang in languages},
                    {
                        lang: "Tulosta ja täytä lomake."
                        if lang == "fi"
                        else "Skriv ut och fyll i blanketten."
                        for lang in languages
                    },
                    org_id,
                    municipality,
                    service_id,
                    urls=[(url, lang) for lang in languages],
                )
            )
        descriptions = {
            lang: template_text(template, "description", lang, municipality)
            for lang in text_languages
        }
        obj = p.service(
            service_id,
            names=names,
            summaries={
                lang: template_text(template, "summary", lang, municipality)
                for lang in text_languages
            },
            descriptions=descriptions,
            instructions={
                lang: template_text(template, "instructions", lang, municipality)
                for lang in text_languages
            },
            charge_info={
                lang: template_text(template, "charge", lang, municipality)
                for lang in text_languages
            },
            service_classes=template["classes"],
            target_groups=template["targets"],
            life_events=template.get("life_events", ()),
            municipalities=[municipality] if municipality else [],
            county=None if municipality else COUNTY,
            organisation_id=org_id,
            producer_ids=[org_id],
            channel_ids=channel_ids,
            charge=template.get("charge", "FreeOfCharge"),
            languages=languages,
            keywords={
                lang: words for lang, words in template["keywords"].items() if lang in languages
            },
            modified=MODIFIED,
        )
        if key in OLDER_SHAPES:
            for field in (
                "keywords",
                "lifeEvents",
                "ontologyTerms",
                "serviceVouchers",
                "serviceCollections",
                "generalDescriptionId",
            ):
                obj.pop(field, None)
            for description in obj["serviceDescriptions"]:
                if description["type"] == "Summary":
                    description["type"] = "ShortDescription"
        self.services.append(obj)

    def build(self):
        for template in TEMPLATES:
            for municipality in template["municipalities"] or [None]:
                self.add(template, municipality)
        return self


def build():
    """{relative file name: payload} of the demo catalogue."""
    builder = Builder().build()
    files = {"organisations.json": p.page(builder.organisations.values())}
    services = builder.services
    for index in range(0, len(services), 100):
        chunk = services[index : index + 100]
        files[f"services/page-{index // 100 + 1}.json"] = p.page(
            chunk, page_number=index // 100 + 1, page_count=(len(services) + 99) // 100
        )
    channels = sorted(builder.channels.values(), key=lambda c: c["id"])
    for index in range(0, len(channels), 100):
        chunk = channels[index : index + 100]
        files[f"channels/page-{index // 100 + 1}.json"] = p.page(
            chunk, page_number=index // 100 + 1, page_count=(len(channels) + 99) // 100
        )
    return files


def write_payloads(folder, files):
    """Write {relative name: payload} as indented JSON below ``folder``; returns the folder.
    Every demo source's recorded pages are written this way."""
    folder = Path(folder)
    for name, payload in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return folder


def write(folder=DEMO_DIR / "ptv-v11"):
    return write_payloads(folder, build())
