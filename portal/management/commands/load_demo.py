from django.core.management.base import BaseCommand

from portal.demo import load_pages
from ptv_sync.demo_catalogue import DEMO_DIR
from ptv_sync.models import SyncAlreadyRunning
from ptv_sync.runner import run_sync


class Command(BaseCommand):
    help = (
        "Load the demo content: pages, the eight themes, and the demo catalogue imported "
        "offline from the project's recorded PTV payloads. Idempotent: existing content, and "
        "editors' changes to it, are kept."
    )

    def handle(self, *args, **options):
        self.stdout.write("Loading demo pages and themes…")
        created = load_pages()
        self.stdout.write(self.style.SUCCESS(f"Demo pages: {created} created"))

        self.stdout.write(f"Importing the demo catalogue from {DEMO_DIR}…")
        try:
            run = run_sync("ptv", from_dir=DEMO_DIR, full=True)
        except SyncAlreadyRunning as exc:
            self.stderr.write(f"Demo catalogue not imported: {exc}.")
            return
        self.stdout.write(run.summary)
        for error in run.errors[:10]:
            self.stderr.write(f"  ! {error.get('external_id') or '-'}: {error['message']}")
        if run.message:
            self.stderr.write(f"  {run.message}")
