"""Theme pages as items of a professional's recommendation list (core.listitems)."""

from django.utils.translation import gettext_lazy as _

from core.listitems import PageKind, register_page_kind

from .models import ThemePage

register_page_kind(
    PageKind(
        kind="theme",
        model=ThemePage,
        next_step=_("Look through the theme's services and activities and choose one near you."),
        order=30,
    )
)
