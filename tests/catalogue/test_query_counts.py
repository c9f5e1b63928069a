"""Issue 28, acceptance 4: each public page type asks the database the same number of
statements however many services, channels and results the catalogue holds. The catalogue
grows through the real sync (a generated PTV drop folder: a location with address, phones
and opening hours for every service, a web page for every other one), and each page is
asked with nothing kept in the cache, as the first visitor after a sync gets it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalogue.models import Service
from portal.models import ThemePage
from ptv_sync.runner import run_sync
from ptv_sync.synthetic import generate

pytestmark = pytest.mark.django_db

SMALL, LARGE = 6, 40


def grow(folder, services):
    generate(folder, services)
    run = run_sync("ptv", from_dir=folder, full=True)
    assert run.status == "succeeded", run.message


def statements(path):
    """The SQL statements of one anonymous request of ``path``, nothing cached."""
    cache.clear()
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def measured():
    """{page type: statements}; each address asked once before, so that what happens only
    once (the process's content types, the day's first count of a page) is not counted."""
    found = addresses()
    for path in found.values():
        statements(path)
    return {name: statements(path) for name, path in found.items()}


def addresses():
    theme_page = ThemePage.objects.live().get(theme__slug="liikunta")
    # The last generated services with one channel (a location) and with two (and a web page).
    services = Service.objects.annotate(channels=Count("channel_links")).order_by("-pk")
    one = services.filter(channels=1).first()
    two = services.filter(channels=2).first()
    return {
        "home": "/fi/",
        "theme page": theme_page.url,
        "theme page, municipality": f"{theme_page.url}?municipality=905",
        "search with filters": "/fi/palvelut/?q=palvelu&municipality=905&free=1",
        "search, a theme": "/fi/palvelut/?theme=liikunta",
        "service page, one channel": one.get_absolute_url(),
        "service page, two channels": two.get_absolute_url(),
        "API search": "/api/v1/services?q=palvelu&municipality=905",
        "HSDS nested list": "/api/hsds/services?full=true&per_page=50",
        "HSDS list": "/api/hsds/services?per_page=50",
    }


def test_no_page_type_asks_more_as_the_catalogue_grows(demo_pages, tmp_path):
    grow(tmp_path / "small", SMALL)
    small = measured()
    results = Service.objects.count()

    grow(tmp_path / "large", LARGE)
    assert Service.objects.count() >= results + LARGE - SMALL
    large = measured()

    assert large == small
    assert small["service page, one channel"] == small["service page, two channels"]
