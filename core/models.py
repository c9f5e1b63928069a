from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyCount(models.Model):
    """An anonymous counter: how many times ``metric`` (for ``key``, e.g. a theme slug or a
    municipality code) happened on ``day``. Nothing about who: no user, address or agent."""

    day = models.DateField(_("day"))
    metric = models.CharField(_("metric"), max_length=60)
    key = models.CharField(_("key"), max_length=60, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "metric", "key"], name="daily_count_unique")
        ]
        # The names from when the table was portal's (it keeps its name).
        indexes = [models.Index(fields=["metric", "day"], name="portal_dail_metric_4e1728_idx")]
        permissions = [("view_indicators", _("Can see the usage indicators"))]
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        db_table = "portal_dailycount"

    def __str__(self):
        return f"{self.day} {self.metric} {self.key}: {self.count}"
