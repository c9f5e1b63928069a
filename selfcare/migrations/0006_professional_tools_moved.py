# The professional tools now belong to professionals (professionals 0001; the tables are
# unchanged). Their content types follow them, so that the groups keep their permissions.

from django.conf import settings
from django.db import migrations

MODELS = (
    "counsellingmunicipality",
    "recommendationlist",
    "recommendationitem",
    "referral",
    "referralevent",
    "referralaudit",
)


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    for model in MODELS:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:  # a new database: Django makes the content types after migrating
            continue
        new = ContentType.objects.filter(app_label=target, model=model).first()
        if new is not None:  # made early by a migration granting roles: fold it into the old
            for permission in Permission.objects.filter(content_type=new):
                kept = Permission.objects.filter(
                    content_type=old, codename=permission.codename
                ).first()
                if kept is None:
                    permission.content_type = old
                    permission.save()
                    continue
                for group in Group.objects.filter(permissions=permission):
                    group.permissions.add(kept)
                for user in User.objects.filter(user_permissions=permission):
                    user.user_permissions.add(kept)
                permission.delete()
            new.delete()
        old.app_label = target
        old.save()


def forwards(apps, schema_editor):
    _move(apps, "selfcare", "professionals")


def backwards(apps, schema_editor):
    _move(apps, "professionals", "selfcare")


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
