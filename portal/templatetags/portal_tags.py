from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.i18n import language_versions as _language_versions
from core.pagecache import per_generation

register = template.Library()

ICON_NAMES = {"walk", "leaf", "moon", "heart", "cup", "people", "tooth", "brain", "search"}


@register.simple_tag(takes_context=True)
def language_versions(context):
    return _language_versions(context.get("request"), context.get("page"))


def _site_root(request):
    if not hasattr(request, "_portal_site_root"):
        site = Site.find_for_request(request)
        request._portal_site_root = site.root_page if site else None
    return request._portal_site_root


def _top_pages(request, in_menu):
    """The live public pages under the site's home page, in or out of the menu (title,
    url, path), once per catalogue generation, language and host."""

    def build():
        root = _site_root(request)
        if root is None:
            return []
        return [
            {"title": child.title, "url": child.get_url(request=request), "path": child.path}
            for child in root.get_children().live().public().filter(show_in_menus=in_menu)
        ]

    return per_generation("top-pages", build, request.get_host(), in_menu)


@register.simple_tag(takes_context=True)
def navigation(context):
    """Header navigation: pages under the home page marked "show in menus", then the
    catalogue search and the events calendar. Each item: title, url, current."""
    request = context["request"]
    current_page = context.get("page")
    current_path = getattr(current_page, "path", None)
    items = [
        {
            "title": item["title"],
            "url": item["url"],
            "current": current_path is not None and current_path.startswith(item["path"]),
        }
        for item in _top_pages(request, in_menu=True)
    ]
    match = getattr(request, "resolver_match", None)
    items.append(
        {
            "title": _("Services"),
            "url": reverse("catalogue:search"),
            "current": bool(match and match.view_name == "catalogue:search"),
        }
    )
    items.append(
        {
            "title": _("Events"),
            "url": reverse("catalogue:events"),
            "current": bool(match and match.view_name == "catalogue:events"),
        }
    )
    return items


@register.simple_tag(takes_context=True)
def footer_pages(context):
    return _top_pages(context["request"], in_menu=False)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors below the root, as links (title, url), once per catalogue
    generation, language and host: a move, a rename or a publication starts a new one. An
    editor's preview (perhaps of a page not saved yet) is not kept."""
    request = context["request"]

    def build():
        return [
            {"title": ancestor.title, "url": ancestor.get_url(request=request)}
            for ancestor in page.get_ancestors()[1:]
        ]

    if page.pk is None or getattr(request, "is_preview", False):
        return build()
    return per_generation("breadcrumbs", build, request.get_host(), page.pk)


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context["request"]

    def build():
        root = _site_root(request)
        return root.get_url(request=request) if root else "/"

    return per_generation("home-url", build, request.get_host())


@register.inclusion_tag("portal/icon.html")
def icon(name, size=32):
    if name not in ICON_NAMES:
        name = "leaf"
    return {"template_name": f"icons/{name}.svg", "size": size}


@register.inclusion_tag("components/map.html")
def map_box(label, failed, points_url="", features_id="", size=""):
    """A map of services: ``points_url`` answers GeoJSON, or ``features_id`` names a
    json_script element holding it. The tiles and their attribution come from settings."""
    return {
        "label": label,
        "failed": failed,
        "points_url": points_url,
        "features_id": features_id,
        "size": size,
        "tile_url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "max_zoom": settings.MAP_MAX_ZOOM,
    }


@register.simple_tag(takes_context=True)
def render_component(context, item):
    """One component of the pattern library with its example context."""
    from django.template.loader import render_to_string

    values = {**item["context"], "professional_user": False}
    return render_to_string(item["template"], values, request=context.get("request"))
