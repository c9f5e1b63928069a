from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "catalogue"

urlpatterns = [
    path(pgettext_lazy("URL path", "services/"), views.search, name="search"),
]
