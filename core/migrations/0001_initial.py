# DailyCount moves here from portal: the table keeps its name, so only Django's record of
# the models changes (portal 0005 moves its content type and permissions).

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("portal", "0004_indicator_permission"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DailyCount",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("day", models.DateField(verbose_name="day")),
                        ("metric", models.CharField(max_length=60, verbose_name="metric")),
                        ("key", models.CharField(blank=True, max_length=60, verbose_name="key")),
                        ("count", models.PositiveIntegerField(default=0, verbose_name="count")),
                    ],
                    options={
                        "verbose_name": "daily count",
                        "verbose_name_plural": "daily counts",
                        "db_table": "portal_dailycount",
                        "permissions": [("view_indicators", "Can see the usage indicators")],
                        "indexes": [
                            models.Index(
                                fields=["metric", "day"], name="portal_dail_metric_4e1728_idx"
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("day", "metric", "key"), name="daily_count_unique"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
