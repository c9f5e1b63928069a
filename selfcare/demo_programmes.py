"""The seeded self-care programmes, in Finnish and Swedish, written by the project from
public health recommendations: the UKK Institute's physical activity recommendation for
adults, the Current Care (Käypä hoito) guidelines on insomnia and on the treatment of alcohol
problems, and THL's information on alcohol.

Idempotent: a programme that exists (by its Finnish slug) is left as an editor has it.
"""

from .models import ProgrammeIndexPage, SelfCareProgrammePage
from .seeding import ensure_pages

INDEX = {
    "title_fi": "Omahoito-ohjelmat",
    "title_sv": "Egenvårdsprogram",
    "slug_fi": "omahoito-ohjelmat",
    "slug_sv": "egenvardsprogram",
    "show_in_menus": True,
    "intro_fi": "<p>Muutaman viikon ohjelmat, joissa edetään pienin askelin. Et tarvitse "
    "tunnusta: selain muistaa, mihin jäit, ja jatkokoodilla voit jatkaa toisella "
    "laitteella.</p>",
    "intro_sv": "<p>Program på några veckor där du går framåt i små steg. Du behöver inget "
    "konto: webbläsaren minns var du slutade, och med en fortsättningskod kan du fortsätta på "
    "en annan enhet.</p>",
}


def _text(fi, sv):
    return {"type": "text", "value": {"text_fi": fi, "text_sv": sv}}


def _exercise(title, instructions, minutes=None):
    return {
        "type": "exercise",
        "value": {
            "title_fi": title[0],
            "title_sv": title[1],
            "instructions_fi": instructions[0],
            "instructions_sv": instructions[1],
            "minutes": minutes,
        },
    }


def _lines(pairs):
    return [{"text_fi": fi, "text_sv": sv} for fi, sv in pairs]


def _reflection(questions, title=("", "")):
    return {
        "type": "reflection",
        "value": {"title_fi": title[0], "title_sv": title[1], "questions": _lines(questions)},
    }


def _checklist(title, items):
    return {
        "type": "checklist",
        "value": {"title_fi": title[0], "title_sv": title[1], "items": _lines(items)},
    }


def _tip(fi, sv):
    return {"type": "tip", "value": {"text_fi": fi, "text_sv": sv}}


def _services(themes, slug, label, words=("", ""), **filters):
    return {
        "type": "services",
        "value": {
            "label_fi": label[0],
            "label_sv": label[1],
            "theme": themes[slug],
            "words_fi": words[0],
            "words_sv": words[1],
            "free_only": False,
            "provider": "",
            "channel": "",
            "near_user": False,
            **filters,
        },
    }


def _step(title, minutes, content):
    return {
        "type": "step",
        "value": {
            "title_fi": title[0],
            "title_sv": title[1],
            "minutes": minutes,
            "content": content,
        },
    }


def liikkeelle(themes):
    steps = [
        _step(
            ("Lähtötilanne ja oma tavoite", "Utgångsläge och ditt eget mål"),
            20,
            [
                _text(
                    "<p>Aikuisten liikkumisen suositus (UKK-instituutti) kehottaa liikkumaan "
                    "reippaasti yhteensä vähintään 2 tuntia 30 minuuttia viikossa tai "
                    "rasittavasti 1 tunti 15 minuuttia, harjoittamaan lihasvoimaa ja "
                    "tasapainoa kahdesti viikossa sekä tauottamaan istumista. Tärkeintä on, "
                    "että kaikki liike on hyväksi – aloittaa voi pienestä.</p>",
                    "<p>Rekommendationen för fysisk aktivitet för vuxna (UKK-institutet) "
                    "råder dig att röra på dig raskt sammanlagt minst 2 timmar 30 minuter i "
                    "veckan eller ansträngande 1 timme 15 minuter, att träna muskelstyrka och "
                    "balans två gånger i veckan och att bryta långvarigt sittande. Det "
                    "viktigaste är att all rörelse är bra – du kan börja i liten skala.</p>",
                ),
                _exercise(
                    ("Viikon liikkumispäiväkirja", "Veckans rörelsedagbok"),
                    (
                        "<p>Kirjaa tämän viikon ajan joka ilta, kuinka monta minuuttia liikuit "
                        "reippaasti (hengästyen hieman) ja kuinka kauan istuit yhtäjaksoisesti "
                        "pisimmillään. Älä vielä muuta mitään – katso vain, mistä lähdet.</p>",
                        "<p>Skriv varje kväll den här veckan ned hur många minuter du rörde på "
                        "dig raskt (så att du blev lite andfådd) och hur länge du som längst "
                        "satt utan paus. Ändra ingenting ännu – se bara var du börjar.</p>",
                    ),
                    10,
                ),
                _reflection(
                    [
                        (
                            "Miksi haluat liikkua enemmän? Mikä siinä on sinulle tärkeää?",
                            "Varför vill du röra på dig mer? Vad är viktigt för dig i det?",
                        ),
                        (
                            "Millainen liikkuminen on joskus tuntunut sinusta hyvältä?",
                            "Vilken slags rörelse har någon gång känts bra för dig?",
                        ),
                    ]
                ),
                _checklist(
                    ("Tällä viikolla", "Den här veckan"),
                    [
                        (
                            "Kirjasin liikkumiseni neljänä päivänä",
                            "Jag skrev ned min rörelse fyra dagar",
                        ),
                        (
                            "Kirjoitin itselleni yhden pienen tavoitteen",
                            "Jag skrev ned ett litet mål för mig själv",
                        ),
                    ],
                ),
                _tip(
                    "Hyvä tavoite on pieni ja täsmällinen: ”kävelen maanantaina ja torstaina "
                    "20 minuuttia työpäivän jälkeen” toimii paremmin kuin ”liikun enemmän”.",
                    "Ett bra mål är litet och konkret: ”jag promenerar 20 minuter efter "
                    "arbetsdagen på måndag och torsdag” fungerar bättre än ”jag rör mig mer”.",
                ),
            ],
        ),
        _step(
            ("Arjen liike ja istumisen tauotus", "Vardagsmotion och pauser i sittandet"),
            20,
            [
                _text(
                    "<p>Arjen pienet liikkeet – portaat, pyöräily kauppaan, seisominen "
                    "puhelun aikana – kertyvät. Pitkä yhtäjaksoinen istuminen on haitallista "
                    "silloinkin, kun liikkuu muuten riittävästi, joten nouse ylös puolen tunnin "
                    "välein.</p>",
                    "<p>Små rörelser i vardagen – trappor, cykeln till butiken, att stå under "
                    "ett samtal – blir många. Långvarigt sittande utan paus är skadligt även "
                    "om du annars rör dig tillräckligt, så res dig upp varje halvtimme.</p>",
                ),
                _exercise(
                    ("Kolme taukoa päivässä", "Tre pauser om dagen"),
                    (
                        "<p>Valitse kolme hetkeä päivästäsi, joissa nouset ja liikut pari "
                        "minuuttia: esimerkiksi kahvin keittäminen, puhelut ja mainoskatkot. "
                        "Kokeile viitenä päivänä.</p>",
                        "<p>Välj tre stunder under dagen då du reser dig och rör på dig ett "
                        "par minuter: till exempel när du kokar kaffe, under telefonsamtal och "
                        "under reklampauser. Pröva fem dagar.</p>",
                    ),
                    5,
                ),
                _reflection(
                    [
                        (
                            "Missä tilanteissa istut pisimpään?",
                            "I vilka situationer sitter du längst?",
                        ),
                        (
                            "Minkä arkimatkan voisit kulkea kävellen tai pyörällä?",
                            "Vilken vardagsresa kunde du göra till fots eller med cykel?",
                        ),
                    ]
                ),
                _tip(
                    "Aseta puhelimeen muistutus, joka värähtää 30 minuutin välein työ- tai "
                    "opiskelupäivän aikana.",
                    "Ställ in en påminnelse i telefonen som vibrerar var 30:e minut under "
                    "arbets- eller studiedagen.",
                ),
            ],
        ),
        _step(
            ("Kestävyys: reipas kävely", "Kondition: rask promenad"),
            30,
            [
                _text(
                    "<p>Reipas liikkuminen tarkoittaa, että hengästyt hieman mutta pystyt "
                    "puhumaan. Reipas kävely, pyöräily ja sauvakävely käyvät hyvin. Kerry "
                    "kokonaismäärä vaikka kymmenen minuutin pätkissä.</p>",
                    "<p>Rask rörelse betyder att du blir lite andfådd men kan prata. Rask "
                    "promenad, cykling och stavgång passar bra. Samla ihop mängden till "
                    "exempel i pass på tio minuter.</p>",
                ),
                _exercise(
                    ("Kolme kävelyä", "Tre promenader"),
                    (
                        "<p>Kävele tällä viikolla kolme kertaa 20–30 minuuttia niin reippaasti, "
                        "että hengästyt hieman. Lisää joka kerralla muutama minuutti, jos "
                        "olo on hyvä.</p>",
                        "<p>Promenera tre gånger den här veckan i 20–30 minuter så raskt att du "
                        "blir lite andfådd. Lägg till några minuter varje gång om du mår "
                        "bra.</p>",
                    ),
                    90,
                ),
                _checklist(
                    ("Kävelyni", "Mina promenader"),
                    [
                        ("Ensimmäinen kävely", "Första promenaden"),
                        ("Toinen kävely", "Andra promenaden"),
                        ("Kolmas kävely", "Tredje promenaden"),
                    ],
                ),
                _services(
                    themes,
                    "liikunta",
                    (
                        "Kävely- ja ulkoiluryhmät lähelläsi",
                        "Promenad- och friluftsgrupper nära dig",
                    ),
                    ("kävely", "promenad"),
                ),
                _tip(
                    "Jos sinulla on sydän- tai muu pitkäaikaissairaus, kysy omalta "
                    "terveydenhuollostasi, millainen liikkuminen sopii sinulle.",
                    "Om du har en hjärtsjukdom eller annan långvarig sjukdom, fråga din egen "
                    "hälsovård vilken slags motion som passar dig.",
                ),
            ],
        ),
        _step(
            ("Lihasvoima ja tasapaino", "Muskelstyrka och balans"),
            30,
            [
                _text(
                    "<p>Lihaksia kannattaa kuormittaa kahdesti viikossa. Se onnistuu kotona "
                    "oman kehon painolla: kyykyt tuolilta nousten, seinäpunnerrukset ja "
                    "varpaille nousut. Tasapainoa harjoitat seisomalla yhdellä jalalla.</p>",
                    "<p>Det lönar sig att belasta musklerna två gånger i veckan. Det går "
                    "hemma med den egna kroppsvikten: knäböj genom att resa dig från en stol, "
                    "armhävningar mot väggen och tåhävningar. Balansen tränar du genom att "
                    "stå på ett ben.</p>",
                ),
                _exercise(
                    ("Kotijumppa kahdesti", "Hemgympa två gånger"),
                    (
                        "<ol><li>Nouse tuolilta seisomaan ja istu takaisin 10 kertaa.</li>"
                        "<li>Punnerra seinää vasten 10 kertaa.</li><li>Nouse varpaille 15 "
                        "kertaa.</li><li>Seiso yhdellä jalalla 30 sekuntia, sitten "
                        "toisella.</li></ol><p>Toista kierros 2–3 kertaa.</p>",
                        "<ol><li>Res dig från en stol och sätt dig igen 10 gånger.</li>"
                        "<li>Gör armhävningar mot väggen 10 gånger.</li><li>Gör tåhävningar "
                        "15 gånger.</li><li>Stå på ett ben i 30 sekunder, sedan på det "
                        "andra.</li></ol><p>Upprepa varvet 2–3 gånger.</p>",
                    ),
                    15,
                ),
                _reflection(
                    [
                        (
                            "Mikä liike tuntui helpoimmalta, mikä vaikeimmalta?",
                            "Vilken rörelse kändes lättast, vilken svårast?",
                        )
                    ]
                ),
                _services(
                    themes,
                    "liikunta",
                    ("Kuntosalit ja ohjatut ryhmät", "Gym och ledda grupper"),
                    ("kuntosali", "gym"),
                ),
            ],
        ),
        _step(
            ("Esteet ja seura", "Hinder och sällskap"),
            20,
            [
                _text(
                    "<p>Lähes kaikilla on viikkoja, jolloin liikkuminen jää. Kun tunnistat "
                    "etukäteen tavalliset esteesi, voit suunnitella niille kiertotien. Seura "
                    "auttaa monia: kaveri, ryhmä tai yhdistyksen vuoro sitouttaa.</p>",
                    "<p>Nästan alla har veckor då motionen blir av. När du känner igen dina "
                    "vanliga hinder i förväg kan du planera en väg runt dem. Sällskap hjälper "
                    "många: en vän, en grupp eller en förenings tur förpliktar.</p>",
                ),
                _reflection(
                    [
                        (
                            "Mikä on tavallisin syy, miksi liikkuminen jää? Mitä tekisit silloin toisin?",
                            "Vad är den vanligaste orsaken till att motionen blir av? Vad kunde du göra annorlunda då?",
                        ),
                        (
                            "Kenen kanssa voisit liikkua?",
                            "Vem kunde du röra på dig tillsammans med?",
                        ),
                    ],
                    ("Jos–niin-suunnitelma", "Om–så-plan"),
                ),
                _services(
                    themes,
                    "liikunta",
                    ("Yhdistysten liikuntaryhmät", "Föreningarnas motionsgrupper"),
                    provider="ngo",
                ),
                _tip(
                    "Monessa kunnassa toimii liikuntaneuvonta: liikuntaneuvoja auttaa "
                    "löytämään sopivan tavan liikkua. Kysy terveysasemalta tai kunnan "
                    "liikuntapalveluista.",
                    "I många kommuner finns motionsrådgivning: en motionsrådgivare hjälper dig "
                    "att hitta ett sätt att röra på dig som passar dig. Fråga på "
                    "hälsostationen eller kommunens idrottstjänster.",
                ),
            ],
        ),
        _step(
            ("Tapa pysyväksi", "Gör det till en vana"),
            20,
            [
                _text(
                    "<p>Kuusi viikkoa on hyvä alku. Tapa vahvistuu, kun liikkuminen on "
                    "kalenterissa samoina päivinä ja kun huomaat sen hyödyt: parempi uni, "
                    "vireys ja mieliala.</p>",
                    "<p>Sex veckor är en bra början. En vana stärks när motionen står i "
                    "kalendern samma dagar och när du märker nyttan: bättre sömn, pigghet "
                    "och humör.</p>",
                ),
                _exercise(
                    ("Seuraavan kuukauden suunnitelma", "Plan för nästa månad"),
                    (
                        "<p>Merkitse kalenteriin seuraavan neljän viikon liikuntakerrat. "
                        "Vertaa ensimmäisen viikon päiväkirjaan: mikä on muuttunut?</p>",
                        "<p>Skriv in nästa fyra veckors motionstillfällen i kalendern. Jämför "
                        "med dagboken från den första veckan: vad har förändrats?</p>",
                    ),
                    15,
                ),
                _reflection(
                    [
                        (
                            "Mistä olet ylpeä näiden kuuden viikon jälkeen?",
                            "Vad är du stolt över efter de här sex veckorna?",
                        ),
                        (
                            "Mikä auttaa sinua jatkamaan?",
                            "Vad hjälper dig att fortsätta?",
                        ),
                    ]
                ),
                _checklist(
                    ("Lopuksi", "Till sist"),
                    [
                        (
                            "Merkitsin liikunnan kalenteriin neljäksi viikoksi",
                            "Jag skrev in motionen i kalendern för fyra veckor",
                        ),
                        (
                            "Valitsin yhden uuden lajin tai ryhmän kokeiltavaksi",
                            "Jag valde en ny gren eller grupp att pröva",
                        ),
                    ],
                ),
                _services(themes, "liikunta", ("Kaikki liikuntapalvelut", "Alla motionstjänster")),
            ],
        ),
    ]
    return {
        "title_fi": "Liikkeelle – 6 viikkoa",
        "title_sv": "Kom i rörelse – 6 veckor",
        "slug_fi": "liikkeelle-6-viikkoa",
        "slug_sv": "kom-i-rorelse-6-veckor",
        "search_description_fi": "Kuusi viikkoa pieniä askelia kohti liikkuvampaa arkea.",
        "search_description_sv": "Sex veckor med små steg mot en mer aktiv vardag.",
        "intro_fi": "<p>Ohjelma sinulle, joka haluat liikkua enemmän mutta et tiedä, mistä "
        "aloittaa. Joka viikko on yksi teema, pieni harjoitus ja vinkkejä lähialueen "
        "liikuntapalveluihin.</p>",
        "intro_sv": "<p>Ett program för dig som vill röra på dig mer men inte vet var du ska "
        "börja. Varje vecka har ett tema, en liten övning och tips om motionstjänster nära "
        "dig.</p>",
        "goals_fi": "<ul><li>Tiedät, paljonko liikut nyt ja paljonko suositellaan.</li>"
        "<li>Liikut reippaasti useampana päivänä viikossa.</li><li>Teet lihasvoima- ja "
        "tasapainoharjoituksia kahdesti viikossa.</li><li>Sinulla on suunnitelma "
        "jatkoon.</li></ul>",
        "goals_sv": "<ul><li>Du vet hur mycket du rör dig nu och hur mycket som "
        "rekommenderas.</li><li>Du rör dig raskt flera dagar i veckan.</li><li>Du tränar "
        "muskelstyrka och balans två gånger i veckan.</li><li>Du har en plan för "
        "fortsättningen.</li></ul>",
        "target_group_fi": "Aikuiset, jotka liikkuvat suositusta vähemmän. Jos sinulla on "
        "pitkäaikaissairaus, keskustele liikkumisesta ensin terveydenhuollon kanssa.",
        "target_group_sv": "Vuxna som rör sig mindre än rekommenderat. Om du har en långvarig "
        "sjukdom, tala först med hälsovården om motionen.",
        "sources_fi": "<ul><li>UKK-instituutti: Aikuisten liikkumisen suositus (2019), "
        '<a href="https://ukkinstituutti.fi/">ukkinstituutti.fi</a></li><li>Käypä hoito '
        "-suositus Liikunta (Suomalainen Lääkäriseura Duodecim), "
        '<a href="https://www.kaypahoito.fi/">kaypahoito.fi</a></li></ul>',
        "sources_sv": "<ul><li>UKK-institutet: Rekommendation för fysisk aktivitet för vuxna "
        '(2019), <a href="https://ukkinstituutti.fi/">ukkinstituutti.fi</a></li><li>God '
        "medicinsk praxis (Käypä hoito): Motion (Finska Läkarföreningen Duodecim), "
        '<a href="https://www.kaypahoito.fi/">kaypahoito.fi</a></li></ul>',
        "step_unit": "week",
        "themes": ["liikunta", "terveystaidot"],
        "steps": steps,
    }


def parempaa_unta(themes):
    steps = [
        _step(
            ("Unipäiväkirja", "Sömndagbok"),
            20,
            [
                _text(
                    "<p>Aikuinen tarvitsee yleensä 7–9 tuntia unta, mutta tarve vaihtelee. "
                    "Ennen kuin muutat mitään, selvitä viikon ajan, miten nukut. "
                    "Unipäiväkirja näyttää, mihin kannattaa tarttua.</p>",
                    "<p>En vuxen behöver i allmänhet 7–9 timmar sömn, men behovet varierar. "
                    "Innan du ändrar något, ta reda på hur du sover under en vecka. En "
                    "sömndagbok visar vad det lönar sig att ta tag i.</p>",
                ),
                _exercise(
                    ("Kirjaa seitsemän yötä", "Skriv ned sju nätter"),
                    (
                        "<p>Kirjaa joka aamu: milloin menit sänkyyn, arviolta milloin "
                        "nukahdit, heräsitkö yöllä, milloin heräsit ja nousit sekä miten "
                        "virkeäksi tunsit itsesi asteikolla 1–5.</p>",
                        "<p>Skriv varje morgon ned: när du gick i säng, ungefär när du somnade, "
                        "om du vaknade på natten, när du vaknade och steg upp och hur pigg du "
                        "kände dig på en skala 1–5.</p>",
                    ),
                    5,
                ),
                _reflection(
                    [
                        (
                            "Mikä unessasi häiritsee sinua eniten?",
                            "Vad stör dig mest i din sömn?",
                        ),
                        (
                            "Milloin olet viimeksi nukkunut hyvin? Mikä silloin oli toisin?",
                            "När sov du senast bra? Vad var annorlunda då?",
                        ),
                    ]
                ),
                _tip(
                    "Jos kuorsaat kovaa ja hengityksesi katkeilee tai olet päivisin hyvin "
                    "uninen, hakeudu terveysasemalle: syynä voi olla uniapnea.",
                    "Om du snarkar högt och andningen stannar upp eller om du är mycket sömnig "
                    "på dagarna, kontakta hälsostationen: orsaken kan vara sömnapné.",
                ),
            ],
        ),
        _step(
            ("Säännöllinen rytmi", "Regelbunden rytm"),
            20,
            [
                _text(
                    "<p>Unirytmiä vahvistaa parhaiten sama heräämisaika joka päivä, myös "
                    "viikonloppuna. Mene nukkumaan, kun olet unelias. Jos et saa unta noin "
                    "20 minuutissa, nouse hetkeksi rauhalliseen puuhaan hämärään ja palaa "
                    "sänkyyn, kun uni tulee. Vältä pitkiä päiväunia.</p>",
                    "<p>Sömnrytmen stärks bäst av samma uppvakningstid varje dag, också på "
                    "veckoslutet. Gå och lägg dig när du är sömnig. Om du inte somnar på "
                    "ungefär 20 minuter, stig upp en stund och gör något lugnt i dämpat ljus "
                    "och gå tillbaka till sängen när sömnen kommer. Undvik långa "
                    "tupplurar.</p>",
                ),
                _checklist(
                    ("Tämän viikon kokeilu", "Veckans försök"),
                    [
                        (
                            "Valitsin heräämisajan ja pidin siitä kiinni",
                            "Jag valde en uppvakningstid och höll fast vid den",
                        ),
                        ("Käytin sänkyä vain nukkumiseen", "Jag använde sängen bara för att sova"),
                        ("Päiväunet korkeintaan 20 minuuttia", "Tupplurar högst 20 minuter"),
                    ],
                ),
                _reflection(
                    [
                        (
                            "Mikä heräämisaika sopii arkeesi joka päivä?",
                            "Vilken uppvakningstid passar din vardag varje dag?",
                        )
                    ]
                ),
            ],
        ),
        _step(
            ("Iltarauha ja huolet", "Kvällslugn och bekymmer"),
            25,
            [
                _text(
                    "<p>Mieli tarvitsee aikaa rauhoittua. Himmennä valot ja jätä näytöt "
                    "tunti ennen nukkumaanmenoa. Jos huolet pyörivät mielessä, käsittele ne "
                    "jo alkuillasta: kirjoita ne paperille ja päätä, milloin palaat "
                    "niihin.</p>",
                    "<p>Sinnet behöver tid att lugna sig. Dämpa ljuset och lägg bort "
                    "skärmarna en timme innan du går och lägger dig. Om bekymmer snurrar i "
                    "huvudet, ta itu med dem redan tidigt på kvällen: skriv ned dem och "
                    "bestäm när du återkommer till dem.</p>",
                ),
                _exercise(
                    ("Huolihetki ja rentoutus", "Orostid och avslappning"),
                    (
                        "<p>Varaa alkuillasta 15 minuuttia huolille: kirjoita, mikä "
                        "mietityttää ja mikä olisi seuraava pieni askel. Ennen nukkumaanmenoa "
                        "hengitä rauhallisesti: sisään neljä sekuntia, ulos kuusi sekuntia, "
                        "viiden minuutin ajan.</p>",
                        "<p>Reservera 15 minuter för bekymmer tidigt på kvällen: skriv vad "
                        "som oroar dig och vad nästa lilla steg kunde vara. Innan du lägger "
                        "dig, andas lugnt: in i fyra sekunder, ut i sex sekunder, i fem "
                        "minuter.</p>",
                    ),
                    20,
                ),
                _reflection(
                    [
                        (
                            "Mikä auttaa sinua rauhoittumaan illalla?",
                            "Vad hjälper dig att varva ner på kvällen?",
                        )
                    ]
                ),
                _services(
                    themes,
                    "mieli",
                    (
                        "Keskusteluapua ja mielen hyvinvoinnin palveluita",
                        "Samtalsstöd och tjänster för psykiskt välbefinnande",
                    ),
                ),
            ],
        ),
        _step(
            ("Päivän valinnat", "Dagens val"),
            20,
            [
                _text(
                    "<p>Hyvä uni alkaa jo aamulla. Päivänvalo aamulla ja liikunta päivällä "
                    "vahvistavat rytmiä. Kofeiini vaikuttaa tuntikausia, joten jätä kahvi, "
                    "tee ja energiajuomat iltapäivällä pois. Alkoholi voi nukuttaa, mutta "
                    "se heikentää unen laatua loppuyöstä.</p>",
                    "<p>God sömn börjar redan på morgonen. Dagsljus på morgonen och motion "
                    "under dagen stärker rytmen. Koffein verkar i flera timmar, så lämna bort "
                    "kaffe, te och energidrycker på eftermiddagen. Alkohol kan göra dig "
                    "sömnig, men den försämrar sömnens kvalitet under senare delen av "
                    "natten.</p>",
                ),
                _checklist(
                    ("Valintani", "Mina val"),
                    [
                        ("Ulkona päivänvalossa aamupäivällä", "Ute i dagsljus på förmiddagen"),
                        ("Ei kofeiinia kello 14 jälkeen", "Inget koffein efter klockan 14"),
                        (
                            "Ei alkoholia iltaisin tällä viikolla",
                            "Ingen alkohol på kvällarna den här veckan",
                        ),
                    ],
                ),
                _reflection(
                    [
                        (
                            "Vertaa unipäiväkirjaa ensimmäiseen viikkoon. Mikä on muuttunut?",
                            "Jämför sömndagboken med den första veckan. Vad har förändrats?",
                        )
                    ]
                ),
                _tip(
                    "Jos unettomuus jatkuu yli kolme kuukautta tai haittaa päiviäsi paljon, "
                    "varaa aika terveysasemalle. Unettomuuteen on tehokasta hoitoa.",
                    "Om sömnlösheten fortsätter över tre månader eller stör dina dagar mycket, "
                    "boka tid på hälsostationen. Det finns effektiv behandling för "
                    "sömnlöshet.",
                ),
                _services(
                    themes,
                    "uni",
                    ("Unen ja palautumisen palvelut", "Tjänster för sömn och återhämtning"),
                ),
            ],
        ),
    ]
    return {
        "title_fi": "Parempaa unta – 4 viikkoa",
        "title_sv": "Bättre sömn – 4 veckor",
        "slug_fi": "parempaa-unta-4-viikkoa",
        "slug_sv": "battre-somn-4-veckor",
        "search_description_fi": "Neljä viikkoa keinoja säännölliseen rytmiin ja "
        "rauhallisiin iltoihin.",
        "search_description_sv": "Fyra veckor med sätt att få en regelbunden rytm och "
        "lugna kvällar.",
        "intro_fi": "<p>Ohjelma sinulle, jonka uni on katkonaista tai nukahtaminen vaikeaa. "
        "Neljän viikon aikana tutkit omaa untasi ja kokeilet keinoja, joiden on todettu "
        "auttavan.</p>",
        "intro_sv": "<p>Ett program för dig som sover oroligt eller har svårt att somna. "
        "Under fyra veckor undersöker du din egen sömn och provar sätt som har visat sig "
        "hjälpa.</p>",
        "goals_fi": "<ul><li>Tunnet oman unirytmisi.</li><li>Heräät joka päivä samaan "
        "aikaan.</li><li>Sinulla on keinoja rauhoittua illalla.</li><li>Tiedät, milloin "
        "kannattaa hakea apua.</li></ul>",
        "goals_sv": "<ul><li>Du känner din egen sömnrytm.</li><li>Du vaknar samma tid varje "
        "dag.</li><li>Du har sätt att varva ner på kvällen.</li><li>Du vet när det är dags "
        "att söka hjälp.</li></ul>",
        "target_group_fi": "Aikuiset, joiden uni on ajoittain huonoa. Ohjelma ei sovi "
        "vuorotyön unihäiriöihin eikä korvaa hoitoa pitkittyneessä unettomuudessa.",
        "target_group_sv": "Vuxna som ibland sover dåligt. Programmet passar inte för "
        "sömnstörningar vid skiftarbete och ersätter inte vård vid långvarig sömnlöshet.",
        "sources_fi": "<ul><li>Käypä hoito -suositus Unettomuus (Suomalainen Lääkäriseura "
        'Duodecim), <a href="https://www.kaypahoito.fi/">kaypahoito.fi</a></li>'
        '<li>Mielenterveystalo: Unettomuuden omahoito, <a href="https://www.mielenterveystalo.fi/">'
        "mielenterveystalo.fi</a></li></ul>",
        "sources_sv": "<ul><li>God medicinsk praxis (Käypä hoito): Sömnlöshet (Finska "
        'Läkarföreningen Duodecim), <a href="https://www.kaypahoito.fi/">kaypahoito.fi</a></li>'
        "<li>Mielenterveystalo: Egenvård vid sömnlöshet, "
        '<a href="https://www.mielenterveystalo.fi/sv">mielenterveystalo.fi</a></li></ul>',
        "step_unit": "week",
        "themes": ["uni"],
        "steps": steps,
    }


def vahemman_alkoholia(themes):
    steps = [
        _step(
            ("Oma käyttö näkyväksi", "Synliggör ditt drickande"),
            20,
            [
                _text(
                    "<p>Yksi annos on 12 grammaa alkoholia: pullo keskiolutta tai siideriä "
                    "(0,33 l), lasi viiniä (12 cl) tai ravintola-annos väkevää (4 cl). Käypä "
                    "hoito -suosituksen mukaan kohtalaisen riskin taso alkaa miehillä noin 14 "
                    "ja naisilla noin 7 annoksesta viikossa. Terveyden kannalta vähempi on "
                    "aina parempi.</p>",
                    "<p>En portion är 12 gram alkohol: en flaska mellanöl eller cider "
                    "(0,33 l), ett glas vin (12 cl) eller en restaurangportion starksprit "
                    "(4 cl). Enligt God medicinsk praxis börjar den måttliga risknivån vid "
                    "ungefär 14 portioner i veckan för män och 7 för kvinnor. För hälsan är "
                    "mindre alltid bättre.</p>",
                ),
                _exercise(
                    ("Laske viikon annokset", "Räkna veckans portioner"),
                    (
                        "<p>Kirjaa viikon ajan jokainen juoma: päivä, tilanne, juoma ja "
                        "annosmäärä. Laske viikon lopuksi yhteen.</p>",
                        "<p>Skriv i en vecka ned varje dryck: dag, situation, dryck och antal "
                        "portioner. Räkna ihop i slutet av veckan.</p>",
                    ),
                    5,
                ),
                _reflection(
                    [
                        (
                            "Yllättikö viikon annosmäärä sinut?",
                            "Överraskade veckans antal portioner dig?",
                        ),
                        (
                            "Mitä hyvää vähentäminen toisi elämääsi?",
                            "Vad gott skulle det ge dig att dricka mindre?",
                        ),
                    ]
                ),
                _tip(
                    "Voit tehdä myös itsearvioinnin AUDIT-C: se kertoo kolmella kysymyksellä, "
                    "ylittyykö riskikäytön raja.",
                    "Du kan också göra självskattningen AUDIT-C: med tre frågor visar den om "
                    "gränsen för riskbruk överskrids.",
                ),
            ],
        ),
        _step(
            ("Tavoite ja keinot", "Mål och metoder"),
            20,
            [
                _text(
                    "<p>Aseta itsellesi selvä tavoite: esimerkiksi enintään tietty määrä "
                    "annoksia viikossa tai alkoholittomia päiviä viikossa. Keinoja on monia: "
                    "juo janoon vettä, valitse miedompi tai alkoholiton juoma, syö ennen "
                    "juomista ja päätä määrä etukäteen.</p>",
                    "<p>Sätt upp ett tydligt mål: till exempel högst ett visst antal "
                    "portioner i veckan eller alkoholfria dagar i veckan. Det finns många "
                    "metoder: drick vatten mot törsten, välj en svagare eller alkoholfri "
                    "dryck, ät innan du dricker och bestäm mängden i förväg.</p>",
                ),
                _checklist(
                    ("Valitsemani keinot", "Metoder jag väljer"),
                    [
                        (
                            "Vähintään kolme alkoholitonta päivää viikossa",
                            "Minst tre alkoholfria dagar i veckan",
                        ),
                        ("Joka toinen juoma alkoholiton", "Varannan dryck alkoholfri"),
                        ("Määrä päätetty ennen juhlia", "Mängden bestämd före festen"),
                    ],
                ),
                _reflection(
                    [
                        (
                            "Mikä on tavoitteesi seuraaville kolmelle viikolle?",
                            "Vilket är ditt mål för de följande tre veckorna?",
                        )
                    ]
                ),
            ],
        ),
        _step(
            ("Tilanteet ja mielihalut", "Situationer och sug"),
            25,
            [
                _text(
                    "<p>Juominen liittyy usein tilanteisiin: viikonloppuun, stressiin, "
                    "saunaan tai seuraan. Mielihalu nousee ja laskee kuin aalto, yleensä "
                    "puolessa tunnissa. Kun tunnistat tilanteesi, voit valmistautua "
                    "niihin.</p>",
                    "<p>Drickandet hör ofta ihop med situationer: veckoslutet, stress, "
                    "bastun eller sällskapet. Suget stiger och sjunker som en våg, oftast "
                    "inom en halvtimme. När du känner igen dina situationer kan du förbereda "
                    "dig.</p>",
                ),
                _exercise(
                    ("Aallon surffaus", "Surfa på vågen"),
                    (
                        "<p>Kun mielihalu tulee, pysähdy: huomaa se, nimeä se ja hengitä "
                        "rauhallisesti. Tee jotain muuta 20 minuutin ajan – kävele, soita "
                        "ystävälle, juo lasi vettä – ja katso, miten halu muuttuu.</p>",
                        "<p>När suget kommer, stanna upp: lägg märke till det, sätt ord på det "
                        "och andas lugnt. Gör något annat i 20 minuter – gå en promenad, ring "
                        "en vän, drick ett glas vatten – och se hur suget förändras.</p>",
                    ),
                    20,
                ),
                _reflection(
                    [
                        (
                            "Missä tilanteissa juot eniten?",
                            "I vilka situationer dricker du mest?",
                        ),
                        (
                            "Mitä tekisit niissä toisin?",
                            "Vad kunde du göra annorlunda i dem?",
                        ),
                    ]
                ),
            ],
        ),
        _step(
            ("Muutoksen ylläpito ja tuki", "Håll i förändringen och få stöd"),
            20,
            [
                _text(
                    "<p>Lipsahdukset kuuluvat muutokseen. Ne eivät tarkoita epäonnistumista "
                    "vaan tietoa siitä, mihin tilanteisiin tarvitset uuden keinon. Tukea saa "
                    "terveysasemalta, päihdepalveluista ja vertaisryhmistä – myös "
                    "nimettömästi.</p>",
                    "<p>Återfall hör till förändringen. De betyder inte att du misslyckats "
                    "utan visar vilka situationer du behöver en ny metod för. Stöd får du "
                    "från hälsostationen, missbruksvården och kamratgrupper – också "
                    "anonymt.</p>",
                ),
                _reflection(
                    [
                        (
                            "Miten neljä viikkoa sujui tavoitteeseesi nähden?",
                            "Hur gick de fyra veckorna jämfört med ditt mål?",
                        ),
                        (
                            "Kuka voisi tukea sinua jatkossa?",
                            "Vem kunde stödja dig i fortsättningen?",
                        ),
                    ]
                ),
                _services(
                    themes,
                    "paihteet",
                    ("Päihdepalvelut ja vertaistuki", "Missbrukstjänster och kamratstöd"),
                ),
                _tip(
                    "Päihdelinkki (paihdelinkki.fi) tarjoaa tietoa ja nimettömiä "
                    "keskusteluryhmiä suomeksi ja ruotsiksi.",
                    "Missbrukslänken (paihdelinkki.fi/sv) erbjuder information och anonyma "
                    "diskussionsgrupper på finska och svenska.",
                ),
            ],
        ),
    ]
    return {
        "title_fi": "Vähemmän alkoholia – 4 viikkoa",
        "title_sv": "Mindre alkohol – 4 veckor",
        "slug_fi": "vahemman-alkoholia-4-viikkoa",
        "slug_sv": "mindre-alkohol-4-veckor",
        "search_description_fi": "Neljä viikkoa keinoja juomisen vähentämiseen.",
        "search_description_sv": "Fyra veckor med sätt att dricka mindre.",
        "intro_fi": "<p>Ohjelma sinulle, joka haluat vähentää alkoholinkäyttöäsi. Tutkit "
        "omaa juomistasi, asetat tavoitteen ja harjoittelet keinoja tilanteisiin, joissa "
        "juominen houkuttaa.</p>",
        "intro_sv": "<p>Ett program för dig som vill dricka mindre. Du undersöker ditt eget "
        "drickande, sätter upp ett mål och övar på sätt att klara de situationer där "
        "drickandet lockar.</p>",
        "goals_fi": "<ul><li>Tiedät, paljonko juot ja missä tilanteissa.</li><li>Sinulla on "
        "oma tavoite ja keinot sen saavuttamiseen.</li><li>Tiedät, mistä saat tukea.</li></ul>",
        "goals_sv": "<ul><li>Du vet hur mycket du dricker och i vilka situationer.</li><li>Du "
        "har ett eget mål och metoder för att nå det.</li><li>Du vet var du får stöd.</li></ul>",
        "target_group_fi": "Aikuiset, jotka haluavat vähentää juomistaan. Jos sinulla on "
        "vieroitusoireita, kuten vapinaa tai hikoilua, kun et juo, hakeudu hoitoon: "
        "äkillinen lopettaminen voi olla vaarallista.",
        "target_group_sv": "Vuxna som vill dricka mindre. Om du får abstinenssymtom, som "
        "darrningar eller svettningar, när du inte dricker, sök vård: att sluta tvärt kan "
        "vara farligt.",
        "sources_fi": "<ul><li>Käypä hoito -suositus Alkoholiongelmaisen hoito (Suomalainen "
        'Lääkäriseura Duodecim), <a href="https://www.kaypahoito.fi/">kaypahoito.fi</a></li>'
        '<li>Terveyden ja hyvinvoinnin laitos: Alkoholi, <a href="https://thl.fi/">thl.fi</a>'
        '</li><li>Päihdelinkki, <a href="https://paihdelinkki.fi/">paihdelinkki.fi</a></li></ul>',
        "sources_sv": "<ul><li>God medicinsk praxis (Käypä hoito): Vård av alkoholproblem "
        '(Finska Läkarföreningen Duodecim), <a href="https://www.kaypahoito.fi/">kaypahoito.fi'
        "</a></li><li>Institutet för hälsa och välfärd: Alkohol, "
        '<a href="https://thl.fi/sv">thl.fi</a></li><li>Missbrukslänken, '
        '<a href="https://paihdelinkki.fi/sv">paihdelinkki.fi</a></li></ul>',
        "step_unit": "week",
        "themes": ["paihteet"],
        "steps": steps,
    }


PROGRAMMES = [liikkeelle, parempaa_unta, vahemman_alkoholia]


def ensure_programmes(home):
    """The programme index and the seeded programmes that are missing. Returns how many
    pages were created."""
    return ensure_pages(
        home, ProgrammeIndexPage, INDEX, SelfCareProgrammePage, PROGRAMMES, ("steps",)
    )
