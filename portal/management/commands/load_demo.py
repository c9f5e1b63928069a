from django.core.management.base import BaseCommand

from portal.demo import load_pages


class Command(BaseCommand):
    help = (
        "Load the demo content: pages and the eight themes. Idempotent: existing content, "
        "and editors' changes to it, are kept."
    )

    def handle(self, *args, **options):
        self.stdout.write("Loading demo pages and themes…")
        created = load_pages()
        self.stdout.write(self.style.SUCCESS(f"Demo pages: {created} created"))
