"""Widgets for municipal websites: /embed/<key>/ is the only page other sites may frame, and
only the sites on the coordinators' allow-list; it sets no cookie and runs no script, lists
what its filter says in its own language, and links to the full guide in a new tab. Municipal
editors build widgets for their own municipalities; coordinators keep the allow-list."""

import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from catalogue.models import Municipality, Theme
from catalogue.openinghours import HELSINKI
from catalogue.search.indexing import index_services
from editors.models import EmbedOrigin, EmbedWidget
from editors.models.embeds import normalise_origin
from tests.support.activities import activity, event, local
from tests.support.factories.catalogue import ServiceFactory
from tests.support.factories.editors import municipal_editor, ngo_editor
from tests.support.factories.professionals import coordinator

pytestmark = pytest.mark.django_db


def ancestors(response):
    policy = response["Content-Security-Policy"]
    return re.search(r"frame-ancestors ([^;]+)", policy).group(1).split()


@pytest.fixture
def places(db):
    narpes, vaasa = (Municipality.objects.get(code=code) for code in ("545", "905"))
    exercise = Theme.objects.get(slug="liikunta")
    found = {}
    for name, municipality, theme in (
        ("Närpes simhall", narpes, exercise),
        ("Närpes bibliotek", narpes, None),
        ("Vaasan uimahalli", vaasa, exercise),
    ):
        service = ServiceFactory(
            name_fi=name, name_sv=name, themes=[theme] if theme else [], charge_type="free"
        )
        service.municipalities.set([municipality])
        found[name] = service
    walk = activity(
        "Kävelyryhmä",
        "545",
        [event(local(2027, 3, 2, 18), local(2027, 3, 2, 19, 30), "P1W")],
        themes=["liikunta"],
    )
    with time_machine.travel(local(2027, 3, 1, 9), tick=False):
        index_services([*(s.pk for s in found.values()), walk.pk])
    return found


def test_only_the_widget_may_be_framed_and_only_by_allowed_sites(client, places):
    EmbedOrigin.objects.create(origin="https://www.narpes.fi")
    EmbedOrigin.objects.create(origin="https://old.example.fi", is_active=False)
    widget = EmbedWidget.objects.create(name="Närpes", language="sv")
    response = client.get(reverse("embed", args=[widget.key]))
    assert response.status_code == 200
    assert ancestors(response) == ["https://www.narpes.fi"]
    assert "X-Frame-Options" not in response
    assert not response.cookies
    assert "<script" not in response.content.decode()
    # Every other kind of page refuses any frame.
    service = places["Närpes simhall"]
    for url in (
        "/fi/",
        reverse("catalogue:search"),
        service.get_absolute_url(),
        reverse("catalogue:events"),
        reverse("catalogue:events-ical"),
        reverse("catalogue:situation"),
        "/fi/no-such-page/",
        "/api/v1/services",
        "/embed/00000000-0000-4000-8000-000000000000/",
    ):
        other = client.get(url)
        assert ancestors(other) == ["'none'"], url
        assert other["X-Frame-Options"] == "DENY", url
    # The admin frames only its own previews.
    assert ancestors(client.get("/admin/login/")) == ["'self'"]
    # No allowed site: the widget may not be framed either.
    EmbedOrigin.objects.update(is_active=False)
    assert ancestors(client.get(reverse("embed", args=[widget.key]))) == ["'none'"]


def test_a_services_widget_lists_its_filter_in_its_language_linking_to_the_guide(client, places):
    widget = EmbedWidget.objects.create(
        name="Närpes motion",
        language="sv",
        municipality=Municipality.objects.get(code="545"),
        theme=Theme.objects.get(slug="liikunta"),
    )
    html = client.get(reverse("embed", args=[widget.key])).content.decode()
    assert '<html lang="sv">' in html
    assert "Närpes simhall" in html
    assert "Närpes bibliotek" not in html and "Vaasan uimahalli" not in html
    links = re.findall(r"<a ([^>]+)>", html)
    assert links and all('target="_blank"' in a and 'rel="noopener"' in a for a in links)
    assert all("http://testserver/sv/" in a for a in links)
    assert "(öppnas i en ny flik)" in html
    assert "theme=liikunta" in html and "municipality=545" in html


def test_an_events_widget_lists_the_next_two_weeks(client, places):
    widget = EmbedWidget.objects.create(
        name="Närpiö tapahtumat",
        kind="events",
        language="fi",
        municipality=Municipality.objects.get(code="545"),
        size=3,
    )
    with time_machine.travel(datetime(2027, 3, 3, 12, tzinfo=HELSINKI), tick=False):
        html = client.get(reverse("embed", args=[widget.key])).content.decode()
    times = re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', html)
    assert [text for _iso, text in times] == ["ti 9.3. 18.00", "ti 16.3. 18.00"]
    assert "Kävelyryhmä" in html and "/fi/tapahtumat/?municipality=545" in html


@given(st.text(max_size=60))
def test_an_allowed_site_is_only_ever_an_origin(text):
    origin = normalise_origin(text)
    if origin is not None:
        assert re.fullmatch(r"https?://[a-z0-9.-]+(:[0-9]+)?", origin), origin


@pytest.mark.parametrize(
    "text, origin",
    [
        ("https://www.Narpes.fi/", "https://www.narpes.fi"),
        ("https://kunta.fi:8443", "https://kunta.fi:8443"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://www.narpes.fi", None),  # not https
        ("https://*.narpes.fi", None),
        ("https://narpes.fi/palvelut", None),
        ("https://narpes.fi 'unsafe-inline'", None),
        ("https://närpes.fi", None),
        ("javascript:alert(1)", None),
    ],
)
def test_allowed_sites_are_written_as_origins(text, origin):
    assert normalise_origin(text) == origin


def test_municipal_editors_build_widgets_for_their_own_municipalities(client, places):
    vaasa, narpes = (Municipality.objects.get(code=code) for code in ("905", "545"))
    other = EmbedWidget.objects.create(name="Närpes", language="fi", municipality=narpes)
    client.force_login(municipal_editor("905"))
    add = reverse("wagtailsnippets_editors_embedwidget:add")
    form = client.get(add).content.decode()
    select = re.search(r'<select name="municipality".*?</select>', form, re.S).group(0)
    assert re.findall(r'<option value="(\d+)"', select) == [str(vaasa.pk)]
    data = {"name": "Vaasa", "kind": "services", "language": "fi", "size": "8"}
    response = client.post(add, {**data, "municipality": narpes.pk})
    assert response.status_code == 200 and not EmbedWidget.objects.filter(name="Vaasa")
    response = client.post(add, {**data, "municipality": vaasa.pk})
    assert response.status_code == 302
    mine = EmbedWidget.objects.get(name="Vaasa")
    edit = client.get(reverse("wagtailsnippets_editors_embedwidget:edit", args=[mine.pk]))
    code = edit.content.decode()
    assert f"/embed/{mine.key}/" in code and "&lt;iframe src=" in code
    listing = client.get(reverse("wagtailsnippets_editors_embedwidget:list")).content.decode()
    assert "Vaasa" in listing and "Närpes" not in listing
    other_edit = reverse("wagtailsnippets_editors_embedwidget:edit", args=[other.pk])
    assert client.get(other_edit).status_code == 404
    # The allowed sites are the coordinators'.
    assert client.get(reverse("embed_origins:index")).status_code in (302, 403)


def test_ngo_editors_have_no_widgets_and_coordinators_keep_the_allowed_sites(client, places):
    client.force_login(ngo_editor())
    assert client.get(reverse("wagtailsnippets_editors_embedwidget:list")).status_code in (
        302,
        403,
    )
    client.force_login(coordinator())
    add = reverse("embed_origins:add")
    response = client.post(add, {"origin": "https://www.Vaasa.fi/", "is_active": "on"})
    assert response.status_code == 302
    assert list(EmbedOrigin.objects.values_list("origin", flat=True)) == ["https://www.vaasa.fi"]
    response = client.post(add, {"origin": "https://*.vaasa.fi", "is_active": "on"})
    assert response.status_code == 200 and EmbedOrigin.objects.count() == 1
    assert "ei polkua eikä jokerimerkkejä" in response.content.decode()
