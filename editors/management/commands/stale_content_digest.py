from django.core.management.base import BaseCommand

from editors.digest import send_stale_digests


class Command(BaseCommand):
    help = (
        "E-mail each editor who asked for it (editor profile: weekly e-mail) their local "
        "services not reviewed for 12 months. Run weekly."
    )

    def handle(self, *args, **options):
        sent, listed = send_stale_digests()
        self.stdout.write(f"stale_content_digest: {sent} editors e-mailed, {listed} items listed")
