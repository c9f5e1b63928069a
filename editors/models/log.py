from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager


class ScopedLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        """The history of the items in the user's scope only: the admin's site history and
        its exports would otherwise show an editor what others write (even unpublished)."""
        from .. import scope

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if scope.scope_of(user).everything:
            return self.all()
        visible = Q(pk__in=[])
        for model, scoped in scope.logged_models():
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            ids = [str(pk) for pk in scoped(user).values_list("pk", flat=True)]
            visible |= Q(content_type=content_type, object_id__in=ids)
        return self.filter(visible)


class EditorLogEntry(BaseLogEntry):
    """The history (Wagtail's audit log) of local services, enrichments and feedback, which
    everyone sees within their own scope."""

    object_id = models.CharField(max_length=255, db_index=True)

    objects = ScopedLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("editors' log entry")
        verbose_name_plural = _("editors' log entries")

    def __str__(self):
        return f"EditorLogEntry {self.pk}: {self.action} on {self.object_id}"
