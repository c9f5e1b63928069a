"""The usage indicators: a scripted month of visits and actions gives exactly those counts on
the dashboard and in the CSV (acceptance 3), nothing about the visitors is in the indicator
tables (acceptance 3), and the CSV has the layout the documentation gives (acceptance 4)."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Organisation, Service, Theme
from core.models import DailyCount
from editors.models import ServiceFeedback
from indicators.counting import QUERY_TEXT_METRIC, normalised_query
from indicators.reports import CSV_COLUMNS
from portal.models import ThemePage
from selfcare.models import AssessmentBandDay, AssessmentDay, SelfAssessmentPage
from tests.support.factories.professionals import ReferralFactory, coordinator, professional

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "docs" / "reference" / "indicators.md"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) IndicatorProbe/7.3"
ADDRESS = "203.0.113.77"
PERSONAL = ("0401234567", "matti.meikalainen@example.fi", "Meikäläinen")


def visitor():
    return Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=ADDRESS)


def coordinator_client():
    user = coordinator()
    client = Client()
    client.force_login(user)
    return client


def report(client, month=None):
    month = month or timezone.localdate().strftime("%Y-%m")
    response = client.get("/admin/indicators.csv", {"month": month})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    return rows[0], {(row[1], row[2]): int(row[4]) for row in rows[1:]}, rows[1:]


@pytest.fixture
def scripted(client, demo_catalogue):
    """One month of use, each step as residents, professionals and crawlers make it."""
    services = list(
        Service.objects.filter(is_active=True, duplicate_of=None)
        .exclude(name_fi="")
        .order_by("pk")[:2]
    )
    a, b = services
    word = a.name_fi.split()[0]
    resident = visitor()
    for url in ("/fi/", "/fi/", "/sv/"):
        assert resident.get(url).status_code == 200
    liikunta = ThemePage.objects.get(theme__slug="liikunta").url
    uni = ThemePage.objects.get(theme__slug="uni").url
    for url in (liikunta, liikunta, uni):
        assert resident.get(url).status_code == 200
    for service in (a, a, b):
        assert resident.get(service.get_absolute_url("fi")).status_code == 200
    searches = [
        {"q": word},
        {"q": "Kalastusretki  "},
        {"q": "kalastusretki"},
        {"q": "kalastusretki"},  # the same page again, from the page cache: still counted
        {"q": "KALASTUSRETKI"},
        {"q": "kalastusretki"},  # the fifth time this month: its text may now be shown
        {"q": f"{PERSONAL[2]} raskaana"},  # searched once: only a keyed hash is stored
        {"q": f"{PERSONAL[2]} {PERSONAL[0]}"},  # found nothing; its text is not kept
        {"q": PERSONAL[1]},
        {"q": word, "page": "2"},  # turning a page is a visit, not a new search
    ]
    for params in searches:
        assert resident.get("/fi/palvelut/", params).status_code == 200
    # Not visits: a crawler, the admin, the APIs, a redirect.
    assert Client(HTTP_USER_AGENT="Googlebot/2.1").get("/fi/").status_code == 200
    assert resident.get("/admin/").status_code == 302
    assert resident.get("/api/hsds/services").status_code == 200
    assert resident.get("/api/v1/services").status_code == 200
    assert resident.get("/").status_code == 302

    # A self-assessment answered in one go; a programme finished, another only started.
    loneliness = SelfAssessmentPage.objects.get(slug_fi="yksinaisyys")
    answers = {"q-companionship": "3", "q-left-out": "2", "q-isolated": "2"}
    assert resident.get(loneliness.url).status_code == 200
    resident.post(loneliness.url, answers)
    sleep = "/fi/omahoito-ohjelmat/parempaa-unta-4-viikkoa/"
    for number in range(1, 5):
        resident.post(f"{sleep}vaihe/{number}/", {"action": "done"})
    resident.post("/fi/omahoito-ohjelmat/liikkeelle-6-viikkoa/", {"action": "start"})

    # Feedback on a service page.
    vote = resident.post(reverse("editors:feedback-vote", args=[a.pk]), {"helpful": "yes"})
    assert vote.status_code == 302
    ServiceFeedback.objects.create(service=a, message="Aukioloajat ovat muuttuneet.")

    # A professional makes a recommendation list of both services; a referral arrives.
    pro = Client(HTTP_USER_AGENT=BROWSER)
    pro.force_login(professional())
    for service in services:
        pro.post(
            "/fi/ammattilaiset/palvelusuositus/lisaa/",
            {"service": service.pk, "next": "/fi/palvelut/"},
        )
    html = pro.get("/fi/ammattilaiset/palvelusuositus/").content.decode()
    notes = dict(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', html))
    response = pro.post(
        "/fi/ammattilaiset/palvelusuositus/",
        {**notes, "language": "fi", "action": "create"},
    )
    assert response.status_code == 302
    ReferralFactory(client_name="Matti Meikäläinen", phone=PERSONAL[0], email=PERSONAL[1])
    return {"a": a, "b": b, "loneliness": loneliness, "answers": answers}


def test_the_indicators_count_exactly_the_scripted_month(scripted):
    header, figures, _rows = report(coordinator_client())
    assert header == CSV_COLUMNS
    a = scripted["a"]
    expected = {
        ("visits", "home"): 3,
        ("visits", "theme"): 3,
        ("visits", "service"): 3,
        ("visits", "search"): 10,
        ("visits", "assessment"): 1,  # the form (its answer is a POST)
        ("visits", "professional"): 1,
        ("searches", "searches"): 9,
        ("searches", "zero_results"): 8,
        ("zero_result_queries", "kalastusretki"): 5,
        ("theme_views", "liikunta"): 2,
        ("theme_views", "uni"): 1,
        ("theme_views", "mieli"): 0,
        ("service_views", "total"): 3,
        ("top_services", str(a.pk)): 2,
        ("top_services", str(scripted["b"].pk)): 1,
        ("assessments", "yksinaisyys:started"): 1,
        ("assessments", "yksinaisyys:completed"): 1,
        ("programmes", "parempaa-unta-4-viikkoa:started"): 1,
        ("programmes", "parempaa-unta-4-viikkoa:completed"): 1,
        ("programmes", "liikkeelle-6-viikkoa:started"): 1,
        ("programmes", "liikkeelle-6-viikkoa:completed"): 0,
        ("recommendations", "lists"): 1,
        ("recommendations", "services"): 2,
        ("counselling", "received"): 1,
        ("counselling", "from_professionals"): 1,
        ("counselling", "completed"): 0,
        ("feedback", "helpful"): 1,
        ("feedback", "not_helpful"): 0,
        ("feedback", "error_reports"): 1,
        ("feedback", "error_reports_handled"): 0,
    }
    assert {key: figures.get(key) for key in expected} == expected
    # The zero-result queries hold only the one harmless text searched five times.
    assert [key for section, key in figures if section == "zero_result_queries"] == [
        "kalastusretki"
    ]
    answers = {key.removeprefix("q-"): value for key, value in scripted["answers"].items()}
    band = scripted["loneliness"].instrument().score(answers)
    bands = {k: v for (section, k), v in figures.items() if section == "assessment_bands"}
    assert bands[f"yksinaisyys:{band.band.key}"] == 1
    assert sum(v for k, v in bands.items() if k.startswith("yksinaisyys:")) == 1
    themes = [t.slug for s in (scripted["a"], scripted["b"]) for t in s.themes.all()]
    for theme in Theme.objects.all():
        assert figures[("recommended_per_theme", theme.slug)] == themes.count(theme.slug)
    organisations = Organisation.objects.filter(is_active=True)
    assert figures[("organisations", "ngo")] == organisations.filter(org_type="ngo").count()
    assert (
        figures[("organisations", "municipal")]
        == organisations.filter(org_type="municipality").count()
    )
    assert sum(v for (s, _k), v in figures.items() if s == "organisations") == len(organisations)
    # Another month has none of it.
    _header, other, _rows = report(coordinator_client(), "2020-01")
    assert other[("visits", "home")] == 0 and other[("searches", "searches")] == 0


def test_no_personal_data_is_in_the_indicator_tables(scripted):
    counters = {
        DailyCount: {"id", "day", "metric", "key", "count"},
        AssessmentDay: {"id", "assessment", "day", "started", "completed"},
        AssessmentBandDay: {"id", "assessment", "day", "band", "count"},
    }
    for model, fields in counters.items():
        assert {f.name for f in model._meta.get_fields() if f.concrete} == fields, model
    stored = " ".join(
        " ".join(str(value) for value in row)
        for model in counters
        for row in model.objects.values_list()
    )
    for secret in (*PERSONAL, BROWSER, "IndicatorProbe", ADDRESS, "Googlebot"):
        assert secret.lower() not in stored.lower(), secret
    assert normalised_query(PERSONAL[1]) == normalised_query("matti 0401234567") == ""
    # A rare query's text is not stored, only a keyed hash of it.
    assert "raskaana" not in stored.lower()
    # Counting sets no cookie: an anonymous visit gets none.
    response = visitor().get("/fi/")
    assert not response.cookies


def test_the_dashboard_shows_each_figure_in_a_table_beside_its_chart(scripted):
    client = coordinator_client()
    html = client.get("/admin/indicators/").content.decode()
    assert "Käyttöindikaattorit" in html or "Usage indicators" in html
    sections = re.findall(r'<section class="w-mb-10" aria-labelledby="indicator-([\w-]+)"', html)
    assert {"visits", "searches", "theme_views", "organisations", "counselling"} <= set(sections)
    charts = html.count('<div class="indicator-chart" aria-hidden="true"')
    assert charts >= 8 and html.count('<table class="listing"') >= len(sections)
    # The bars' shares are never localised (a decimal comma breaks the CSS width).
    shares = re.findall(r"width: calc\(\(100% - 4\.5rem\) \* ([^)]+)\)", html)
    assert shares and all(re.fullmatch(r"[01]\.\d{4}", share) for share in shares), shares
    # Labels are shown in full: never shortened with an ellipsis.
    assert "…" not in "".join(re.findall(r'indicator-chart__label">([^<]*)<', html))
    assert '<th scope="row">kalastusretki</th><td>5</td>' in html
    assert client.get("/admin/indicators/", {"month": "kesäkuu"}).status_code == 404


def test_only_coordinators_see_the_indicators(client, db):
    client.force_login(professional())
    assert client.get("/admin/indicators/").status_code in (302, 403)
    assert client.get("/admin/indicators.csv").status_code in (302, 403)


def test_the_csv_has_the_layout_the_readme_documents(scripted):
    text = README.read_text(encoding="utf-8")
    part = text[text.index("### Indicators CSV") :]
    documented_header = re.search(r"```csv\n([^\n]+)\n", part).group(1)
    documented_sections = set(re.findall(r"^\| `([a-z_]+)` \|", part, re.MULTILINE))
    header, figures, rows = report(coordinator_client())
    assert ",".join(header) == documented_header
    assert {section for section, _key in figures} <= documented_sections
    assert all(re.fullmatch(r"\d{4}-\d{2}", row[0]) and row[4].isdigit() for row in rows)


def test_a_zero_result_text_is_kept_only_once_it_is_common(client, demo_catalogue, settings):
    """Issue 29, item 11: until the exact text has been searched k times in the month, only a
    keyed hash of it is stored."""
    settings.INDICATOR_QUERY_MIN_COUNT = 3
    resident = visitor()
    for _ in range(2):
        assert resident.get("/fi/palvelut/", {"q": "matti meikalainen raskaana"}).status_code == 200
    texts = " ".join(DailyCount.objects.values_list("key", flat=True))
    assert "raskaana" not in texts and "#" in texts
    _header, figures, _rows = report(coordinator_client())
    assert figures[("searches", "zero_results")] == 2
    assert not [key for section, key in figures if section == "zero_result_queries"]
    resident.get("/fi/palvelut/", {"q": "Matti  Meikalainen raskaana"})
    _header, figures, _rows = report(coordinator_client())
    assert figures[("zero_result_queries", "matti meikalainen raskaana")] == 3

    # Searched again: counted, and the process knows the text is kept (no look-up of it).
    with CaptureQueriesContext(connection) as queries:
        resident.get("/fi/palvelut/", {"q": "matti meikalainen raskaana"})
    read = [query["sql"] for query in queries if query["sql"].startswith("SELECT")]
    assert not [sql for sql in read if "portal_dailycount" in sql]
    _header, figures, _rows = report(coordinator_client())
    assert figures[("zero_result_queries", "matti meikalainen raskaana")] == 4
    assert DailyCount.objects.filter(metric=QUERY_TEXT_METRIC).count() == 1
