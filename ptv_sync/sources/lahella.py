"""Lähellä.fi, the NGOs' activities (partner API, or exported activities in a drop folder).
No change feed: every run reads everything."""

import json
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.sources import DataSource, register

from ..adapters.lahella import LahellaSource
from ..dropfolder import LAHELLA_READERS
from .base import DEMO_DIR, Adapter, SyncConfigurationError, source_client

# Its theme, format and activity-type codes carry no names in its API: the words a resident
# would use for them, so that its activities are found by them as PTV services are by their
# service classes.
CODE_WORDS = json.loads((Path(__file__).with_name("lahella_code_words.json")).read_text())


class Lahella(Adapter):
    readers = LAHELLA_READERS
    # Occurrences and past events depend on the day.
    dated_folders = True

    def check(self, from_dir):
        if not from_dir and not settings.LAHELLA_API_URL:
            raise SyncConfigurationError(
                "Lähellä.fi needs LAHELLA_API_URL (and LAHELLA_API_TOKEN) for partner access, "
                "or --from-dir with exported activities"
            )

    def items(self, run):
        headers = {}
        if settings.LAHELLA_API_TOKEN:
            headers["Authorization"] = f"Bearer {settings.LAHELLA_API_TOKEN}"
        client = source_client(settings.LAHELLA_API_URL, headers)
        return LahellaSource(client, run.scope["municipalities"])


register(
    DataSource(
        code="lahella",
        label=_("Lähellä.fi"),
        short_label="Lähellä.fi",
        management=(_("Lähellä.fi"), "LAHELLA_MANAGEMENT_URL"),
        order=20,
        adapter=Lahella(),
        demo=DEMO_DIR / "lahella",
        code_words=CODE_WORDS,
    )
)
