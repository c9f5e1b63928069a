import os
import socket

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import sources
from core.inputs import CONTROL, is_ascii_digits

MAX_STORED_ERRORS = 1000


def printable(value, length):
    """Text for the run log: what a source sent may hold NUL (which PostgreSQL refuses) or
    other control characters; they are shown as U+FFFD."""
    return CONTROL.sub("\ufffd", str(value))[:length]


class SyncRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        PARTIAL = "partial", _("partial")
        FAILED = "failed", _("failed")

    class Mode(models.TextChoices):
        INCREMENTAL = "incremental", _("incremental")
        FULL = "full", _("full")
        FOLDER = "folder", _("drop folder")
        FOLDER_FULL = "folder-full", _("drop folder, full")

    source = models.CharField(_("source"), max_length=10)
    scope = models.JSONField(_("scope"), default=dict, blank=True)
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)
    since = models.DateTimeField(_("changes since"), null=True, blank=True)
    force = models.BooleanField(_("forced"), default=False)
    started_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )

    class Problem(models.TextChoices):
        """Why a run failed or stopped, for the run log's plain sentence (ptv_sync.runlog)."""

        NONE = "", _("none")
        UNREACHABLE = "unreachable", _("the source did not answer")
        TIMEOUT = "timeout", _("the source answered too slowly")
        BAD_RESPONSE = "bad_response", _("the source sent an invalid page")
        DEFERRED = "deferred", _("the source asked to come back later")
        FOLDER = "folder", _("the folder could not be read")
        CONFIGURATION = "configuration", _("the settings are incomplete")
        INTERRUPTED = "interrupted", _("interrupted")
        GUARD = "guard", _("the deletion guard stopped it")
        INDEX = "index", _("the search index could not be updated")
        UNEXPECTED = "unexpected", _("an unexpected error")

    problem = models.CharField(
        _("problem"), max_length=14, choices=Problem.choices, default="", blank=True
    )
    message = models.TextField(_("reason"), blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    archived = models.PositiveIntegerField(_("archived"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # The deletion guard's record: {"active": {source: {kind: n}}, "deactivated": {source:
    # {kind: n}}}: what was active when the run first met a source, and what it deactivated.
    deactivations = models.JSONField(_("deactivations"), default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("sync run")
        verbose_name_plural = _("sync runs")
        permissions = [("start_sync", _("Can start a catalogue sync"))]

    def __str__(self):
        started = timezone.localtime(self.started_at)
        return f"{self.source_name} {started:%d.%m.%Y %H.%M} {self.get_status_display()}"

    @property
    def source_name(self):
        """The source's short name in the admin (PTV, Lähellä.fi), else its code."""
        source = sources.get(self.source)
        return str(source.short_label or source.label) if source is not None else self.source

    def add_error(self, external_id, message, kind="", count=True, reason=""):
        """Record a problem; ``count`` it as a failed item unless it concerns the run as a
        whole (e.g. a source anomaly). ``reason``: the group the run log shows it in
        (ptv_sync.runlog.ITEM_REASONS: "read", "write", "identity", "anomaly")."""
        if count:
            self.failed += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append(
                {
                    "external_id": printable(external_id, 100),
                    "kind": printable(kind, 20),
                    "message": printable(message, 1000),
                    "reason": reason,
                }
            )

    @property
    def summary(self):
        return (
            f"sync {self.source} {self.status}: created={self.created} updated={self.updated} "
            f"unchanged={self.unchanged} archived={self.archived} failed={self.failed}"
        )

    @property
    def duration(self):
        if self.finished_at:
            return self.finished_at - self.started_at
        return None


class SyncAlreadyRunning(Exception):
    """Another run of the same source holds the lock."""


def lock_holder():
    return f"{socket.gethostname()}:{os.getpid()}"


def holder_is_alive(holder):
    host, _sep, pid = holder.rpartition(":")
    if host != socket.gethostname() or not is_ascii_digits(pid):
        return True  # cannot tell for another machine: assume alive
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SyncLock(models.Model):
    """At most one row per source: inserting it is the lock (a unique key works alike on
    SQLite and PostgreSQL). A lock left by a process that died is taken over, and its run
    marked failed."""

    source = models.CharField(max_length=10, primary_key=True)
    run = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="+")
    holder = models.CharField(max_length=200)
    acquired_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.source} ({self.holder})"

    @classmethod
    def acquire(cls, source, run):
        # PTV v11 and v12 write the same rows: one lock for both.
        lock_source = sources.get(source).row_source if sources.get(source) else source
        try:
            with transaction.atomic():
                return cls.objects.create(source=lock_source, run=run, holder=lock_holder())
        except IntegrityError:
            pass
        existing = cls.objects.select_related("run").filter(source=lock_source).first()
        if existing is not None and holder_is_alive(existing.holder):
            raise SyncAlreadyRunning(
                f"a {existing.run.source} sync started {existing.acquired_at:%Y-%m-%d %H:%M:%S} "
                f"by {existing.holder} (run {existing.run_id}) is still running"
            )
        if existing is not None:
            SyncRun.objects.filter(pk=existing.run_id, status=SyncRun.Status.RUNNING).update(
                status=SyncRun.Status.FAILED,
                problem=SyncRun.Problem.INTERRUPTED,
                finished_at=timezone.now(),
                message=f"interrupted: the process {existing.holder} ended without finishing",
            )
            existing.delete()
        with transaction.atomic():
            return cls.objects.create(source=lock_source, run=run, holder=lock_holder())

    @classmethod
    def release(cls, lock):
        cls.objects.filter(source=lock.source, run_id=lock.run_id).delete()


class ImportedFile(models.Model):
    """What a drop-folder file held when it was last imported: its digest and, per item, the
    identity and raw digest. An unchanged file whose rows still carry those digests is not
    parsed again."""

    folder = models.CharField(max_length=500)
    path = models.CharField(max_length=500)
    digest = models.CharField(max_length=64)
    entries = models.JSONField(default=list)  # [[kind, source, external_id, raw_hash], …]
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["folder", "path"], name="imported_file_unique")
        ]

    def __str__(self):
        return self.path
