"""Logging in: professionals on the public site, editors in the admin; both throttled."""

import pytest

from tests.support.factories.professionals import professional

pytestmark = pytest.mark.django_db

LOGIN = "/fi/ammattilaiset/kirjaudu/"


def test_a_professional_logs_in_and_out_and_lands_where_they_were_going(client):
    user = professional()
    response = client.post(
        LOGIN, {"username": user.username, "password": "salasana-123", "next": "/fi/palvelut/"}
    )
    assert response.status_code == 302 and response["Location"] == "/fi/palvelut/"
    assert "Kirjautunut ammattilaisena" in client.get("/fi/palvelut/").content.decode()
    response = client.post("/fi/ammattilaiset/kirjaudu-ulos/")
    assert response.status_code == 302 and response["Location"] == "/fi/"
    assert "Kirjautunut ammattilaisena" not in client.get("/fi/").content.decode()


def test_a_wrong_password_is_explained_and_the_user_name_kept(client):
    user = professional()
    response = client.post(LOGIN, {"username": user.username, "password": "väärä"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kirjautuminen ei onnistunut" in html and f'value="{user.username}"' in html


@pytest.mark.parametrize("url", [LOGIN, "/admin/login/"])
def test_after_ten_wrong_passwords_even_the_right_one_is_refused(client, url):
    user = professional()
    for attempt in range(10):
        response = client.post(url, {"username": user.username, "password": f"väärä{attempt}"})
        assert response.status_code in (200, 429)
    refused = client.post(url, {"username": user.username, "password": "salasana-123"})
    assert refused.status_code == 429
    assert "Liian monta kirjautumisyritystä" in refused.content.decode()
    # Another user from the same address is not locked out.
    other = professional()
    response = client.post(LOGIN, {"username": other.username, "password": "salasana-123"})
    assert response.status_code == 302


def test_nine_wrong_passwords_still_let_the_right_one_in(client):
    user = professional()
    for attempt in range(9):
        client.post(LOGIN, {"username": user.username, "password": f"väärä{attempt}"})
    response = client.post(LOGIN, {"username": user.username, "password": "salasana-123"})
    assert response.status_code == 302


@pytest.mark.parametrize("url", [LOGIN, "/admin/login/"])
def test_one_password_sprayed_over_many_user_names_locks_the_address(client, settings, url):
    """Issue 29, item 13: each user name fails only once, under the per-user lockout; the
    address as a whole is stopped after LOGIN_ADDRESS_FAILURE_LIMIT failures."""
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    victim = professional()
    for number in range(12):
        response = client.post(url, {"username": f"nimi{number}", "password": "Kesä2026!"})
        assert response.status_code == 200
    refused = client.post(url, {"username": victim.username, "password": "salasana-123"})
    assert refused.status_code == 429
    assert "Liian monta kirjautumisyritystä" in refused.content.decode()
    # Another address is not affected.
    response = client.post(
        LOGIN,
        {"username": victim.username, "password": "salasana-123"},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302


def test_fewer_failures_from_an_address_than_the_limit_let_people_in(client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    for number in range(11):
        client.post(LOGIN, {"username": f"nimi{number}", "password": "väärä"})
    user = professional()
    response = client.post(LOGIN, {"username": user.username, "password": "salasana-123"})
    assert response.status_code == 302
