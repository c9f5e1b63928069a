"""PTV through its Open API v12: the same catalogue and rows as v11 (source "ptv"), read with
an API key, by municipality or county."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.sources import DataSource, register

from ..adapters.ptv_v12 import PtvV12Source
from ..dropfolder import PTV_READERS
from .base import Adapter, SyncConfigurationError, known_ids, source_client


class PtvV12(Adapter):
    readers = PTV_READERS
    incremental = True

    def check(self, from_dir):
        if not from_dir and not settings.PTV_API_KEY:
            raise SyncConfigurationError("PTV v12 needs PTV_API_KEY (sent as x-api-key)")

    def items(self, run):
        client = source_client(settings.PTV_V12_URL, {"x-api-key": settings.PTV_API_KEY})
        counties = [run.scope["county"]] if run.scope.get("county") else []
        return PtvV12Source(
            client,
            run.scope["municipalities"],
            counties,
            since=run.since,
            known_ids=known_ids("ptv"),
        )


register(
    DataSource(
        code="ptv-v12",
        label=_("Suomi.fi service catalogue (PTV), Open API v12"),
        short_label="PTV v12",
        stores="ptv",
        order=11,
        adapter=PtvV12(),
        startable=True,
    )
)
