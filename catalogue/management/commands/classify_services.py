from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from catalogue.classify import classify_all, coverage


class Command(BaseCommand):
    help = (
        "Apply the classification rules to every service (editors' theme overrides stay), "
        "then print how many active services have a theme, per theme, and the service "
        "classes of those without one. --report prints the figures without re-running."
    )

    def add_arguments(self, parser):
        parser.add_argument("--report", action="store_true", help="only print the figures")

    def handle(self, *args, report=False, **options):
        translation.activate(settings.LANGUAGE_CODE)
        if not report:

            def progress(outcome, total):
                self.stdout.write(f"  classified {outcome.services}/{total} services")

            outcome = classify_all(progress=progress)
            self.stdout.write(
                f"classification: {outcome.services} services, {outcome.changed} changed "
                f"(+{outcome.added} / -{outcome.removed} service-theme links)"
            )
        figures = coverage()
        self.stdout.write(
            f"active services with a theme: {figures.classified}/{figures.active} "
            f"= {100 * figures.share:.1f}%"
        )
        for theme, count in figures.per_theme:
            self.stdout.write(f"  {theme.slug:<14} {count:>6}  {theme.name}")
        if figures.unclassified_classes:
            self.stdout.write("service classes of services without a theme:")
            for code, name, count in figures.unclassified_classes:
                self.stdout.write(f"  {code:<8} {count:>6}  {name}")
