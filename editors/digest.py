"""The optional weekly e-mail to editors: their local services nobody has reviewed for 12
months (EditorProfile.weekly_digest). Run it weekly from cron (docs/operator.md)."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.i18n import field_names, site_language

from .dashboard import stale_local_services
from .models import EditorProfile

logger = logging.getLogger(__name__)


def digest_text(items):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines = [
        _(
            "These local services of yours have not been reviewed for 12 months. Check that "
            "their details are still right, then edit them or mark them as reviewed:"
        ),
        "",
    ]
    for item in items:
        lines.append(f"- {item}")
        lines.append(f"  {base}{reverse('editors_mark_reviewed', args=[item.pk])}")
    return "\n".join(lines)


def send_stale_digests(now=None):
    """One e-mail per editor who asked for it and has stale items. Returns (editors
    e-mailed, items listed)."""
    sent = listed = 0
    profiles = EditorProfile.objects.filter(weekly_digest=True, user__is_active=True)
    for profile in profiles.select_related("user"):
        user = profile.user
        items = list(stale_local_services(user, now).order_by(*field_names("name"), "pk"))
        if not items or not user.email:
            continue
        language = getattr(getattr(user, "wagtail_userprofile", None), "preferred_language", "")
        with translation.override(site_language(language)):
            subject = _("Local services to review")
            body = digest_text(items)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except (OSError, smtplib.SMTPException):
            logger.exception("Could not send the review digest to %s", user.pk)
            continue
        sent += 1
        listed += len(items)
    return sent, listed
