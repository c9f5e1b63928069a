"""Backend-specific search structures: on PostgreSQL the pg_trgm extension, GIN indexes on
the tsvectors and trigram indexes on names; on SQLite an FTS5 table. Other databases get
neither (the search falls back to plain matching)."""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS catalogue_search_vector_fi ON catalogue_servicesearchentry "
    "USING gin (vector_fi)",
    "CREATE INDEX IF NOT EXISTS catalogue_search_vector_sv ON catalogue_servicesearchentry "
    "USING gin (vector_sv)",
    "CREATE INDEX IF NOT EXISTS catalogue_search_name_fi_trgm ON catalogue_servicesearchentry "
    "USING gin (name_fi gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalogue_search_name_sv_trgm ON catalogue_servicesearchentry "
    "USING gin (name_sv gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS catalogue_search_vector_fi",
    "DROP INDEX IF EXISTS catalogue_search_vector_sv",
    "DROP INDEX IF EXISTS catalogue_search_name_fi_trgm",
    "DROP INDEX IF EXISTS catalogue_search_name_sv_trgm",
]
# One row per service and language; prefix indexes make "liikunta*" fast.
SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS catalogue_service_fts USING fts5("
    "name, summary, description, extra, service_id UNINDEXED, language UNINDEXED, "
    "tokenize = 'unicode61', prefix = '3 5')"
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS catalogue_service_fts"]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, ()):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0007_service_search_entry")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
