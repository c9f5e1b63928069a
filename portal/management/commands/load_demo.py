from django.core.management.base import BaseCommand

from core import sources
from portal.demo import ensure_enrichments, ensure_local_services, ensure_referrals, load_pages
from ptv_sync.models import SyncAlreadyRunning
from ptv_sync.runner import run_sync


class Command(BaseCommand):
    help = (
        "Load the demo content: pages, the eight themes, and the demo catalogue imported "
        "offline from the project's recorded PTV payloads and Lähellä.fi activities. Idempotent: existing content, and "
        "editors' changes to it, are kept."
    )

    def handle(self, *args, **options):
        self.stdout.write("Loading demo pages and themes…")
        created = load_pages()
        self.stdout.write(self.style.SUCCESS(f"Demo pages: {created} created"))

        for source in sources.syncable():  # each declared source's demo payloads
            if source.demo is None:
                continue
            self.stdout.write(f"Importing the demo catalogue from {source.demo}…")
            try:
                run = run_sync(source.code, from_dir=source.demo, full=True)
            except SyncAlreadyRunning as exc:
                self.stderr.write(f"Demo catalogue not imported: {exc}.")
                return
            self.stdout.write(run.summary)
            for error in run.errors[:10]:
                self.stderr.write(f"  ! {error.get('external_id') or '-'}: {error['message']}")
            if run.message:
                self.stderr.write(f"  {run.message}")
        self.stdout.write(f"Demo local services: {ensure_local_services()} created")
        self.stdout.write(f"Demo referral units: {ensure_referrals()} made or linked")
        self.stdout.write(f"Demo services marked by their editors: {ensure_enrichments()}")
