"""The professional's workspace (/fi/ammattilaiset/): reached from every page's footer and
landed on after logging in; their own lists (open, share again, copy into a new list) and the
status of the referrals they sent, and nobody else's."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from professionals.models import Referral
from professionals.referrals import change_status
from tests.support.factories.professionals import (
    ReferralFactory,
    UserFactory,
    counsellor,
    professional,
)

from .test_recommendations import BUILDER, add_all, make_list, services

pytestmark = pytest.mark.django_db

WORKSPACE = {"fi": "/fi/ammattilaiset/", "sv": "/sv/yrkespersoner/"}
LOGIN = {"fi": "/fi/ammattilaiset/kirjaudu/", "sv": "/sv/yrkespersoner/logga-in/"}
FOOTER_LINK = {"fi": "Ammattilaisille: kirjaudu", "sv": "För yrkespersoner: logga in"}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_footer_leads_to_the_login_and_the_login_to_the_workspace(client, language):
    page = client.get(LOGIN[language]).content.decode()
    footer = page[page.index('<footer class="site-footer">') :]
    assert f'<a href="{WORKSPACE[language]}">{FOOTER_LINK[language]}</a>' in footer
    # Not logged in: the workspace asks to log in and comes back.
    response = client.get(WORKSPACE[language])
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN[language] + "?next=")
    user = professional()
    response = client.post(LOGIN[language], {"username": user.username, "password": "salasana-123"})
    assert response.status_code == 302 and response["Location"] == WORKSPACE[language]
    page = client.get(WORKSPACE[language]).content.decode()
    assert {"fi": "Omat listat", "sv": "Mina listor"}[language] in page
    assert {"fi": "Omat lähetteet", "sv": "Mina remisser"}[language] in page


def test_the_workspace_lists_ones_own_lists_and_copies_one_into_the_list_being_built(
    client, demo_catalogue
):
    first, second, third, fourth = services(4)
    user, other = professional(), professional()
    current = make_list(user, [first, second], language="sv", notes=["Ring först."])
    expired = make_list(user, [third], language="fi")
    expired.expires_at = timezone.now() - timedelta(days=1)
    expired.save()
    others = make_list(other, [fourth])
    client.force_login(user)
    page = client.get(WORKSPACE["fi"]).content.decode()
    rows = re.findall(r"<tr>\s*<td>.*?</tr>", page, re.S)
    assert len(rows) == 2  # newest first: the expired list was made after the current one
    assert "Vanhentunut" in rows[0] and current.code not in rows[0]
    assert f'href="{current.get_absolute_url()}"' in rows[1]
    assert f"/fi/ammattilaiset/palvelusuositus/valmis/{current.code}/" in rows[1]
    assert re.search(r"<td>2</td>", rows[1]) and "ruotsi" in rows[1]
    assert others.code not in page
    # The share page again, for one's own list only.
    assert (
        client.get(f"/fi/ammattilaiset/palvelusuositus/valmis/{current.code}/").status_code == 200
    )
    # Copying adds the list's services after those already being built: nothing is lost.
    add_all(client, [fourth])
    copy = f"/fi/ammattilaiset/palvelusuositus/kopioi/{current.code}/"
    assert client.get(copy).status_code == 405
    response = client.post(copy)
    assert response.status_code == 302 and response["Location"] == BUILDER
    builder = client.get(BUILDER).content.decode()
    names = [fourth.name_fi, first.name_fi, second.name_fi]
    positions = [builder.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Ring först." in builder
    # An expired list can still be copied; someone else's cannot.
    assert (
        client.post(f"/fi/ammattilaiset/palvelusuositus/kopioi/{expired.code}/").status_code == 302
    )
    assert third.name_fi in client.get(BUILDER).content.decode()
    assert (
        client.post(f"/fi/ammattilaiset/palvelusuositus/kopioi/{others.code}/").status_code == 404
    )


def test_copying_into_an_empty_draft_takes_the_lists_language_and_note(client, demo_catalogue):
    user = professional()
    made = make_list(user, services(2), language="sv")
    made.note = "Välkommen!"
    made.save()
    client.force_login(user)
    client.post(f"/fi/ammattilaiset/palvelusuositus/kopioi/{made.code}/")
    builder = client.get(BUILDER).content.decode()
    assert re.search(r'<input[^>]*value="sv"[^>]*checked', builder)
    assert "Välkommen!" in builder


def test_a_referrer_sees_the_status_of_their_own_referrals_and_nothing_else(client):
    sender, colleague = professional(), professional()
    narpes = counsellor("545")
    sent = ReferralFactory(referred_by=sender, note="Asiakas toivoo iltapäiväaikaa.")
    change_status(sent, Referral.Status.CONTACTED, narpes, note="Soitettu, tapaaminen sovittu.")
    untouched = ReferralFactory(referred_by=sender)
    theirs = ReferralFactory(referred_by=colleague)
    client.force_login(sender)
    page = client.get(WORKSPACE["fi"]).content.decode()
    statuses = re.findall(r'<td class="referral-status">([^<]+)</td>', page)
    assert statuses == ["Vastaanotettu", "Yhteys saatu"]  # newest first
    assert sent.reference in page and untouched.reference in page
    assert theirs.reference not in page
    for private in (
        sent.client_name,
        sent.phone,
        sent.email,
        "Asiakas toivoo iltapäiväaikaa.",
        "Soitettu, tapaaminen sovittu.",
    ):
        assert private not in page
    client.force_login(colleague)
    page = client.get(WORKSPACE["sv"]).content.decode()
    assert theirs.reference in page and sent.reference not in page
    assert "Mottagen" in page


def test_a_user_without_professional_tools_sees_neither_lists_nor_referrals(client, demo_catalogue):
    user = UserFactory()
    make_list(user, services(1))
    client.force_login(user)
    page = client.get(WORKSPACE["fi"]).content.decode()
    assert "Käyttäjätunnuksellasi ei ole ammattilaisen työkaluja" in page
    assert "Omat listat" not in page and "<table" not in page
