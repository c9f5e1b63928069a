from django.core.management.base import BaseCommand

from ptv_sync import demo_catalogue


class Command(BaseCommand):
    help = "Regenerate the demo catalogue's PTV v11 payloads in ptv_sync/demo_payloads/."

    def handle(self, *args, **options):
        folder = demo_catalogue.write()
        self.stdout.write(self.style.SUCCESS(f"Wrote the demo payloads to {folder}"))
