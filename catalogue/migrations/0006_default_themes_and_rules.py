"""Seed the eight default themes and the default classification rules (only what is
missing: editors' changes stay)."""

from django.db import migrations

from core.i18n import fields_of


def seed(apps, schema_editor):
    from catalogue.themes import DEFAULT_RULES, DEFAULT_THEMES, THEME_FIELDS

    Theme = apps.get_model("catalogue", "Theme")
    ClassificationRule = apps.get_model("catalogue", "ClassificationRule")
    themes = {}
    for order, spec in enumerate(DEFAULT_THEMES, start=1):
        defaults = {field: spec[field] for field in THEME_FIELDS}
        defaults["sort_order"] = order
        defaults["name"] = spec["name_fi"]
        defaults["intro"] = spec["intro_fi"]
        defaults = fields_of(Theme, defaults)  # languages added later have no column yet
        themes[spec["slug"]], _created = Theme.objects.get_or_create(
            slug=spec["slug"], defaults=defaults
        )
    if not ClassificationRule.objects.exists():
        ClassificationRule.objects.bulk_create(
            ClassificationRule(
                theme=themes[slug], kind=kind, value=value, language=language, weight=weight
            )
            for slug, kind, value, language, weight in DEFAULT_RULES
        )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_themes_and_rules")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
