"""Referral types (issue 24): the liikuntaneuvonta chain becomes the first type.

CounsellingMunicipality becomes ReferralUnit (a type's receiving unit: a municipality's
counsellors or an organisation's contacts) with its rows, its counsellors (now "receivers")
and the coordinators' permissions on it; every referral gets the unit of its municipality.
Recommendation list items may also be self-care (a page or a national self-care service)."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from core.contenttypes import rename_content_type
from professionals.roles import (
    ensure_counselling_type,
    ensure_national_services,
    ensure_roles,
)



def _translated(name, field):
    """The field and its per-language copies (modeltranslation's columns)."""
    copies = []
    for code, _label in settings.LANGUAGES:
        copy = field.clone()
        copy.null = True
        copies.append((f"{name}_{code}", copy))
    return [(name, field), *copies]


def forwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # The coordinators keep their permissions on the renamed model.
    rename_content_type(apps, "professionals", "counsellingmunicipality", "referralunit")
    app_config = apps.get_app_config("professionals")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), Permission, ContentType)

    ReferralType = apps.get_model("professionals", "ReferralType")
    ReferralUnit = apps.get_model("professionals", "ReferralUnit")
    Referral = apps.get_model("professionals", "Referral")
    counselling = ensure_counselling_type(ReferralType, apps.get_model("catalogue", "Theme"))
    ReferralUnit.objects.filter(referral_type__isnull=True).update(referral_type=counselling)
    # A referral to a municipality whose settings were removed gets a unit that receives none.
    for municipality_id in (
        Referral.objects.filter(unit__isnull=True).values_list("municipality", flat=True).distinct()
    ):
        unit, _created = ReferralUnit.objects.get_or_create(
            referral_type=counselling,
            municipality_id=municipality_id,
            defaults={"active": False},
        )
        Referral.objects.filter(unit__isnull=True, municipality_id=municipality_id).update(unit=unit)
    ensure_national_services(apps.get_model("professionals", "NationalService"))


def backwards(apps, schema_editor):
    Referral = apps.get_model("professionals", "Referral")
    Referral.objects.filter(municipality__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("professionals", "0003_referral_notify_referrer"),
        # The content types of the models moved from selfcare are professionals' by then.
        ("selfcare", "0006_professional_tools_moved"),
        ("catalogue", "0017_synonym_words_per_language"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReferralType",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(help_text="In the form's web address, e.g. liikuntaneuvonta. Lowercase letters.", max_length=60, unique=True, verbose_name="identifier")),
                *_translated("name", models.CharField(max_length=120, verbose_name="name")),
                ("prefix", models.CharField(help_text="Referrals of this type are numbered LN-00001 and so on. Changing it changes the references of the type's referrals too.", max_length=4, verbose_name="reference prefix")),
                *_translated("intro", models.TextField(blank=True, verbose_name="intro")),
                *_translated("consent", models.TextField(verbose_name="consent (professional)")),
                *_translated("consent_self", models.TextField(blank=True, verbose_name="consent (self-referral)")),
                ("fields", models.JSONField(blank=True, default=list, verbose_name="optional form fields")),
                ("receivers", models.CharField(max_length=20, verbose_name="receiving units")),
                ("procedure_code", models.CharField(blank=True, max_length=10, verbose_name="procedure code")),
                ("theme", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="catalogue.theme", verbose_name="theme")),
                ("active", models.BooleanField(default=True, verbose_name="in use")),
            ],
            options={"ordering": ["slug"]},
        ),
        migrations.CreateModel(
            name="NationalService",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                *_translated("name", models.CharField(max_length=120, verbose_name="name")),
                *_translated("url", models.URLField(max_length=300, verbose_name="web address")),
                *_translated("description", models.TextField(max_length=500, verbose_name="what it is")),
                *_translated("next_step", models.TextField(max_length=500, verbose_name="what to do next")),
                ("active", models.BooleanField(default=True, verbose_name="offered in lists")),
                ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
            ],
            options={"ordering": ["sort_order", "pk"]},
        ),
        # The municipality's counselling settings become a receiving unit of the first type.
        migrations.RenameModel("CounsellingMunicipality", "ReferralUnit"),
        migrations.AlterModelTable("referralunit", None),
        migrations.RenameField("referralunit", "offers_counselling", "active"),
        migrations.RenameField("referralunit", "counsellors", "receivers"),
        migrations.AlterField(
            model_name="referralunit",
            name="municipality",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="referral_units", to="catalogue.municipality", verbose_name="municipality"),
        ),
        migrations.AlterField(
            model_name="referralunit",
            name="receivers",
            field=models.ManyToManyField(blank=True, related_name="referral_units", to=settings.AUTH_USER_MODEL, verbose_name="receivers"),
        ),
        migrations.AddField(
            model_name="referralunit",
            name="referral_type",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="units", to="professionals.referraltype", verbose_name="referral type"),
        ),
        migrations.AddField(
            model_name="referralunit",
            name="organisation",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="referral_units", to="catalogue.organisation", verbose_name="organisation"),
        ),
        migrations.AddField(
            model_name="referralunit",
            name="service",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="referral_units", to="catalogue.service", verbose_name="service in the catalogue"),
        ),
        migrations.AddField(
            model_name="referralunit",
            name="contact_emails",
            field=models.TextField(blank=True, verbose_name="more e-mail addresses for new referrals"),
        ),
        migrations.AddField(
            model_name="referral",
            name="unit",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="referrals", to="professionals.referralunit", verbose_name="receiving unit"),
        ),
        migrations.AlterField(
            model_name="referral",
            name="municipality",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="referrals", to="catalogue.municipality", verbose_name="municipality"),
        ),
        # Lists: self-care items.
        migrations.AddField(
            model_name="recommendationitem",
            name="kind",
            field=models.CharField(default="service", max_length=20, verbose_name="kind"),
        ),
        migrations.AlterField(
            model_name="recommendationitem",
            name="service",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="recommendations", to="catalogue.service"),
        ),
        migrations.AddField(
            model_name="recommendationitem",
            name="page",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="wagtailcore.page"),
        ),
        migrations.AddField(
            model_name="recommendationitem",
            name="national_service",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="professionals.nationalservice"),
        ),
        migrations.AddField(
            model_name="recommendationitem",
            name="continuation_code",
            field=models.CharField(blank=True, max_length=20, verbose_name="continuation code"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="referralunit",
            name="referral_type",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="units", to="professionals.referraltype", verbose_name="referral type"),
        ),
        migrations.AlterField(
            model_name="referral",
            name="unit",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="referrals", to="professionals.referralunit", verbose_name="receiving unit"),
        ),
        migrations.AddConstraint(
            model_name="referralunit",
            constraint=models.CheckConstraint(condition=models.Q(("municipality__isnull", False), ("organisation__isnull", True)) | models.Q(("municipality__isnull", True), ("organisation__isnull", False)), name="referral_unit_municipality_or_organisation"),
        ),
        migrations.AddConstraint(
            model_name="referralunit",
            constraint=models.UniqueConstraint(fields=("referral_type", "municipality"), name="referral_unit_type_municipality"),
        ),
        migrations.AddConstraint(
            model_name="referralunit",
            constraint=models.UniqueConstraint(fields=("referral_type", "organisation"), name="referral_unit_type_organisation"),
        ),
    ]
