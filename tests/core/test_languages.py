"""The site's languages come from settings (core.i18n, core.blocks): a third language is
settings plus locale files plus a data migration. These tests add one (English) through the
settings and check that what is built from them follows: translated block fields, the texts'
fallback, the routes' words, the choices offered to people, and the search's analysis of a
query in every site language."""

from django.test import override_settings
from django.utils import translation
from wagtail import blocks

from catalogue.search.analysis import analyse_word, base_groups
from core.blocks import translated
from core.i18n import Translated, any_language_route, in_language_note, site_language_choices
from selfcare import urlwords

THREE = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]


@override_settings(LANGUAGES=THREE)
def test_a_block_has_a_field_for_every_site_language():
    children = translated("title", blocks.CharBlock, "title", required="default", max_length=80)
    assert list(children) == ["title_fi", "title_sv", "title_en"]
    assert [child.required for child in children.values()] == [True, False, False]
    with translation.override("en"):
        assert str(children["title_en"].label) == "title (English)"
    with translation.override("fi"):
        assert str(children["title_sv"].label) == "title (ruotsi)"


@override_settings(LANGUAGES=THREE)
def test_a_text_missing_in_a_language_shows_another_and_says_which():
    value = {"title_fi": "Uni", "title_sv": "Sömn", "title_en": ""}
    text = Translated.of(value, "title")
    with translation.override("en"):
        # The default language first, then the others.
        assert text.pick() == ("Uni", "fi")
        assert text.lang_attribute() == ' lang="fi"'
    with translation.override("sv"):
        assert str(text) == "Sömn" and text.lang_attribute() == ""
    assert not Translated.of({"title_fi": ""}, "title")


@override_settings(LANGUAGES=THREE)
def test_routes_accept_the_word_of_every_site_language():
    pattern = str(any_language_route(r"^%(step)s/(?P<number>[0-9]+)/$", step=urlwords.STEP))
    # "step" is the English word: the msgid, untranslated in English.
    assert pattern == r"^(?:vaihe|steg|step)/(?P<number>[0-9]+)/$"


@override_settings(LANGUAGES=THREE)
def test_people_choose_among_the_site_languages_named_in_their_own():
    with translation.override("fi"):
        assert [code for code, _name in site_language_choices()] == ["fi", "sv", "en"]
        assert dict(site_language_choices())["sv"] == "ruotsi"
        assert in_language_note("sv") == "ruotsiksi"


def test_links_use_the_route_word_of_the_page_language():
    # The routes accept every language's word (above); a link is written in the page's.
    with translation.override("fi"):
        assert str(urlwords.STEP) == "vaihe"
    with translation.override("sv"):
        assert str(urlwords.STEP) == "steg"


def test_a_language_without_an_analyser_of_its_own_is_stemmed_by_snowball():
    # English has no analyser in catalogue.search.analysis.ANALYSERS: PyStemmer's English
    # Snowball stemmer stands in, so "running" is indexed and queried as "run" too.
    terms, alternatives, function = analyse_word("running", "en")
    assert terms == ("running", "run")
    assert alternatives == (("running",), ("run",))
    assert not function
    # Finnish keeps Voikko: the base form, not a stem.
    assert ("liikunta",) in analyse_word("liikuntaa", "fi")[1]


@override_settings(LANGUAGES=THREE)
def test_a_query_word_is_analysed_in_every_site_language():
    (group,) = base_groups("running")
    assert group.languages() == ["fi", "sv", "en"]
    assert ("run",) in group.alternatives("en")
    with override_settings(LANGUAGES=THREE[:2]):
        (group,) = base_groups("running")
        assert group.languages() == ["fi", "sv"] and group.alternatives("en") == ()
