from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfessionalsConfig(AppConfig):
    name = "professionals"
    verbose_name = _("Professional tools")

    def ready(self):
        from . import reports, signals  # noqa: F401 - report sections, page-cache signals
