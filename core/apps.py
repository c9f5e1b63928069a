from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared plumbing that every other app may use and that imports none of them: input
    checks, anonymous counters, mail links, rate limits, form helpers, spreadsheets, the page
    cache, security headers, language helpers and text sanitising."""

    name = "core"
    verbose_name = _("Shared services")

    def ready(self):
        from .admin_language import localise_snippet_chooser

        localise_snippet_chooser()
