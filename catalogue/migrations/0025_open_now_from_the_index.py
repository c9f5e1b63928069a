"""The open spans' index on (starts, ends) also holds the service: "open now" reads the ids of
the open services from the index alone (an index-only scan on PostgreSQL), not from the table.
Every search's statement counts the open services among its hits; at 50,000 services in the
daytime that read 5,500 pages of the spans for 33,000 ids."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0024_room_for_resyncs"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="serviceopenspan",
            index=models.Index(
                fields=["starts", "ends", "service"], name="catalogue_s_starts_90ef90_idx"
            ),
        ),
        migrations.RemoveIndex(
            model_name="serviceopenspan",
            name="catalogue_s_starts_e04aa2_idx",
        ),
    ]
