"""Local content: services the guide's own editors write (editors.publishing brings them in
through ptv_sync.adapters.local). Nothing syncs it."""

from django.utils.translation import gettext_lazy as _

from core.sources import DataSource, register

register(
    DataSource(
        code="local",
        label=_("Local content"),
        attribution=_("this guide's editors"),
        order=30,
    )
)
