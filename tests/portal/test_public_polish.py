"""What a resident notices at once: phone numbers written as Finns write them and dialled in
E.164, counts with the right form of the noun, an icon in the tab, an accessibility
statement with what the law asks of it, filters that offer only what finds something, a
search that found nothing offering ways on, and a menu that folds on a phone."""

import re

import pytest

from catalogue.models import Phone, Service
from core import phones
from portal.models import AccessibilityStatementPage

pytestmark = pytest.mark.django_db


# --- phone numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown", "dialled"),
    [
        ("+358408318534", "040 8318534", "tel:+358408318534"),
        ("09 2525 0111", "09 25250111", "tel:+358925250111"),
        ("0295 016 000", "029 5016000", "tel:+358295016000"),
        ("+46 8 123 456 78", "+46 8 123 456 78", "tel:+46812345678"),
        ("112", "112", "tel:112"),
    ],
)
def test_a_number_is_shown_in_the_national_format_and_dialled_in_e164(written, shown, dialled):
    assert phones.display(written) == shown
    assert phones.tel_uri(written) == dialled


def test_no_phone_number_on_a_service_page_is_shown_as_stored(client, demo_catalogue):
    """Every number a service page shows is formatted, and its link dials E.164."""
    stored = Phone.objects.filter(number__startswith="+358").select_related("channel")
    assert stored.exists()
    checked = 0
    for service in Service.objects.filter(
        is_active=True, channel_links__channel__phones__in=stored
    )[:10]:
        html = client.get(service.get_absolute_url("fi")).content.decode()
        links = re.findall(r'<a href="(tel:[^"]*)">([^<]*)</a>', html)
        assert links, service.name_fi
        for href, text in links:
            assert not text.startswith("+358"), (service.name_fi, text)  # never unformatted
            assert re.fullmatch(r"tel:\+?\d+", href), href
            assert phones.tel_uri(text) == href
        checked += 1
    assert checked >= 3


def test_a_single_number_is_a_line_not_a_list(client, demo_catalogue):
    service = Service.objects.get(name_fi="Liikuntaneuvonta – Närpiö")
    html = client.get(service.get_absolute_url("fi")).content.decode()
    phone_section = html[html.index('id="phone-heading"') :]
    phone_section = phone_section[: phone_section.index("</section>")]
    assert phone_section.count('href="tel:') == 1
    assert '<p class="contacts"><a href="tel:' in phone_section
    assert '<ul class="contacts">' not in phone_section


# --- plurals ---------------------------------------------------------------------------------


def test_a_result_of_one_day_uses_the_singular(client, demo_pages):
    """The exercise self-assessment's strength days: "1 päivä viikossa", not "1 päivää"."""
    from selfcare.models import SelfAssessmentPage

    page = next(p for p in SelfAssessmentPage.objects.live() if "liiku" in p.slug_fi)
    instrument = page.instrument()
    answers = {}
    for question in instrument.questions:
        if question.kind == "number":
            answers[question.key] = 1 if question.key == "strength" else 0
        elif question.options:
            answers[question.key] = question.options[0].value
    result = instrument.score(answers)
    units = {line.scale.key: line.unit for line in result.lines}
    assert units["strength"] == "päivä viikossa"
    strength = next(q for q in instrument.questions if q.key == "strength")
    assert strength.answer_label(1) == "1 päivä"
    assert strength.answer_label(3) == "3 päivää"


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("fi", "1/1 vaihe tehty", "0/2 vaihetta tehty"),
        ("sv", "1 av 1 steg klart", "0 av 2 steg klara"),
    ],
)
def test_progress_counts_take_the_form_of_their_number(language, one, two):
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        "{% load i18n %}{% blocktranslate trimmed with done=done count total=total %}"
        "{{ done }} of {{ total }} step done.{% plural %}{{ done }} of {{ total }} steps done."
        "{% endblocktranslate %}"
    )
    with translation.override(language):
        assert template.render(Context({"done": 1, "total": 1})) == one + "."
        assert template.render(Context({"done": 0, "total": 2})) == two + "."


# --- the icon --------------------------------------------------------------------------------


def test_a_favicon_and_touch_icons_are_served(client, demo_pages):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    html = client.get("/fi/").content.decode()
    for rel in ('rel="icon" href="/favicon.ico"', 'rel="apple-touch-icon"', 'rel="manifest"'):
        assert rel in html
    touch = re.search(r'rel="apple-touch-icon" href="([^"]+)"', html).group(1)
    assert client.get(touch).status_code == 200


# --- the accessibility statement -------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "fi",
            [
                "Tämä seloste on laadittu 30.11.2026.",
                "Se on tarkistettu viimeksi 4.12.2026.",
                "Palaute saavutettavuudesta",
                'href="mailto:saavutettavuus@hyvinvointiopas.example"',
                "Etelä-Suomen aluehallintovirasto",
                'href="mailto:saavutettavuus@avi.fi"',
                'href="tel:+358295016000"',
                "www.saavutettavuusvaatimukset.fi",
                "täyttää osittain",
            ],
        ),
        (
            "sv",
            [
                "Detta utlåtande utarbetades 30.11.2026.",
                "Respons om tillgängligheten",
                "Regionförvaltningsverket i Södra Finland",
                "www.tillganglighetskrav.fi",
                "uppfyller delvis",
            ],
        ),
    ],
)
def test_the_accessibility_statement_has_its_date_feedback_and_enforcement_body(
    client, demo_pages, language, words
):
    address = {"fi": "/fi/saavutettavuusseloste/", "sv": "/sv/tillganglighetsutlatande/"}[language]
    assert AccessibilityStatementPage.objects.live().count() == 1
    html = client.get(address).content.decode()
    for word in words:
        assert word in html, word
    # The footer leads to it on every page.
    assert f'href="{address}"' in client.get(f"/{language}/").content.decode()


# --- the search page -------------------------------------------------------------------------


def test_filters_offer_only_options_that_find_something_unless_chosen(client, demo_catalogue):
    html = client.get("/fi/palvelut/", {"q": "liikunta"}).content.decode()
    assert "(0)" not in html
    chosen = client.get(
        "/fi/palvelut/", {"q": "liikunta", "service_language": "sv"}
    ).content.decode()
    # A chosen option is listed, checked (it can be unchosen there).
    assert 'name="service_language" value="sv" checked' in chosen
    assert "(0)" not in chosen


def test_a_search_that_finds_nothing_offers_ways_on_instead_of_filters(client, demo_catalogue):
    html = client.get("/fi/palvelut/", {"q": "zzxqv qqwzz", "free": "1"}).content.decode()
    assert "Palveluja ei löytynyt" in html
    assert 'id="search-filters"' not in html and "(0)" not in html  # no wall of zero filters
    themes = re.findall(r'<ul class="theme-choices">(.*?)</ul>', html, re.S)
    assert "Tai selaa teemoittain" in html and len(themes) == 1
    assert themes[0].count("<li>") == 8  # the eight themes
    # The filter in use is kept for the next words, and can be removed.
    assert '<input type="hidden" name="free" value="1">' in html
    assert "Hae ilman rajausta ”Maksuton”" in html


def test_an_unknown_location_is_an_error_without_a_chip(client, demo_catalogue):
    html = client.get("/fi/palvelut/", {"q": "liikunta", "location": "00100"}).content.decode()
    assert 'id="search-location-error"' in html
    chips = re.findall(r'<ul class="active-filters".*?</ul>', html, re.S)
    assert not any("00100" in chip for chip in chips)
    assert "Lähellä: 00100" not in html
    # A known place still becomes a chip.
    known = client.get("/fi/palvelut/", {"q": "liikunta", "location": "Vaasa"}).content.decode()
    assert "Lähellä: Vaasa" in known
