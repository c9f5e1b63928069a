"""The open data's documentation: /api/ in three languages with working examples, the two
references drawn from the OpenAPI documents, the footer's link, and the APIs' answers saying
their language in Content-Language."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "footer"),
    [
        ("fi", "Avoin data", "Avoin data"),
        ("sv", "Öppna data", "Öppna data"),
        ("en", "Open data", "Open data"),
    ],
)
def test_the_open_data_page_explains_both_apis_in_each_language(
    client, demo_catalogue, language, heading, footer
):
    html = client.get("/api/", {"lang": language}).content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert "CC BY 4.0" in html
    # Its examples work as they are written.
    for example in re.findall(r"<pre><code>http://testserver(/api/[^<]+)</code></pre>", html):
        response = client.get(example.replace("&amp;", "&"))
        assert response.status_code == 200, example
        assert response["Content-Type"].startswith("application/json")
    assert html.count("<pre><code>") == 2
    # Every page's footer leads here, in its own language.
    page = client.get(f"/{language}/").content.decode()
    assert f'href="/api/?lang={language}">{footer}</a>' in page


def test_api_v1_leads_people_to_the_documentation(client, demo_pages):
    response = client.get("/api/v1/")
    assert response.status_code == 302 and response["Location"] == "/api/"


def test_the_references_list_every_operation_of_their_openapi_documents(client, demo_pages):
    from catalogue.api import api
    from catalogue.api_docs import hsds_document

    v1 = client.get("/api/v1/reference/", {"lang": "fi"}).content.decode()
    for path in api.get_openapi_schema(path_prefix="/api/v1/")["paths"]:
        assert f"GET {path}</code>" in v1
    assert "<caption>Parametrit</caption>" in v1 and "<code>lang</code>" in v1
    hsds = client.get("/api/hsds/reference/", {"lang": "sv"}).content.decode()
    for path in hsds_document()["paths"]:
        assert f"GET /api/hsds{path}</code>" in hsds
    assert "<code>per_page</code>" in hsds


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_api_answers_say_their_language(client, demo_catalogue, language):
    for url in ("/api/v1/services", "/api/hsds/services"):
        response = client.get(url, {"lang": language})
        assert response.status_code == 200
        assert response["Content-Language"] == language
    # Without lang, the default language, whatever the browser prefers.
    response = client.get("/api/v1/services", HTTP_ACCEPT_LANGUAGE="sv")
    assert response["Content-Language"] == "fi"
