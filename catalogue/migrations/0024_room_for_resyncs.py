"""On PostgreSQL, services' and channels' pages are filled to half when rows are written, so
that a resync's new version of each row (it marks every row seen) fits on the row's own page.
Such an update writes no index entries (a heap-only tuple); at 10^5 services and 1.5 x 10^5
channels a digest-skipped resync took 13-14 s with full pages and 6-7.5 s with half-full
ones. The room costs nothing in the long run: after the first full resync and a vacuum, a
table holds as much free space anyway, and the tables stay at the same size resync after
resync instead of growing until a vacuum. Existing rows keep their pages until the table is
rewritten (VACUUM FULL, or as rows change)."""

from django.db import migrations

TABLES = ("catalogue_service", "catalogue_servicechannel")


def fill(percent):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in TABLES:
            schema_editor.execute(
                f"ALTER TABLE {schema_editor.quote_name(table)} SET (fillfactor = {percent})"
            )

    return apply


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0023_channel_external_id")]

    operations = [migrations.RunPython(fill(50), fill(100))]
