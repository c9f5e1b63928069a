"""Seeding a listing page and its pages for load_demo: idempotent, an existing page (by its
Finnish slug) is left as an editor has it."""

import json

from catalogue.models import Theme
from core.i18n import default_field


def ensure_pages(home, index_model, index_spec, page_model, builds, stream_fields):
    """Create the index under ``home`` and the pages ``builds`` describe (each a function of
    {theme slug: id} returning the page's fields, its ``themes`` and raw ``stream_fields``)
    that are missing. Returns how many pages were created."""
    created = 0
    index = index_model.objects.first()
    if index is None:
        index = index_model(**index_spec)
        home.add_child(instance=index)
        index.save_revision(log_action=False).publish(log_action=False)
        created += 1
    themes = {theme.slug: theme.pk for theme in Theme.objects.all()}
    for build in builds:
        spec = build(themes)
        slug = default_field("slug")
        if page_model.objects.filter(**{slug: spec[slug]}).exists():
            continue
        theme_slugs = spec.pop("themes")
        for name in stream_fields:
            spec[name] = json.dumps(spec[name])
        page = page_model(**spec)
        index.add_child(instance=page)
        page.themes.set([themes[slug] for slug in theme_slugs])
        page.save_revision(log_action=False).publish(log_action=False)
        created += 1
    return created
