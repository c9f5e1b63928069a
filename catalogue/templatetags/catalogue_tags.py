from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

FALLBACK = {"fi": ("sv", "en"), "sv": ("fi", "en")}


def pick_text(values, language=None):
    """(text, its language) of a {fi, sv, en} text in ``language`` (the active one by
    default), falling back to the others."""
    language = language or translation.get_language()
    if not isinstance(values, dict):
        return "", language
    if values.get(language):
        return values[language], language
    for code in FALLBACK.get(language, ("fi", "sv")):
        if values.get(code):
            return values[code], code
    return "", language


@register.filter
def ltext(values):
    """A {fi, sv, en} text in the page's language, falling back to the others."""
    return pick_text(values)[0]


@register.filter
def ltext_lang(values):
    """` lang="xx"` when ltext() had to fall back to another language."""
    text, code = pick_text(values)
    if text and code != translation.get_language():
        return format_html(' lang="{}"', code)
    return ""


@register.filter
def source_html(value):
    """Text that the sync stored as sanitised HTML (nh3, a small allow-list)."""
    return mark_safe(value or "")  # noqa: S308 - sanitised on import (core.text)
