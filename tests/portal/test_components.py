"""The component library in the admin: every component with example content."""

from django.contrib.auth import get_user_model

from portal.components import COMPONENTS


def test_the_component_page_shows_every_component(client, demo_catalogue):
    admin = get_user_model().objects.create_superuser("pattern", "p@example.fi", "x")
    client.force_login(admin)
    html = client.get("/admin/components/").content.decode()
    for _name, template, _purpose, _context in COMPONENTS:
        slug = template.rsplit("/", 1)[-1].removesuffix(".html")
        assert f'id="component-{slug}"' in html, template
        assert f"<code>templates/{template}</code>" in html
    assert 'class="result-list__title"' in html  # a real service from the catalogue
    assert 'class="theme-card"' in html and 'class="pagination"' in html
    assert "data-map" in html and "vendor/leaflet/leaflet.js" in html
    # It is in the admin's settings menu.
    assert "/admin/components/" in client.get("/admin/").content.decode()


def test_the_component_page_is_for_admin_users_only(client):
    response = client.get("/admin/components/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
