"""PTV, the Suomi.fi service catalogue, through its Open API v11 (incremental by date)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.sources import DataSource, register

from ..adapters.ptv_v11 import PtvV11Source
from ..dropfolder import PTV_READERS
from .base import DEMO_DIR, Adapter, known_ids, source_client


class PtvV11(Adapter):
    readers = PTV_READERS
    incremental = True

    def items(self, run):
        client = source_client(settings.PTV_V11_URL)
        return PtvV11Source(
            client, run.scope["municipalities"], since=run.since, known_ids=known_ids("ptv")
        )


register(
    DataSource(
        code="ptv",
        label=_("Suomi.fi service catalogue (PTV)"),
        short_label="PTV",
        attribution=_("Suomi.fi Finnish Service Catalogue"),
        management=(_("Suomi.fi Finnish Service Catalogue (PTV)"), "PTV_MANAGEMENT_URL"),
        order=10,
        adapter=PtvV11(),
        demo=DEMO_DIR / "ptv-v11",
        startable=True,
    )
)
