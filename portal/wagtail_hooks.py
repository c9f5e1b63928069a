from django.shortcuts import render
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .components import examples


def component_library(request):
    """The pattern library, in the public site's own styles (any admin user may look)."""
    return render(request, "portal/components.html", {"components": examples()})


@hooks.register("register_admin_urls")
def register_component_library_url():
    return [path("components/", component_library, name="portal_components")]


@hooks.register("register_settings_menu_item")
def register_component_library_menu_item():
    return MenuItem(_("Components"), reverse("portal_components"), icon_name="view", order=950)


@hooks.register("insert_global_admin_css")
def readable_language_toggles():
    """wagtail-modeltranslation's language toggles (fi, sv above translated fields) are white
    on light teal, 1.4:1 and 2.6:1: darker backgrounds give 7:1, and the language shown is
    underlined as well as darker, so that colour is not the only difference (WCAG 1.4.3,
    1.4.1). The selectors outweigh the package's own, which load later."""
    return mark_safe(  # noqa: S308 - a constant
        "<style>html body div.locale-picker ul.locales li.locale button.locale-toggle"
        " { background-color: #3d5f5f; color: #fff; }"
        " html body div.locale-picker ul.locales li.locale button.locale-toggle.showing-locale"
        " { background-color: #1d4544; text-decoration: underline; }</style>"
    )


@hooks.register("insert_global_admin_css")
def admin_without_javascript():
    """Wagtail's sidebar is drawn by script; without it, its placeholder would cover the
    page on a phone. Counsellors must be able to handle a referral on any device, so the
    placeholder goes when script is off (the admin's pages are plain HTML forms otherwise)."""
    return mark_safe(  # noqa: S308 - a constant
        "<noscript><style>#wagtail-sidebar.sidebar-loading { display: none; }"
        " .wrapper { padding-inline-start: 0; } </style></noscript>"
    )
