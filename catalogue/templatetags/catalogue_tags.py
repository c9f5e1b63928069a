from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def source_html(value):
    """Text that the sync stored as sanitised HTML (nh3, a small allow-list)."""
    return mark_safe(value or "")  # noqa: S308 - sanitised on import (core.text)


@register.simple_tag
def source_line(service):
    """The line naming a listed service's sources, when Lähellä.fi is one of them (``sources``
    set by catalogue.listing.with_sources); nothing otherwise. A tag, not an included
    template: a result list has twenty of them."""
    found = getattr(service, "sources", ())
    if "lahella" not in found:
        return ""
    if len(found) > 1:
        text = _("Sources: Suomi.fi Finnish Service Catalogue and Lähellä.fi")
    else:
        text = _("Source: Lähellä.fi")
    return format_html('<p class="muted source-line">{}</p>', text)
