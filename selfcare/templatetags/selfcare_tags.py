import re

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from selfcare.blocks import SEVERITIES
from selfcare.instrument import Text, fmt

register = template.Library()


@register.filter
def number(value):
    """A score as people write it: 48, 2,5."""
    return fmt(value)


@register.filter
def phone_digits(number):
    """09 2525 0111 → 925250111, for a tel: link after +358."""
    return re.sub(r"\D", "", number).removeprefix("0")


@register.simple_tag
def severity_label(severity):
    return dict(SEVERITIES).get(severity, "")


@register.filter
def tr(value, name):
    """A block value's text in the current language (Finnish when the Swedish one is
    missing): ``{{ value|tr:"title" }}`` reads title_fi / title_sv."""
    return Text.of(value, name).get()


@register.filter
def tr_lang(value, name):
    """`` lang="fi"`` when ``{{ value|tr:name }}`` shows the Finnish text on the Swedish
    site, so screen readers pronounce it right."""
    return text_lang(Text.of(value, name))


@register.filter
def text_lang(text):
    if translation.get_language() == "sv" and not text.sv and text.fi:
        return mark_safe(' lang="fi"')  # noqa: S308 - a constant
    return ""
