"""A nationwide service's search entry holds a mark in its facet ids (-2147483647,
catalogue.models.search.NATIONWIDE_FACET_ID) instead of no municipality: a municipality filter
is then one condition on the facet ids' GIN index ("the municipality's id negated or the
mark"), which PostgreSQL answers together with a theme's from the index alone. The entries
written before are marked here; entries written from now on carry it."""

from django.db import migrations

NATIONWIDE_FACET_ID = -(2**31 - 1)  # as the model's constant was when this was written


def nationwide_entries(apps):
    entry = apps.get_model("catalogue", "ServiceSearchEntry")
    return entry.objects.filter(nationwide=True, facet_ids__isnull=False).only("facet_ids")


def mark(apps, schema_editor):
    for entry in nationwide_entries(apps).iterator():
        if NATIONWIDE_FACET_ID not in entry.facet_ids:
            entry.facet_ids = [*entry.facet_ids, NATIONWIDE_FACET_ID]
            entry.save(update_fields=["facet_ids"])


def unmark(apps, schema_editor):
    for entry in nationwide_entries(apps).iterator():
        if NATIONWIDE_FACET_ID in entry.facet_ids:
            entry.facet_ids = [pk for pk in entry.facet_ids if pk != NATIONWIDE_FACET_ID]
            entry.save(update_fields=["facet_ids"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0025_open_now_from_the_index"),
    ]

    operations = [migrations.RunPython(mark, unmark)]
