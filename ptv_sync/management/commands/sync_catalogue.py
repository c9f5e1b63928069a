import signal
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from core.inputs import is_ascii_digits
from ptv_sync.models import SyncAlreadyRunning, SyncRun
from ptv_sync.runner import SyncConfigurationError, SyncInterrupted, run_sync, sync_codes


class Progress:
    """Prints items and items/s at most every two seconds, and once at the end."""

    def __init__(self, stdout, interval=2.0):
        self.stdout = stdout
        self.interval = interval
        self.last = -interval

    def __call__(self, processed, elapsed, final=False):
        if not final and elapsed - self.last < self.interval:
            return
        self.last = elapsed
        rate = processed / elapsed if elapsed > 0 else 0.0
        self.stdout.write(f"  {processed} items, {rate:.0f} items/s")


def add_run_options(parser):
    """--dry-run and --force, for every command that runs a sync."""
    parser.add_argument(
        "--dry-run", action="store_true", help="count what would change; write nothing"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="deactivate even if more than 20%% of the active items would go",
    )


class Command(BaseCommand):
    help = (
        "Import the service catalogue from PTV (v11 or v12) or a drop folder. Incremental "
        "from the last successful run unless --full. Exit status 0 when the run succeeded, 1 "
        "when it was partial or failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, choices=sync_codes())
        when = parser.add_mutually_exclusive_group()
        when.add_argument("--since", help="changes since this ISO 8601 time (UTC if no zone)")
        when.add_argument("--full", action="store_true", help="rescan the whole scope")
        parser.add_argument("--from-dir", help="import .json payloads from this folder instead")
        parser.add_argument(
            "--municipalities", help="comma-separated municipality codes, e.g. 905,499"
        )
        add_run_options(parser)

    def handle(self, *args, **options):
        since = None
        if options["since"]:
            since = parse_datetime(options["since"])
            if since is None:
                raise CommandError(f"--since {options['since']!r} is not an ISO 8601 time")
            if since.tzinfo is None:
                from datetime import UTC

                since = since.replace(tzinfo=UTC)
        municipalities = None
        if options["municipalities"]:
            municipalities = [code.strip() for code in options["municipalities"].split(",")]
            bad = [code for code in municipalities if not is_ascii_digits(code, length=3)]
            if bad:
                raise CommandError(f"not municipality codes: {', '.join(bad)} (e.g. 905,499)")

        what = options["from_dir"] or options["source"]
        self.stdout.write(
            f"Syncing {options['source']} from {what}"
            + (" (dry run: nothing is written)" if options["dry_run"] else "")
        )
        started = time.monotonic()
        try:
            run = run_sync(
                options["source"],
                full=options["full"],
                since=since,
                from_dir=options["from_dir"],
                municipalities=municipalities,
                dry_run=options["dry_run"],
                force=options["force"],
                progress=Progress(self.stdout),
            )
        except SyncAlreadyRunning as exc:
            self.stderr.write(f"Not started: {exc}.")
            sys.exit(1)
        except SyncInterrupted as exc:
            self.stderr.write(f"Interrupted by SIGTERM; the run is recorded: {exc}")
            sys.exit(128 + signal.SIGTERM)
        except SyncConfigurationError as exc:
            raise CommandError(str(exc)) from exc

        for error in run.errors[:20]:
            label = error.get("external_id") or error.get("kind") or "-"
            self.stderr.write(f"  ! {label}: {error['message']}")
        if len(run.errors) > 20:
            self.stderr.write(f"  … and {len(run.errors) - 20} more (see the run in the admin)")
        if run.message:
            self.stderr.write(f"  {run.message}")
        self.stdout.write(f"  took {time.monotonic() - started:.1f} s")
        self.stdout.write(run.summary)
        if run.status != SyncRun.Status.SUCCEEDED:
            sys.exit(1)
