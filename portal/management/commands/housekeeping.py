from django.core.management.base import BaseCommand

from catalogue.occurrences import refresh as refresh_meetings
from catalogue.opening import refresh as refresh_opening_times
from core.counters import flush_pending
from editors.feedback import purge_handled
from professionals.recommendations import purge_expired_lists
from professionals.referrals import erase_expired
from selfcare.progress import purge_expired_codes


class Command(BaseCommand):
    help = (
        "The daily retention jobs: erase the personal data of referrals not handled for the "
        "retention time, closed or not, delete "
        "expired recommendation lists and unused continuation codes, and error reports "
        "handled long ago; and renew the services' opening times for the weeks ahead "
        '("open now" in the search) and the activities\' meetings (the events calendar); '
        "and add the page views still pending in Redis to the usage counts."
    )

    def handle(self, *args, **options):
        jobs = [
            ("referral personal data erased", erase_expired),
            ("expired recommendation lists deleted", purge_expired_lists),
            ("unused continuation codes deleted", purge_expired_codes),
            ("error reports deleted or their e-mail removed", purge_handled),
            ("services' opening times renewed", refresh_opening_times),
            ("activities' meetings renewed for the events calendar", refresh_meetings),
            ("pending page-view counts added", flush_pending),
        ]
        for label, job in jobs:
            count = job()
            if options["verbosity"]:
                self.stdout.write(f"housekeeping: {label}: {count}")
