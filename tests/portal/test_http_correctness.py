"""HTTP correctness (issue 29, item 12): HEAD is answered wherever GET is; a service page's
hreflang and language switch lead straight to the other language's own address; and the
self-assessment "started" counter counts the starts a browser makes."""

import re

import pytest

from selfcare.models import AssessmentDay, SelfAssessmentPage
from tests.selfcare.test_assessments import form_fields

pytestmark = pytest.mark.django_db


def service_url(service, language="fi"):
    return service.get_absolute_url(language)


@pytest.fixture
def service(demo_catalogue):
    from catalogue.models import Service

    return (
        Service.objects.filter(is_active=True, duplicate_of=None)
        .exclude(name_sv="")
        .exclude(name_fi="")
        .order_by("pk")
        .first()
    )


def urls(service):
    return [
        "/fi/palvelut/?q=uinti",
        "/sv/tjanster/?q=simning",
        service_url(service),
        "/fi/palvelut/map/?q=uinti",
        "/api/v1/services?q=uinti",
        "/api/hsds/services",
        f"/api/hsds/services/{service.hsds_id}",
        "/robots.txt",
        "/fi/",
    ]


def test_head_is_answered_wherever_get_is(client, service):
    for url in urls(service):
        get = client.get(url)
        head = client.head(url)
        assert get.status_code == 200, url
        assert head.status_code == 200, (url, head.status_code)
        assert head["Content-Type"] == get["Content-Type"], url
        assert head.content == b"", url


def test_the_language_switch_and_hreflang_lead_to_the_other_languages_own_address(client, service):
    fi, sv = service_url(service, "fi"), service_url(service, "sv")
    assert fi.split("/")[3] != sv.split("/")[3]  # the slugs differ
    html = client.get(fi).content.decode()
    alternate = re.search(r'<link rel="alternate" hreflang="sv" href="([^"]+)">', html).group(1)
    switch = re.search(r'<a href="([^"]+)" lang="sv" hreflang="sv">', html).group(1)
    assert alternate == f"http://testserver{sv}"
    assert switch == sv
    assert client.get(switch).status_code == 200  # no redirect on the way
    html = client.get(sv).content.decode()
    assert re.search(r'<a href="([^"]+)" lang="fi" hreflang="fi">', html).group(1) == fi


def test_a_browser_answering_a_self_assessment_counts_one_start(client, demo_pages):
    assessment = SelfAssessmentPage.objects.get(slug_fi="viikon-liikunta")
    html = client.get(assessment.url).content.decode()
    fields = form_fields(html)  # what the browser sends back
    html = client.post(assessment.url, {**fields, "q-moderate": "10"}).content.decode()
    day = AssessmentDay.objects.get(assessment=assessment)
    assert (day.started, day.completed) == (1, 0)
    html = client.post(assessment.url, {**form_fields(html), "q-vigorous": "0"}).content.decode()
    client.post(assessment.url, {**form_fields(html), "q-strength": "0"})
    day.refresh_from_db()
    assert (day.started, day.completed) == (1, 1)
