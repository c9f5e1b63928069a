"""LIPAS (Liikuntapaikat.fi, University of Jyväskylä): sports and recreation places, API V2,
or recorded pages in a drop folder. No change feed: every run reads everything."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.sources import DataSource, register

from ..adapters.lipas import LipasSource, pending, types
from .base import DEMO_DIR, Adapter, SyncConfigurationError, source_client


def code_words():
    """The words a resident would use for each place type (fi, sv, en): search finds a
    place by "laavu", "uimaranta" or "vindskydd" as a PTV service by its class."""
    return {str(code): spec["words"] for code, spec in types().items()}


class Lipas(Adapter):
    readers = (pending,)

    def check(self, from_dir):
        if not from_dir and not settings.LIPAS_API_URL:
            raise SyncConfigurationError(
                "LIPAS needs LIPAS_API_URL (https://api.lipas.fi/), or --from-dir with "
                "recorded sports-sites pages"
            )

    def items(self, run):
        if not run.scope.get("municipalities"):
            # Without city-codes the API answers with the whole country.
            raise SyncConfigurationError("LIPAS is read for the county's municipalities: none set")
        client = source_client(settings.LIPAS_API_URL)
        return LipasSource(client, run.scope["municipalities"])


register(
    DataSource(
        code="lipas",
        label=_("LIPAS sports and recreation places"),
        short_label="LIPAS",
        attribution=_("Lipas.fi, University of Jyväskylä (CC BY 4.0)"),
        management=(_("Lipas.fi"), "LIPAS_MANAGEMENT_URL"),
        order=30,
        adapter=Lipas(),
        demo=DEMO_DIR / "lipas",
        code_words=code_words(),
    )
)
