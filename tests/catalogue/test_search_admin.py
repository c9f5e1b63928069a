"""Search from the editors' and operators' side: synonym sets in the admin take effect on the
search page at once, only coordinators manage them, and a machine without the text analysis
refuses to start."""

import pytest
from django.contrib.auth.models import Group
from django.core import checks

from catalogue.models import SynonymSet
from editors.roles import COORDINATOR, MUNICIPAL_EDITOR

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/catalogue/synonymset/add/"


def member(django_user_model, role, name):
    user = django_user_model.objects.create_user(name, password="x-Passw0rd-long")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_a_coordinators_synonym_set_changes_the_search_page_at_once(
    demo_catalogue, client, django_user_model
):
    page = client.get("/fi/palvelut/", {"q": "kuntosalikortti"}).content.decode()
    assert "Senioriliikunta" not in page  # and the page is now cached
    client.force_login(member(django_user_model, COORDINATOR, "coordinator"))
    response = client.post(
        ADD,
        {
            "name": "Kuntosali",
            "words_fi": "kuntosalikortti\nsenioriliikunta",
            "words_sv": "gymkort",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    page = client.get("/fi/palvelut/", {"q": "kuntosalikortti"}).content.decode()
    assert "Senioriliikunta" in page
    swedish = client.get("/sv/tjanster/", {"q": "gymkort"}).content.decode()
    assert "Seniormotion" in swedish


def test_a_set_needs_two_words_and_no_control_characters(client, django_user_model, db):
    client.force_login(member(django_user_model, COORDINATOR, "coordinator"))
    response = client.post(ADD, {"name": "Yksi", "words_fi": "laihdutus", "words_sv": ""})
    assert response.status_code == 200
    assert "Anna vähintään kaksi sanaa" in response.content.decode()
    # Control characters are refused before any form sees them (portal.middleware).
    response = client.post(ADD, {"name": "Ohjaus\x07", "words_fi": "a, b", "words_sv": ""})
    assert response.status_code == 400
    assert not SynonymSet.objects.filter(name__startswith="Ohjaus").exists()


def test_editors_cannot_manage_synonym_sets(client, django_user_model, db):
    client.force_login(member(django_user_model, MUNICIPAL_EDITOR, "editor"))
    assert client.get(ADD).status_code in (302, 403)
    assert client.get("/admin/snippets/catalogue/synonymset/").status_code in (302, 403)


def test_the_site_refuses_to_start_without_the_swedish_word_list(settings, tmp_path):
    from catalogue.search import analysis

    settings.SWEDISH_WORDLIST = str(tmp_path / "missing.dic")
    analysis._sv_lexicon.cache_clear()
    try:
        errors = [e for e in checks.run_checks() if e.id == "catalogue.E001"]
        assert errors and "hunspell-sv" in errors[0].msg
    finally:
        analysis._sv_lexicon.cache_clear()
