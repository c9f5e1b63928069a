"""Self-care in a professional's recommendation list (issue 24): a self-assessment, a
programme with a prepared continuation code, a theme page and a national self-care service
(editors keep those as a snippet). The client's view and the print views say what to do next;
the code continues the programme on another device; the list can be sent as a text message
from the professional's own phone and printed as an A5 slip; what was put in lists is counted
for the coordinators."""

import csv
import io
import re
from urllib.parse import unquote

import pytest
from django.utils import timezone

from catalogue.models import Service
from portal.models import ThemePage
from professionals.models import NationalService, RecommendationItem
from selfcare.models import SelfAssessmentPage, SelfCareProgrammePage
from tests.support.factories.professionals import coordinator, professional

pytestmark = pytest.mark.django_db

BUILDER = "/fi/ammattilaiset/palvelusuositus/"
ADD = "/fi/ammattilaiset/palvelusuositus/lisaa/"


@pytest.fixture
def pieces(demo_catalogue):
    return {
        "service": Service.objects.filter(is_active=True, duplicate_of=None).order_by("pk")[0],
        "assessment": SelfAssessmentPage.objects.live().order_by("pk")[0],
        "programme": SelfCareProgrammePage.objects.live().order_by("pk")[0],
        "theme": ThemePage.objects.live().order_by("pk")[0],
        "national": NationalService.objects.get(name_fi="Mielenterveystalo"),
    }


def build(client, pieces, code=True):
    """A list of a service and the four kinds of self-care, the programme with a code."""
    client.post(ADD, {"service": pieces["service"].pk, "next": BUILDER})
    for kind in ("assessment", "programme", "theme", "national"):
        data = {"action": "add-selfcare", "selfcare": f"{kind}:{pieces[kind].pk}", "language": "fi"}
        if kind == "programme" and code:
            data["prepare_code"] = "on"
        assert client.post(BUILDER, data).status_code == 302
    response = client.post(BUILDER, {"action": "create", "language": "fi"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_the_builder_offers_each_kind_of_self_care_and_refuses_what_it_does_not_offer(
    client, pieces
):
    client.force_login(professional())
    html = client.get(BUILDER).content.decode()
    for kind in ("assessment", "programme", "theme", "national"):
        assert f'value="{kind}:{pieces[kind].pk}"' in html, kind
    assert '<optgroup label="Valtakunnallinen omahoitopalvelu">' in html
    # A page that is no self-care, an unknown kind, a hidden national service: refused.
    NationalService.objects.filter(name_fi="Omaolo").update(active=False)
    omaolo = NationalService.objects.get(name_fi="Omaolo")
    for value in (
        f"assessment:{pieces['theme'].pk}",
        "service:1",
        f"national:{omaolo.pk}",
        "programme:x",
    ):
        response = client.post(BUILDER, {"action": "add-selfcare", "selfcare": value})
        assert response.status_code == 200
        assert "Valitse lisättävä omahoidon kohde." in response.content.decode()
    assert "Listalla 0 kohdetta" in client.get(BUILDER).content.decode()


def test_the_client_sees_what_to_do_next_and_continues_the_programme_with_the_code(client, pieces):
    user = professional()
    client.force_login(user)
    created = build(client, pieces)
    made = user.recommendation_lists.get()
    items = list(made.items.order_by("position"))
    assert [item.kind for item in items] == [
        "service",
        "assessment",
        "programme",
        "theme",
        "national",
    ]
    programme_item = items[2]
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", programme_item.continuation_code)
    created_html = client.get(created).content.decode()
    assert "5 kohdetta" in created_html

    client.logout()
    html = client.get(f"/fi/suositus/{made.code}/").content.decode()
    assert html.count('class="recommended recommended--selfcare') == 4
    assert html.count("Mitä tehdä seuraavaksi") == 4
    assert "Vastaa kysymyksiin itsenäisesti" in html  # the assessment's next step
    assert "Avaa sivusto, valitse Omahoito" in html  # the national service's, from the snippet
    assert 'href="https://www.mielenterveystalo.fi/"' in html
    assert programme_item.continuation_code in html
    for page in ("assessment", "programme", "theme"):
        assert f'href="{pieces[page].url}"' in html
    # The link fills the code in; sent, it brings the programme, started at its first
    # step, to another browser.
    resume = re.search(r'href="([^"]+)\?koodi=([^"]+)"', html)
    other = client.__class__()
    form = other.get(f"{resume.group(1)}?koodi={resume.group(2)}").content.decode()
    assert f'value="{programme_item.continuation_code}"' in form
    response = other.post(resume.group(1), {"code": resume.group(2)})
    assert response.status_code == 302
    assert response["Location"].startswith(pieces["programme"].url)
    assert "/vaihe/1/" in response["Location"]
    # The print view and the A5 slip say the same.
    for path in (f"/fi/suositus/{made.code}/tulosta/", f"/fi/suositus/{made.code}/lappu/"):
        printed = client.get(path)
        assert printed.status_code == 200, path
        text = printed.content.decode()
        assert programme_item.continuation_code in text and "Avaa sivusto" in text, path
        assert "{'fi'" not in text and "{&#x27;fi&#x27;" not in text, path  # texts, not dicts


def test_a_removed_page_or_service_shows_as_no_longer_available(client, pieces):
    user = professional()
    client.force_login(user)
    build(client, pieces, code=False)
    made = user.recommendation_lists.get()
    pieces["assessment"].unpublish()
    NationalService.objects.filter(pk=pieces["national"].pk).update(active=False)
    html = client.get(f"/fi/suositus/{made.code}/").content.decode()
    assert html.count("Tämä ei ole enää saatavilla") == 2
    assert "mielenterveystalo.fi" not in html
    assert not made.items.get(kind="programme").continuation_code


def test_the_created_page_offers_a_text_message_from_ones_own_phone(client, pieces):
    client.force_login(professional())
    created = build(client, pieces)
    html = client.get(created).content.decode()
    sms = re.search(r'href="(sms:\?&amp;body=[^"]+)"', html).group(1)
    body = unquote(sms.split("body=", 1)[1])
    link = re.search(r'<p class="short-link"><a href="([^"]+)"', html).group(1)
    assert body == f"Palvelusuosituksesi Hyvinvointioppaasta: {link}"
    assert 'href="/fi/suositus/' in html and "/lappu/" in html


def test_copying_a_list_keeps_its_self_care_and_prepares_a_new_code(client, pieces):
    user = professional()
    client.force_login(user)
    build(client, pieces)
    made = user.recommendation_lists.get()
    client.post(f"/fi/ammattilaiset/palvelusuositus/kopioi/{made.code}/")
    client.post(BUILDER, {"action": "create", "language": "fi"})
    copy = user.recommendation_lists.exclude(pk=made.pk).get()
    assert list(copy.items.values_list("kind", flat=True)) == list(
        made.items.values_list("kind", flat=True)
    )
    codes = RecommendationItem.objects.filter(kind="programme").values_list(
        "continuation_code", flat=True
    )
    assert len(set(codes)) == 2 and all(codes)


def test_the_coordinator_sees_where_clients_were_guided(client, pieces):
    client.force_login(professional())
    build(client, pieces)
    month = timezone.localdate().strftime("%Y-%m")
    client.force_login(coordinator())
    html = client.get("/admin/referrals/indicators/", {"month": month}).content.decode()
    assert "Minne asiakkaita ohjattiin" in html
    assert pieces["national"].name_fi in html and pieces["programme"].title in html
    text = client.get(
        "/admin/referrals/indicators.csv", {"month": month, "table": "guided"}
    ).content.decode()[1:]
    rows = list(csv.DictReader(io.StringIO(text)))
    counted = {(row["kind"], row["name"]): row["count"] for row in rows}
    assert counted[("service", pieces["service"].name)] == "1"
    assert counted[("self_care", f"omahoito-ohjelma: {pieces['programme'].title}")] == "1"
    assert counted[("self_care", "valtakunnallinen omahoitopalvelu: Mielenterveystalo")] == "1"
    assert ("referral_type", "Liikuntaneuvonta") in counted
