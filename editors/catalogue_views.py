"""The "Unclassified services" admin report and the "Re-run classification" action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from catalogue.classify import classify_all, coverage
from core.i18n import default_field

from . import scope


def unclassified_report(request):
    """Coordinators see every unclassified service, editors those of their scope."""
    if not scope.scope_of(request.user):
        raise PermissionDenied
    if request.method == "POST":
        if not request.user.has_perm("catalogue.change_classificationrule"):
            raise PermissionDenied
        outcome = classify_all()
        messages.success(
            request,
            ngettext(
                "Classification re-run for %(services)d service: the themes of %(changed)d "
                "changed.",
                "Classification re-run for %(services)d services: the themes of %(changed)d "
                "changed.",
                outcome.services,
            )
            % {"services": outcome.services, "changed": outcome.changed},
        )
        return redirect("catalogue_unclassified")
    services = (
        scope.services(request.user)
        .filter(is_active=True, theme_links__isnull=True)
        .select_related("responsible_organisation")
        .prefetch_related("classifications")
        .order_by(default_field("name"), "pk")
    )
    page = Paginator(services, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "catalogue/admin/unclassified.html",
        {
            "figures": coverage(),
            "page_obj": page,
            "can_rerun": request.user.has_perm("catalogue.change_classificationrule"),
        },
    )
