from django.core.management.base import BaseCommand

from selfcare.progress import CODE_LIFETIME_DAYS, purge_expired_codes


class Command(BaseCommand):
    help = f"Delete self-care programme continuation codes unused for {CODE_LIFETIME_DAYS} days."

    def handle(self, *args, **options):
        deleted = purge_expired_codes()
        if options["verbosity"]:
            self.stdout.write(f"purge_continuation_codes: deleted={deleted}")
