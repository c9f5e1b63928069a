from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 2000


class ServiceFeedback(models.Model):
    """An error report on one service ("Ilmoita virheestä" / "Rapportera ett fel"), routed
    to the editors responsible for the service, else to the coordinators. The "was this
    helpful" answers are only counted (portal.DailyCount)."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        HANDLED = "handled", _("handled")

    service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=2)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(
        _("internal note"),
        blank=True,
        max_length=1000,
        help_text=_("For the editors only: what was done. Never shown to the sender."),
    )
    routed_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent to"),
        blank=True,
        related_name="+",
        help_text=_("The editors who were told of it when it arrived."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("service feedback")
        verbose_name_plural = _("service feedback")

    def __str__(self):
        return f"{self.service} ({self.created_at:%d.%m.%Y})"
