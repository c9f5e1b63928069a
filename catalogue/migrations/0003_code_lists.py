from django.db import migrations


def load_code_lists(apps, schema_editor):
    from catalogue.reference import ensure_code_lists

    ensure_code_lists(apps.get_model("catalogue", "Municipality"), apps.get_model("catalogue", "Classification"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_catalogue_core")]

    operations = [migrations.RunPython(load_code_lists, migrations.RunPython.noop)]
