from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditorProfile(models.Model):
    """Which municipalities and organisations an editor answers for. The role (group) says
    what they may do; the profile says where (editors.scope)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="editor_profile",
    )
    municipalities = models.ManyToManyField(
        "catalogue.Municipality",
        verbose_name=_("municipalities"),
        blank=True,
        related_name="editor_profiles",
        help_text=_(
            "A municipal editor edits the local services, enrichments and pages of these "
            "municipalities."
        ),
    )
    organisations = models.ManyToManyField(
        "catalogue.Organisation",
        verbose_name=_("organisations"),
        blank=True,
        related_name="editor_profiles",
        help_text=_(
            "An NGO editor edits the local activities and enrichments of these organisations."
        ),
    )
    weekly_digest = models.BooleanField(
        _("weekly e-mail of items to review"),
        default=False,
        help_text=_(
            "Once a week, an e-mail listing the editor's local services that nobody has "
            "reviewed for 12 months."
        ),
    )

    class Meta:
        verbose_name = _("editor profile")
        verbose_name_plural = _("editor profiles")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()
