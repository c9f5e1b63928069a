"""The public pages' HTTP caching and the catalogue pages' server-side cache.

Catalogue pages (the search, the results map's points, service pages and theme pages) are
stored in Django's default cache (Redis through django-redis when ``REDIS_URL`` is set, the
process's memory otherwise) for anonymous visitors. Every key carries a generation number;
anything that changes what those pages show (a sync run, the search index, a published or
unpublished page or snippet) starts a new generation, so no stale copy is served after it.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

GENERATION_KEY = "catalogue-pages:generation"
# The generation as this request first read it: one read of the shared cache per request
# (PublicCacheHeadersMiddleware sets it up), not one per fragment. None outside a request.
_request_generation = ContextVar("request_generation", default=None)


def generation():
    memo = _request_generation.get()
    if memo:
        return memo[0]
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = str(time.time_ns())
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    if memo is not None:
        memo.append(value)
    return value


MISSING = object()  # what ``kept`` answers for a key nothing is kept under


def generation_key(*parts):
    """A cache key of the current generation and language: what it names is out of date
    once either changes."""
    return ":".join(("catalogue-pages", generation(), str(get_language()), *map(str, parts)))


# What this process met of the values kept per generation: {key: (monotonic expiry, value)},
# the most recently used last. Their keys carry the generation, so a new one never meets an
# old value; the shared cache is read only for what this process has not met yet.
_LOCAL = OrderedDict()
_LOCAL_LOCK = threading.Lock()
LOCAL_ENTRIES = 512


def kept(key):
    """The value kept under ``key`` (a ``generation_key``) for this generation, or MISSING:
    this process's copy first, then the shared cache's. Nothing is kept while
    ``FRAGMENT_CACHE_SECONDS`` is 0.

    Each process keeps the last ``LOCAL_ENTRIES`` values it met (for as long as the shared
    cache would), so that a page view does not fetch and unpickle each of them again. The
    requests a process serves share these objects: read them, never change them."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return MISSING
    value = kept_here(key)
    if value is not MISSING:
        return value
    value = cache.get(key, MISSING)
    if value is not MISSING:
        _keep_here(key, value)
    return value


def kept_here(key):
    """The value this process keeps under ``key`` (``keep_here``), or MISSING; the shared
    cache is not asked."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return MISSING
    with _LOCAL_LOCK:  # threaded servers: one change of the order at a time
        found = _LOCAL.get(key)
        if found is not None and found[0] > time.monotonic():
            _LOCAL.move_to_end(key)
            return found[1]
    return MISSING


def keep_here(key, value):
    """Keep ``value`` under ``key`` (a ``generation_key``) in this process only: for what
    does not pickle well or is cheap to find again in another process (a page instance)."""
    if settings.FRAGMENT_CACHE_SECONDS > 0:
        _keep_here(key, value)


def keep(key, value):
    """Keep ``value`` under ``key`` (a ``generation_key``) in the shared cache and in this
    process, for ``FRAGMENT_CACHE_SECONDS`` at most."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return
    cache.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    _keep_here(key, value)


def _keep_here(key, value):
    with _LOCAL_LOCK:
        _LOCAL[key] = (time.monotonic() + settings.FRAGMENT_CACHE_SECONDS, value)
        _LOCAL.move_to_end(key)
        while len(_LOCAL) > LOCAL_ENTRIES:
            _LOCAL.popitem(last=False)


def per_generation(name, build, *parts):
    """``build()``'s value, computed once per catalogue generation, language and ``parts``
    and kept (``kept``, ``keep``: in the shared cache and in each process;
    ``FRAGMENT_CACHE_SECONDS``, 0 computes it every time). For what every page shows and
    only a publication, a sync or an editor's change alters: the menus, the theme list, a
    page's address in each language. The page cache may be off; these stay."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return build()
    key = generation_key(name, *parts)
    value = kept(key)
    if value is MISSING:
        value = build()
        keep(key, value)
    return value


def ids_per_generation(name, ids):
    """``ids()`` (a query of ids) as a frozenset, once per catalogue generation: for a view
    to skip a statement for the many rows that have nothing of it."""
    return per_generation(name, lambda: frozenset(ids()))


def invalidate_catalogue_pages(**_signal_kwargs):
    """Start a new generation: every cached catalogue page is out of date from now on."""
    value = str(time.time_ns())
    cache.set(GENERATION_KEY, value, timeout=None)
    memo = _request_generation.get()
    if memo is not None:  # the rest of this request sees the new generation too
        memo[:] = [value]


def _cacheable(request):
    if request.method not in ("GET", "HEAD") or settings.CATALOGUE_PAGE_CACHE_SECONDS <= 0:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _key(request, extra=""):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return generation_key(extra, path)


def invalidate_on_change(*models):
    """A new generation whenever a row of one of ``models`` is saved or deleted."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate_catalogue_pages,
                sender=model,
                dispatch_uid=f"page-cache-{model._meta.label}-{id(signal)}",
            )


def cached_catalogue_page(view=None, *, vary_on=None):
    """Serve anonymous visitors' GETs from the cache; store successful answers that set no
    cookie. Logged-in users (professionals see their own list on these pages) always get a
    fresh page. ``vary_on()`` adds to the key what else the page depends on (the search
    page's "open now": the minute). A view whose page changes at a known moment (a place
    opens or closes) sets ``response.valid_until`` (an aware datetime): the copy is kept
    until then at most."""
    if view is None:
        return lambda function: cached_catalogue_page(function, vary_on=vary_on)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request, vary_on() if vary_on else "")
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        personal = request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies
        if response.status_code == 200 and not personal:
            seconds = settings.CATALOGUE_PAGE_CACHE_SECONDS
            until = getattr(response, "valid_until", None)
            if until is not None:
                seconds = min(seconds, (until - timezone.now()).total_seconds())
            if seconds >= 1:
                cache.set(key, response, int(seconds))
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper


class PublicCacheHeadersMiddleware:
    """``Cache-Control: public`` on public pages that anonymous visitors get without a
    cookie: by default ``max-age=0, must-revalidate``, so that browsers and shared caches
    keep the page but ask each time, and Django's ConditionalGetMiddleware answers 304 Not
    Modified while its ETag holds (a publication or a sync shows at once);
    ``PUBLIC_PAGE_MAX_AGE`` lets them keep it that many seconds without asking. Everything
    that depends on who asks (a session, a CSRF token, a logged-in user) is ``private,
    no-cache``, so that no shared cache keeps it. Views that set Cache-Control keep theirs.
    Around the request, it keeps the catalogue generation the request first reads, so that
    the page's fragments read it from the shared cache once."""

    PRIVATE_PREFIXES = ("/admin/", "/django-admin/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set([])
        try:
            response = self.get_response(request)
        finally:
            _request_generation.reset(token)
        if response.has_header("Cache-Control") or request.path.startswith(self.PRIVATE_PREFIXES):
            return response
        if request.method not in ("GET", "HEAD") or response.status_code not in (200, 404, 410):
            return response
        user = getattr(request, "user", None)
        personal = response.cookies or (user is not None and user.is_authenticated)
        if personal or getattr(request, "session", None) is not None and request.session.keys():
            patch_cache_control(response, private=True, no_cache=True)
        elif settings.PUBLIC_PAGE_MAX_AGE > 0:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
        else:  # stored, but asked again each time (a 304 when unchanged: see the ETag)
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        patch_vary_headers(response, ("Cookie",))
        return response
