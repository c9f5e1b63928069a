"""Running a sync: scope, source, lock, pipeline and run log. Used by the sync_catalogue
command, the admin's "Sync now" task and load_demo."""

import json
import logging
import signal
import threading
from contextlib import nullcontext
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from catalogue import dedupe
from catalogue.reference import configured_scope
from core.pagecache import invalidate_catalogue_pages

from . import pipeline
from .adapters import lahella
from .adapters.ptv_v11 import PtvV11Source
from .adapters.ptv_v12 import PtvV12Source
from .dropfolder import LAHELLA_READERS, PTV_READERS, read_folder
from .http import ApiClient, SourceError
from .models import ImportedFile, SyncAlreadyRunning, SyncLock, SyncRun

logger = logging.getLogger(__name__)

SOURCES = ("ptv", "ptv-v12", "lahella")
# ptv and ptv-v12 read the same catalogue: either's last success starts the next increment.
SAME_DATA = {"ptv": ("ptv", "ptv-v12"), "ptv-v12": ("ptv", "ptv-v12"), "lahella": ("lahella",)}


class SyncConfigurationError(Exception):
    """The sync was asked for something that cannot run (unknown source, bad scope)."""


class SyncInterrupted(BaseException):  # noqa: N818 - like KeyboardInterrupt, not an error
    """The process was told to stop (SIGTERM) in the middle of a run. A BaseException, so
    that no ``except Exception`` on the way swallows it."""


class TerminationGuard:
    """While a run is going, SIGTERM raises SyncInterrupted in the main thread: the batch
    being written rolls back with its transaction and the run is recorded as failed. Off
    the main thread (no signals there) it does nothing. ``resume()`` then passes the signal
    on to whoever handled it before (a task worker's own graceful stop); True when that
    was the default, which ends the process."""

    def __init__(self):
        self.previous = None
        self.active = threading.current_thread() is threading.main_thread()

    def __enter__(self):
        if self.active:
            self.previous = signal.getsignal(signal.SIGTERM)
            signal.signal(signal.SIGTERM, self._interrupt)
        return self

    def _interrupt(self, signum, frame):
        raise SyncInterrupted("SIGTERM")

    def __exit__(self, *exc_info):
        if self.active:
            signal.signal(signal.SIGTERM, self.previous)
        return False

    def resume(self):
        """After the run has been recorded: pass the signal on."""
        if callable(self.previous):
            self.previous(signal.SIGTERM, None)
            return False
        return self.previous != signal.SIG_IGN


def default_scope():
    try:
        return configured_scope()
    except ValueError as error:
        raise SyncConfigurationError(str(error)) from error


def last_success(source):
    run = (
        SyncRun.objects.filter(source__in=SAME_DATA[source], status=SyncRun.Status.SUCCEEDED)
        .exclude(mode__in=(SyncRun.Mode.FOLDER, SyncRun.Mode.FOLDER_FULL))
        .order_by("-started_at")
        .first()
    )
    return run.started_at if run else None


def known_ids(source):
    from .pipeline import MODELS

    def lookup(kind):
        return set(MODELS[kind].objects.filter(source=source).values_list("external_id", flat=True))

    return lookup


def check_request(source, from_dir):
    """Refuse, before anything is written, what cannot run."""
    if source not in SOURCES:
        raise SyncConfigurationError(f"unknown source {source!r}; use one of {', '.join(SOURCES)}")
    if source == "lahella" and not from_dir and not settings.LAHELLA_API_URL:
        raise SyncConfigurationError(
            "Lähellä.fi needs LAHELLA_API_URL (and LAHELLA_API_TOKEN) for partner access, "
            "or --from-dir with exported activities"
        )
    if from_dir is not None and not Path(from_dir).is_dir():
        raise SyncConfigurationError(f"{from_dir} is not a folder")
    if source == "ptv-v12" and not from_dir and not settings.PTV_API_KEY:
        raise SyncConfigurationError("PTV v12 needs PTV_API_KEY (sent as x-api-key)")


def stored_manifest(folder, path):
    """(digest, entries) of the file as last imported, or None. Plain SQL: it runs once per
    file on every resync."""
    table = connection.ops.quote_name(ImportedFile._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT digest, entries FROM {table} WHERE folder = %s AND path = %s",  # noqa: S608
            [folder, path],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    digest, entries = row
    return digest, json.loads(entries) if isinstance(entries, str) else entries


def source_client(url, headers=None):
    return ApiClient(
        url,
        headers=headers,
        timeout=(5, settings.SYNC_HTTP_TIMEOUT),
        max_retry_after=settings.SYNC_RETRY_AFTER_MAX,
    )


def build_items(run, from_dir):
    if from_dir:
        if run.source == "lahella":
            # The day is part of the file digests: occurrences and past events depend on it.
            day = timezone.localdate().isoformat()
            return read_folder(from_dir, LAHELLA_READERS, stored_manifest, salt=day)
        return read_folder(from_dir, PTV_READERS, manifest=stored_manifest)
    municipalities = run.scope["municipalities"]
    if run.source == "lahella":
        headers = {}
        if settings.LAHELLA_API_TOKEN:
            headers["Authorization"] = f"Bearer {settings.LAHELLA_API_TOKEN}"
        client = source_client(settings.LAHELLA_API_URL, headers)
        return lahella.LahellaSource(client, municipalities)
    if run.source == "ptv":
        client = source_client(settings.PTV_V11_URL)
        return PtvV11Source(client, municipalities, since=run.since, known_ids=known_ids("ptv"))
    if run.source == "ptv-v12":
        client = source_client(settings.PTV_V12_URL, {"x-api-key": settings.PTV_API_KEY})
        counties = [run.scope["county"]] if run.scope.get("county") else []
        return PtvV12Source(
            client, municipalities, counties, since=run.since, known_ids=known_ids("ptv")
        )
    raise SyncConfigurationError(f"the {run.source} source is not supported yet")


def run_sync(
    source,
    *,
    full=False,
    since=None,
    from_dir=None,
    municipalities=None,
    dry_run=False,
    force=False,
    progress=None,
    user=None,
    items=None,
):
    """Run one sync and return its SyncRun. Raises SyncAlreadyRunning when another run of
    the same source holds the lock, SyncConfigurationError for impossible requests, and
    SyncInterrupted after recording a run that SIGTERM stopped (when nothing else handles
    the signal). Source failures do not raise: they end the run as failed, with the reason
    recorded.

    ``items`` replaces the source's own stream (used by tests and benchmarks)."""
    if items is None:
        check_request(source, from_dir)
    scope = default_scope()
    if municipalities:
        scope = {"municipalities": list(municipalities), "county": ""}
    if from_dir:
        mode = SyncRun.Mode.FOLDER_FULL if full else SyncRun.Mode.FOLDER
    elif source == "lahella":  # no change feed: every run reads everything
        since, mode = None, SyncRun.Mode.FULL
    else:
        since = since if since else (None if full else last_success(source))
        mode = SyncRun.Mode.INCREMENTAL if since else SyncRun.Mode.FULL
    if from_dir:
        scope = {**scope, "folder": str(from_dir)}

    with transaction.atomic() if dry_run else nullcontext():
        run = SyncRun.objects.create(
            source=source, scope=scope, mode=mode, since=since, force=force, started_by=user
        )
        try:
            lock = SyncLock.acquire(source, run)
        except SyncAlreadyRunning:
            run.delete()
            raise
        guard = TerminationGuard()
        interrupted = False
        try:
            with guard:
                stream = items if items is not None else build_items(run, from_dir)
                iterator = stream.records() if hasattr(stream, "records") else stream
                pipeline.upsert(iterator, run, progress=progress)
        except SyncInterrupted:
            interrupted = True
            run.status = SyncRun.Status.FAILED
            run.message = (
                "interrupted (SIGTERM): the batch being written was rolled back; the next run "
                "starts from the last successful one"
            )
        except SourceError as exc:
            run.status = SyncRun.Status.FAILED
            run.message = f"the source could not be read: {exc}"
        except SyncConfigurationError as exc:
            run.status = SyncRun.Status.FAILED
            run.message = str(exc)
        except Exception as exc:
            logger.exception("Sync %s crashed", source)
            run.status = SyncRun.Status.FAILED
            run.message = f"unexpected error: {exc.__class__.__name__}: {exc}"
        try:
            if not interrupted and (
                run.status != SyncRun.Status.FAILED or run.created or run.updated
            ):
                outcome = dedupe.refresh()
                logger.info("Duplicates: %s", outcome)
        except Exception:  # the run's own result stands; the next run pairs again
            logger.exception("Pairing duplicates after the %s sync failed", source)
        finally:
            run.finished_at = timezone.now()
            run.save()
            SyncLock.release(lock)
            invalidate_catalogue_pages()
        if dry_run:
            transaction.set_rollback(True)
    if interrupted:
        logger.warning("Sync %s interrupted by SIGTERM (run %s)", source, run.pk)
        if guard.resume():
            raise SyncInterrupted(run.summary)
    return run


def import_hsds(path, *, dry_run=False, force=False, progress=None, user=None):
    """Import an HSDS document (``export_catalogue --format hsds``, or another county's feed)
    as a full run of source ``hsds``: its rows are written, and rows of the sources it
    carries that it no longer has are deactivated (within the usual 20 % guard unless
    ``force``). Raises SyncConfigurationError for a file that is not an HSDS document."""
    from .adapters.hsds import HsdsDocumentError, HsdsSource

    try:
        source = HsdsSource.from_file(path)
    except HsdsDocumentError as exc:
        raise SyncConfigurationError(str(exc)) from exc
    return run_sync(
        "hsds",
        full=True,
        items=source.records(),
        dry_run=dry_run,
        force=force,
        progress=progress,
        user=user,
    )
