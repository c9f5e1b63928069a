from django.urls import path
from django.utils.translation import pgettext_lazy

from . import feedback

app_name = "editors"

urlpatterns = [
    path(
        pgettext_lazy("URL path", "services/<int:pk>/feedback/"),
        feedback.vote,
        name="feedback-vote",
    ),
    path(
        pgettext_lazy("URL path", "services/<int:pk>/report-an-error/"),
        feedback.report,
        name="feedback-report",
    ),
]
