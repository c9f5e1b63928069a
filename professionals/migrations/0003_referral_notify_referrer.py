from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("professionals", "0002_language_choices_from_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="notify_referrer",
            field=models.BooleanField(
                default=False, verbose_name="e-mail the referrer of status changes"
            ),
        ),
    ]
