"""The kinds of site page a professional may put in a client's recommendation list beside
services: a self-assessment, a self-care programme, a theme page. The app that owns the page
type registers it here (in its ``ready()``), so that the professional tools list, show and
count them without importing that app.

A kind says what the client does next; a programme may also prepare a continuation code, so
that the client continues the programme from the step the code holds on any device."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageKind:
    kind: str  # RecommendationItem.Kind's value: "assessment", "programme", "theme"
    model: type  # the Wagtail page class
    next_step: str  # lazy: what the client does next
    order: int = 0
    # page -> the code as shown (ABCD-EFGH-JKMN), stored and prepared for the client.
    prepare_code: Callable | None = None
    # (page, code as shown) -> the address where the code is used.
    code_url: Callable | None = None


_KINDS = {}


def register_page_kind(kind):
    _KINDS[kind.kind] = kind
    return kind


def page_kinds():
    """The registered kinds, in their order."""
    return sorted(_KINDS.values(), key=lambda kind: kind.order)


def page_kind(name):
    return _KINDS.get(name)
