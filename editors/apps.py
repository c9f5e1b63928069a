from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorsConfig(AppConfig):
    name = "editors"
    verbose_name = _("Editors and governance")

    def ready(self):
        from wagtail.admin import auth

        from . import reports, signals  # noqa: F401 - reports registers its report section
        from .admin_views import permission_denied

        # Wagtail answers an admin action the user may not take by redirecting to the
        # dashboard (302). Say it with the status it is: 403, with the same message, so that
        # a refused edit, publish or delete is a refusal for browsers, monitoring and tests.
        auth.permission_denied = permission_denied
