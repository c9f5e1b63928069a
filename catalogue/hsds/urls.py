from django.urls import path

from . import views

app_name = "hsds"

urlpatterns = [
    path("", views.root, name="root"),
    path("profile/", views.profile, name="profile"),
    path("services", views.services, name="services"),
    path("services/<uuid:pk>", views.service, name="service"),
    path("service_at_locations", views.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<uuid:pk>",
        views.service_at_location,
        name="service_at_location",
    ),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<uuid:pk>", views.organization, name="organization"),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<uuid:pk>", views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<uuid:pk>", views.taxonomy_term, name="taxonomy_term"),
]
