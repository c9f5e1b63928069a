from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.roles import COORDINATOR, COUNSELLOR, PROFESSIONAL, ensure_roles

# The roles and defaults as they were when this migration was written (the models then
# belonged to selfcare; professionals 0001 moved them).
ROLES = {
    # Service recommendation lists and exercise counselling referrals.
    PROFESSIONAL: [
        ("selfcare", "recommendationlist", "add_recommendationlist"),
        ("selfcare", "referral", "add_referral"),
    ],
    # The referrals of the municipalities they counsel (CounsellingMunicipality.counsellors).
    COUNSELLOR: [
        ("wagtailadmin", "admin", "access_admin"),
        ("selfcare", "referral", "view_referral"),
        ("selfcare", "referral", "change_referral"),
    ],
    # County-wide: the indicators of every municipality and the counselling settings. Not the
    # referrals themselves: they are seen only by the municipality's counsellors.
    COORDINATOR: [
        ("wagtailadmin", "admin", "access_admin"),
        ("selfcare", "referral", "export_referral_indicators"),
        ("core", "dailycount", "view_indicators"),
        ("selfcare", "counsellingmunicipality", "view_counsellingmunicipality"),
        ("selfcare", "counsellingmunicipality", "add_counsellingmunicipality"),
        ("selfcare", "counsellingmunicipality", "change_counsellingmunicipality"),
    ],
}

# Seed 003: the chain started in Närpiö, Kristiinankaupunki, Kruunupyy and Uusikaarlepyy.
COUNSELLING_MUNICIPALITIES = ("545", "287", "288", "893")
INTRO_FI = (
    "Liikuntaneuvonta on maksutonta. Liikuntaneuvoja soittaa sinulle, ja yhdessä etsitte "
    "sinulle sopivan tavan liikkua. Neuvonta kestää yleensä muutaman kuukauden."
)
INTRO_SV = (
    "Motionsrådgivningen är avgiftsfri. Motionsrådgivaren ringer dig, och tillsammans hittar "
    "ni ett sätt att röra på dig som passar dig. Rådgivningen pågår i allmänhet några månader."
)


def ensure_counselling_defaults(CounsellingMunicipality, Municipality):
    for municipality in Municipality.objects.filter(code__in=COUNSELLING_MUNICIPALITIES):
        CounsellingMunicipality.objects.get_or_create(
            municipality=municipality,
            defaults={
                "offers_counselling": True,
                "self_referral": False,
                "intro": INTRO_FI,
                "intro_fi": INTRO_FI,
                "intro_sv": INTRO_SV,
            },
        )


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
        apps.get_model("contenttypes", "ContentType"),
        ROLES,
    )
    ensure_counselling_defaults(
        apps.get_model("selfcare", "CounsellingMunicipality"),
        apps.get_model("catalogue", "Municipality"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("selfcare", "0003_professional_tools"),
        ("catalogue", "0009_lahella_activities"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
