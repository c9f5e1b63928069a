from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from core.i18n import site_language
from core.inputs import has_control_characters

API_PREFIX = "/api/"


def is_api_documentation(path):
    """/api/ and the rendered references (/api/v1/reference/, /api/hsds/reference/)."""
    return path == "/api/" or (path.startswith("/api/") and path.endswith("/reference/"))


class LanguagePrefixMiddleware:
    """Activate the language named by the URL prefix (/fi/, /sv/).

    Unlike Django's LocaleMiddleware this never guesses: a path without a known prefix is
    served in the default language (so /en/ gives a Finnish 404 page), except the admin
    login, which follows the browser's language (Wagtail then switches to each editor's own
    preference), and the APIs, which follow their ``lang`` parameter. Only ``/`` redirects by Accept-Language (see ``portal.views.root_redirect``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info)
        if language is None:
            if request.path_info.startswith("/admin/"):
                language = translation.get_language_from_request(request)
            elif request.path_info.startswith("/api/"):
                # The APIs answer in the language of their ``lang`` parameter (and say so in
                # Content-Language); their documentation pages, without one, in the browser's.
                language = request.GET.get("lang")
                if not language and is_api_documentation(request.path_info):
                    language = translation.get_language_from_request(request)
                language = site_language(language)
            else:
                language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        if request.path_info == "/" or is_api_documentation(request.path_info):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


class InputGuardMiddleware:
    """Refuse, with a 400 page, a request whose path or query string holds a control
    character, or whose form fields hold one other than tab and line breaks (a textarea's). No
    view, form or query then sees a NUL (PostgreSQL refuses it) or an escape sequence."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith(API_PREFIX)
        if has_control_characters(request.path, multiline=False) and api:
            return JsonResponse({"detail": _("Leave out control characters.")}, status=400)
        if not api and self.hostile(request):
            response = TemplateResponse(request, "400.html", status=400)
            response.render()
            return response
        return self.get_response(request)

    @staticmethod
    def hostile(request):
        """The APIs check their parameters themselves, each answering in its documented
        error format; the rest of the site is checked here."""
        if has_control_characters(request.path, multiline=False):
            return True
        sources = [(request.GET, False)]
        content_type = request.content_type or ""
        if request.method == "POST" and content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            sources.append((request.POST, True))
        for params, multiline in sources:
            for key, values in params.lists():
                if has_control_characters(key, multiline=False):
                    return True
                if any(has_control_characters(value, multiline) for value in values):
                    return True
        return False
