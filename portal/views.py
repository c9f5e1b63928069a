from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from core.i18n import home_url


@require_safe
def root_redirect(request):
    """``/`` goes to /fi/ or /sv/ by the browser's language (cookie first), Finnish by default."""
    language = translation.get_language_from_request(request)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    return redirect(home_url(language))


@require_safe
def favicon(request):
    """``/favicon.ico``, where browsers and feed readers look without asking the page."""
    icon = Path(finders.find("portal/icons/favicon.ico")).read_bytes()
    response = HttpResponse(icon, content_type="image/vnd.microsoft.icon")
    patch_cache_control(response, public=True, max_age=7 * 24 * 3600)
    return response


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
