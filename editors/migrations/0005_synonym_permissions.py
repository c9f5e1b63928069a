from django.db import migrations

from editors.roles import ensure_governance


def forwards(apps, schema_editor):
    """Coordinators manage the search's synonym sets."""
    ensure_governance(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editors", "0004_account"),
        ("catalogue", "0013_seed_synonyms"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
