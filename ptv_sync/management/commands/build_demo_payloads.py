from django.core.management.base import BaseCommand

from ptv_sync import demo_catalogue, demo_lahella, demo_lipas


class Command(BaseCommand):
    help = (
        "Regenerate the demo catalogue's payloads in ptv_sync/demo_payloads/: PTV v11 and "
        "Lähellä.fi activities and LIPAS places."
    )

    def handle(self, *args, **options):
        for module in (demo_catalogue, demo_lahella, demo_lipas):
            folder = module.write()
            self.stdout.write(self.style.SUCCESS(f"Wrote the demo payloads to {folder}"))
