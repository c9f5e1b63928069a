"""Reading what comes in from outside: numbers as ASCII digits only, and text without
control characters. One place for both, used by the views, forms and source adapters.

``"²".isdigit()`` and ``"٣".isdigit()`` are true, and ``int("٣")`` is 3: Python's own tests
accept far more than the digits 0–9 (and ``int("²")`` fails). PostgreSQL refuses NUL in
text, so a NUL that reaches a query is a server error."""

import re
from datetime import date

_DIGITS = re.compile(r"[0-9]+")
# C0 controls but tab, newline and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The same, with tab and line breaks too: for one-line values (names, codes, URL parts).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Larger than any number the site counts (PostgreSQL bigint is 9223372036854775807).
MAX_INT = 2**31 - 1


def ascii_int(value, default=None, minimum=0, maximum=MAX_INT):
    """The value as an int if it is a string of the ASCII digits 0–9 (or an int) within
    [minimum, maximum]; else ``default``."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and len(value) <= 12 and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        return default
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return default
    return number


def is_ascii_digits(value, length=None):
    return (
        isinstance(value, str)
        and _DIGITS.fullmatch(value) is not None
        and (length is None or len(value) == length)
    )


def has_control_characters(text, multiline=True):
    """Whether ``text`` holds a control character (tab and line breaks allowed when
    ``multiline``)."""
    if not isinstance(text, str):
        return False
    return bool((_CONTROL if multiline else CONTROL).search(text))


_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
# The months a report can be about: none before the service, none in the far future.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def parse_month(value):
    """ "2026-11" → date(2026, 11, 1); None for anything else (other digits, month 13, a
    year outside 2000–2100)."""
    match = _MONTH.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month = int(match[1]), int(match[2])
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def safe_next(request, value, fallback=""):
    """A "next"-like address to render or follow: ``value`` if it stays on this site (Django's
    url_has_allowed_host_and_scheme: no other host, scheme or "/\\\\host" trick) and holds no
    control characters; else ``fallback``."""
    from django.utils.http import url_has_allowed_host_and_scheme

    if not isinstance(value, str) or not value or has_control_characters(value, False):
        return fallback
    if url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return fallback
