"""Security headers and cookie flags as production sends them: the values are read from
portal/settings/production.py (with the environment a deployment gives it), only the data
stores stay the test suite's."""

import importlib
import re
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from tests.support.factories.professionals import professional

ROOT = Path(__file__).resolve().parents[2]
HOST = "hyvinvointiopas.example.fi"
# Where data lives stays the suite's own; everything else is production's.
KEEP = {"DATABASES", "CACHES", "STORAGES", "STATIC_ROOT", "MEDIA_ROOT", "REDIS_URL", "LOGGING"}


@pytest.fixture
def production(monkeypatch):
    """Override the settings with every value production.py gives, as imported with a
    deployment's environment."""
    monkeypatch.setenv("SECRET_KEY", "header-test-secret-key-long-and-random-0123456789abcdef")
    monkeypatch.setenv("ALLOWED_HOSTS", HOST)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/14")
    monkeypatch.setenv("MAP_TILE_URL", "https://{s}.tiles.example.fi/{z}/{x}/{y}.png")
    names = ("portal.settings.production", "portal.settings.base")
    saved = {name: sys.modules.pop(name, None) for name in names}
    try:
        module = importlib.import_module("portal.settings.production")
    finally:
        for name, saved_module in saved.items():
            sys.modules.pop(name, None)
            if saved_module is not None:
                sys.modules[name] = saved_module
    values = {
        name: getattr(module, name)
        for name in dir(module)
        if name.isupper()
        and name not in KEEP
        and getattr(settings, name, object()) != getattr(module, name)
    }
    with override_settings(**values):
        yield values


def csp_directives(header):
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.mark.django_db
def test_public_pages_send_the_strict_policy_hsts_and_no_framing(production, client, demo_pages):
    response = client.get("/fi/", secure=True, headers={"host": HOST})
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]  # no inline scripts, no eval
    assert csp["style-src"] == ["'self'"]
    assert csp["style-src-attr"] == ["'unsafe-inline'"]  # theme colours only
    assert csp["img-src"] == ["'self'", "data:", "https://*.tiles.example.fi"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"] and csp["connect-src"] == ["'self'"]
    assert "upgrade-insecure-requests" in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = dict(
        item.split("=", 1) for item in response["Permissions-Policy"].replace(" ", "").split(",")
    )
    assert permissions["geolocation"] == "(self)"
    assert permissions["camera"] == permissions["microphone"] == permissions["payment"] == "()"


@pytest.mark.django_db
def test_plain_http_is_sent_to_https(production, client, demo_pages):
    response = client.get("/fi/teemat/", headers={"host": HOST})
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/fi/teemat/"


@pytest.mark.django_db
def test_the_admin_has_its_own_policy_still_without_plugins_or_foreign_frames(production, client):
    response = client.get("/admin/login/", secure=True, headers={"host": HOST})
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    # Wagtail's admin needs inline scripts; nothing else is loosened.
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"] and csp["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_a_script_a_template_must_inline_gets_the_nonce_in_the_header(production, rf):
    from django.http import HttpResponse
    from django.template import engines

    from core.security import SecurityHeadersMiddleware

    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}"></script>')

    def view(request):
        return HttpResponse(template.render({"request": request}))

    request = rf.get("/fi/")
    response = SecurityHeadersMiddleware(view)(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert len(nonce) >= 22
    assert f"'nonce-{nonce}'" in csp_directives(response["Content-Security-Policy"])["script-src"]


@pytest.mark.django_db
def test_session_csrf_and_progress_cookies_are_secure_and_the_session_lasts_a_working_day(
    production, client, demo_pages
):
    user = professional()
    client.get("/fi/ammattilaiset/kirjaudu/", secure=True, headers={"host": HOST})
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] is True and csrf["samesite"] == "Lax"
    response = client.post(
        "/fi/ammattilaiset/kirjaudu/",
        {"username": user.username, "password": "salasana-123"},
        secure=True,
        headers={"host": HOST},
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True and session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert session["max-age"] == 8 * 3600
    # A resident's programme progress lives in a signed cookie, never readable by scripts.
    response = client.post(
        "/fi/omahoito-ohjelmat/liikkeelle-6-viikkoa/",
        {"action": "start"},
        secure=True,
        headers={"host": HOST},
    )
    progress = response.cookies["omahoito"]
    assert progress["secure"] is True and progress["httponly"] is True


def test_no_template_has_an_inline_script_or_event_handler():
    """The public policy refuses inline scripts, so none may be written: only script
    elements with src, or JSON data blocks (json_script)."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script\b([^>]*)>", text):
            if "src=" not in match.group(1) and "application/json" not in match.group(1):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
        for match in re.finditer(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
        if "javascript:" in text:
            offenders.append(f"{path.relative_to(ROOT)}: javascript: URL")
    assert offenders == []
