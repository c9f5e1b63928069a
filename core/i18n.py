"""Language helpers: which languages a page exists in, and its address in each of them."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def page_has_language(page, language):
    """A page exists in a language when its title has been written in that language."""
    return bool(getattr(page, f"title_{language}", None))


def page_url(page, language, request=None):
    with translation.override(language):
        return page.get_url(request=request)


def home_url(language, untranslated=False):
    with translation.override(language):
        url = reverse("wagtail_serve", args=[""])
    if untranslated:
        url += "?" + urlencode({"untranslated": "1"})
    return url


def language_versions(request, page=None):
    """The current view in every site language.

    Returns a list of dicts: ``code``, ``name``, ``url``, ``current`` and ``available``. A page
    without a translation, or a view that has no equivalent, leads to that language's home page
    with a notice (``?untranslated=1``).
    """
    current = translation.get_language()
    match = getattr(request, "resolver_match", None)
    # A view may name its own address in each language (a service page's slug differs).
    own = getattr(request, "language_urls", None) or {}
    versions = []
    for code, name in settings.LANGUAGES:
        if code in own:
            url, available = own[code], True
        elif isinstance(page, Page):
            available = page_has_language(page, code) and page.live
            url = page_url(page, code, request) if available else None
        elif match is not None and match.url_name != "wagtail_serve":
            url = translate_url(request.get_full_path(), code)
            available = True
        else:
            url, available = None, False
        if code == current:
            url, available = request.get_full_path() if request else url, True
        if not available or not url:
            url = home_url(code, untranslated=True)
        versions.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "available": available,
            }
        )
    return versions
