from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfessionalsConfig(AppConfig):
    name = "professionals"
    verbose_name = _("Professional tools")

    def ready(self):
        from . import reports  # noqa: F401 - registers its report sections
