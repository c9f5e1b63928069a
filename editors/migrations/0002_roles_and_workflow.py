from django.contrib.auth.management import create_permissions
from django.db import migrations

from editors.roles import ensure_governance


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_governance(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editors", "0001_initial"),
        ("selfcare", "0004_roles_and_counselling_defaults"),
        ("catalogue", "0010_enrichment_image_and_featured_themes"),
        ("ptv_sync", "0002_imported_file"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
