"""Language helpers: the one translated-text type (``Translated``), which languages a page
exists in, its address in each of them, and routes whose words are translated."""

import re
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import get_language_info, gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .pagecache import per_generation

# For makemessages: "(in <language>)" after a text shown in another language than the page's,
# for every language the site may have (keyed by the language's English name).
IN_LANGUAGE = (
    pgettext_lazy("in language", "Finnish"),
    pgettext_lazy("in language", "Swedish"),
    pgettext_lazy("in language", "English"),
)


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def either(values):
    """ "fi or sv", "fi, sv or en" in the active language."""
    values = [str(value) for value in values]
    if len(values) < 2:
        return "".join(values)
    return gettext("%(first)s or %(last)s") % {"first": ", ".join(values[:-1]), "last": values[-1]}


def site_language(code, default=None):
    """``code`` when it is a site language, else ``default`` (the site's default language)."""
    return code if code in language_codes() else (default or settings.LANGUAGE_CODE)


def other_languages(language):
    """The site languages to fall back to from ``language``, best first."""
    return [
        code for code in fallback_order(language) if code != language and code in language_codes()
    ]


# For makemessages: the names of the languages services are offered in (service_languages).
LANGUAGE_NAMES = (_("Finnish"), _("Swedish"), _("English"))


def language_name(code):
    """A language's name in the active language ("Finnish", "suomi"), or its code."""
    try:
        return gettext(get_language_info(code)["name"])
    except KeyError:
        return code


def language_choices(codes=None):
    """[(code, name)] of ``codes`` (the languages services may be offered in by default)."""
    return [(code, language_name(code)) for code in (codes or settings.SERVICE_LANGUAGES)]


def site_language_choices():
    """[(code, name)] of the site's languages, names in the active language (for choices)."""
    return language_choices(language_codes())


def field_names(name):
    """The names of a translated field in every site language: ["name_<code>", …]."""
    return [f"{name}_{code}" for code in language_codes()]


def default_field(name):
    """The name of a translated field in the site's default language ("name_<default code>"): lists keep
    one order whatever the reader's language."""
    return f"{name}_{settings.LANGUAGE_CODE}"


def language_label(label, code):
    """ "name (Swedish)": a field's label with its language's name, both lazy. (Not
    modeltranslation's "name [sv]", whose admin script would hide all but one language.)"""
    return format_lazy("{} ({})", label, lazy(language_name, str)(code))


def field_values(name, texts):
    """``{code: text}`` → the values of a modeltranslation field: ``{name: the default
    language's text, name_<code>: its text…}`` for every site language (data files, seeds)."""
    return {
        name: texts.get(settings.LANGUAGE_CODE, ""),
        **{f"{name}_{code}": texts.get(code, "") for code in language_codes()},
    }


def fields_of(model, values):
    """``values`` without the keys that are not fields of ``model``. Seeders that data migrations
    run with historical models use it: a language added to the site later has no column yet
    in an earlier migration's model."""
    names = {field.name for field in model._meta.get_fields()}
    return {key: value for key, value in values.items() if key in names}


def translated_fields(name, field_class, verbose_name, **kwargs):
    """``{"<name>_<code>": field}`` for every site language, in order, labelled
    "<verbose_name> (<language>)". In a model's body::

        locals().update(translated_fields("name", models.CharField, _("name"), max_length=255))
    """
    return {
        f"{name}_{code}": field_class(language_label(verbose_name, code), **kwargs)
        for code in language_codes()
    }


def fallback_order(language=None):
    """The languages to look in for a text, best first: ``language`` (the active one by
    default), the site's default language, the other site languages, then English."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    order = [language, settings.LANGUAGE_CODE, *language_codes(), "en"]
    return list(dict.fromkeys(order))


class Translated:
    """A text in several languages: ``{language code: text}``. ``str()`` and ``pick()`` give
    the active language's text, or another language's when it has none (``fallback_order``).
    The texts may be strings or rich text (kept as they are).

    ``Translated.of(source, name)`` reads ``<name>_<code>`` of every site language from a
    block value (a dict) or an object (a model with translated fields); a dict of
    ``{code: text}`` (the catalogue's JSON texts) is read as it is."""

    __slots__ = ("values",)

    def __init__(self, values=None, **texts):
        merged = {**(values or {}), **texts}
        self.values = {code: text for code, text in merged.items() if text}

    @classmethod
    def of(cls, source, name=None):
        if isinstance(source, Translated):
            return source
        if name is None:
            return cls(source if isinstance(source, dict) else None)
        codes = [*language_codes(), "en"]
        if isinstance(source, dict):
            return cls({code: source.get(f"{name}_{code}") for code in codes})
        return cls({code: getattr(source, f"{name}_{code}", None) for code in codes})

    def pick(self, language=None):
        """(text, its language); ("", the language) when there is none."""
        for code in fallback_order(language):
            if code in self.values:
                return self.values[code], code
        if self.values:  # a language the site no longer has
            return next(iter(self.values.items()))
        return "", language or translation.get_language()

    def get(self, language=None):
        return self.pick(language)[0]

    def lang_attribute(self, language=None):
        """`` lang="xx"`` when the text shown is in another language than ``language`` (the
        active one), so that screen readers pronounce it right; "" otherwise."""
        language = language or translation.get_language()
        text, code = self.pick(language)
        return format_html(' lang="{}"', code) if text and code != language else ""

    def shown_language(self, language=None):
        """The code of the language shown instead of ``language``, or ""."""
        language = language or translation.get_language()
        text, code = self.pick(language)
        return code if text and code != language else ""

    def fallback_note(self, language=None):
        """`` <span class="fallback-note">(in Finnish)</span>`` after a text shown in another
        language than ``language`` (the active one), for everyone to see; "" otherwise."""
        code = self.shown_language(language)
        note = in_language_note(code) if code else ""
        return format_html(' <span class="fallback-note">({})</span>', note) if note else ""

    def __getitem__(self, code):
        return self.values.get(code, "")

    def __str__(self):
        return str(self.get())

    def __bool__(self):
        return bool(self.values)

    def __eq__(self, other):
        return isinstance(other, Translated) and self.values == other.values

    def __hash__(self):
        return hash(tuple(sorted((k, str(v)) for k, v in self.values.items())))

    def __repr__(self):
        return f"Translated({self.values!r})"


def in_language_note(code):
    """ "in Finnish" (in the active language) for a language code, or ""."""
    try:
        name = get_language_info(code)["name"]
    except KeyError:
        return ""
    return pgettext("in language", name)


def in_every_language(text):
    """A lazy text (``pgettext_lazy``) in each site language, without repeats."""
    values = []
    for code in language_codes():
        with translation.override(code):
            values.append(str(text))
    return list(dict.fromkeys(values))


def _route(pattern, words):
    return pattern % {
        name: "(?:" + "|".join(re.escape(w) for w in in_every_language(word)) + ")"
        for name, word in words.items()
    }


def any_language_route(pattern, **words):
    """A route regex whose ``%(name)s`` parts match the word in any site language: a link
    kept from one language still works after switching. Lazy, so that the words are read
    from the translations when Django first compiles the route."""
    return lazy(_route, str)(pattern, words)


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


@lru_cache(maxsize=1024)
def view_path_in(path, current, code):
    """A view's ``path`` (in language ``current``) in language ``code``: Django's
    ``translate_url``, which resolves the path and reverses it. That depends on the URL
    patterns alone, so each process works it out once per path (the search page's address
    is one path whatever its parameters)."""
    with translation.override(current):
        return translate_url(path, code)


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
            url = (
                per_generation(
                    "page-url",
                    lambda code=code: page_url(page, code, request),
                    page.pk,
                    code,
                    request.get_host() if request else "",
                )
                if available
                else None
            )
        elif match is not None and match.url_name != "wagtail_serve":
            path, mark, query = request.get_full_path().partition("?")
            url = view_path_in(path, current, code) + mark + query
            available = True
        else:
            url, available = None, False
        if code == current:
            # The view itself; a page not written in this language is not offered as one
            # (no hreflang), and says so (core/untranslated_page.html).
            url = request.get_full_path() if request else url
            if not isinstance(page, Page) or code in own:
                available = True
        elif not available or not url:
            url = home_url(code, untranslated=True)
        versions.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
                "available": available,
            }
        )
    return versions
