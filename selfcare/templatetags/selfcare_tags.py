from django import template

from selfcare.blocks import SEVERITIES
from selfcare.instrument import fmt

register = template.Library()


@register.filter
def number(value):
    """A score as people write it: 48, 2,5."""
    return fmt(value)


@register.simple_tag
def severity_label(severity):
    return dict(SEVERITIES).get(severity, "")
