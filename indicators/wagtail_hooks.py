from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("before_serve_page")
def note_page_for_indicators(page, request, serve_args, serve_kwargs):
    """The visit counter (indicators.counting) counts the page by its type."""
    request.indicator_page = page


@hooks.register("register_admin_urls")
def register_indicator_urls():
    return [
        path("indicators/", views.dashboard, name="indicators_dashboard"),
        path("indicators.csv", views.dashboard_csv, name="indicators_csv"),
    ]


class IndicatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_reports_menu_item")
def register_indicators_menu_item():
    return IndicatorsMenuItem(
        _("Usage indicators"), reverse("indicators_dashboard"), icon_name="table", order=905
    )
