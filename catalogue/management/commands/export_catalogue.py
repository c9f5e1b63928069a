import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalogue.hsds.export import FORMATS, write_hsds, write_json
from core.i18n import language_codes


class Command(BaseCommand):
    help = (
        "Write the whole catalogue to a file (or standard output): --format hsds is an Open "
        "Referral HSDS 3.0 document for open-data publication and restores "
        "(import_catalogue reads it back); --format json is the catalogue as the database "
        "holds it, for backups."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument(
            "--language",
            choices=language_codes(),
            default=settings.LANGUAGE_CODE,
            help="language of HSDS's standard text fields (every language is in the profile "
            "extension either way)",
        )
        parser.add_argument(
            "--public",
            action="store_true",
            help="only the services the public site lists (no hidden or duplicate ones)",
        )

    def handle(self, *args, format, output=None, language=None, public=False, **options):
        language = language or settings.LANGUAGE_CODE
        # Progress goes to standard error, so that the document can go to standard output.
        started = time.monotonic()

        def progress(key, count, final=False):
            if final or count % 1000 == 0:
                sys.stderr.write(f"  {key}: {count}{' (done)' if final else ''}\n")

        try:
            handle = open(output, "w", encoding="utf-8") if output else self.stdout  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc}") from exc
        try:
            if format == "hsds":
                counts = write_hsds(handle, language=language, public=public, progress=progress)
            else:
                counts = write_json(handle, progress=progress)
        finally:
            if output:
                handle.close()
        summary = ", ".join(f"{count} {key}" for key, count in counts.items())
        sys.stderr.write(
            f"Exported {summary} as {format} in {time.monotonic() - started:.1f} s"
            + (f" to {output}\n" if output else "\n")
        )
