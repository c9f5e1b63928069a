from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalogue.search.elastic import SearchIndexError
from catalogue.search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "search_index rebuild: recreate every service's search entry (and its full-text "
        "columns or FTS5 rows), and with CATALOGUE_SEARCH_BACKEND=elasticsearch fill new "
        "indexes and move the aliases to them in one step, so search keeps working meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"])

    def handle(self, *args, action, **options):
        shown = {}

        def progress(stage, done, total):
            # About every tenth, and the end: readable on 200 services and on 50,000.
            step = max(1, total // 10)
            if done == total or done - shown.get(stage, 0) >= step:
                shown[stage] = done
                self.stdout.write(f"  {stage}: {done}/{total} services")

        self.stdout.write(f"rebuilding the search index ({settings.CATALOGUE_SEARCH_BACKEND})")
        try:
            count = rebuild(progress=progress)
        except SearchIndexError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"search index rebuilt: {count} services"))
