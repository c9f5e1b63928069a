"""Facet ids and bits on the search entry: theme and municipality ids in one ``integer[]``
(GIN-indexed on PostgreSQL), the yes/no facets as bits, so that a search counts and filters
them without joining the link tables; and the entry's small columns kept inline. Entries
written before have NULL there and are rebuilt after migrate (catalogue.apps), which also
writes them inline."""

import catalogue.models.search
from django.db import migrations, models

# The small columns a search reads stay in the row (STORAGE MAIN, like the tsvectors since
# 0012). With the default, a row over 2 kB had every one of them moved out of line before the
# vectors were compressed, so a search read four more pages per hit to get them.
INLINE = ["name_fi", "name_sv", "provider_type", "sort_fi", "sort_sv", "group_key", "facet_ids"]
POSTGRES = [
    *(
        f"ALTER TABLE catalogue_servicesearchentry ALTER COLUMN {column} SET STORAGE MAIN"
        for column in INLINE
    ),
    "CREATE INDEX IF NOT EXISTS catalogue_search_facet_ids ON catalogue_servicesearchentry "
    "USING gin (facet_ids)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS catalogue_search_facet_ids",
    *(
        f"ALTER TABLE catalogue_servicesearchentry ALTER COLUMN {column} SET STORAGE EXTENDED"
        for column in INLINE
        if column != "facet_ids"
    ),
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0013_seed_synonyms")]

    operations = [
        migrations.AddField(
            model_name="servicesearchentry",
            name="facet_ids",
            field=catalogue.models.search.IdArrayField(null=True),
        ),
        migrations.AddField(
            model_name="servicesearchentry",
            name="facet_bits",
            field=models.IntegerField(null=True),
        ),
        migrations.RunPython(run(POSTGRES), run(POSTGRES_REVERSE)),
    ]
