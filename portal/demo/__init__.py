"""The demo content of a fresh installation, and its one loader: the home page, the theme,
municipality and standard pages, the self-assessments and self-care programmes, and the
editors' local services. The content is data (``data/*.json``); the catalogue's demo payloads
are the sources' own (ptv_sync/demo_payloads), synced by ``load_demo``.

Every function here is idempotent: it creates what is missing and never overwrites what an
editor has changed. In the data, ``"@theme:<slug>"`` stands for a theme and
``"@page:<Finnish slug>"`` for a seeded page (a block naming a page that does not exist is
left out)."""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from catalogue.listing import scope_municipalities
from catalogue.models import LocalEnrichment, Municipality, Service, Theme, slug_for
from catalogue.search.indexing import index_services
from catalogue.themes import DEFAULT_THEMES, ensure_default_rules, ensure_default_themes
from core.i18n import default_field, field_values, language_codes
from editors.models import LocalService
from professionals.models import ReferralType, ReferralUnit
from professionals.roles import COUNSELLING_TYPE
from ptv_sync.demo_catalogue import lahella_key
from selfcare.models import (
    AssessmentIndexPage,
    ProgrammeIndexPage,
    SelfAssessmentPage,
    SelfCareProgrammePage,
)
from selfcare.seeding import ensure_pages

from ..models import (
    AccessibilityStatementPage,
    HomePage,
    MunicipalityIndexPage,
    MunicipalityPage,
    StandardPage,
    ThemeIndexPage,
    ThemePage,
)

DATA = Path(__file__).with_name("data")


def _data(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


SITE = _data("site.json")
HOME, THEME_INDEX = SITE["home"], SITE["theme_index"]
MUNICIPALITY_INDEX, STANDARD_PAGES = SITE["municipality_index"], SITE["standard_pages"]


def _stream(blocks):
    return [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision(log_action=False).publish(log_action=False)
    return page


ROOT_TITLES = {"fi": "Sivupuun juuri", "sv": "Sidträdets rot", "en": "Root"}


def name_the_root():
    """The page tree's root is "Root" from Wagtail's migration, in every language; the admin
    shows it to coordinators above the site. It gets a name in each language. (SQL: the
    translated columns are wagtail-modeltranslation's, and its manager would read "title" as
    the active language's; the admin shows the draft title first, so that is left empty.)"""
    codes = language_codes()
    columns = ", ".join(f"title_{code} = %s" for code in codes)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE wagtailcore_page SET title = %s, draft_title = '', {columns} "  # noqa: S608 - column names from settings
            "WHERE depth = 1 AND title IN ('Root', %s)",
            [
                ROOT_TITLES.get(settings.LANGUAGE_CODE, "Root"),
                *(ROOT_TITLES.get(code, ROOT_TITLES["en"]) for code in codes),
                ROOT_TITLES.get(settings.LANGUAGE_CODE, "Root"),
            ],
        )


def ensure_home_page():
    """The site's root page is a HomePage. Wagtail's initial 'Welcome' page is replaced."""
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    created = False
    name_the_root()
    if home is None:
        root = Page.get_first_root_node()
        home = _publish(root, HomePage(**HOME))
        created = True
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    if not site.site_name:  # the admin titles an editor's dashboard with it, else the host
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save(update_fields=["site_name"])
    if site.root_page_id != home.pk:
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
    specs = {spec["slug"]: spec for spec in DEFAULT_THEMES}
    existing = set(ThemePage.objects.values_list("theme_id", flat=True))
    for theme in themes:
        if theme.pk in existing:
            continue
        spec = specs.get(theme.slug, {})
        page = ThemePage(theme=theme)
        plain = SITE["theme_plain"].get(theme.slug, {})
        for code in language_codes():  # a theme's own slug, unless the data give another
            setattr(page, f"title_{code}", getattr(theme, f"name_{code}"))
            setattr(page, f"slug_{code}", spec.get(f"slug_{code}") or theme.slug)
            setattr(page, f"plain_{code}", plain.get(code, ""))
        _publish(index, page)
        created += 1
    return created


def ensure_standard_pages(home):
    created = 0
    for spec in STANDARD_PAGES:
        slug = default_field("slug")
        if StandardPage.objects.filter(**{slug: spec[slug]}).exists():
            continue
        page = StandardPage(
            **{
                key: _stream(value) if key.startswith("body_") else value
                for key, value in spec.items()
            }
        )
        _publish(home, page)
        created += 1
    return created


def ensure_accessibility_statement(home):
    if AccessibilityStatementPage.objects.exists():
        return 0
    spec = SITE["accessibility_statement"]
    page = AccessibilityStatementPage(
        **{
            key: _stream(value)
            if key.startswith("body_")
            else datetime.date.fromisoformat(value)
            if key.endswith("_on")
            else value
            for key, value in spec.items()
        }
    )
    _publish(home, page)
    return 1


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
        page = MunicipalityPage(municipality=municipality)
        for code in language_codes():
            # A bilingual municipality's own name in each language, else the default's.
            name = getattr(municipality, f"name_{code}") or getattr(
                municipality, default_field("name")
            )
            setattr(page, f"title_{code}", name)
            setattr(page, f"slug_{code}", slug_for(name))
            intro = SITE["municipality_intro"].get(code, "")
            setattr(page, f"intro_{code}", intro.format(name=name))
        _publish(index, page)
        created += 1
    return created


def ensure_featured(home):
    """Feature the 'about' page on the home page unless an editor has chosen something."""
    if any(getattr(home, field) for field in SITE["featured"]):
        return
    about = StandardPage.objects.filter(**{default_field("slug"): SITE["about"]}).first()
    if about is None:
        return
    for field, text in SITE["featured"].items():
        setattr(home, field, [("page", {"page": about, "text": text})])
    home.save_revision(log_action=False).publish(log_action=False)


def _resolve(value, themes, pages):
    """The data's stand-ins replaced by ids; None for a block naming a page that does not
    exist (it is left out)."""
    if isinstance(value, str):
        if value.startswith("@theme:"):
            return themes[value.removeprefix("@theme:")]
        if value.startswith("@page:"):
            return pages.get(value.removeprefix("@page:"))
        return value
    if isinstance(value, dict):
        resolved = {key: _resolve(item, themes, pages) for key, item in value.items()}
        missing_page = "page" in value and resolved["page"] is None
        empty_block = isinstance(value.get("value"), dict) and resolved.get("value") is None
        return None if missing_page or empty_block else resolved
    if isinstance(value, list):
        resolved = (_resolve(item, themes, pages) for item in value)
        return [item for item in resolved if item is not None]
    return value


def _builds(name):
    def build(spec):
        def fill(themes):
            pages = dict(SelfCareProgrammePage.objects.values_list(default_field("slug"), "pk"))
            return _resolve(spec, themes, pages)

        return fill

    return [build(spec) for spec in _data(name)["pages"]]


def ensure_programmes(home):
    """The programme index and the seeded programmes that are missing."""
    return ensure_pages(
        home,
        ProgrammeIndexPage,
        _data("programmes.json")["index"],
        SelfCareProgrammePage,
        _builds("programmes.json"),
        ("steps",),
    )


def ensure_assessments(home):
    """The assessment index and the seeded assessments that are missing (their results
    recommend the programmes, seeded first)."""
    return ensure_pages(
        home,
        AssessmentIndexPage,
        _data("assessments.json")["index"],
        SelfAssessmentPage,
        _builds("assessments.json"),
        ("questions", "scales", "bands"),
    )


def ensure_local_services():
    """The editors' demo local services: activities that are neither in PTV nor in
    Lähellä.fi, written by a municipality's editors and already approved (published)."""
    created = 0
    name = default_field("name")
    for spec in _data("local_services.json"):
        if LocalService.objects.filter(**{name: spec[name]}).exists():
            continue
        fields = {
            key: value for key, value in spec.items() if key not in ("municipality", "themes")
        }
        local = LocalService(
            **fields, municipality=Municipality.objects.get(code=spec["municipality"])
        )
        local.save()
        local.themes.set(Theme.objects.filter(slug__in=spec["themes"]))
        local.save()
        local.save_revision(log_action=False).publish(log_action=False)
        created += 1
    return created


def ensure_enrichments():
    """The demo editors' marks on synced services (a local enrichment): those that accept
    Kaikukortti, and whom some are also for. An editor's own enrichment (one with an editor
    recorded) is left as it is. Returns how many services were marked."""
    marks = {}
    for start in SITE["kaikukortti"]["services"]:
        marks.setdefault(start, {})["kaikukortti"] = True
    for audience, starts in SITE["audiences"].items():
        for start in starts if not audience.startswith("_") else ():
            marks.setdefault(start, {}).setdefault("audiences", []).append(audience)
    existing = {e.service_id: e for e in LocalEnrichment.objects.all()}
    new, changed = {}, {}
    for start, values in marks.items():
        for service in Service.objects.filter(**{f"{default_field('name')}__startswith": start}):
            enrichment = existing.get(service.pk) or new.get(service.pk)
            if enrichment is None:
                enrichment = new[service.pk] = LocalEnrichment(service=service)
            if enrichment.updated_by_id is not None:
                continue
            if values.get("kaikukortti") and not enrichment.kaikukortti:
                enrichment.kaikukortti = True
                changed[service.pk] = enrichment
            missing = [a for a in values.get("audiences", ()) if a not in enrichment.audiences]
            if missing:
                enrichment.audiences = [*enrichment.audiences, *missing]
                changed[service.pk] = enrichment
    # Written in bulk and indexed once (one save each would index each service on its own).
    with transaction.atomic():
        LocalEnrichment.objects.bulk_create([e for pk, e in new.items() if pk in changed])
        now = timezone.now()
        for enrichment in changed.values():
            enrichment.updated_at = now
        LocalEnrichment.objects.bulk_update(
            [e for pk, e in changed.items() if pk not in new],
            ["kaikukortti", "audiences", "updated_at"],
        )
        if changed:
            index_services(sorted(changed))
    return len(changed)


def ensure_referrals():
    """The demo referral types and their units (an association's Lähellä.fi activity, whose
    page then offers the form), and each liikuntaneuvonta unit linked to the catalogue's
    "Liikuntaneuvonta – <municipality>" service. Run after the catalogue is imported; what
    exists is kept. Returns how many units were made or linked."""
    data = _data("referrals.json")
    types = {}
    for spec in data["types"]:
        texts = {
            key: value
            for name in ("name", "intro", "consent", "consent_self")
            for key, value in field_values(name, spec[name]).items()
        }
        types[spec["slug"]], _created = ReferralType.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "prefix": spec["prefix"],
                "receivers": spec["receivers"],
                "fields": spec["fields"],
                "theme": Theme.objects.filter(slug=spec["theme"]).first(),
                **texts,
            },
        )
    done = 0
    for spec in data["units"]:
        template, code = spec["service"]
        activity = Service.objects.filter(
            source="lahella", external_id=lahella_key(template, code)
        ).first()
        if activity is None or activity.responsible_organisation is None:
            continue
        _unit, created = ReferralUnit.objects.get_or_create(
            referral_type=types[spec["type"]],
            organisation=activity.responsible_organisation,
            defaults={
                "self_referral": spec["self_referral"],
                "service": activity.duplicate_of or activity,
            },
        )
        done += created
    counselling = ReferralUnit.objects.filter(
        referral_type__slug=COUNSELLING_TYPE, service=None, municipality__isnull=False
    ).select_related("referral_type", "municipality")
    for unit in counselling:
        name = f"{unit.referral_type.name_fi} – {unit.municipality.name_fi}"
        service = Service.objects.filter(name_fi=name, is_active=True).first()
        if service is not None:
            unit.service = service
            unit.save()
            done += 1
    return done


def ensure_selfcare(home):
    """The self-care programmes, then the self-assessments (their results recommend the
    programmes)."""
    return ensure_programmes(home) + ensure_assessments(home)


@transaction.atomic
def load_pages():
    """Create the demo page tree. Returns the number of pages created."""
    # The default language is the pages' main language (its title is required), whatever is
    # active.
    with translation.override(settings.LANGUAGE_CODE):
        return _load_pages()


def _load_pages():
    home, home_created = ensure_home_page()
    created = int(home_created)
    created += ensure_theme_pages(home)
    created += ensure_standard_pages(home)
    created += ensure_accessibility_statement(home)
    created += ensure_municipality_pages(home)
    created += ensure_selfcare(home)
    ensure_featured(HomePage.objects.get(pk=home.pk))
    ensure_default_rules()  # seeded by a migration; again here after a flush (tests)
    return created
