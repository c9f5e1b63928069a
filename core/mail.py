"""Notification e-mails to staff: Finnish and Swedish in one message, holding a link into the
admin and never the personal data or text behind it. A failing mail server is logged, never
shown to whoever caused the notification."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation

from core.i18n import language_codes

logger = logging.getLogger(__name__)


def link_base(request=None):
    """Where the links in e-mails point: ``WAGTAILADMIN_BASE_URL``; in development without it
    (``MAIL_LINKS_FROM_REQUEST``), the host and port the request came to."""
    if request is not None and settings.MAIL_LINKS_FROM_REQUEST:
        return request.build_absolute_uri("/")
    return settings.WAGTAILADMIN_BASE_URL


def mail_link(
    addresses, subject, message, params, path, subject_suffix="", about="", base_url=None
):
    """Send ``subject`` and ``message`` (lazy msgids) in every site language, formatted with
    what ``params()`` returns in each language (translated names differ), the message followed
    by the admin link to ``path`` (on ``base_url``, ``link_base()`` by default). Returns how
    many were sent (0 when there was nobody to tell or the server refused)."""
    if not addresses:
        return 0
    link = (base_url or link_base()).rstrip("/") + path
    subjects, parts = [], []
    for language in language_codes():
        with translation.override(language):
            values = params()
            subjects.append(str(subject) % values)
            parts.append(str(message) % values + f"\n{link}\n")
    try:
        return send_mail(
            " / ".join(subjects) + subject_suffix,
            "\n".join(parts),
            settings.DEFAULT_FROM_EMAIL,
            addresses,
        )
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send the e-mail about %s", about)
        return 0
