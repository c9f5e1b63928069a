from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def source_html(value):
    """Text that the sync stored as sanitised HTML (nh3, a small allow-list)."""
    return mark_safe(value or "")  # noqa: S308 - sanitised on import (core.text)
