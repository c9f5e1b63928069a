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
