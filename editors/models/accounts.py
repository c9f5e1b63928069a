from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class Account(get_user_model()):
    """The accounts a coordinator may bring in: the same user rows, seen through the narrow
    screen of editors.accounts. Its own permissions (add, change, view; never delete) are
    what the coordinators hold instead of Django's user permissions."""

    class Meta:
        proxy = True
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        default_permissions = ("add", "change", "view")
