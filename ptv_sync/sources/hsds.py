"""An Open Referral HSDS document (`import_catalogue`): this guide's own export or another
county's feed. Its rows keep the sources they carry; the rest are stored under "hsds"."""

from django.utils.translation import gettext_lazy as _

from core.sources import DataSource, register

register(DataSource(code="hsds", label=_("Open Referral HSDS feed"), order=40))
