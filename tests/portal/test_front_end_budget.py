"""The front end's weight budget: on pages without a map, the scripts and the style sheets a
page loads weigh under 50 KB and 60 KB gzip-compressed (as WhiteNoise serves them); the map
library is loaded only by pages that show a map at once. The search results' map opens only
on request: that page is held to the budget, and the map script fetches the library when the
map first opens (the browser journeys open it). bench/pages.py measures the same pages' real
transfer in Chromium."""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from catalogue.models import Service

JS_BUDGET = 50 * 1024
CSS_BUDGET = 60 * 1024
ASSET = re.compile(
    r'<script[^>]+src="/static/(?P<js>[^"]+)"|<link[^>]+rel="stylesheet"[^>]+href="/static/(?P<css>[^"]+)"'
)


def page_assets(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    weights = {"js": 0, "css": 0}
    files = []
    for match in ASSET.finditer(html):
        kind = "js" if match["js"] else "css"
        name = match[kind]
        found = finders.find(name)
        assert found, f"{path} loads {name}, which is not a static file"
        with open(found, "rb") as handle:
            weights[kind] += len(gzip.compress(handle.read(), compresslevel=9))
        files.append(name)
    return weights, files


@pytest.fixture
def pages(demo_catalogue):
    placeless = Service.objects.filter(is_active=True).exclude(
        channel_links__channel__channel_type="place"
    )
    with_place = Service.objects.filter(
        is_active=True, channel_links__channel__latitude__isnull=False
    ).first()
    return {
        "non-map": [
            "/fi/",
            "/fi/?municipality=905",
            "/sv/tjanster/vad-passar-mig/",
            "/sv/teman/",
            "/fi/teemat/liikunta/",
            "/sv/tjanster/?q=zzzzqqq",  # no results: no map
            "/fi/palvelut/?theme=liikunta",  # results: a map on request
            placeless.first().get_absolute_url("fi"),
            "/fi/itsearvioinnit/yksinaisyys/",
            "/sv/egenvardsprogram/kom-i-rorelse-6-veckor/",
            "/fi/liikuntaneuvonta/545/",
            "/fi/ammattilaiset/kirjaudu/",
        ],
        "map": [with_place.get_absolute_url("sv")],
    }


def test_pages_without_a_map_stay_within_the_budget(client, pages):
    for path in pages["non-map"]:
        weights, files = page_assets(client, path)
        assert weights["js"] < JS_BUDGET, (path, weights, files)
        assert weights["css"] < CSS_BUDGET, (path, weights, files)
        assert not any("leaflet" in name for name in files), (path, files)


def test_only_pages_with_a_map_load_the_map_library(client, pages):
    for path in pages["map"]:
        _weights, files = page_assets(client, path)
        assert "vendor/leaflet/leaflet.js" in files, path
        assert "vendor/leaflet.markercluster/leaflet.markercluster.js" in files, path
        assert "portal/js/map.js" in files, path


def test_the_search_results_name_the_map_library_for_when_their_map_opens(client, pages):
    html = client.get("/fi/palvelut/", {"theme": "liikunta"}).content.decode()
    script = re.search(r'<script src="/static/portal/js/map\.js"[^>]*>', html)[0]
    wanted = {
        "data-leaflet-scripts": [
            "vendor/leaflet/leaflet.js",
            "vendor/leaflet.markercluster/leaflet.markercluster.js",
        ],
        "data-leaflet-styles": [
            "vendor/leaflet/leaflet.css",
            "vendor/leaflet.markercluster/MarkerCluster.css",
            "vendor/leaflet.markercluster/MarkerCluster.Default.css",
        ],
    }
    for attribute, names in wanted.items():
        listed = re.search(rf'{attribute}="([^"]+)"', script)[1].split()
        assert [name.removeprefix("/static/") for name in listed] == names
        assert all(finders.find(name) for name in names)


def test_the_vendored_map_library_carries_its_licences():
    for name in ("vendor/leaflet/LICENSE", "vendor/leaflet.markercluster/LICENSE"):
        path = finders.find(name)
        assert path, name
        assert "Copyright" in Path(path).read_text()
