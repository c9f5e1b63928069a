import sys

from django.core.management.base import BaseCommand, CommandError

from ptv_sync.models import SyncAlreadyRunning, SyncRun
from ptv_sync.runner import SyncConfigurationError, import_hsds

from .sync_catalogue import Progress, add_run_options


class Command(BaseCommand):
    help = (
        "Import an Open Referral HSDS 3.0 document (what export_catalogue --format hsds "
        "writes, or another HSDS feed saved as a file) through the upsert pipeline, as a full "
        "run. Exit status 0 when the run succeeded, 1 when it was partial or failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the HSDS JSON document")
        add_run_options(parser)

    def handle(self, *args, path, dry_run=False, force=False, **options):
        self.stdout.write(f"Importing {path}" + (" (dry run)" if dry_run else ""))
        try:
            run = import_hsds(path, dry_run=dry_run, force=force, progress=Progress(self.stdout))
        except SyncConfigurationError as exc:
            raise CommandError(str(exc)) from exc
        except SyncAlreadyRunning as exc:
            self.stderr.write(f"Not started: {exc}.")
            sys.exit(1)
        for error in run.errors[:20]:
            label = error.get("external_id") or error.get("kind") or "-"
            self.stderr.write(f"  ! {label}: {error['message']}")
        if run.message:
            self.stderr.write(f"  {run.message}")
        self.stdout.write(run.summary)
        if run.status != SyncRun.Status.SUCCEEDED:
            sys.exit(1)
