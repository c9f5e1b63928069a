"""Running a sync: scope, source, lock, pipeline and run log. Used by the sync_catalogue
command, the admin's "Sync now" task and load_demo."""

import gc
import logging
import signal
import threading
from contextlib import contextmanager, nullcontext
from pathlib import Path

import orjson
from django.db import connection, transaction
from django.utils import timezone

from catalogue import dedupe, places
from catalogue.reference import configured_scope
from core import sources
from core.pagecache import invalidate_catalogue_pages

from . import pipeline, runlog
from .adapters.hsds import HsdsDocumentError, HsdsSource
from .http import SourceError
from .models import ImportedFile, SyncAlreadyRunning, SyncLock, SyncRun
from .sources.base import SyncConfigurationError

logger = logging.getLogger(__name__)


def sync_codes():
    """The codes ``sync_catalogue --source`` takes: the declared sources with an adapter."""
    return [source.code for source in sources.syncable()]


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
    """When the last successful run from the source's API started (PTV v11 and v12 read the
    same catalogue: either's starts the next increment)."""
    run = (
        SyncRun.objects.filter(
            source__in=sources.same_data(source), status=SyncRun.Status.SUCCEEDED
        )
        .exclude(mode__in=(SyncRun.Mode.FOLDER, SyncRun.Mode.FOLDER_FULL))
        .order_by("-started_at")
        .first()
    )
    return run.started_at if run else None


def check_request(source, from_dir):
    """Refuse, before anything is written, what cannot run."""
    if source not in sync_codes():
        raise SyncConfigurationError(
            f"unknown source {source!r}; use one of {', '.join(sync_codes())}"
        )
    if from_dir is not None and not Path(from_dir).is_dir():
        raise SyncConfigurationError(f"{from_dir} is not a folder")
    sources.get(source).adapter.check(from_dir)


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
    return digest, orjson.loads(entries) if isinstance(entries, str) else entries


def build_items(run, from_dir):
    """The source's stream of items: its drop folder, or its API."""
    adapter = sources.get(run.source).adapter
    if from_dir:
        return adapter.folder_items(from_dir, stored_manifest)
    return adapter.items(run)


# Container objects a run allocates before the cycle collector's youngest generation is
# looked at (Python's default is 700: a 10k import ran 6,400 collections).
RUN_GC_THRESHOLD = 50_000


@contextmanager
def heap_left_alone():
    """For the length of a run, Python's cycle collector leaves alone every object that
    existed before it (Django, Wagtail and their modules: hundreds of thousands of objects
    that live as long as the process), and looks at what the run allocates less often. Its
    full collections walked them all again and again: measured, 2.5 s of a 21 s import of
    25,000 items, and 1.1 s of a 2.8 s re-parsing resync. The objects go back to the
    collector, and its thresholds to what they were, when the run ends, however it ends."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(thresholds[0], RUN_GC_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


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
    elif not getattr(getattr(sources.get(source), "adapter", None), "incremental", False):
        since, mode = None, SyncRun.Mode.FULL  # no change feed: every run reads everything
    else:
        since = since if since else (None if full else last_success(source))
        mode = SyncRun.Mode.INCREMENTAL if since else SyncRun.Mode.FULL
    if from_dir:
        scope = {**scope, "folder": str(from_dir)}

    with heap_left_alone(), transaction.atomic() if dry_run else nullcontext():
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
        changes = pipeline.Changes()
        try:
            with guard:
                stream = items if items is not None else build_items(run, from_dir)
                iterator = stream.records() if hasattr(stream, "records") else stream
                pipeline.upsert(iterator, run, progress=progress, changes=changes)
        except SyncInterrupted:
            interrupted = True
            run.status = SyncRun.Status.FAILED
            run.problem = SyncRun.Problem.INTERRUPTED
            run.message = (
                "interrupted (SIGTERM): the batch being written was rolled back; the next run "
                "starts from the last successful one"
            )
        except SourceError as exc:
            run.status = SyncRun.Status.FAILED
            run.problem = runlog.problem_of(exc)
            run.message = f"the source could not be read: {exc}"
        except SyncConfigurationError as exc:
            run.status = SyncRun.Status.FAILED
            run.problem = SyncRun.Problem.CONFIGURATION
            run.message = str(exc)
        except Exception as exc:
            logger.exception("Sync %s crashed", source)
            run.status = SyncRun.Status.FAILED
            run.problem = SyncRun.Problem.UNEXPECTED
            run.message = f"unexpected error: {exc.__class__.__name__}: {exc}"
        try:
            if not interrupted and (
                run.status != SyncRun.Status.FAILED or run.created or run.updated
            ):
                # Each batch paired what it wrote; here, what changed after its batch (and
                # pairs that changed: a member deactivated, a fresher text).
                outcome = dedupe.refresh(touched=changes.pending(), index=False)
                logger.info("Duplicates: %s", outcome)
                changes.classify |= outcome.services
                changes.affect(outcome.services)
        except Exception:  # the run's own result stands; the next run pairs again
            logger.exception("Pairing duplicates after the %s sync failed", source)
        try:
            if not interrupted and (run.created or run.updated or run.archived):
                logger.info("Places: %s", places.pair())
        except Exception:  # the run's own result stands; the next run pairs again
            logger.exception("Pairing places after the %s sync failed", source)
        try:
            # What the run's later steps changed, interrupted or not: indexed once.
            pipeline.apply(changes, invalidate=False)
        except Exception:
            logger.exception("Indexing after the %s sync failed", source)
            run.status = SyncRun.Status.FAILED
            run.problem = run.problem or SyncRun.Problem.INDEX
            run.message = (run.message + " " if run.message else "") + (
                "The search index could not be updated; run `search_index rebuild`."
            )
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
