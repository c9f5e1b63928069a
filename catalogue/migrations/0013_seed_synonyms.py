"""A starter set of synonyms that closes the obvious gaps residents hit (issue 22). Editors
change or extend them in the admin (Service catalogue → Synonym sets)."""

from django.db import migrations

SEED = [
    (
        "Painonhallinta / Viktkontroll",
        "painonhallinta, laihdutus, laihduttaminen, painonpudotus, ylipaino",
        "viktkontroll, viktminskning, bantning, övervikt",
    ),
    (
        "Suun terveys / Munhälsa",
        "hammashoito, hammaslääkäri, hammashuolto, suun terveys, hammas, suunhoito",
        "tandvård, tandläkare, munhälsa, tand, munvård",
    ),
    (
        "Rahapelaaminen / Penningspel",
        "rahapelaaminen, peliriippuvuus, rahapeli, uhkapeli, pelihaitta",
        "penningspel, spelberoende, spelmissbruk, spelproblem",
    ),
    (
        "Liikunta / Motion",
        "liikunta, kuntoilu, urheilu, treeni, harjoittelu, jumppa",
        "motion, träning, idrott, gympa, konditionsträning",
    ),
    (
        "Ikäihmiset / Äldre",
        "ikäihminen, ikääntynyt, seniori, eläkeläinen, vanhus",
        "äldre, senior, pensionär",
    ),
    ("Nuoret / Unga", "nuori, nuoriso, teini", "ung, ungdom, tonåring"),
    (
        "Ravitsemus / Näring",
        "ravitsemus, ruokavalio, ruokailu, syöminen, elintapaohjaus",
        "näring, kost, matvanor, levnadsvanevägledning",
    ),
    (
        "Tupakka / Tobak",
        "tupakka, tupakointi, tupakoinnin lopettaminen, tupakasta vieroitus, nikotiini, nuuska",
        "tobak, rökning, rökavvänjning, sluta röka, nikotin, snus",
    ),
    (
        "Mielenterveys / Psykisk hälsa",
        "mielenterveys, masennus, ahdistus, keskusteluapu, psyykkinen",
        "psykisk hälsa, depression, ångest, samtalsstöd",
    ),
    (
        "Yksinäisyys / Ensamhet",
        "yksinäisyys, yksinäinen, seura, kohtaamispaikka",
        "ensamhet, ensam, sällskap, mötesplats",
    ),
    (
        "Uni / Sömn",
        "uni, unettomuus, nukkuminen, univaikeus, uniongelma",
        "sömn, sömnlöshet, sömnproblem, sömnsvårigheter",
    ),
    (
        "Päihteet / Missbruk",
        "päihde, alkoholi, huume, päihdeongelma",
        "missbruk, alkohol, droger, rusmedel",
    ),
    (
        "Muisti / Minne",
        "muisti, muistisairaus, dementia, muistihäiriö",
        "minne, minnessjukdom, demens",
    ),
    (
        "Omaishoito / Närståendevård",
        "omaishoitaja, omaishoito",
        "närståendevårdare, närståendevård, anhörigvårdare",
    ),
    (
        "Vertaistuki / Kamratstöd",
        "vertaistuki, vertaisryhmä, tukiryhmä",
        "kamratstöd, stödgrupp",
    ),
    ("Kuoro / Kör", "kuoro, laulu, laulaminen", "kör, sång, sjunga"),
    ("Kävely / Promenad", "kävely, kävelylenkki, lenkkeily", "promenad, promenera"),
    (
        "Uinti / Simning",
        "uinti, uiminen, uimahalli, vesiliikunta, vesijumppa",
        "simning, simhall, vattenmotion, vattengympa",
    ),
    ("Suru / Sorg", "suru, menetys, surutyö", "sorg, förlust"),
    ("Digituki / Digistöd", "digituki, tietokone, älypuhelin", "digistöd, digihjälp, dator"),
    (
        "Vapaaehtoistoiminta / Frivilligverksamhet",
        "vapaaehtoistoiminta, vapaaehtoistyö, vapaaehtoinen",
        "frivilligverksamhet, frivilligarbete, frivillig",
    ),
    (
        "Stressi / Stress",
        "stressi, uupumus, jaksaminen, palautuminen",
        "stress, utmattning, återhämtning",
    ),
]


def seed(apps, schema_editor):
    SynonymSet = apps.get_model("catalogue", "SynonymSet")
    for name, words_fi, words_sv in SEED:
        SynonymSet.objects.get_or_create(
            name=name, defaults={"words_fi": words_fi, "words_sv": words_sv}
        )


def unseed(apps, schema_editor):
    apps.get_model("catalogue", "SynonymSet").objects.filter(
        name__in=[name for name, _fi, _sv in SEED]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0012_search_analysis")]

    operations = [migrations.RunPython(seed, unseed)]
