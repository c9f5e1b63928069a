from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguagePrefixMiddleware:
    """Activate the language named by the URL prefix (/fi/, /sv/).

    Unlike Django's LocaleMiddleware this never guesses: a path without a known prefix is
    served in the default language (so /en/ gives a Finnish 404 page), except the admin
    login, which follows the browser's language; Wagtail then switches to each editor's own
    preference. Only ``/`` redirects by Accept-Language (see ``portal.views.root_redirect``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info)
        if language is None:
            if request.path_info.startswith("/admin/"):
                language = translation.get_language_from_request(request)
            else:
                language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        if request.path_info == "/":
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
