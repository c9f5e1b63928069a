from django.core.management.base import BaseCommand
from django.db.models import Count
from django.utils import translation
from wagtail.models import Page

from catalogue.models import Service
from core import sources

from .create_local_admin import DEMO_USERS, PASSWORD, USERNAME


class Command(BaseCommand):
    help = (
        "The short summary `make run` prints after setting up: what the catalogue holds by "
        "source, the address, and the local-only demo users."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/")
        parser.add_argument("--log", default="", help="where the details of the set-up went")

    def handle(self, *args, url, log, **options):
        with translation.override("en"):
            self.summary(url, log)

    def summary(self, url, log):
        write = self.stdout.write
        counts = dict(
            Service.objects.filter(is_active=True)
            .order_by()
            .values_list("source")
            .annotate(n=Count("pk"))
            .values_list("source", "n")
        )
        write(self.style.SUCCESS("Hyvinvointiopas – Välmåendeguide is ready."))
        write("")
        write("  The catalogue:")
        for source in sources.row_sources():
            if counts.get(source.row_source):
                write(f"    {counts[source.row_source]:>5}  {source.label}")
        write(f"    {Page.objects.live().filter(depth__gt=1).count():>5}  pages")
        write("")
        write(f"  Open {url}  (the admin: {url}admin/)")
        write("")
        write(f"  Local-only users, each with the password '{PASSWORD}':")
        write(f"    {USERNAME:<20} superuser")
        for username, _first, _last, role in DEMO_USERS:
            write(f"    {username:<20} {role}")
        if log:
            write("")
            write(f"  What the set-up did in detail: {log}")
        write("")
