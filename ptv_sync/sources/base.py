"""What every source's adapter answers for the runner (ptv_sync.runner): whether a run can
start, and the stream of items from the source's API or from a drop folder."""

from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ..dropfolder import read_folder
from ..http import ApiClient
from ..pipeline import MODELS

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo_payloads"


class SyncConfigurationError(Exception):
    """The sync was asked for something that cannot run (unknown source, bad scope)."""


def source_client(url, headers=None):
    return ApiClient(
        url,
        headers=headers,
        timeout=(5, settings.SYNC_HTTP_TIMEOUT),
        max_retry_after=settings.SYNC_RETRY_AFTER_MAX,
    )


def known_ids(source):
    """A lookup of the external ids of ``source``'s stored rows, by kind."""

    def lookup(kind):
        return set(MODELS[kind].objects.filter(source=source).values_list("external_id", flat=True))

    return lookup


class Adapter:
    """A source's reading. ``readers`` recognise its objects in a drop folder (by shape);
    ``incremental`` sources have a change feed, so a run reads the changes since the last
    successful one; the others read everything every time."""

    readers = ()
    incremental = False
    # The day is part of the drop-folder digests of sources whose items depend on it.
    dated_folders = False

    def check(self, from_dir):
        """Refuse, before anything is written, a run that cannot work (raise
        SyncConfigurationError)."""

    def folder_items(self, from_dir, manifest):
        salt = timezone.localdate().isoformat() if self.dated_folders else ""
        return read_folder(from_dir, self.readers, manifest, salt=salt)

    def items(self, run):
        """The live source's stream for ``run`` (its scope, since)."""
        raise SyncConfigurationError("this source is read from a drop folder only (--from-dir)")
