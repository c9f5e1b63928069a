from django.conf import settings
from django.core.management.base import BaseCommand

from professionals.referrals import erase_expired


class Command(BaseCommand):
    help = (
        "Erase the personal data of exercise counselling referrals closed more than "
        "REFERRAL_RETENTION_MONTHS ago; the anonymous indicator data stays."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help=f"Override the retention (default {settings.REFERRAL_RETENTION_MONTHS}).",
        )

    def handle(self, *args, **options):
        erased = erase_expired(months=options["months"])
        if options["verbosity"]:
            self.stdout.write(f"erase_referral_personal_data: erased={erased}")
