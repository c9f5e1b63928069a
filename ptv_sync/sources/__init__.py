"""The sources ptv_sync reads, each declared once in its own module (core.sources.DataSource
with its Adapter). Importing this package registers them; PtvSyncConfig.ready does."""

from . import hsds, lahella, lipas, local, ptv_v11, ptv_v12  # noqa: F401 - each registers itself
