# The professional tools now belong to professionals (professionals 0001; the tables are
# unchanged). Their content types follow them, so that the groups keep their permissions.

from django.conf import settings
from django.db import migrations

from core.contenttypes import move_content_types

MODELS = (
    "counsellingmunicipality",
    "recommendationlist",
    "recommendationitem",
    "referral",
    "referralevent",
    "referralaudit",
)


def forwards(apps, schema_editor):
    move_content_types(apps, "selfcare", "professionals", MODELS)


def backwards(apps, schema_editor):
    move_content_types(apps, "professionals", "selfcare", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("selfcare", "0005_coordinators_see_indicators"),
        ("professionals", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RecommendationItem"),
                migrations.DeleteModel(name="RecommendationList"),
                migrations.DeleteModel(name="ReferralAudit"),
                migrations.DeleteModel(name="ReferralEvent"),
                migrations.DeleteModel(name="Referral"),
                migrations.DeleteModel(name="CounsellingMunicipality"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
