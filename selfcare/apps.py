from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfcareConfig(AppConfig):
    name = "selfcare"
    verbose_name = _("Self-care")

    def ready(self):
        from . import listitems, reports  # noqa: F401 - register list kinds, report sections
