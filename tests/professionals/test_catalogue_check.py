"""The catalogue's services named like a municipal referral type (liikuntaneuvonta) and the
type's receiving units agree, or a coordinator is told where they do not: on the admin's home
page and in a report. The demo lists "Liikuntaneuvonta" in six municipalities, four of which
offer it here."""

import re

import pytest

from catalogue.models import Municipality
from professionals.models import ReferralType, ReferralUnit
from tests.support.factories.catalogue import ServiceFactory
from tests.support.factories.professionals import coordinator, counsellor

pytestmark = pytest.mark.django_db

REPORT = "/admin/referrals/catalogue-check/"


def panel_rows(html):
    """{label: count} of the coordinator's panel on the admin's home page."""
    start = html.index("Lähetetyypit palveluluettelossa")
    panel = html[start : html.index("</section>", start)]
    return {
        label: int(count)
        for label, count in re.findall(r'>([^<>]+)</a></th>\s*<td data-count="(\d+)"', panel)
    }


def test_a_coordinator_sees_where_the_catalogue_and_the_settings_disagree(client, demo_catalogue):
    client.force_login(coordinator())
    html = client.get(REPORT).content.decode()
    listed = html[: html.index("Kunnat, jotka tarjoavat sitä ilman palvelua")]
    # Vaasa and Laihia are in the catalogue but offer no counselling here.
    assert "Liikuntaneuvonta – Vaasa" in listed and "Liikuntaneuvonta – Laihia" in listed
    assert "Liikuntaneuvonta – Närpiö" not in listed
    unlisted = html[html.index("Kunnat, jotka tarjoavat sitä ilman palvelua") :]
    assert "<li>" not in unlisted
    assert panel_rows(client.get("/admin/").content.decode()) == {
        "Luettelon palvelut, joissa tyyppiä ei tarjota": 2,
        "Kunnat, jotka tarjoavat tyyppiä mutta joilla ei ole palvelua luettelossa": 0,
    }

    # Uusikaarlepyy stops offering it; Mustasaari starts, with nothing in the catalogue.
    ReferralUnit.objects.filter(municipality__code="893").update(active=False)
    ReferralUnit.objects.create(
        referral_type=ReferralType.objects.get(slug="liikuntaneuvonta"),
        municipality=Municipality.objects.get(code="499"),
        active=True,
    )
    html = client.get(REPORT).content.decode()
    listed = html[: html.index("Kunnat, jotka tarjoavat sitä ilman palvelua")]
    assert "Liikuntaneuvonta – Uusikaarlepyy" in listed
    assert "<li>Mustasaari</li>" in html
    assert panel_rows(client.get("/admin/").content.decode()) == {
        "Luettelon palvelut, joissa tyyppiä ei tarjota": 3,
        "Kunnat, jotka tarjoavat tyyppiä mutta joilla ei ole palvelua luettelossa": 1,
    }
    # A service named in Swedish only is found by its Swedish name.
    swedish = ServiceFactory(name_fi="", name_sv="Motionsrådgivning för seniorer – Vörå")
    swedish.municipalities.add(Municipality.objects.get(code="946"))
    html = client.get(REPORT).content.decode()
    assert f"/admin/snippets/catalogue/service/edit/{swedish.pk}/" in html


def test_only_those_who_manage_the_settings_see_the_check(client, demo_catalogue):
    client.force_login(counsellor("545"))
    assert client.get(REPORT).status_code in (302, 403)
    assert "Lähetetyypit palveluluettelossa" not in client.get("/admin/").content.decode()
