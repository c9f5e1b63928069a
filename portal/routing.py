"""Wagtail's site and page lookups, kept per catalogue generation.

Wagtail finds a request's site with a query, then walks the page tree from the site's root to
the page, one level at a time (wagtail-modeltranslation reads every child of each level to
compare its slug in the active language), and reads each level's specific page: on a theme
page, seven statements and about 7 ms of each view (measured at 10,000 services). Which page
an address names changes only when a page is published, unpublished, moved or renamed, or a
site changes, and each of those starts a new catalogue generation (portal.signals). So the
answers are kept per generation (``core.pagecache``: in the shared cache and in each
process): the site for the host, and the page (its type and id) for the host, language and
path. A kept page is read with one statement, and only while it is live; if it
no longer is, Wagtail routes the request as it always does.

Only routes that end at a page with nothing left over are kept: a routable page's sub-route
(a programme's step) is routed by Wagtail every time, and an address that names no page is
not kept at all, so that made-up addresses cannot fill the cache.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core.pagecache import (
    MISSING,
    PublicCacheHeadersMiddleware,
    generation_key,
    keep,
    kept,
    per_generation,
)

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
            keep(key, (route.page.content_type_id, route.page.pk))
        return None


def kept_page(content_type_id, pk):
    """The live page a kept route names, read as its own type, or None."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return model.objects.filter(pk=pk, live=True).first()
