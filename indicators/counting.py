"""The county's usage indicators are counted on the server: ``VisitCounterMiddleware`` counts
public page views into ``DailyCount`` (a day, a metric, a key, a count). Nothing about who
visited is read into them or kept: no cookie is set or read for it, and no IP address, user
agent or session goes into a row (the user agent is only looked at to leave out crawlers).
Zero-result searches are counted under a keyed hash of their text, which is kept only once
it is common (``keep_common_query``)."""

import logging
import re

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.counters import bump_many, count_of
from core.models import DailyCount

logger = logging.getLogger(__name__)

# Page types, in the dashboard's order.
PAGE_TYPES = {
    "home": _("Front page"),
    "theme": _("Theme pages"),
    "service": _("Service pages"),
    "search": pgettext_lazy("page type", "Search"),
    "assessment": _("Self-assessments"),
    "programme": _("Self-care programmes"),
    "municipality": _("Municipality pages"),
    "counselling": _("Exercise counselling pages"),
    "recommendation": _("Recommendation lists (clients' view)"),
    "professional": _("Professionals' tools"),
    "standard": _("Other content pages"),
    "other": _("Other pages"),
}
PAGE_CLASSES = {
    "HomePage": "home",
    "ThemeIndexPage": "theme",
    "ThemePage": "theme",
    "MunicipalityIndexPage": "municipality",
    "MunicipalityPage": "municipality",
    "StandardPage": "standard",
    "AssessmentIndexPage": "assessment",
    "SelfAssessmentPage": "assessment",
    "ProgrammeIndexPage": "programme",
    "SelfCareProgrammePage": "programme",
}
VIEW_TYPES = {
    "catalogue:search": "search",
    "catalogue:service": "service",
    "professionals:recommendation": "recommendation",
    "professionals:counselling-index": "counselling",
    "professionals:counselling": "counselling",
}
NOT_COUNTED = ("/admin/", "/django-admin/", "/api/", "/static/", "/media/", "/documents/")
CRAWLER = re.compile(r"bot|crawl|spider|slurp|preview|monitor|uptime|curl|wget|python-", re.I)
# A zero-result query is kept as text only when it cannot hold a phone number, a personal
# identity code or an e-mail address: no digits, no @, at most 40 characters.
QUERY_TEXT = re.compile(r"[^\W\d_](?:[^\W\d_]|[\s\-'’])*")
QUERY_MAX_LENGTH = 40
NO_TEXT = ""  # the key of zero-result queries whose text is not kept
# A row per month and common zero-result text (count unused): the texts that may be shown.
QUERY_TEXT_METRIC = "search.zero.text"


def normalised_query(text):
    """The query as kept among zero-result queries, or NO_TEXT."""
    text = " ".join((text or "").lower().split())
    if len(text) > QUERY_MAX_LENGTH or not QUERY_TEXT.fullmatch(text):
        return NO_TEXT
    return text


def zero_result_key(text):
    """The key a zero-result query is counted under: a keyed hash of its normalised text (the
    text itself is never stored until it is common), or NO_TEXT."""
    text = normalised_query(text)
    if text == NO_TEXT:
        return NO_TEXT
    return "#" + salted_hmac("indicators.zero-result-query", text).hexdigest()[:32]


# (month, text) of the common texts this process has seen kept: a text searched again in
# the same month is counted as before but not looked up again (the month's row exists).
_KEPT_TEXTS = set()
KEPT_TEXTS_HELD = 10_000


def forget_kept_texts():
    """Forget which texts this process has seen kept (the database they were kept in was
    replaced: a test's rolled back)."""
    _KEPT_TEXTS.clear()


def keep_common_query(text, key, day):
    """Once the exact text has been searched without results ``INDICATOR_QUERY_MIN_COUNT``
    times in the month, keep the text (one row for the month); before that, only its hash."""
    first = day.replace(day=1)
    if (first, text) in _KEPT_TEXTS:
        return
    if count_of("search.zero", key, first, day) >= settings.INDICATOR_QUERY_MIN_COUNT:
        DailyCount.objects.get_or_create(
            day=first, metric=QUERY_TEXT_METRIC, key=text, defaults={"count": 0}
        )
        if len(_KEPT_TEXTS) >= KEPT_TEXTS_HELD:
            forget_kept_texts()
        _KEPT_TEXTS.add((first, text))


def page_type(request):
    page = getattr(request, "indicator_page", None)
    if page is not None:
        return PAGE_CLASSES.get(type(page).__name__, "standard")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    name = match.view_name
    if name in VIEW_TYPES:
        return VIEW_TYPES[name]
    if name.startswith("professionals:"):
        return "professional"
    return "other"


def count_visit(request, response):
    if request.method != "GET" or response.status_code != 200:
        return
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    if request.path.startswith(NOT_COUNTED) or CRAWLER.search(
        request.headers.get("User-Agent", "")
    ):
        return
    if request.headers.get("Sec-Purpose", "").startswith("prefetch"):
        return
    kind = page_type(request)
    key = NO_TEXT
    if kind is None:
        return
    counts = [("visit", kind)]
    page = getattr(request, "indicator_page", None)
    theme = getattr(page, "theme", None)
    if theme is not None and type(page).__name__ == "ThemePage":
        counts.append(("theme.view", theme.slug))
    match = request.resolver_match
    if kind == "service" and match is not None and "pk" in match.kwargs:
        counts.append(("service.view", match.kwargs["pk"]))
    if (
        kind == "search"
        and request.GET.get("q", "").strip()
        and request.GET.get("page")
        in (
            None,
            "",
            "1",
        )
    ):
        counts.append(("search.query", ""))
        if response.get("X-Result-Count") == "0":
            key = zero_result_key(request.GET["q"])
            counts.append(("search.zero", key))
    bump_many(counts)
    if key != NO_TEXT:
        keep_common_query(normalised_query(request.GET["q"]), key, timezone.localdate())


class VisitCounterMiddleware:
    """Counts public page views by page type (and theme and service page views, searches and
    zero-result queries). A counting failure never breaks the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            count_visit(request, response)
        except DatabaseError:
            logger.warning("Visit not counted", exc_info=True)
        return response
