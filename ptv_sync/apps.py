from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PtvSyncConfig(AppConfig):
    name = "ptv_sync"
    verbose_name = _("Catalogue synchronisation")

    def ready(self):
        from . import sources  # noqa: F401 - declares the sources (core.sources)
