"""Every "next"-like value, rendered or followed, stays on this site (issue 29, item 7):
url_has_allowed_host_and_scheme, through core.inputs.safe_next."""

import pytest

from tests.selfcare.test_programmes import CODE_FI, done
from tests.support.factories.professionals import professional

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "//evil.example/x",
    "https://evil.example/x",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_continuation_code_page_never_links_off_site(client, demo_pages, target):
    done(client, 1)
    client.post(CODE_FI)
    html = client.get(CODE_FI, {"next": target}).content.decode()
    assert "evil.example" not in html and "javascript:" not in html
    response = client.post(CODE_FI, {"next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert "javascript" not in response["Location"]


@pytest.mark.parametrize("target", ["/%09/evil.example", "/%0a/evil.example"])
def test_a_next_with_control_characters_is_refused(client, demo_pages, target):
    response = client.get(f"{CODE_FI}?next={target}")
    assert response.status_code == 400


def test_a_next_on_this_site_is_kept(client, demo_pages):
    done(client, 1)
    client.post(CODE_FI)
    html = client.get(CODE_FI, {"next": "/fi/omahoito-ohjelmat/"}).content.decode()
    assert 'href="/fi/omahoito-ohjelmat/"' in html


@pytest.mark.parametrize("target", OFF_SITE)
def test_add_to_list_never_follows_an_off_site_next(client, demo_catalogue, target):
    from catalogue.models import Service

    client.force_login(professional())
    service = Service.objects.filter(is_active=True).first()
    response = client.post(
        "/fi/ammattilaiset/palvelusuositus/lisaa/", {"service": service.pk, "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fi/ammattilaiset/palvelusuositus/"
