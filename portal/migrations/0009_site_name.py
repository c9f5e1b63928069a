from django.conf import settings
from django.db import migrations


def name_the_sites(apps, schema_editor):
    """A site without a name shows its host name ("localhost") as the title of every
    editor's dashboard; it gets the guide's name."""
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.filter(site_name="").update(site_name=settings.WAGTAIL_SITE_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0008_accessibility_statement"),
        ("wagtailcore", "0046_site_name_remove_null"),
    ]

    operations = [migrations.RunPython(name_the_sites, migrations.RunPython.noop)]
