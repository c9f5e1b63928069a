from django.urls import include, path
from django.utils.translation import pgettext_lazy

from . import recommendations, views

app_name = "professionals"

urlpatterns = [
    path(
        pgettext_lazy("URL path", "professionals/"),
        include(
            [
                path("", views.professional_home, name="professional"),
                path(
                    pgettext_lazy("URL path", "referrals/<str:pk>/"),
                    views.referral_status,
                    name="referral-status",
                ),
                path(pgettext_lazy("URL path", "login/"), views.LoginView.as_view(), name="login"),
                path(
                    pgettext_lazy("URL path", "logout/"), views.LogoutView.as_view(), name="logout"
                ),
                path(
                    pgettext_lazy("URL path", "recommendation-list/"),
                    include(
                        [
                            path("", recommendations.builder, name="builder"),
                            path(
                                pgettext_lazy("URL path", "add/"),
                                recommendations.add,
                                name="add-to-list",
                            ),
                            path(
                                pgettext_lazy("URL path", "ready/<str:code>/"),
                                recommendations.created,
                                name="created",
                            ),
                            path(
                                pgettext_lazy("URL path", "copy/<str:code>/"),
                                recommendations.copy,
                                name="copy-list",
                            ),
                        ]
                    ),
                ),
            ]
        ),
    ),
    path(
        pgettext_lazy("URL path", "recommendation/<str:code>/"),
        include(
            [
                path("", recommendations.client_view, name="recommendation"),
                path(
                    pgettext_lazy("URL path", "print/"),
                    recommendations.client_print,
                    name="recommendation-print",
                ),
                path(
                    pgettext_lazy("URL path", "slip/"),
                    recommendations.client_slip,
                    name="recommendation-slip",
                ),
            ]
        ),
    ),
    path(
        pgettext_lazy("URL path", "referral/<slug:slug>/"),
        include(
            [
                path("", views.referral_type_index, name="referral-type"),
                path("<str:pk>/", views.referral_form, name="referral"),
                path(
                    pgettext_lazy("URL path", "<str:pk>/sent/"),
                    views.referral_sent,
                    name="referral-sent",
                ),
            ]
        ),
    ),
    path(
        pgettext_lazy("URL path", "exercise-counselling/"),
        include(
            [
                path("", views.counselling_index, name="counselling-index"),
                path("<str:code>/", views.counselling, name="counselling"),
                path(
                    pgettext_lazy("URL path", "<str:code>/sent/"),
                    views.counselling_sent,
                    name="counselling-sent",
                ),
            ]
        ),
    ),
]
