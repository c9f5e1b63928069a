"""The one way templates show translated texts. ``{{ value|translated:"title" }}`` gives the
text in the page's language, or another language's when it has none; ``translated_lang``
gives `` lang="xx"`` for that element when it had to fall back. Both take a block value
(``title_<code>`` per language), a model with translated fields, or a ``{code: text}`` dict
(then without a name)."""

from django import template

from core.i18n import Translated, in_language_note

register = template.Library()


@register.filter
def translated(source, name=None):
    return Translated.of(source, name).get()


@register.filter
def translated_lang(source, name=None):
    return Translated.of(source, name).lang_attribute()


@register.simple_tag
def fallback_note(source, name=None):
    """A visible "(in Finnish)" after a text shown in another language than the page's
    (a tag, not an included template: a list of results has one per item)."""
    return Translated.of(source, name).fallback_note()


@register.simple_tag
def in_language(code):
    """ "in English" / "englanniksi" / "på engelska" for a language code, in the active
    language."""
    return in_language_note(code)
