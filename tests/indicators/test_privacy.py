"""The data-protection page says exactly what the code stores about people."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from wagtail.models import Page

from indicators.privacy import REGISTERS, stored_fields

OUR_APPS = (
    "core",
    "portal",
    "indicators",
    "catalogue",
    "ptv_sync",
    "selfcare",
    "professionals",
    "editors",
)
HINTS = ("email", "phone", "client", "username", "ip_address", "contact", "name_of_person")


def personal_fields():
    """(model label, field) of every field in our apps that links to a user account, holds an
    e-mail address or, by its name, a person's details. Wagtail's own page fields (owner,
    locked by) are its edit history. A proxy model stores nothing of its own (the
    coordinators' Account is auth.User seen through another screen)."""
    found = set()
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            if model._meta.proxy:
                continue
            for field in stored_fields(model):
                if field.model is Page or isinstance(field, models.BooleanField):
                    continue
                related = getattr(field, "related_model", None)
                if (
                    (related is not None and related._meta.label == settings.AUTH_USER_MODEL)
                    or isinstance(field, models.EmailField)
                    or any(hint in field.name for hint in HINTS)
                ):
                    found.add((model._meta.label, field.name))
    return found


def test_every_field_holding_personal_data_is_on_the_page():
    described = set()
    for register in REGISTERS:
        described |= {(register.model, name) for name in register.fields}
        described |= set(register.links)
    assert personal_fields() - described == set()


@pytest.mark.parametrize("register", [r for r in REGISTERS if r.model], ids=lambda r: r.key)
def test_a_register_names_real_fields_and_leaves_none_unmentioned(register):
    model = register.model_class()
    names = {f.name for f in stored_fields(model)}
    assert set(register.fields) - names == set(), "fields the model does not have"
    assert set(register.technical) - names == set()
    if register.complete:
        assert names - set(register.fields) - set(register.technical) == set()
    for label, name in register.links:
        assert name in {f.name for f in apps.get_model(label)._meta.get_fields()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading", "words"),
    [
        (
            "/fi/tietosuojaseloste/",
            "Tietosuojaseloste",
            ["Lähetteet (hyvinvointilähete)", "12 kuukautta", "lasketaan palvelimella"],
        ),
        (
            "/sv/dataskyddsbeskrivning/",
            "Dataskyddsbeskrivning",
            ["Remisser (välfärdsremiss)", "12 månader", "räknas på servern"],
        ),
    ],
)
def test_the_page_lists_each_register_with_its_fields_in_both_languages(
    client, demo_pages, path, heading, words
):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in html
    for word in words:
        assert word in html
    # Fields by the models' own names, e.g. the referral's phone number.
    assert html.count('class="privacy-register"') == len(REGISTERS)
    assert ("puhelin" if path.startswith("/fi/") else "telefon") in html.lower()


@pytest.mark.django_db
def test_the_retention_follows_the_settings(client, demo_pages, settings):
    settings.REFERRAL_RETENTION_MONTHS = 6
    assert "6 kuukautta" in client.get("/fi/tietosuojaseloste/").content.decode()


@pytest.mark.django_db
def test_every_page_links_to_it(client, demo_pages):
    assert 'href="/fi/tietosuojaseloste/"' in client.get("/fi/").content.decode()
    assert 'href="/sv/dataskyddsbeskrivning/"' in client.get("/sv/").content.decode()
