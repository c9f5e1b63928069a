import re

from django import template

from selfcare.blocks import SEVERITIES
from selfcare.instrument import fmt

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
