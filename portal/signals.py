from django.db.models.signals import post_save
from django.dispatch import receiver

from catalogue.models import ClassificationRule, Municipality, Service, ServiceChannel, Theme
from core.i18n import default_field, language_codes
from core.pagecache import invalidate_catalogue_pages, invalidate_on_change
from editors import pages

from .models import MunicipalityIndexPage, MunicipalityPage


@receiver(post_save, sender=MunicipalityPage)
def municipality_page_created(sender, instance, created, raw=False, **kwargs):
    """A new municipality page gets its page group and the municipality's editors
    (editors.pages)."""
    if created and not raw:
        pages.page_group(instance)
        pages.sync_municipality(instance.municipality)


@receiver(post_save, sender=MunicipalityIndexPage)
def municipality_index_created(sender, instance, created, raw=False, **kwargs):
    """The municipality index gets the coordinators' approval workflow."""
    if created and not raw:
        pages.ensure_page_workflow(instance)


@receiver(post_save, sender=Theme)
def keep_theme_page_titles_in_step(sender, instance, raw=False, **kwargs):
    """The Theme's name is canonical: its page's titles follow it in both languages."""
    if raw:
        return
    from .models import ThemePage

    titles = {
        f"title_{code}": getattr(instance, f"name_{code}") or None for code in language_codes()
    }
    ThemePage.objects.filter(theme=instance).update(
        **titles, draft_title=getattr(instance, default_field("name"))
    )


def _connect_page_cache_invalidation():
    """What the catalogue pages show changes: a new generation of cached pages. The search
    index (catalogue.search.indexing: re-indexing, theme changes, enrichments through it) and
    every sync run invalidate on their own; these are the edits that reach the pages without
    them."""
    from django.db.models.signals import m2m_changed
    from wagtail.models import Page, Site
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    for signal in (
        page_published,
        page_unpublished,
        published,
        unpublished,
        post_page_move,
        page_slug_changed,
    ):
        signal.connect(invalidate_catalogue_pages, dispatch_uid=f"page-cache-{id(signal)}")
    # The menus and the pages' addresses in each language are kept per generation too
    # (core.pagecache.per_generation): a deleted page or a changed site ends it as well, and a
    # changed municipality (the search finds municipalities by code from a map kept per
    # generation).
    invalidate_on_change(
        Service, ServiceChannel, Theme, Municipality, ClassificationRule, Page, Site
    )
    m2m_changed.connect(_catalogue_relation_changed, dispatch_uid="page-cache-m2m")


def _catalogue_relation_changed(sender, action, **kwargs):
    """Featured themes, editors' theme additions and removals and the like."""
    if sender._meta.app_label == "catalogue" and action.startswith("post_"):
        invalidate_catalogue_pages()


_connect_page_cache_invalidation()
