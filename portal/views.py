from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import translation
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
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
