from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from . import pages, publishing
from .models import EditorProfile, LocalService


@receiver(published, sender=LocalService)
def local_service_published(sender, instance, revision=None, **kwargs):
    """The approved version goes into the catalogue."""
    publishing.publish(instance, user=getattr(revision, "user", None))


@receiver(unpublished, sender=LocalService)
def local_service_unpublished(sender, instance, **kwargs):
    publishing.withdraw(instance.pk)


@receiver(post_delete, sender=LocalService)
def local_service_deleted(sender, instance, **kwargs):
    publishing.withdraw(instance.pk)


@receiver(post_save, sender=EditorProfile)
def profile_saved(sender, instance, **kwargs):
    pages.sync_page_access(instance.user)


@receiver(m2m_changed, sender=EditorProfile.municipalities.through)
def profile_municipalities_changed(sender, instance, action, reverse, **kwargs):
    if action.startswith("post_") and not reverse:
        pages.sync_page_access(instance.user)


@receiver(m2m_changed, sender=get_user_model().groups.through)
def user_groups_changed(sender, instance, action, reverse, **kwargs):
    """Someone became (or stopped being) a municipal editor."""
    if action.startswith("post_") and not reverse and isinstance(instance, get_user_model()):
        pages.sync_page_access(instance)
