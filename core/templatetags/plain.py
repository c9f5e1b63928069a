"""The plain-language switch: ``{% plain_version as plain %}`` gives the page's plain-language
version in the active language (``plain.available``, ``plain.chosen``, ``plain.text``) and the
switch's two addresses; ``{% include "core/plain_switch.html" %}`` shows the switch."""

from django import template
from django.http import QueryDict

from core.plain import PARAMETER, plain_text, written

register = template.Library()


def _address(request, chosen):
    query = QueryDict(mutable=True) if request is None else request.GET.copy()
    query.pop(PARAMETER, None)
    if chosen:
        query[PARAMETER] = "1"
    path = request.path if request is not None else ""
    return f"{path}?{query.urlencode()}" if query else path


@register.simple_tag(takes_context=True)
def plain_version(context, text=None):
    """``text``: the plain text to offer (a programme step's), else the page's own."""
    request = context.get("request")
    if text is None:
        page = context.get("page")
        text = plain_text(page) if page is not None else ""
    available = written(text)
    chosen = available and request is not None and request.GET.get(PARAMETER) == "1"
    return {
        "available": available,
        "chosen": chosen,
        "text": text,
        "on_url": _address(request, True),
        "off_url": _address(request, False),
    }
