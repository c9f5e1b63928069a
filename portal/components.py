"""The pattern library: every front-end component template, shown with example content on
one admin page (Admin → Settings → Components), so that editors and developers see the whole
design system in one place and the browser tests can check it with axe."""

from django.utils.translation import gettext_lazy as _

from catalogue.listing import public_services, with_sources
from core.i18n import site_language_choices


def _facet():
    return {
        "legend": _("Service language"),
        "param": "example-language",
        # The site's languages with example counts, the first one chosen.
        "options": [
            (code, name, count, index == 0)
            for index, ((code, name), count) in enumerate(
                zip(site_language_choices(), (120, 64, 12), strict=False)
            )
        ],
    }


def _service_item():
    service = public_services().select_related("responsible_organisation").first()
    if service is None:
        return None
    with_sources([service])
    return {"service": service, "heading": "h3"}


def _theme_grid():
    from portal.models import theme_pages

    return {"theme_pages": theme_pages()[:3]}


def _map():
    return {
        "features": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": lon_lat},
                    "properties": {"name": name, "place": "", "url": "#"},
                }
                for name, lon_lat in (
                    ("Vaasa", [21.6158, 63.0960]),
                    ("Kokkola", [23.1306, 63.8385]),
                    ("Närpiö", [21.3372, 62.4722]),
                )
            ],
        }
    }


# (name, template, what it is for, example context: a dict or a callable; None = not shown)
COMPONENTS = [
    (
        _("Search box"),
        "catalogue/includes/search_box.html",
        _("The front page's and theme pages' search for services."),
        lambda: {"field_id": "example-search"},
    ),
    (
        _("Filter group"),
        "catalogue/includes/facet.html",
        _("One group of the search page's filters, with the number of services of each."),
        _facet,
    ),
    (
        _("Service in a list"),
        "catalogue/includes/service_item.html",
        _("A service in a result or theme list: name, summary, provider and source."),
        _service_item,
    ),
    (
        _("Theme cards"),
        "portal/includes/theme_grid.html",
        _("The themes as cards with their icons."),
        _theme_grid,
    ),
    (
        _("Error summary"),
        "components/error_summary.html",
        _("The errors of a form at its top; each links to its field."),
        lambda: {
            "title": _("The referral was not sent. Please check:"),
            "items": [("example-search", _("This field is required."))],
        },
    ),
    (
        _("Pagination"),
        "components/pagination.html",
        _("Pages of a long list."),
        lambda: {
            "label": _("Pages of the results"),
            "number": 2,
            "count": 5,
            "previous_url": "#",
            "next_url": "#",
        },
    ),
    (
        _("Map"),
        "components/map_example.html",
        _("A map of services (Leaflet). Never the only way: the same places are in a list."),
        _map,
    ),
]


def examples():
    """The components with their example context; those without example content left out."""
    shown = []
    for name, template, purpose, context in COMPONENTS:
        values = context() if callable(context) else context
        if values is not None:
            shown.append(
                {
                    "name": name,
                    "template": template,
                    "purpose": purpose,
                    "context": values,
                    "slug": template.rsplit("/", 1)[-1].removesuffix(".html"),
                }
            )
    return shown
