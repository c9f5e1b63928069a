"""The eight default wellbeing themes (../shared/design.md) and their seeding."""

from .models import Theme

DEFAULT_THEMES = [
    {
        "slug": "liikunta",
        "icon": "walk",
        "colour": "#1d6a4f",
        "name_fi": "Liikunta ja ulkoilu",
        "name_sv": "Motion och friluftsliv",
        "intro_fi": "Liikuntaneuvontaa, ohjattuja ryhmiä, uimahalleja, kuntosaleja ja luontoa "
        "läheltä. Pienikin lisä arjen liikkeeseen kannattaa.",
        "intro_sv": "Motionsrådgivning, ledda grupper, simhallar, gym och natur nära dig. "
        "Redan lite mer rörelse i vardagen lönar sig.",
        "slug_sv": "motion-och-friluftsliv",
    },
    {
        "slug": "ravitsemus",
        "icon": "leaf",
        "colour": "#5b7f1a",
        "name_fi": "Ravitsemus",
        "name_sv": "Mat och näring",
        "intro_fi": "Tietoa terveellisestä ruokavaliosta, ravitsemusneuvontaa ja ryhmiä, "
        "joissa opitaan syömään hyvin ja säännöllisesti.",
        "intro_sv": "Information om hälsosam kost, näringsrådgivning och grupper där man lär "
        "sig äta bra och regelbundet.",
        "slug_sv": "mat-och-naring",
    },
    {
        "slug": "uni",
        "icon": "moon",
        "colour": "#3b4a9c",
        "name_fi": "Uni ja palautuminen",
        "name_sv": "Sömn och återhämtning",
        "intro_fi": "Hyvä uni on terveyden perusta. Löydä keinoja parempaan uneen, "
        "stressin hallintaan ja palautumiseen.",
        "intro_sv": "God sömn är grunden för hälsan. Hitta sätt att sova bättre, hantera "
        "stress och återhämta dig.",
        "slug_sv": "somn-och-aterhamtning",
    },
    {
        "slug": "mieli",
        "icon": "heart",
        "colour": "#a23b5b",
        "name_fi": "Mielen hyvinvointi",
        "name_sv": "Psykiskt välbefinnande",
        "intro_fi": "Matalan kynnyksen keskusteluapua, mielenterveystaitoja ja tukea "
        "elämän vaikeisiin tilanteisiin.",
        "intro_sv": "Samtalsstöd med låg tröskel, psykiska färdigheter och stöd i svåra "
        "livssituationer.",
        "slug_sv": "psykiskt-valbefinnande",
    },
    {
        "slug": "paihteet",
        "icon": "cup",
        "colour": "#8a4b08",
        "name_fi": "Päihteet ja riippuvuudet",
        "name_sv": "Rusmedel och beroenden",
        "intro_fi": "Tukea alkoholin, huumeiden, rahapelaamisen ja tupakan käytön "
        "vähentämiseen tai lopettamiseen – myös läheisille.",
        "intro_sv": "Stöd för att minska eller sluta med alkohol, droger, penningspel och "
        "tobak – också för anhöriga.",
        "slug_sv": "rusmedel-och-beroenden",
    },
    {
        "slug": "osallisuus",
        "icon": "people",
        "colour": "#6a3d9a",
        "name_fi": "Osallisuus ja kulttuuri",
        "name_sv": "Delaktighet och kultur",
        "intro_fi": "Vertaistukea, kohtaamispaikkoja, vapaaehtoistoimintaa ja kulttuuria. "
        "Yhdessä tekeminen auttaa yksinäisyyteen.",
        "intro_sv": "Kamratstöd, mötesplatser, frivilligverksamhet och kultur. Att göra "
        "saker tillsammans hjälper mot ensamhet.",
        "slug_sv": "delaktighet-och-kultur",
    },
    {
        "slug": "suu",
        "icon": "tooth",
        "colour": "#0b6e8a",
        "name_fi": "Suun terveys",
        "name_sv": "Munhälsa",
        "intro_fi": "Hammashoitoloita, suun terveydenhoidon neuvontaa ja vinkkejä "
        "päivittäiseen suunhoitoon kaikenikäisille.",
        "intro_sv": "Tandkliniker, rådgivning om munhälsa och tips för den dagliga "
        "munvården i alla åldrar.",
        "slug_sv": "munhalsa",
    },
    {
        "slug": "terveystaidot",
        "icon": "brain",
        "colour": "#4a5a6a",
        "name_fi": "Terveystaidot ja aivoterveys",
        "name_sv": "Hälsokunskap och hjärnhälsa",
        "intro_fi": "Elintapaohjausta, terveystarkastuksia ja tietoa aivoterveydestä. "
        "Pienillä valinnoilla on suuri merkitys.",
        "intro_sv": "Levnadsvanevägledning, hälsokontroller och kunskap om hjärnhälsa. Små "
        "val har stor betydelse.",
        "slug_sv": "halsokunskap-och-hjarnhalsa",
    },
]

THEME_FIELDS = ("icon", "colour", "name_fi", "name_sv", "intro_fi", "intro_sv")


def ensure_default_themes():
    """Create the default themes that are missing. Existing themes (and editors' changes to
    them) are left as they are. Returns the themes in order, and how many were created."""
    created = 0
    themes = []
    for order, spec in enumerate(DEFAULT_THEMES, start=1):
        defaults = {field: spec[field] for field in THEME_FIELDS}
        defaults["sort_order"] = order
        theme, was_created = Theme.objects.get_or_create(slug=spec["slug"], defaults=defaults)
        created += was_created
        themes.append(theme)
    return themes, created


# Default classification rules: (theme, kind, value, language, weight). Service classes come
# from the PTV service class list (../shared/reference/codes/service_classes.json); keywords
# from the themes' meaning. Weight 2 decides alone, 1 is a hint that needs another.
CLASS, TREE, KEYWORD = "service_class", "service_class_tree", "keyword"
LAHELLA_THEME, LAHELLA_FORMAT, LAHELLA_TYPE = "lahella_theme", "lahella_format", "lahella_type"
DEFAULT_RULES = [
    # Liikunta ja ulkoilu: P27 Liikunta ja ulkoilu (with P27.1 Liikunta ja urheilu,
    # P27.2 Retkeily, …).
    ("liikunta", TREE, "P27", "", 2),
    ("liikunta", KEYWORD, "liikunta*", "fi", 2),
    ("liikunta", KEYWORD, "*liikunta", "fi", 2),
    ("liikunta", KEYWORD, "ulkoilu*", "fi", 2),
    ("liikunta", KEYWORD, "kuntosali*", "fi", 2),
    ("liikunta", KEYWORD, "uinti", "fi", 2),
    ("liikunta", KEYWORD, "motion*", "sv", 2),
    ("liikunta", KEYWORD, "*motion", "sv", 2),
    ("liikunta", KEYWORD, "friluftsliv*", "sv", 2),
    ("liikunta", KEYWORD, "idrott*", "sv", 2),
    ("liikunta", KEYWORD, "simning", "sv", 2),
    # Ravitsemus: P5.20 Ravinto.
    ("ravitsemus", CLASS, "P5.20", "", 2),
    ("ravitsemus", KEYWORD, "ravitsemus*", "fi", 2),
    ("ravitsemus", KEYWORD, "ruokavalio*", "fi", 2),
    ("ravitsemus", KEYWORD, "painonhallinta*", "fi", 1),
    ("ravitsemus", KEYWORD, "näring*", "sv", 2),
    ("ravitsemus", KEYWORD, "kost", "sv", 2),
    ("ravitsemus", KEYWORD, "viktkontroll*", "sv", 1),
    # Uni ja palautuminen: no service class of its own.
    ("uni", KEYWORD, "uni", "fi", 2),
    ("uni", KEYWORD, "uni*", "fi", 1),
    ("uni", KEYWORD, "unen", "fi", 2),
    ("uni", KEYWORD, "uneen", "fi", 2),
    ("uni", KEYWORD, "unettomuu*", "fi", 2),
    ("uni", KEYWORD, "palautumi*", "fi", 2),
    ("uni", KEYWORD, "stressi*", "fi", 1),
    ("uni", KEYWORD, "sömn*", "sv", 2),
    ("uni", KEYWORD, "återhämtning*", "sv", 2),
    ("uni", KEYWORD, "stress*", "sv", 1),
    # Mielen hyvinvointi: P5.7 Päihde- ja mielenterveyspalvelut is shared with päihteet, so
    # it is a hint; words decide.
    ("mieli", CLASS, "P5.7", "", 1),
    ("mieli", KEYWORD, "mielenterveys*", "fi", 2),
    ("mieli", KEYWORD, "*mielenterveys*", "fi", 2),
    ("mieli", KEYWORD, "mieli*", "fi", 1),
    ("mieli", KEYWORD, "*mieli", "fi", 1),
    ("mieli", KEYWORD, "mielen", "fi", 1),
    ("mieli", KEYWORD, "keskusteluapu*", "fi", 2),
    ("mieli", KEYWORD, "kriisi*", "fi", 2),
    ("mieli", KEYWORD, "masennu*", "fi", 2),
    ("mieli", KEYWORD, "psykisk*", "sv", 2),
    ("mieli", KEYWORD, "mental*", "sv", 2),
    ("mieli", KEYWORD, "samtalsstöd*", "sv", 2),
    ("mieli", KEYWORD, "kris", "sv", 2),  # not kris*: Kristinestad
    ("mieli", KEYWORD, "krisen", "sv", 2),
    ("mieli", KEYWORD, "kristöd*", "sv", 2),
    ("mieli", KEYWORD, "krishjälp*", "sv", 2),
    ("mieli", KEYWORD, "depression*", "sv", 2),
    # Päihteet ja riippuvuudet.
    ("paihteet", CLASS, "P5.7", "", 1),
    ("paihteet", KEYWORD, "päihde*", "fi", 2),
    ("paihteet", KEYWORD, "*päihde*", "fi", 2),
    ("paihteet", KEYWORD, "päihtei*", "fi", 2),
    ("paihteet", KEYWORD, "alkoholi*", "fi", 2),
    ("paihteet", KEYWORD, "huume*", "fi", 2),
    ("paihteet", KEYWORD, "rahapela*", "fi", 2),
    ("paihteet", KEYWORD, "peliriippuvuu*", "fi", 2),
    ("paihteet", KEYWORD, "riippuvuu*", "fi", 2),
    ("paihteet", KEYWORD, "tupak*", "fi", 2),
    ("paihteet", KEYWORD, "nikotiini*", "fi", 2),
    ("paihteet", KEYWORD, "rusmed*", "sv", 2),
    ("paihteet", KEYWORD, "alkohol*", "sv", 2),
    ("paihteet", KEYWORD, "missbruk*", "sv", 2),
    ("paihteet", KEYWORD, "beroende*", "sv", 2),
    ("paihteet", KEYWORD, "penningspel*", "sv", 2),
    ("paihteet", KEYWORD, "tobak*", "sv", 2),
    ("paihteet", KEYWORD, "nikotin*", "sv", 2),
    ("paihteet", KEYWORD, "droger", "sv", 2),
    # Osallisuus ja kulttuuri: P25 Kulttuuri, peer and volunteer activities (P4.12, P5.16),
    # young people's clubs (P28.1, P28.2).
    ("osallisuus", TREE, "P25", "", 2),
    ("osallisuus", CLASS, "P4.12", "", 2),
    ("osallisuus", CLASS, "P5.16", "", 2),
    ("osallisuus", CLASS, "P28.1", "", 2),
    ("osallisuus", CLASS, "P28.2", "", 2),
    ("osallisuus", CLASS, "P10.8", "", 2),
    ("osallisuus", KEYWORD, "vertaistu*", "fi", 2),
    ("osallisuus", KEYWORD, "yksinäisyy*", "fi", 2),
    ("osallisuus", KEYWORD, "kohtaamispaik*", "fi", 2),
    ("osallisuus", KEYWORD, "vapaaehtois*", "fi", 2),
    ("osallisuus", KEYWORD, "kulttuuri*", "fi", 2),
    ("osallisuus", KEYWORD, "kamratstöd*", "sv", 2),
    ("osallisuus", KEYWORD, "ensamhet*", "sv", 2),
    ("osallisuus", KEYWORD, "mötesplats*", "sv", 2),
    ("osallisuus", KEYWORD, "frivillig*", "sv", 2),
    ("osallisuus", KEYWORD, "kultur*", "sv", 2),
    # Suun terveys: P5.10 Suun ja hampaiden terveydenhuolto.
    ("suu", CLASS, "P5.10", "", 2),
    ("suu", KEYWORD, "suun", "fi", 2),
    ("suu", KEYWORD, "hammas*", "fi", 2),
    ("suu", KEYWORD, "hampai*", "fi", 2),
    ("suu", KEYWORD, "munhäls*", "sv", 2),
    ("suu", KEYWORD, "tand*", "sv", 2),
    # Terveystaidot ja aivoterveys: self-care (P5.11), health checks (P5.8), counselling
    # (P5.17, a hint: most hyte services carry it).
    ("terveystaidot", CLASS, "P5.11", "", 2),
    ("terveystaidot", CLASS, "P5.8", "", 2),
    ("terveystaidot", CLASS, "P5.17", "", 1),
    ("terveystaidot", KEYWORD, "terveystarkast*", "fi", 2),
    ("terveystaidot", KEYWORD, "elintap*", "fi", 2),
    ("terveystaidot", KEYWORD, "muisti*", "fi", 2),
    ("terveystaidot", KEYWORD, "aivoterveys*", "fi", 2),
    ("terveystaidot", KEYWORD, "omahoito*", "fi", 2),
    ("terveystaidot", KEYWORD, "terveysneuvonta*", "fi", 1),
    ("terveystaidot", KEYWORD, "hälsogransk*", "sv", 2),
    ("terveystaidot", KEYWORD, "levnadsvan*", "sv", 2),
    ("terveystaidot", KEYWORD, "minne*", "sv", 2),
    ("terveystaidot", KEYWORD, "hjärnhäls*", "sv", 2),
    ("terveystaidot", KEYWORD, "egenvård*", "sv", 2),
    ("terveystaidot", KEYWORD, "hälsorådgivning*", "sv", 1),
    *[
        # Lähellä.fi's own codes (hobby themes ht_*, formats hm_*, activity types). Keyword
        # rules apply to activities too, so a peer-support group about mental health also
        # gets "mieli" from its words.
        ("liikunta", LAHELLA_THEME, "ht_urheilu", "", 2),
        ("liikunta", LAHELLA_THEME, "ht_luonto", "", 2),
        ("osallisuus", LAHELLA_THEME, "ht_kulttuuri", "", 2),
        ("osallisuus", LAHELLA_THEME, "ht_kadentaidot", "", 2),
        ("osallisuus", LAHELLA_THEME, "ht_vaikuttaminen", "", 2),
        ("osallisuus", LAHELLA_THEME, "ht_kansainvalisyys", "", 1),
        ("terveystaidot", LAHELLA_THEME, "ht_hyvinvointi", "", 1),
        ("osallisuus", LAHELLA_FORMAT, "hm_kohtaamispaikka", "", 2),
        ("osallisuus", LAHELLA_FORMAT, "hm_kylatoiminta", "", 2),
        ("osallisuus", LAHELLA_FORMAT, "hm_ryhmat", "", 1),
        ("osallisuus", LAHELLA_TYPE, "voluntary", "", 2),
        ("osallisuus", LAHELLA_TYPE, "support", "", 1),
    ],
]
LAHELLA_KINDS = (LAHELLA_THEME, LAHELLA_FORMAT, LAHELLA_TYPE)


def ensure_default_rules():
    """Seed the default classification rules once, into an empty rule table: after that the
    rules belong to the editors, and a deleted default stays deleted. Returns how many were
    created."""
    from .models import ClassificationRule

    if ClassificationRule.objects.exists():
        return 0
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    rules = [
        ClassificationRule(
            theme=themes[slug], kind=kind, value=value, language=language, weight=weight
        )
        for slug, kind, value, language, weight in DEFAULT_RULES
        if slug in themes
    ]
    ClassificationRule.objects.bulk_create(rules)
    return len(rules)
