"""The eight themes: automatic classification, editor overrides, rule changes, theme pages
and theme links on service pages."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from catalogue.classify import RuleSet, _keyword_pattern, classify_all, coverage
from catalogue.models import (
    Classification,
    ClassificationRule,
    LocalEnrichment,
    Municipality,
    Service,
    ServiceTheme,
    Theme,
)
from ptv_sync.demo_catalogue import DEMO_DIR
from ptv_sync.runner import run_sync
from tests.support.factories.catalogue import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editori", "e@example.fi", "salasana-123")


def pairs():
    return set(ServiceTheme.objects.values_list("service_id", "theme__slug"))


def themes_of(service):
    return set(service.themes.values_list("slug", flat=True))


def test_the_demo_catalogue_is_classified_into_all_eight_themes(demo_catalogue, capsys):
    figures = coverage()
    assert figures.active >= 150
    assert figures.share >= 0.90
    assert len(figures.per_theme) == 8
    assert all(count >= 10 for _theme, count in figures.per_theme), figures.per_theme
    # The command prints the same figures for operators.
    call_command("classify_services", "--report")
    out = capsys.readouterr().out
    assert f"{figures.classified}/{figures.active}" in out
    assert "P4.3" in out  # home care is no hyte theme: reported for rule writers


def test_rules_give_the_expected_themes(demo_catalogue):
    swimming = Service.objects.get(name_fi="Uinti ja vesiliikunta – Vaasa")
    assert themes_of(swimming) == {"liikunta"}
    dental = Service.objects.filter(name_fi__startswith="Hammashoito").first()
    assert themes_of(dental) == {"suu"}
    # P5.7 alone is only a hint; the words decide between mental health and substance use.
    substance = Service.objects.filter(name_fi__startswith="Päihdeneuvonta").first()
    assert themes_of(substance) == {"paihteet"}
    home_care = Service.objects.filter(name_fi__startswith="Kotihoito").first()
    assert themes_of(home_care) == set()


def test_an_editor_override_survives_a_full_resync_and_a_rule_change(
    demo_catalogue, client, editor
):
    service = Service.objects.filter(name_fi__startswith="Senioriliikunta").first()
    assert "liikunta" in themes_of(service)
    mieli, liikunta = Theme.objects.get(slug="mieli"), Theme.objects.get(slug="liikunta")
    client.force_login(editor)
    response = client.post(
        f"/admin/snippets/catalogue/service/edit/{service.pk}/",
        {"local_themes_added": [mieli.pk], "local_themes_removed": [liikunta.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert themes_of(service) == {"mieli"}

    # A full resync that changes the service at the source…
    Service.objects.filter(pk=service.pk).update(content_hash="old", source_hash="old")
    run = run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    assert run.updated == 1
    assert themes_of(service) == {"mieli"}
    # …and a rule change that would add the theme again.
    ClassificationRule.objects.create(
        theme=liikunta, kind=ClassificationRule.Kind.KEYWORD, value="seniori*", language="fi"
    )
    classify_all()
    assert themes_of(service) == {"mieli"}
    assert ServiceTheme.objects.get(service=service, theme=mieli).origin == "editor"

    # The editor takes the override back: the rules decide again.
    client.post(
        f"/admin/snippets/catalogue/service/edit/{service.pk}/",
        {"local_themes_added": [], "local_themes_removed": []},
    )
    assert themes_of(service) == {"liikunta"}


def test_a_rule_change_moves_exactly_the_affected_services(demo_catalogue, client, editor):
    before = pairs()
    terveystaidot = Theme.objects.get(slug="terveystaidot")
    libraries = set(
        Service.objects.filter(
            classifications__kind=Classification.Kind.SERVICE_CLASS,
            classifications__code="P25.1",
        ).values_list("pk", flat=True)
    )
    assert libraries
    ClassificationRule.objects.create(
        theme=terveystaidot, kind=ClassificationRule.Kind.SERVICE_CLASS, value="P25.1"
    )
    assert pairs() == before  # nothing moves until the classification is re-run

    client.force_login(editor)
    response = client.post("/admin/catalogue/unclassified/", follow=True)
    assert response.status_code == 200
    expected = {(pk, "terveystaidot") for pk in libraries} - before
    assert expected
    assert pairs() - before == expected
    assert before - pairs() == set()
    # The admin speaks the editor's language (Finnish by default).
    assert f"{len(expected)} palvelun teemat muuttuivat" in response.content.decode()


def test_the_unclassified_report_lists_services_without_a_theme(demo_catalogue, client, editor):
    client.force_login(editor)
    html = client.get("/admin/catalogue/unclassified/").content.decode()
    assert "Aja luokittelu uudelleen" in html  # the button, for editors who may use it
    assert "Kotihoito – Vaasa" in html
    assert "Senioriliikunta" not in html
    assert re.search(r"<td>P4.3</td><td>[^<]+</td><td>6</td>", html)


def test_editors_without_rule_permission_cannot_rerun(demo_catalogue, client):
    """A municipal editor sees the unclassified services of their own scope, without the
    re-run button; re-running is refused."""
    from tests.support.factories.editors import municipal_editor

    user = municipal_editor("905", username="lukija")
    ClassificationRule.objects.create(
        theme=Theme.objects.get(slug="suu"),
        kind=ClassificationRule.Kind.SERVICE_CLASS,
        value="P4.3",
    )
    before = pairs()
    client.force_login(user)
    response = client.get("/admin/catalogue/unclassified/")
    page = response.content.decode()
    assert response.status_code == 200 and "Aja luokittelu uudelleen" not in page
    assert "Kotihoito – Vaasa" not in page  # the county's service: the coordinators'
    response = client.post("/admin/catalogue/unclassified/")
    assert response.status_code == 403
    assert pairs() == before


def test_synced_services_cannot_be_added_or_deleted_in_the_admin(demo_catalogue, client, editor):
    client.force_login(editor)
    service = Service.objects.first()
    assert client.get("/admin/snippets/catalogue/service/add/").status_code in (302, 403)
    client.post(f"/admin/snippets/catalogue/service/delete/{service.pk}/")
    assert Service.objects.filter(pk=service.pk).exists()
    listing = client.get("/admin/snippets/catalogue/service/", {"q": "Senioriliikunta"})
    assert "Senioriliikunta – Vaasa" in listing.content.decode()
    liikunta = Theme.objects.get(slug="liikunta")
    rules = client.get("/admin/snippets/catalogue/classificationrule/", {"theme": liikunta.pk})
    rules_html = rules.content.decode()
    assert "Aja luokittelu uudelleen" in rules_html and "kuntosali*" in rules_html
    assert "hammas*" not in rules_html  # filtered to the theme
    edit = client.get(f"/admin/snippets/catalogue/service/edit/{service.pk}/").content.decode()
    assert 'name="name_fi"' not in edit and 'name="local_themes_added"' in edit


def test_a_theme_page_lists_only_active_public_services_in_its_language(demo_pages, client):
    theme = Theme.objects.get(slug="uni")
    shown = ServiceFactory(name_fi="Unikoulu", name_sv="Sömnskola", themes=[theme])
    finnish_only = ServiceFactory(name_fi="Uniryhmä Vaasa", name_sv="", themes=[theme])
    archived = ServiceFactory(name_fi="Vanha uniryhmä", is_active=False, themes=[theme])
    hidden = ServiceFactory(name_fi="Piilotettu unipalvelu", themes=[theme])
    LocalEnrichment.objects.create(service=hidden, hidden=True)
    other = ServiceFactory(name_fi="Hammashoito", themes=[Theme.objects.get(slug="suu")])

    fi = client.get("/fi/teemat/uni/").content.decode()
    assert shown.name_fi in fi and finnish_only.name_fi in fi
    for absent in (archived, hidden, other):
        assert absent.name_fi not in fi

    sv = client.get("/sv/teman/somn-och-aterhamtning/").content.decode()
    assert "Sömnskola" in sv and "Unikoulu" not in sv
    # The missing Swedish name falls back to Finnish, marked as Finnish.
    assert re.search(r'<a href="[^"]+" lang="fi">Uniryhmä Vaasa</a>', sv)


def test_a_theme_page_filters_by_municipality(demo_catalogue, client):
    html = client.get("/fi/teemat/liikunta/", {"municipality": "280"}).content.decode()
    assert "Senioriliikunta – Korsnäs" in html or "– Korsnäs" in html
    assert "– Vaasa" not in html


def test_a_theme_page_shows_counselling_contacts(demo_catalogue, client):
    html = client.get("/fi/teemat/liikunta/").content.decode()
    contacts = html[html.index('id="theme-contacts-heading"') :]
    assert "Sosiaali- ja terveysneuvonta" in contacts  # the general counselling comes first
    assert 'href="tel:' in contacts


def test_the_theme_page_query_count_does_not_depend_on_the_number_of_services(
    demo_pages, client, settings
):
    settings.CATALOGUE_PAGE_CACHE_SECONDS = 0  # the page's own queries, not the page cache's
    theme = Theme.objects.get(slug="suu")

    def queries():
        cache.clear()  # what is kept per catalogue generation is built again, as after a sync
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/fi/teemat/suu/")
        assert response.status_code == 200
        html = response.content.decode()
        return len(captured.captured_queries), len(re.findall(r'class="result-list__title"', html))

    ServiceFactory.create_batch(3, themes=[theme])
    queries()  # warm the per-process caches (site root paths, translations)
    few, shown_few = queries()
    ServiceFactory.create_batch(47, themes=[theme])
    many, shown_many = queries()
    assert (shown_few, shown_many) == (3, 20)  # 50 services, 20 per page
    assert many == few


def test_a_service_page_links_to_its_themes(demo_catalogue, client):
    service = Service.objects.filter(name_fi__startswith="Rahapelaamisen").first()
    html = client.get(service.get_absolute_url("fi")).content.decode()
    assert 'href="/fi/teemat/paihteet/"' in html and 'href="/fi/teemat/osallisuus/"' in html
    html = client.get(service.get_absolute_url("sv")).content.decode()
    assert 'href="/sv/teman/rusmedel-och-beroenden/"' in html


def test_an_archived_service_answers_gone_with_links_to_its_themes(demo_catalogue, client):
    service = Service.objects.filter(name_fi__startswith="Muistikahvila").first()
    Service.objects.filter(pk=service.pk).update(is_active=False)
    response = client.get(service.get_absolute_url("fi"))
    assert response.status_code == 410
    assert 'href="/fi/teemat/osallisuus/"' in response.content.decode()


def test_a_theme_page_lists_what_the_catalogue_holds_after_each_change(
    demo_catalogue, client, settings
):
    """A theme page's list and number (their order kept per catalogue generation) are what
    the catalogue holds, for every theme alone and with each municipality, also after an
    editor hides a service, a service becomes nationwide and an editor features one."""
    from catalogue import listing

    settings.CATALOGUE_PAGE_CACHE_SECONDS = 0
    codes = ["", *listing.scope_municipalities().values_list("code", flat=True)]
    outside = Municipality.objects.exclude(code__in=codes).order_by("code").first()
    codes.append(outside.code)  # a professional's list may name one outside the scope
    local = Service.objects.filter(theme_links__theme__slug="liikunta", is_active=True)
    local.exclude(area_type__in=listing.NATIONWIDE).first().municipalities.add(outside)

    def check():
        for theme in Theme.objects.all():
            for code in codes:
                services = listing.listed_services().filter(theme_links__theme=theme)
                if code:  # a municipality's own services and the nationwide ones
                    services = services.filter(
                        Q(municipalities__code=code) | Q(area_type__in=listing.NATIONWIDE)
                    ).distinct()
                listed = listing.theme_services(theme, "fi", code or None)
                assert listed.paginator.count == services.count(), (theme.slug, code)
                shown = {service.pk for service in listed.object_list}
                assert shown <= set(services.values_list("pk", flat=True)), (theme.slug, code)
                assert len(shown) == min(services.count(), listing.PAGE_SIZE)
        html = client.get("/fi/teemat/liikunta/", {"municipality": "905"}).content
        shown = re.search(rb'class="result-count"[^>]*>(\d+) ', html)
        walking = Theme.objects.get(slug="liikunta")
        assert int(shown.group(1)) == listing.theme_services(walking, "fi", "905").paginator.count

    check()
    walking = Service.objects.filter(theme_links__theme__slug="liikunta", is_active=True)
    LocalEnrichment.objects.create(service=walking.first(), hidden=True)
    nationwide = walking.exclude(area_type__in=listing.NATIONWIDE).last()
    nationwide.area_type = "nationwide"
    nationwide.save()
    check()

    # An editor features the list's last service on the theme: it is first from then on.
    theme = Theme.objects.get(slug="liikunta")
    pages = listing.theme_services(theme, "fi").paginator.num_pages
    last = listing.theme_services(theme, "fi", page=pages).object_list[-1]
    enrichment, _created = LocalEnrichment.objects.get_or_create(service=last)
    assert listing.theme_services(theme, "fi").object_list[0].pk != last.pk  # order kept
    enrichment.featured_themes.add(theme)
    first = listing.theme_services(theme, "fi").object_list[0]
    assert (first.pk, first.featured) == (last.pk, True)
    html = client.get("/fi/teemat/liikunta/").content.decode()
    featured = html[html.index("result-list__featured") :]
    assert escape(last.name_fi) in featured[: featured.index("</li>")]


def test_a_theme_pages_counselling_contacts_are_those_of_its_municipality(demo_catalogue, settings):
    """Kept per catalogue generation for every municipality at once, the contacts a theme
    page shows with a municipality are offered there or nationwide, general counselling
    first, each with a phone number; and a new generation brings a new contact in."""
    from catalogue import listing

    theme = Theme.objects.get(slug="liikunta")
    codes = list(listing.scope_municipalities().values_list("code", flat=True))
    shown = {}
    for code in codes:
        contacts = listing.counselling_contacts(theme, "fi", code)
        shown[code] = [service.pk for service, _phones in contacts]
        for service, phones in contacts:
            assert phones, service.name_fi
            assert (
                service.area_type in listing.NATIONWIDE
                or service.municipalities.filter(code=code).exists()
            ), (code, service.name_fi)
    assert len({tuple(pks) for pks in shown.values()}) > 1  # they differ by municipality
    everywhere = listing.counselling_contacts(theme, "fi")
    assert everywhere[0][0].name_fi.startswith("Sosiaali- ja terveysneuvonta")

    # A municipality's own service from a municipality whose list lacks it joins its list.
    code, pks = next((code, pks) for code, pks in shown.items() if len(pks) < 6)
    other = next(
        service
        for service, _phones in everywhere
        if service.pk not in pks and service.area_type not in listing.NATIONWIDE
    )
    other.municipalities.add(Municipality.objects.get(code=code))
    assert other.pk in [s.pk for s, _p in listing.counselling_contacts(theme, "fi", code)]


# Keywords as editors type them (a word, a phrase, a * at either end) and texts around them.
keyword_values = st.builds(
    lambda start, body, end: f"{start}{body}{end}",
    st.sampled_from(["", "*"]),
    st.text(alphabet="aäiklnstuy -*.", min_size=1, max_size=8),
    st.sampled_from(["", "*"]),
)
keyword_texts = st.text(alphabet="aäiklnstuyAÄK -.\n*", max_size=40)


@given(value=keyword_values, text=keyword_texts, before=keyword_texts)
def test_a_keyword_rule_matches_only_texts_that_hold_its_words(value, text, before):
    """The classifier tries a keyword's pattern only on texts that hold the keyword's words
    (RuleSet.scores): that must never lose a match. Also with the words surely in the text."""
    pattern, words = _keyword_pattern(value), value.strip("*").casefold()
    rules = RuleSet(keywords=[(pattern, words, "fi", 1, 5, ClassificationRule.ANY_SOURCE)])
    for candidate in (text.casefold(), f"{before} {value.strip('*')} {text}".casefold()):
        matched = bool(pattern.search(candidate))
        if matched:
            assert words in candidate
        scores = rules.scores("ptv", [], {"fi": candidate, "sv": ""})
        assert scores == ({1: 5} if matched else {})
