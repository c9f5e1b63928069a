"""English as the site's third language: /en/ with English addresses and texts, PTV's English
texts, English search (and Finnish words on it), the validated instruments' official English
versions, and pages without an English version saying so."""

import re

import pytest

from portal.models import StandardPage

pytestmark = pytest.mark.django_db


def count(html):
    return int(re.search(r'class="result-count"[^>]*>(\d+)', html).group(1))


def titles(html):
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(r'class="result-list__title"><a [^>]*>(.*?)</a>', html)
    ]


def alternates(html):
    head = html.split("</head>")[0]
    return dict(re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">', head))


def test_the_english_home_page_speaks_english_with_english_addresses(client, demo_pages):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "Wellbeing guide" in html
    assert 'href="/en/themes/exercise-and-outdoor-life/"' in html
    assert "Exercise and outdoor life" in html
    assert 'href="/en/services/"' in html and 'href="/en/self-assessments/"' in html


def test_hreflang_links_the_three_languages_both_ways(client, demo_pages):
    expected = {
        "fi": "http://testserver/fi/teemat/liikunta/",
        "sv": "http://testserver/sv/teman/motion-och-friluftsliv/",
        "en": "http://testserver/en/themes/exercise-and-outdoor-life/",
        "x-default": "http://testserver/fi/teemat/liikunta/",
    }
    for url in ("/fi/teemat/liikunta/", "/sv/teman/motion-och-friluftsliv/"):
        assert alternates(client.get(url).content.decode()) == expected, url
    english = client.get("/en/themes/exercise-and-outdoor-life/").content.decode()
    assert alternates(english) == expected
    assert '<a href="/fi/teemat/liikunta/" lang="fi" hreflang="fi">Suomi</a>' in english


def test_a_page_without_an_english_version_says_so_and_links_to_the_others(client, demo_pages):
    page = StandardPage(
        title_fi="Vain kahdella kielellä",
        slug_fi="kaksi-kielta",
        title_sv="Bara på två språk",
        slug_sv="tva-sprak",
        intro_fi="Tätä ei ole englanniksi.",
        intro_sv="Det här finns inte på engelska.",
    )
    demo_pages.add_child(instance=page)
    page.save_revision().publish()

    html = client.get("/en/kaksi-kielta/").content.decode()
    assert "This page has not been written in English yet." in html
    assert '<a href="/fi/kaksi-kielta/" lang="fi" hreflang="fi">Suomi</a>' in html
    assert '<a href="/sv/tva-sprak/" lang="sv" hreflang="sv">Svenska</a>' in html
    assert 'lang="fi">Tätä ei ole englanniksi.' in html  # the fallback text, marked
    assert "en" not in alternates(html)  # not offered to search engines as English

    swedish = client.get("/sv/tva-sprak/").content.decode()
    assert "has not been written" not in swedish
    assert "har inte skrivits" not in swedish
    assert client.get("/en/about/").content.decode().count("has not been written") == 0


def test_the_notice_is_translated_for_a_page_missing_in_swedish(client, demo_pages):
    page = StandardPage(title_fi="Vain suomeksi", slug_fi="vain-suomeksi", intro_fi="Suomeksi.")
    demo_pages.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/sv/vain-suomeksi/").content.decode()
    assert "Den här sidan har inte skrivits på svenska ännu." in html


def test_validated_instruments_are_in_their_official_english_with_the_source(client, demo_pages):
    audit = client.get("/en/self-assessments/alcohol-use-audit-c/").content.decode()
    assert "How often do you have a drink containing alcohol?" in audit
    assert "How often do you have six or more drinks on one occasion?" in audit
    assert "Daily or almost daily" in audit
    assert "World Health Organization 2001" in audit  # the English version's source
    assert "has not been written" not in audit

    who5 = client.get("/en/self-assessments/well-being-who-5/").content.decode()
    for statement in (
        "I have felt cheerful and in good spirits",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ):
        assert statement in who5
    assert "At no time" in who5
    assert "the official English version" in who5


def test_an_instrument_without_an_english_version_is_not_machine_translated(client, demo_pages):
    html = client.get("/en/self-assessments/yksinaisyys/").content.decode()
    assert "This page has not been written in English yet." in html
    assert 'hreflang="fi">Suomi</a>' in html and 'hreflang="sv">Svenska</a>' in html


def test_ptv_english_texts_are_shown_on_the_english_site(client, demo_catalogue):
    html = client.get("/en/services/", {"q": "dental"}).content.decode()
    assert count(html) > 0
    assert any(title.startswith("Dental care – ") for title in titles(html))
    service = re.search(r'href="(/en/services/dental-care-[^"]+)"', html).group(1)
    page = client.get(service).content.decode()
    assert "Dental check-ups, dental treatment and dental hygienist services" in page
    assert "Fees under the Client Fees Act." in page


def test_english_search_stems_english_words(client, demo_catalogue):
    html = client.get("/en/services/", {"q": "exercises"}).content.decode()
    assert any(title.startswith("Exercise counselling – ") for title in titles(html))
    swimming = client.get("/en/services/", {"q": "swimming"}).content.decode()
    assert any(title.startswith("Swimming and water exercise – ") for title in titles(swimming))


def test_a_finnish_word_on_the_english_site_still_finds_services(client, demo_catalogue):
    html = client.get("/en/services/", {"q": "hammashoito"}).content.decode()
    found = titles(html)
    assert count(html) > 0
    assert any(title.startswith("Dental care – ") for title in found)  # shown in English
    kavely = client.get("/en/services/", {"q": "kävelyryhmä"}).content.decode()
    assert any("Kävelyryhmä" in title for title in titles(kavely))  # Finnish only, marked
    assert 'lang="fi">' in kavely
