"""The seeded self-assessments, in Finnish and Swedish, written by the project from the
instruments' public definitions and scoring.

Idempotent: an assessment that exists (by its Finnish slug) is left as an editor has it.
"""

from .models import AssessmentIndexPage, SelfAssessmentPage, SelfCareProgrammePage
from .seeding import ensure_pages

INDEX = {
    "title_fi": "Itsearvioinnit",
    "title_sv": "Självskattningar",
    "slug_fi": "itsearvioinnit",
    "slug_sv": "sjalvskattningar",
    "show_in_menus": True,
    "intro_fi": "<p>Lyhyet kyselyt auttavat pohtimaan omaa hyvinvointia. Saat heti tuloksen, "
    "vinkkejä ja lähellä olevia palveluita. Vastauksiasi ei tallenneta.</p>",
    "intro_sv": "<p>Korta frågeformulär hjälper dig att fundera på ditt välbefinnande. Du får "
    "genast ett resultat, tips och tjänster nära dig. Dina svar sparas inte.</p>",
}

LINKS = {
    "mielenterveystalo": (
        "Mielenterveystalo.fi",
        "Mielenterveystalo.fi",
        "https://www.mielenterveystalo.fi/fi",
        "https://www.mielenterveystalo.fi/sv",
        "Tietoa, omahoito-ohjelmia ja oireiden arviointia.",
        "Information, egenvårdsprogram och bedömning av symtom.",
    ),
    "paihdelinkki": (
        "Päihdelinkki",
        "Päihdelinkki (Missbrukslänken)",
        "https://paihdelinkki.fi/fi",
        "https://paihdelinkki.fi/sv",
        "Tietoa alkoholista ja keinoja vähentää juomista.",
        "Information om alkohol och sätt att dricka mindre.",
    ),
    "ukk": (
        "UKK-instituutti: liikkumisen suositukset",
        "UKK-institutet: rekommendationer för fysisk aktivitet",
        "https://ukkinstituutti.fi/",
        "https://ukkinstituutti.fi/",
        "Liikkumisen suositus aikuisille ja vinkkejä arkeen.",
        "Rekommendationen för vuxna och tips för vardagen.",
    ),
    "omaolo": (
        "Omaolo",
        "Omaolo",
        "https://www.omaolo.fi/",
        "https://www.omaolo.fi/",
        "Oirearviot ja ohjeet siihen, milloin hakeutua hoitoon.",
        "Symtombedömningar och råd om när du ska söka vård.",
    ),
    "mieli": (
        "MIELI Suomen Mielenterveys ry",
        "MIELI Psykisk Hälsa Finland rf",
        "https://mieli.fi/",
        "https://mieli.fi/sv/",
        "Kriisiapua, vertaistukea ja tietoa mielen hyvinvoinnista.",
        "Kristhjälp, kamratstöd och information om psykiskt välbefinnande.",
    ),
}


def _option(value, fi, sv, points=0, urgent=False):
    return {"value": value, "label_fi": fi, "label_sv": sv, "points": str(points), "urgent": urgent}


def _question(kind, key, fi, sv, help_fi="", help_sv="", required=True, **extra):
    value = {
        "key": key,
        "text_fi": fi,
        "text_sv": sv,
        "help_fi": help_fi,
        "help_sv": help_sv,
        "required": required,
        **extra,
    }
    return {"type": kind, "value": value}


def _choice(key, fi, sv, options, help_fi="", help_sv="", required=True, scale="total"):
    return _question(
        "single_choice",
        key,
        fi,
        sv,
        help_fi,
        help_sv,
        required,
        options=options,
        scale=scale,
        weight="1",
    )


def _condition(subject, minimum=None, maximum=None, equals=""):
    return {
        "subject": subject,
        "minimum": None if minimum is None else str(minimum),
        "maximum": None if maximum is None else str(maximum),
        "equals": equals,
    }


def _band(key, severity, conditions, title, explanation, recommendations, urgent=False):
    return {
        "type": "band",
        "value": {
            "key": key,
            "severity": severity,
            "urgent": urgent,
            "conditions": conditions,
            "title_fi": title[0],
            "title_sv": title[1],
            "explanation_fi": explanation[0],
            "explanation_sv": explanation[1],
            "recommendations": recommendations,
        },
    }


def _scale(key, fi, sv, multiplier=1, unit=("", ""), show_maximum=True):
    return {
        "type": "scale",
        "value": {
            "key": key,
            "label_fi": fi,
            "label_sv": sv,
            "multiplier": str(multiplier),
            "unit_fi": unit[0],
            "unit_sv": unit[1],
            "show_maximum": show_maximum,
        },
    }


def _theme(themes, slug):
    return {"type": "theme", "value": {"theme": themes[slug]}}


def _search(themes, slug, fi, sv, **filters):
    return {
        "type": "services",
        "value": {
            "label_fi": fi,
            "label_sv": sv,
            "theme": themes[slug],
            "words_fi": "",
            "words_sv": "",
            "free_only": False,
            "provider": "",
            "channel": "",
            "near_user": True,
            **filters,
        },
    }


def _programme(slug, fi, sv):
    """A seeded self-care programme as a recommendation, when it exists (the programmes are
    seeded first)."""
    page = SelfCareProgrammePage.objects.filter(slug_fi=slug).first()
    if page is None:
        return []
    return [{"type": "page", "value": {"page": page.pk, "text_fi": fi, "text_sv": sv}}]


def _link(name):
    title_fi, title_sv, url_fi, url_sv, text_fi, text_sv = LINKS[name]
    return {
        "type": "link",
        "value": {
            "title_fi": title_fi,
            "title_sv": title_sv,
            "url_fi": url_fi,
            "url_sv": url_sv,
            "text_fi": text_fi,
            "text_sv": text_sv,
        },
    }


ANNOS_FI = (
    "Yksi annos on 12 grammaa alkoholia: pullo (0,33 l) keskiolutta tai siideriä, lasi "
    "(12 cl) viiniä tai ravintola-annos (4 cl) väkevää."
)
ANNOS_SV = (
    "En portion är 12 gram alkohol: en flaska (0,33 l) mellanöl eller cider, ett glas (12 cl) "
    "vin eller en restaurangportion (4 cl) starksprit."
)


def audit_c(themes):
    risk = _band_texts_audit_risk(themes)
    low = _band_texts_audit_low(themes)
    return {
        "title_fi": "Alkoholinkäytön arviointi (AUDIT-C)",
        "title_sv": "Bedömning av alkoholvanor (AUDIT-C)",
        "slug_fi": "alkoholinkaytto-audit-c",
        "slug_sv": "alkoholvanor-audit-c",
        "search_description_fi": "Kolme kysymystä: ylittyykö riskikäytön raja?",
        "search_description_sv": "Tre frågor: överskrids gränsen för riskbruk?",
        "intro_fi": "<p>Kolme kysymystä alkoholinkäytöstäsi viimeisen vuoden aikana. Saat "
        "tietää, ylittyykö riskikäytön raja, ja vinkkejä juomisen vähentämiseen.</p>",
        "intro_sv": "<p>Tre frågor om hur du har använt alkohol under det senaste året. Du får "
        "veta om gränsen för riskbruk överskrids, och tips för att dricka mindre.</p>",
        "duration_minutes": 2,
        "themes": ["paihteet"],
        "questions": [
            _question(
                "background",
                "sex",
                "Sukupuoli",
                "Kön",
                "Riskikäytön raja on naisille ja miehille eri. Jos et halua kertoa, käytämme "
                "naisten rajaa.",
                "Gränsen för riskbruk är olika för kvinnor och män. Om du inte vill säga, "
                "använder vi gränsen för kvinnor.",
                required=False,
                options=[
                    _option("female", "Nainen", "Kvinna"),
                    _option("male", "Mies", "Man"),
                    _option("other", "Muu tai en halua kertoa", "Annat eller vill inte säga"),
                ],
            ),
            _choice(
                "frequency",
                "Kuinka usein juot olutta, viiniä tai muita alkoholijuomia?",
                "Hur ofta dricker du öl, vin eller andra alkoholdrycker?",
                [
                    _option("never", "En koskaan", "Aldrig", 0),
                    _option(
                        "monthly",
                        "Noin kerran kuussa tai harvemmin",
                        "En gång i månaden eller mer sällan",
                        1,
                    ),
                    _option("2-4-month", "2–4 kertaa kuussa", "2–4 gånger i månaden", 2),
                    _option("2-3-week", "2–3 kertaa viikossa", "2–3 gånger i veckan", 3),
                    _option(
                        "4-week",
                        "4 kertaa viikossa tai useammin",
                        "4 gånger i veckan eller oftare",
                        4,
                    ),
                ],
            ),
            _choice(
                "amount",
                "Kuinka monta annosta alkoholia yleensä juot niinä päivinä, kun juot?",
                "Hur många portioner alkohol dricker du en typisk dag när du dricker?",
                [
                    _option("1-2", "1–2 annosta", "1–2 portioner", 0),
                    _option("3-4", "3–4 annosta", "3–4 portioner", 1),
                    _option("5-6", "5–6 annosta", "5–6 portioner", 2),
                    _option("7-9", "7–9 annosta", "7–9 portioner", 3),
                    _option("10", "10 annosta tai enemmän", "10 portioner eller fler", 4),
                ],
                ANNOS_FI,
                ANNOS_SV,
            ),
            _choice(
                "six-or-more",
                "Kuinka usein juot kerralla kuusi annosta tai enemmän?",
                "Hur ofta dricker du sex portioner eller mer vid samma tillfälle?",
                [
                    _option("never", "En koskaan", "Aldrig", 0),
                    _option(
                        "less-monthly",
                        "Harvemmin kuin kerran kuussa",
                        "Mer sällan än en gång i månaden",
                        1,
                    ),
                    _option("monthly", "Kerran kuussa", "Varje månad", 2),
                    _option("weekly", "Kerran viikossa", "Varje vecka", 3),
                    _option(
                        "daily",
                        "Päivittäin tai lähes päivittäin",
                        "Dagligen eller nästan dagligen",
                        4,
                    ),
                ],
                ANNOS_FI,
                ANNOS_SV,
            ),
        ],
        "scales": [_scale("total", "AUDIT-C-pisteet", "AUDIT-C-poäng")],
        "bands": [
            _band(
                "risk-men",
                "watch",
                [_condition("sex", equals="male"), _condition("total", minimum=6)],
                *risk,
            ),
            _band(
                "low-men",
                "ok",
                [_condition("sex", equals="male"), _condition("total", maximum=5)],
                *low,
            ),
            _band("risk", "watch", [_condition("total", minimum=5)], *risk),
            _band("low", "ok", [_condition("total", maximum=4)], *low),
        ],
        "source_fi": "<p>AUDIT-C: Bush K ym. The AUDIT alcohol consumption questions (AUDIT-C). "
        "<i>Arch Intern Med</i> 1998;158:1789–95. Riskikäytön rajat (naiset 5, miehet 6 "
        "pistettä): Käypä hoito -suositus Alkoholiongelmaisen hoito.</p>",
        "source_sv": "<p>AUDIT-C: Bush K m.fl. The AUDIT alcohol consumption questions "
        "(AUDIT-C). <i>Arch Intern Med</i> 1998;158:1789–95. Gränserna för riskbruk (kvinnor 5, "
        "män 6 poäng): God medicinsk praxis-rekommendationen om behandling av "
        "alkoholproblem.</p>",
    }


def _band_texts_audit_risk(themes):
    return (
        ("Riskikäytön raja ylittyy", "Gränsen för riskbruk överskrids"),
        (
            "<p>Juot niin paljon tai niin usein, että terveyshaittojen riski kasvaa. Juomisen "
            "vähentäminen kannattaa: jo pienikin muutos auttaa. Voit ottaa asian puheeksi "
            "terveysasemalla.</p>",
            "<p>Du dricker så mycket eller så ofta att risken för hälsoskador ökar. Det lönar "
            "sig att dricka mindre: redan en liten förändring hjälper. Du kan ta upp saken på "
            "hälsostationen.</p>",
        ),
        [
            _search(
                themes,
                "paihteet",
                "Päihdepalvelut ja tuki lähelläsi",
                "Missbrukstjänster och stöd nära dig",
            ),
            *_programme(
                "vahemman-alkoholia-4-viikkoa",
                "Neljän viikon omahoito-ohjelma juomisen vähentämiseen.",
                "Ett egenvårdsprogram på fyra veckor för att dricka mindre.",
            ),
            _theme(themes, "paihteet"),
            _link("paihdelinkki"),
        ],
    )


def _band_texts_audit_low(themes):
    return (
        ("Alkoholinkäyttösi on vähäriskistä", "Din alkoholkonsumtion har låg risk"),
        (
            "<p>Vastaustesi perusteella riskikäytön raja ei ylity. Mitä vähemmän alkoholia, "
            "sitä pienemmät riskit.</p>",
            "<p>Enligt dina svar överskrids inte gränsen för riskbruk. Ju mindre alkohol, desto "
            "mindre risker.</p>",
        ),
        [_theme(themes, "paihteet"), _link("paihdelinkki")],
    )


def who5(themes):
    scale = [
        ("Koko ajan", "Hela tiden", 5),
        ("Suurimman osan ajasta", "Större delen av tiden", 4),
        ("Yli puolet ajasta", "Mer än hälften av tiden", 3),
        ("Alle puolet ajasta", "Mindre än hälften av tiden", 2),
        ("Silloin tällöin", "Då och då", 1),
        ("En lainkaan", "Inte någon gång", 0),
    ]
    statements = [
        (
            "cheerful",
            "Olen ollut iloinen ja hyvällä tuulella",
            "Jag har känt mig glad och på gott humör",
        ),
        (
            "calm",
            "Olen tuntenut oloni rauhalliseksi ja rentoutuneeksi",
            "Jag har känt mig lugn och avslappnad",
        ),
        (
            "active",
            "Olen tuntenut itseni aktiiviseksi ja tarmokkaaksi",
            "Jag har känt mig aktiv och energisk",
        ),
        ("rested", "Olen herännyt virkeänä ja levänneenä", "Jag har vaknat pigg och utvilad"),
        (
            "interest",
            "Päivittäinen elämäni on ollut täynnä minua kiinnostavia asioita",
            "Mitt dagliga liv har varit fyllt av saker som intresserar mig",
        ),
    ]
    mental = [
        _search(
            themes,
            "mieli",
            "Mielen hyvinvoinnin palvelut lähelläsi",
            "Tjänster för psykiskt välbefinnande nära dig",
        ),
        _link("mielenterveystalo"),
        _theme(themes, "mieli"),
    ]
    return {
        "title_fi": "Hyvinvointikysely (WHO-5)",
        "title_sv": "Välbefinnandeindex (WHO-5)",
        "slug_fi": "hyvinvointi-who-5",
        "slug_sv": "valbefinnande-who-5",
        "search_description_fi": "Viisi kysymystä siitä, miten olet voinut kahden viikon ajan.",
        "search_description_sv": "Fem frågor om hur du har mått de senaste två veckorna.",
        "intro_fi": "<p>Maailman terveysjärjestön WHO:n viiden kysymyksen kysely mittaa "
        "hyvinvointiasi viimeisen kahden viikon aikana.</p>",
        "intro_sv": "<p>Världshälsoorganisationen WHO:s formulär med fem frågor mäter ditt "
        "välbefinnande under de senaste två veckorna.</p>",
        "duration_minutes": 2,
        "themes": ["mieli"],
        "questions": [
            {
                "type": "likert",
                "value": {
                    "prompt_fi": "Miten olet voinut viimeisen kahden viikon aikana?",
                    "prompt_sv": "Hur har du mått under de senaste två veckorna?",
                    "help_fi": "Valitse kunkin väittämän kohdalla vaihtoehto, joka kuvaa "
                    "oloasi parhaiten.",
                    "help_sv": "Välj för varje påstående det alternativ som bäst beskriver hur "
                    "du har mått.",
                    "statements": [
                        {"key": key, "text_fi": fi, "text_sv": sv, "reverse": False}
                        for key, fi, sv in statements
                    ],
                    "points": [
                        {"label_fi": fi, "label_sv": sv, "points": str(points)}
                        for fi, sv, points in scale
                    ],
                    "required": True,
                    "scale": "total",
                    "weight": "1",
                },
            },
            _question(
                "background",
                "thoughts",
                "Onko sinulla kahden viime viikon aikana ollut ajatuksia, että olisi parempi "
                "olla kuollut, tai ajatuksia vahingoittaa itseäsi?",
                "Har du under de senaste två veckorna haft tankar på att det vore bättre att "
                "vara död, eller tankar på att skada dig själv?",
                "Tämä lisäkysymys ei kuulu WHO-5-kyselyyn eikä vaikuta pisteisiin. Jos "
                "vastaat kyllä, kerromme, mistä saat apua heti.",
                "Den här tilläggsfrågan hör inte till WHO-5 och påverkar inte poängen. Om du "
                "svarar ja, berättar vi var du genast får hjälp.",
                required=False,
                options=[
                    _option("no", "Ei", "Nej"),
                    _option("sometimes", "Kyllä, joskus", "Ja, ibland", urgent=True),
                    _option("often", "Kyllä, usein", "Ja, ofta", urgent=True),
                ],
            ),
        ],
        "scales": [_scale("total", "Hyvinvointi-indeksi", "Välbefinnandeindex", multiplier=4)],
        "bands": [
            _band(
                "low",
                "act",
                [_condition("total", maximum=28)],
                ("Hyvinvointisi on selvästi heikentynyt", "Ditt välbefinnande är klart nedsatt"),
                (
                    "<p>Tulos viittaa siihen, että voit huonosti. Ota yhteyttä terveysasemalle "
                    "tai työterveyshuoltoon ja kerro olostasi: masennus ja uupumus ovat "
                    "hoidettavissa.</p>",
                    "<p>Resultatet tyder på att du mår dåligt. Kontakta hälsostationen eller "
                    "företagshälsovården och berätta hur du mår: depression och utmattning "
                    "går att behandla.</p>",
                ),
                mental,
            ),
            _band(
                "reduced",
                "watch",
                [_condition("total", minimum=29, maximum=50)],
                ("Hyvinvointisi on heikentynyt", "Ditt välbefinnande är nedsatt"),
                (
                    "<p>Tulos on alle 50, mikä viittaa heikentyneeseen hyvinvointiin. Pohdi, "
                    "mikä kuormittaa, ja kokeile omahoitoa. Jos olo jatkuu, ota yhteyttä "
                    "terveysasemalle.</p>",
                    "<p>Resultatet är under 50, vilket tyder på nedsatt välbefinnande. Fundera "
                    "på vad som belastar dig och pröva egenvård. Om det fortsätter, kontakta "
                    "hälsostationen.</p>",
                ),
                mental,
            ),
            _band(
                "good",
                "ok",
                [_condition("total", minimum=51)],
                ("Hyvinvointisi on hyvä", "Ditt välbefinnande är gott"),
                (
                    "<p>Olet voinut viime aikoina hyvin. Pidä kiinni asioista, jotka tukevat "
                    "jaksamistasi.</p>",
                    "<p>Du har mått bra på sistone. Håll fast vid det som stöder din ork.</p>",
                ),
                [_theme(themes, "mieli")],
            ),
        ],
        "source_fi": "<p>WHO-5: WHO Regional Office for Europe 1998. Topp CW ym. The WHO-5 "
        "Well-Being Index: a systematic review of the literature. <i>Psychother Psychosom</i> "
        "2015;84:167–176. Pisteet 0–25 kerrotaan neljällä (0–100); 50 tai alle viittaa "
        "heikentyneeseen hyvinvointiin, 28 tai alle on syy hakea apua.</p>",
        "source_sv": "<p>WHO-5: WHO Regional Office for Europe 1998. Topp CW m.fl. The WHO-5 "
        "Well-Being Index: a systematic review of the literature. <i>Psychother Psychosom</i> "
        "2015;84:167–176. Poängen 0–25 multipliceras med fyra (0–100); 50 eller mindre tyder "
        "på nedsatt välbefinnande, 28 eller mindre är skäl att söka hjälp.</p>",
    }


def physical_activity(themes):
    recs = [
        _search(themes, "liikunta", "Liikuntaa lähelläsi", "Motion nära dig"),
        *_programme(
            "liikkeelle-6-viikkoa",
            "Kuuden viikon omahoito-ohjelma liikkumisen lisäämiseen.",
            "Ett egenvårdsprogram på sex veckor för att röra på sig mer.",
        ),
        _theme(themes, "liikunta"),
        _link("ukk"),
    ]
    minutes = ("min/vko", "min/vecka")
    return {
        "title_fi": "Liikutko tarpeeksi? Viikon liikunta",
        "title_sv": "Rör du dig tillräckligt? Veckans motion",
        "slug_fi": "viikon-liikunta",
        "slug_sv": "veckans-motion",
        "search_description_fi": "Vertaa viikkosi liikuntaa UKK-instituutin suositukseen.",
        "search_description_sv": "Jämför veckans motion med UKK-institutets rekommendation.",
        "intro_fi": "<p>Kolme kysymystä tavallisesta viikostasi. Vertaamme vastauksiasi "
        "UKK-instituutin liikkumisen suositukseen 18–64-vuotiaille: reipasta liikuntaa "
        "vähintään 150 minuuttia tai rasittavaa vähintään 75 minuuttia viikossa sekä "
        "lihaskuntoa vähintään kahdesti viikossa.</p>",
        "intro_sv": "<p>Tre frågor om en vanlig vecka. Vi jämför dina svar med UKK-institutets "
        "rekommendation för 18–64-åringar: rask motion minst 150 minuter eller ansträngande "
        "motion minst 75 minuter i veckan samt muskelträning minst två gånger i veckan.</p>",
        "duration_minutes": 2,
        "themes": ["liikunta"],
        "one_question_per_step": True,
        "ask_municipality": True,
        "questions": [
            _question(
                "number",
                "moderate",
                "Kuinka monta minuuttia viikossa liikut reippaasti?",
                "Hur många minuter i veckan rör du dig raskt?",
                "Reipas liikunta: hengästyt jonkin verran, esimerkiksi reipas kävely, "
                "pyöräily tai pihatyöt. Kaikki liikkuminen lasketaan.",
                "Rask motion: du blir något andfådd, till exempel rask promenad, cykling "
                "eller trädgårdsarbete. All rörelse räknas.",
                minimum="0",
                maximum="3000",
                whole_numbers=True,
                unit_fi=minutes[0],
                unit_sv=minutes[1],
                scale="aerobic",
                weight="1",
            ),
            _question(
                "number",
                "vigorous",
                "Kuinka monta minuuttia viikossa liikut rasittavasti?",
                "Hur många minuter i veckan rör du dig ansträngande?",
                "Rasittava liikunta: hengästyt selvästi, esimerkiksi juoksu, hiihto tai "
                "mäkikävely. Minuutti rasittavaa liikuntaa vastaa kahta minuuttia reipasta.",
                "Ansträngande motion: du blir klart andfådd, till exempel löpning, skidåkning "
                "eller backpromenad. En minut ansträngande motion motsvarar två minuter rask.",
                minimum="0",
                maximum="2000",
                whole_numbers=True,
                unit_fi=minutes[0],
                unit_sv=minutes[1],
                scale="aerobic",
                weight="2",
            ),
            _question(
                "number",
                "strength",
                "Monena päivänä viikossa teet lihaskuntoa vahvistavaa liikuntaa?",
                "Hur många dagar i veckan tränar du musklerna?",
                "Esimerkiksi kuntosali, kuntopiiri, portaiden nousu tai raskaat pihatyöt.",
                "Till exempel gym, cirkelträning, trappgång eller tungt trädgårdsarbete.",
                minimum="0",
                maximum="7",
                whole_numbers=True,
                unit_fi="päivää",
                unit_sv="dagar",
                scale="strength",
                weight="1",
            ),
        ],
        "scales": [
            _scale(
                "aerobic",
                "Kestävyysliikunta (rasittava kahdesti laskettuna)",
                "Konditionsmotion (ansträngande räknad dubbelt)",
                unit=minutes,
                show_maximum=False,
            ),
            _scale(
                "strength",
                "Lihaskuntoa vahvistavat päivät",
                "Dagar med muskelträning",
                unit=("päivää viikossa", "dagar i veckan"),
                show_maximum=False,
            ),
        ],
        "bands": [
            _band(
                "meets",
                "ok",
                [_condition("aerobic", minimum=150), _condition("strength", minimum=2)],
                ("Liikut suosituksen mukaisesti", "Du rör dig enligt rekommendationen"),
                (
                    "<p>Hienoa! Liikut suosituksen mukaan. Jatka samaan malliin ja muista myös "
                    "tauottaa istumista.</p>",
                    "<p>Bra! Du rör dig enligt rekommendationen. Fortsätt så och kom ihåg att "
                    "också bryta långa stunder av sittande.</p>",
                ),
                recs,
            ),
            _band(
                "aerobic-only",
                "watch",
                [_condition("aerobic", minimum=150), _condition("strength", maximum=1)],
                ("Lisää lihaskuntoa", "Lägg till muskelträning"),
                (
                    "<p>Kestävyysliikuntaa on riittävästi, mutta lihaskuntoa vahvistavaa "
                    "liikuntaa kannattaa lisätä kahteen kertaan viikossa.</p>",
                    "<p>Du har tillräckligt med konditionsmotion, men lägg till muskelträning "
                    "två gånger i veckan.</p>",
                ),
                recs,
            ),
            _band(
                "strength-only",
                "watch",
                [_condition("aerobic", maximum=149), _condition("strength", minimum=2)],
                ("Lisää kestävyysliikuntaa", "Lägg till konditionsmotion"),
                (
                    "<p>Lihaskuntoa on riittävästi. Lisää reipasta tai rasittavaa liikuntaa, "
                    "niin suositus täyttyy.</p>",
                    "<p>Du tränar musklerna tillräckligt. Lägg till rask eller ansträngande "
                    "motion så uppfylls rekommendationen.</p>",
                ),
                recs,
            ),
            _band(
                "neither",
                "act",
                [_condition("aerobic", maximum=149), _condition("strength", maximum=1)],
                ("Liikuntaa kannattaa lisätä", "Det lönar sig att röra sig mer"),
                (
                    "<p>Liikut vähemmän kuin suositellaan. Aloita pienestä: jokainen askel ja "
                    "jokainen porras on hyväksi. Kunnan liikuntaneuvonta auttaa alkuun.</p>",
                    "<p>Du rör dig mindre än rekommenderat. Börja i liten skala: varje steg och "
                    "varje trappsteg gör gott. Kommunens motionsrådgivning hjälper dig i "
                    "gång.</p>",
                ),
                recs,
            ),
        ],
        "source_fi": "<p>UKK-instituutti: Liikkumisen suositus 18–64-vuotiaille aikuisille "
        "(2019). Tämä tarkistus vertaa vastauksiasi suositukseen; se ei mittaa kuntoa.</p>",
        "source_sv": "<p>UKK-institutet: Rekommendation för fysisk aktivitet för vuxna i "
        "åldern 18–64 år (2019). Kontrollen jämför dina svar med rekommendationen; den mäter "
        "inte konditionen.</p>",
    }


def loneliness(themes):
    return {
        "title_fi": "Yksinäisyyden arviointi",
        "title_sv": "Bedömning av ensamhet",
        "slug_fi": "yksinaisyys",
        "slug_sv": "ensamhet",
        "search_description_fi": "Kolme kysymystä yksinäisyydestä ja vinkkejä seuraan.",
        "search_description_sv": "Tre frågor om ensamhet och tips för att hitta sällskap.",
        "intro_fi": "<p>Kolmen kysymyksen yksinäisyysmittari. Moni tuntee itsensä yksinäiseksi "
        "jossain elämänvaiheessa, ja siihen on apua.</p>",
        "intro_sv": "<p>Ett mått på ensamhet med tre frågor. Många känner sig ensamma under "
        "någon period i livet, och det finns hjälp.</p>",
        "duration_minutes": 1,
        "themes": ["osallisuus", "mieli"],
        "ask_municipality": True,
        "questions": [
            {
                "type": "likert",
                "value": {
                    "prompt_fi": "Kuinka usein sinusta tuntuu näin?",
                    "prompt_sv": "Hur ofta känner du så här?",
                    "help_fi": "",
                    "help_sv": "",
                    "statements": [
                        {
                            "key": "companionship",
                            "reverse": False,
                            "text_fi": "Tunnen, että minulta puuttuu seuraa",
                            "text_sv": "Jag känner att jag saknar sällskap",
                        },
                        {
                            "key": "left-out",
                            "reverse": False,
                            "text_fi": "Tunnen itseni ulkopuoliseksi",
                            "text_sv": "Jag känner mig utanför",
                        },
                        {
                            "key": "isolated",
                            "reverse": False,
                            "text_fi": "Tunnen itseni eristetyksi muista",
                            "text_sv": "Jag känner mig isolerad från andra",
                        },
                    ],
                    "points": [
                        {"label_fi": "Tuskin koskaan", "label_sv": "Nästan aldrig", "points": "1"},
                        {"label_fi": "Joskus", "label_sv": "Ibland", "points": "2"},
                        {"label_fi": "Usein", "label_sv": "Ofta", "points": "3"},
                    ],
                    "required": True,
                    "scale": "total",
                    "weight": "1",
                },
            }
        ],
        "scales": [_scale("total", "Yksinäisyyspisteet", "Ensamhetspoäng")],
        "bands": [
            _band(
                "lonely",
                "watch",
                [_condition("total", minimum=6)],
                ("Tunnet itsesi yksinäiseksi", "Du känner dig ensam"),
                (
                    "<p>Pisteesi ovat 6 tai enemmän, mikä viittaa yksinäisyyteen. "
                    "Vertaisryhmät, harrastukset ja vapaaehtoistoiminta ovat hyviä tapoja "
                    "löytää seuraa. Kokeile jotakin lähellä olevaa.</p>",
                    "<p>Dina poäng är 6 eller fler, vilket tyder på ensamhet. Kamratgrupper, "
                    "hobbyer och frivilligverksamhet är bra sätt att hitta sällskap. Pröva "
                    "något nära dig.</p>",
                ),
                [
                    _search(
                        themes,
                        "osallisuus",
                        "Vertaistukea ja yhteistä tekemistä lähelläsi",
                        "Kamratstöd och gemensam verksamhet nära dig",
                    ),
                    _theme(themes, "osallisuus"),
                    _link("mieli"),
                ],
            ),
            _band(
                "not-lonely",
                "ok",
                [_condition("total", maximum=5)],
                ("Et tunne itseäsi juurikaan yksinäiseksi", "Du känner dig sällan ensam"),
                (
                    "<p>Pisteesi ovat alle 6. Ystävät, perhe ja yhteinen tekeminen suojaavat "
                    "hyvinvointiasi.</p>",
                    "<p>Dina poäng är under 6. Vänner, familj och gemensamma aktiviteter skyddar "
                    "ditt välbefinnande.</p>",
                ),
                [_theme(themes, "osallisuus")],
            ),
        ],
        "source_fi": "<p>Three-Item Loneliness Scale: Hughes ME, Waite LJ, Hawkley LC, "
        "Cacioppo JT. A short scale for measuring loneliness in large surveys. <i>Research on "
        "Aging</i> 2004;26(6):655–672. Pisteet 3–9; 6 tai enemmän viittaa yksinäisyyteen.</p>",
        "source_sv": "<p>Three-Item Loneliness Scale: Hughes ME, Waite LJ, Hawkley LC, "
        "Cacioppo JT. A short scale for measuring loneliness in large surveys. <i>Research on "
        "Aging</i> 2004;26(6):655–672. Poäng 3–9; 6 eller fler tyder på ensamhet.</p>",
    }


def sleep(themes):
    yes_no = [_option("yes", "Kyllä", "Ja"), _option("no", "Ei", "Nej")]
    sleep_recs = [
        _search(
            themes,
            "uni",
            "Uni- ja palautumispalvelut lähelläsi",
            "Tjänster för sömn och återhämtning nära dig",
        ),
        *_programme(
            "parempaa-unta-4-viikkoa",
            "Neljän viikon omahoito-ohjelma parempaan uneen.",
            "Ett egenvårdsprogram på fyra veckor för bättre sömn.",
        ),
        _theme(themes, "uni"),
        _link("mielenterveystalo"),
    ]
    habits = [
        (
            "irregular",
            "Menen nukkumaan ja herään eri aikaan eri päivinä",
            "Jag lägger mig och vaknar vid olika tider olika dagar",
        ),
        (
            "screens",
            "Käytän puhelinta tai tablettia sängyssä ennen nukahtamista",
            "Jag använder telefon eller surfplatta i sängen innan jag somnar",
        ),
        (
            "caffeine",
            "Juon kahvia tai energiajuomaa kello 16:n jälkeen",
            "Jag dricker kaffe eller energidryck efter klockan 16",
        ),
        ("alcohol", "Otan alkoholia, jotta nukahtaisin", "Jag dricker alkohol för att somna"),
        (
            "short",
            "Nukun yleensä alle 7 tuntia yössä",
            "Jag sover vanligen mindre än 7 timmar per natt",
        ),
        (
            "tired",
            "Väsymys haittaa päivän askareita tai keskittymistä",
            "Tröttheten stör mina dagliga sysslor eller min koncentration",
        ),
    ]
    return {
        "title_fi": "Unitottumusten tarkistuslista",
        "title_sv": "Checklista för sömnvanor",
        "slug_fi": "unitottumukset",
        "slug_sv": "somnvanor",
        "search_description_fi": "Mitkä tottumukset haittaavat untasi? Ei kliininen mittari.",
        "search_description_sv": "Vilka vanor stör din sömn? Inte ett kliniskt instrument.",
        "intro_fi": "<p>Hyvinvointioppaan laatima tarkistuslista unta haittaavista "
        "tottumuksista. Se ei ole kliininen mittari eikä arvioi unihäiriöitä, mutta kertoo, "
        "milloin univaikeuksista kannattaa puhua ammattilaisen kanssa.</p>",
        "intro_sv": "<p>En checklista över vanor som stör sömnen, skriven av välmåendeguiden. "
        "Den är inte ett kliniskt instrument och bedömer inte sömnstörningar, men berättar när "
        "det lönar sig att tala med en yrkesperson om sömnproblem.</p>",
        "duration_minutes": 2,
        "themes": ["uni"],
        "questions": [
            _choice(
                "quality",
                "Miten olet nukkunut viimeisen kuukauden aikana?",
                "Hur har du sovit under den senaste månaden?",
                [
                    _option("good", "Hyvin", "Bra", 0),
                    _option("varying", "Vaihtelevasti", "Varierande", 1),
                    _option("poor", "Huonosti", "Dåligt", 2),
                ],
            ),
            _question(
                "multiple_choice",
                "habits",
                "Mitkä näistä pitävät paikkansa useimpina viikkoina?",
                "Vilka av dessa stämmer för dig de flesta veckor?",
                "Jos mikään ei pidä paikkaansa, jätä kohdat valitsematta.",
                "Om inget stämmer, lämna alternativen tomma.",
                required=False,
                options=[_option(value, fi, sv, 1) for value, fi, sv in habits],
                scale="total",
                weight="1",
            ),
            _question(
                "background",
                "long-term",
                "Onko sinulla ollut vaikeuksia nukahtaa tai pysyä unessa vähintään kolmena "
                "yönä viikossa yli kolmen kuukauden ajan?",
                "Har du haft svårt att somna eller att sova hela natten minst tre nätter i "
                "veckan i mer än tre månader?",
                options=yes_no,
            ),
            _question(
                "background",
                "breathing",
                "Onko joku huomannut, että kuorsaat äänekkäästi ja hengityksesi katkeilee unessa?",
                "Har någon märkt att du snarkar högt och har andningsuppehåll i sömnen?",
                options=[*yes_no, _option("unknown", "En tiedä", "Vet inte")],
            ),
        ],
        "scales": [_scale("total", "Unta haittaavat tekijät", "Faktorer som stör sömnen")],
        "bands": [
            _band(
                "long-term",
                "act",
                [_condition("long-term", equals="yes")],
                (
                    "Pitkittyneet univaikeudet kannattaa ottaa puheeksi",
                    "Långvariga sömnproblem är värda att ta upp",
                ),
                (
                    "<p>Yli kolme kuukautta jatkuneet univaikeudet voivat olla unettomuutta, "
                    "johon on hyvää hoitoa. Ota asia puheeksi terveysasemalla tai "
                    "työterveyshuollossa. Tarkista myös alla olevat tottumukset.</p>",
                    "<p>Sömnproblem som pågått i mer än tre månader kan vara sömnlöshet, som det "
                    "finns god behandling för. Ta upp saken på hälsostationen eller inom "
                    "företagshälsovården. Se också över vanorna nedan.</p>",
                ),
                sleep_recs,
            ),
            _band(
                "breathing",
                "act",
                [_condition("breathing", equals="yes")],
                (
                    "Hengityskatkokset unessa kannattaa tutkia",
                    "Andningsuppehåll i sömnen bör undersökas",
                ),
                (
                    "<p>Äänekäs kuorsaus ja hengityskatkokset voivat olla uniapnean merkkejä. "
                    "Varaa aika terveysasemalle.</p>",
                    "<p>Hög snarkning och andningsuppehåll kan vara tecken på sömnapné. Boka tid "
                    "på hälsostationen.</p>",
                ),
                [_link("omaolo"), *sleep_recs],
            ),
            _band(
                "habits",
                "watch",
                [_condition("total", minimum=3)],
                ("Tottumuksissa on parannettavaa", "Vanorna kan förbättras"),
                (
                    "<p>Useampi tottumus voi haitata untasi. Säännöllinen unirytmi, ruutujen "
                    "jättäminen pois sängystä ja kofeiinin välttäminen iltaisin auttavat "
                    "monia.</p>",
                    "<p>Flera vanor kan störa din sömn. En regelbunden sömnrytm, att lämna "
                    "skärmarna utanför sängen och att undvika koffein på kvällen hjälper "
                    "många.</p>",
                ),
                sleep_recs,
            ),
            _band(
                "good",
                "ok",
                [_condition("total", maximum=2)],
                ("Unitottumuksesi ovat hyvät", "Dina sömnvanor är goda"),
                (
                    "<p>Tottumuksesi tukevat hyvää unta. Jatka samaan malliin.</p>",
                    "<p>Dina vanor stöder en god sömn. Fortsätt så.</p>",
                ),
                [_theme(themes, "uni")],
            ),
        ],
        "source_fi": "<p>Hyvinvointioppaan laatima tarkistuslista, ei kliininen mittari. "
        "Sisältö perustuu julkisiin unen ja unettomuuden omahoito-ohjeisiin (THL, Käypä hoito "
        "-suositus Unettomuus).</p>",
        "source_sv": "<p>En checklista skriven av välmåendeguiden, inte ett kliniskt "
        "instrument. Innehållet bygger på offentliga egenvårdsråd om sömn och sömnlöshet "
        "(THL, God medicinsk praxis-rekommendationen Sömnlöshet).</p>",
        "disclaimer_fi": "Tämä tarkistuslista ei ole kliininen mittari eikä diagnoosi. Jos "
        "univaikeudet haittaavat elämääsi, ota yhteyttä terveysasemalle.",
        "disclaimer_sv": "Den här checklistan är inte ett kliniskt instrument och ingen "
        "diagnos. Om sömnproblemen stör ditt liv, kontakta hälsostationen.",
    }


INSTRUMENTS = (audit_c, who5, physical_activity, loneliness, sleep)


def ensure_assessments(home):
    """The assessment index and the seeded assessments that are missing. Returns how many
    pages were created."""
    return ensure_pages(
        home,
        AssessmentIndexPage,
        INDEX,
        SelfAssessmentPage,
        INSTRUMENTS,
        ("questions", "scales", "bands"),
    )
