"""Wagtail's site and page lookups, kept per catalogue generation.

Wagtail finds a request's site with a query, then walks the page tree from the site's root to
the page, one level at a time (wagtail-modeltranslation reads every child of each level to
compare its slug in the active language), and reads each level's specific page: on a theme
page, seven statements and about 7 ms of each view (measured at 10,000 services). Which page
an address names changes only when a page is published, unpublished, moved or renamed, or a
site changes, and each of those starts a new catalogue generation (portal.signals). So the
answers are kept per generation (``core.pagecache``: in the shared cache and in each
process): the site for the host, and the page (its type and id) for the host, language and
path. The page itself is read once per process and generation and kept there with what it
has read (a theme page's theme); each view then checks with one narrow statement that it is
still live, and if it no longer is, Wagtail routes the request as it always does.

Only routes that end at a page with nothing left over are kept: a routable page's sub-route
(a programme's step) is routed by Wagtail every time, and an address that names no page is
not kept at all, so that made-up addresses cannot fill the cache.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core.pagecache import (
    MISSING,
    PublicCacheHeadersMiddleware,
    generation_key,
    keep,
    keep_here,
    kept,
    kept_here,
    per_generation,
)

# Whether a kept page is still live: read on each view, so that a page unpublished without
# a signal (in SQL) is not served.
LIVE = f"SELECT live FROM {connection.ops.quote_name(Page._meta.db_table)} WHERE id = %s"  # noqa: S608

# The admin and the APIs: no public page, and no site or page to look up.
PRIVATE_PREFIXES = PublicCacheHeadersMiddleware.PRIVATE_PREFIXES


class WagtailLookupsMiddleware:
    """Sets Wagtail's own per-request caches (``request._wagtail_site`` and
    ``request._wagtail_route_for_request``) from what this generation already found. After
    CommonMiddleware, which has checked the host against ALLOWED_HOSTS, and after the
    language is active (the slugs are per language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.FRAGMENT_CACHE_SECONDS <= 0 or request.path_info.startswith(PRIVATE_PREFIXES):
            return None  # nothing kept: Wagtail looks both up as it always does
        request._wagtail_site = per_generation(
            "wagtail-site", lambda: Site._find_for_request(request), request.get_host()
        )
        if view_func is not wagtail_views.serve:
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        key = generation_key("wagtail-route", request.get_host(), path)
        found = kept(key)
        if found is not MISSING:
            page = kept_page(*found)
            if page is not None:
                request._wagtail_route_for_request = RouteResult(page)
                return None
        route = Page.route_for_request(request, path)
        if route is not None and not route.args and not route.kwargs:
            page = route.page
            keep(key, (page.content_type_id, page.pk))
            keep_here(page_key(page.content_type_id, page.pk), page)
        return None


def page_key(content_type_id, pk):
    return generation_key("wagtail-page", content_type_id, pk)


def kept_page(content_type_id, pk):
    """The live page a kept route names, read as its own type, or None. The instance is
    kept in this process for the generation (with what it has read, e.g. a theme page's
    theme); each view still checks that the page is live."""
    key = page_key(content_type_id, pk)
    page = kept_here(key)
    if page is not MISSING:
        with connection.cursor() as cursor:
            cursor.execute(LIVE, [pk])
            row = cursor.fetchone()
        return page if row is not None and row[0] else None
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    page = model.objects.filter(pk=pk, live=True).first()
    if page is not None:
        keep_here(key, page)
    return page
