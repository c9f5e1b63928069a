"""Demo pages for a fresh installation: the home page, the theme pages and two standard pages.

Every function here is idempotent: it creates what is missing and never overwrites what an
editor has changed.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from catalogue.listing import scope_municipalities
from catalogue.models import slug_for
from catalogue.themes import DEFAULT_THEMES, ensure_default_rules, ensure_default_themes
from core.i18n import default_field
from selfcare.demo import ensure_assessments
from selfcare.demo_programmes import ensure_programmes

from .models import (
    HomePage,
    MunicipalityIndexPage,
    MunicipalityPage,
    StandardPage,
    ThemeIndexPage,
    ThemePage,
)

HOME = {
    "title_fi": "Hyvinvointiopas",
    "title_sv": "Välmåendeguide",
    "slug_fi": "etusivu",
    "slug_sv": "startsida",
    "intro_fi": "<p>Löydä liikuntaa, vertaistukea, neuvontaa ja muita hyvinvointia tukevia "
    "palveluita läheltäsi Pohjanmaalla – kunnilta, hyvinvointialueelta ja järjestöiltä.</p>",
    "intro_sv": "<p>Hitta motion, kamratstöd, rådgivning och andra tjänster som stöder "
    "välbefinnandet nära dig i Österbotten – från kommunerna, välfärdsområdet och "
    "organisationerna.</p>",
}

THEME_INDEX = {
    "title_fi": "Teemat",
    "title_sv": "Teman",
    "slug_fi": "teemat",
    "slug_sv": "teman",
    "intro_fi": "<p>Hyvinvointi koostuu monesta asiasta. Valitse teema, niin näet sen "
    "palvelut, itsearvioinnit ja omahoito-ohjelmat.</p>",
    "intro_sv": "<p>Välbefinnande består av många saker. Välj ett tema för att se dess "
    "tjänster, självskattningar och egenvårdsprogram.</p>",
    "show_in_menus": True,
}

MUNICIPALITY_INDEX = {
    "title_fi": "Kunnat",
    "title_sv": "Kommuner",
    "slug_fi": "kunnat",
    "slug_sv": "kommuner",
    "intro_fi": "<p>Pohjanmaan hyvinvointialueen 14 kuntaa ja niiden omat hyvinvointipalvelut.</p>",
    "intro_sv": "<p>Österbottens välfärdsområdes 14 kommuner och deras egna tjänster för "
    "välbefinnande.</p>",
    "show_in_menus": True,
}

STANDARD_PAGES = [
    {
        "title_fi": "Tietoa palvelusta",
        "title_sv": "Om tjänsten",
        "slug_fi": "tietoa-palvelusta",
        "slug_sv": "om-tjansten",
        "show_in_menus": True,
        "intro_fi": "Hyvinvointiopas kokoaa Pohjanmaan hyvinvointia ja terveyttä edistävät "
        "palvelut yhteen paikkaan.",
        "intro_sv": "Välmåendeguiden samlar Österbottens tjänster som främjar hälsa och "
        "välfärd på ett ställe.",
        "body_fi": [
            ("heading", "Mistä tiedot tulevat?"),
            (
                "paragraph",
                "<p>Julkisten palveluiden tiedot tulevat Suomi.fi-palvelutietovarannosta ja "
                "järjestöjen toiminta Lähellä.fi-palvelusta. Kunnat ja järjestöt päivittävät "
                "tietonsa lähteeseen, ja opas hakee muutokset säännöllisesti.</p>",
            ),
            ("heading", "Kenelle opas on tarkoitettu?"),
            (
                "paragraph",
                "<p>Asukkaille, jotka etsivät tekemistä ja tukea omaan hyvinvointiinsa, sekä "
                "ammattilaisille, jotka ohjaavat asiakkaitaan sopiviin palveluihin.</p>",
            ),
        ],
        "body_sv": [
            ("heading", "Varifrån kommer uppgifterna?"),
            (
                "paragraph",
                "<p>Uppgifterna om offentliga tjänster kommer från Suomi.fi-servicedatalagret "
                "och organisationernas verksamhet från Lähellä.fi. Kommunerna och "
                "organisationerna uppdaterar sina uppgifter vid källan, och guiden hämtar "
                "ändringarna regelbundet.</p>",
            ),
            ("heading", "Vem är guiden till för?"),
            (
                "paragraph",
                "<p>För invånare som söker aktiviteter och stöd för sitt välbefinnande, och för "
                "yrkespersoner som hänvisar sina klienter till lämpliga tjänster.</p>",
            ),
        ],
    },
    {
        "title_fi": "Saavutettavuusseloste",
        "title_sv": "Tillgänglighetsutlåtande",
        "slug_fi": "saavutettavuusseloste",
        "slug_sv": "tillganglighetsutlatande",
        "show_in_menus": False,
        "intro_fi": "Tavoitteemme on, että jokainen voi käyttää hyvinvointiopasta.",
        "intro_sv": "Vårt mål är att alla ska kunna använda välmåendeguiden.",
        "body_fi": [
            ("heading", "Saavutettavuuden tila"),
            (
                "paragraph",
                "<p>Palvelu on suunniteltu täyttämään WCAG 2.1 -ohjeiston AA-tason "
                "vaatimukset. Sivut toimivat ilman JavaScriptiä, näppäimistöllä ja "
                "ruudunlukijalla, ja niiden saavutettavuus tarkistetaan automaattisesti "
                "jokaisen muutoksen yhteydessä.</p>",
            ),
            ("heading", "Palaute"),
            (
                "paragraph",
                "<p>Jos huomaat saavutettavuuspuutteen, kerro siitä hyvinvointialueen "
                "kirjaamoon. Voit myös ilmoittaa asiasta valvontaviranomaiselle "
                "(Etelä-Suomen aluehallintovirasto).</p>",
            ),
        ],
        "body_sv": [
            ("heading", "Tillgänglighetens status"),
            (
                "paragraph",
                "<p>Tjänsten är utformad för att uppfylla kraven på nivå AA i WCAG 2.1. "
                "Sidorna fungerar utan JavaScript, med tangentbord och med skärmläsare, och "
                "tillgängligheten kontrolleras automatiskt vid varje ändring.</p>",
            ),
            ("heading", "Respons"),
            (
                "paragraph",
                "<p>Om du upptäcker en brist i tillgängligheten, meddela välfärdsområdets "
                "registratorskontor. Du kan också kontakta tillsynsmyndigheten "
                "(Regionförvaltningsverket i Södra Finland).</p>",
            ),
        ],
    },
]


def _stream(blocks):
    return [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision(log_action=False).publish(log_action=False)
    return page


def ensure_home_page():
    """The site's root page is a HomePage. Wagtail's initial 'Welcome' page is replaced."""
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    created = False
    if home is None:
        root = Page.get_first_root_node()
        home = _publish(root, HomePage(**HOME))
        created = True
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.save()
        welcome = old_root.specific_class is Page and not old_root.get_children().exists()
        if welcome:
            old_root.delete()
    return home, created


def ensure_theme_pages(home):
    created = 0
    index = ThemeIndexPage.objects.first()
    if index is None:
        index = _publish(home, ThemeIndexPage(**THEME_INDEX))
        created += 1
    themes, _count = ensure_default_themes()
    sv_slugs = {spec["slug"]: spec["slug_sv"] for spec in DEFAULT_THEMES}
    existing = set(ThemePage.objects.values_list("theme_id", flat=True))
    for theme in themes:
        if theme.pk in existing:
            continue
        page = ThemePage(
            theme=theme,
            title_fi=theme.name_fi,
            title_sv=theme.name_sv,
            slug_fi=theme.slug,
            slug_sv=sv_slugs.get(theme.slug, theme.slug),
        )
        _publish(index, page)
        created += 1
    return created


def ensure_standard_pages(home):
    created = 0
    for spec in STANDARD_PAGES:
        if StandardPage.objects.filter(slug_fi=spec["slug_fi"]).exists():
            continue
        fields = {key: value for key, value in spec.items() if not key.startswith("body_")}
        page = StandardPage(
            **fields, body_fi=_stream(spec["body_fi"]), body_sv=_stream(spec["body_sv"])
        )
        _publish(home, page)
        created += 1
    return created


def ensure_municipality_pages(home):
    """The municipality index and one page per municipality of the configured scope, which
    the municipalities' editors write (and a coordinator approves)."""
    created = 0
    index = MunicipalityIndexPage.objects.first()
    if index is None:
        index = _publish(home, MunicipalityIndexPage(**MUNICIPALITY_INDEX))
        created += 1
    existing = set(MunicipalityPage.objects.values_list("municipality_id", flat=True))
    for municipality in scope_municipalities().order_by(default_field("name")):
        if municipality.pk in existing:
            continue
        name_sv = municipality.name_sv or municipality.name_fi
        page = MunicipalityPage(
            municipality=municipality,
            title_fi=municipality.name_fi,
            title_sv=name_sv,
            slug_fi=slug_for(municipality.name_fi),
            slug_sv=slug_for(name_sv),
            intro_fi=f"{municipality.name_fi}: kunnan omat hyvinvointia edistävät palvelut ja "
            "toiminta.",
            intro_sv=f"{name_sv}: kommunens egna tjänster och verksamhet som främjar "
            "välbefinnande.",
        )
        _publish(index, page)
        created += 1
    return created


def ensure_featured(home):
    """Feature the 'about' page on the home page unless an editor has chosen something."""
    if home.featured_fi or home.featured_sv:
        return
    about = StandardPage.objects.filter(slug_fi="tietoa-palvelusta").first()
    if about is None:
        return
    home.featured_fi = [
        ("page", {"page": about, "text": "Mistä tiedot tulevat ja kenelle opas on tehty."})
    ]
    home.featured_sv = [
        ("page", {"page": about, "text": "Varifrån uppgifterna kommer och vem guiden är till för."})
    ]
    home.save_revision(log_action=False).publish(log_action=False)


def ensure_selfcare(home):
    """The self-care programmes, then the self-assessments (their results recommend the
    programmes)."""
    return ensure_programmes(home) + ensure_assessments(home)


@transaction.atomic
def load_pages():
    """Create the demo page tree. Returns the number of pages created."""
    # Finnish is the pages' main language (title_fi is required), whatever is active.
    with translation.override(settings.LANGUAGE_CODE):
        return _load_pages()


def _load_pages():
    home, home_created = ensure_home_page()
    created = int(home_created)
    created += ensure_theme_pages(home)
    created += ensure_standard_pages(home)
    created += ensure_municipality_pages(home)
    created += ensure_selfcare(home)
    ensure_featured(HomePage.objects.get(pk=home.pk))
    ensure_default_rules()  # seeded by a migration; again here after a flush (tests)
    return created
