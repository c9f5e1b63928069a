from django.urls import include, path, re_path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "catalogue"

urlpatterns = [
    path(
        pgettext_lazy("URL path", "services/"),
        include(
            [
                path("", views.search, name="search"),
                path("map/", views.map_points, name="map-points"),
                path("kaikukortti/", views.kaikukortti, name="kaikukortti"),
                path(
                    pgettext_lazy("URL path", "what-suits-me/"), views.situation, name="situation"
                ),
                re_path(r"^(?P<slug>[-\w]+)-(?P<pk>\d+)/$", views.service_detail, name="service"),
            ]
        ),
    ),
]
