from django.urls import include, path, re_path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from . import calendar_views, views

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
                path(
                    format_lazy(
                        "<slug:slug>-<int:pk>/{}", pgettext_lazy("URL path", "calendar.ics")
                    ),
                    calendar_views.service_ical,
                    name="service-ical",
                ),
            ]
        ),
    ),
    path(
        pgettext_lazy("URL path", "events/"),
        include(
            [
                path("", calendar_views.events, name="events"),
                path(
                    pgettext_lazy("URL path", "calendar.ics"),
                    calendar_views.events_ical,
                    name="events-ical",
                ),
            ]
        ),
    ),
]
