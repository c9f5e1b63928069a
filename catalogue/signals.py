from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from core.pagecache import invalidate_catalogue_pages

from .classify import classify_services
from .models import LocalEnrichment, Service, SynonymSet, Theme


@receiver(m2m_changed, sender=Service.local_themes_added.through)
@receiver(m2m_changed, sender=Service.local_themes_removed.through)
def editor_changed_themes(sender, instance, action, reverse, pk_set, **kwargs):
    """An editor added or removed a theme: the service's themes follow at once."""
    if not action.startswith("post_"):
        return
    if reverse:  # changed from the theme's side: every service concerned
        ids = pk_set or []
        if action == "post_clear":
            return
        classify_services(list(ids))
    else:
        classify_services([instance.pk])


@receiver(post_save, sender=LocalEnrichment)
@receiver(post_delete, sender=LocalEnrichment)
def editor_changed_enrichment(sender, instance, origin=None, **kwargs):
    """Hidden services leave the search at once; editors' keywords are searchable at once.
    Not when the enrichment goes because its service is deleted: the service's entry goes
    with it, and writing it again would point at a row about to be gone."""
    from .search.indexing import index_services

    if isinstance(origin, Service) or getattr(origin, "model", None) is Service:
        return
    index_services([instance.service_id])


@receiver(post_save, sender=SynonymSet)
@receiver(post_delete, sender=SynonymSet)
def editor_changed_synonyms(sender, instance, **kwargs):
    """Synonyms are applied to each query: cached result pages are all that must go."""
    invalidate_catalogue_pages()


@receiver(post_save, sender=Theme)
def editor_renamed_theme(sender, instance, created, **kwargs):
    """A theme's names are search words of its services: their entries follow."""
    if created:
        return
    from .search.indexing import index_services

    index_services(list(instance.service_links.values_list("service_id", flat=True)))


@receiver(pre_delete, sender=Theme)
def editor_deleting_theme(sender, instance, **kwargs):
    """Remember the theme's services: their links go with it."""
    instance.indexed_services = list(instance.service_links.values_list("service_id", flat=True))


@receiver(post_delete, sender=Theme)
def editor_deleted_theme(sender, instance, **kwargs):
    """A deleted theme's words and its facet leave its services' entries at once."""
    from .search.indexing import index_services

    index_services(getattr(instance, "indexed_services", []))
