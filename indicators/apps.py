from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """The county's usage indicators (counted page views, the monthly report and its CSV) and
    the data-protection page."""

    name = "indicators"
    verbose_name = _("Usage indicators")

    def ready(self):
        from . import reports  # noqa: F401 - registers its report sections
