"""Admin views of the editors' work: confirming a local service is current, the services
missing Swedish texts, and the monthly feedback counts. Each shows only the user's scope."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import get_page_models

from catalogue.listing import public_services
from core.i18n import default_field, language_codes, language_name, page_has_language
from core.plain import plain_text

from . import feedback, publishing, scope
from .models import LocalService


def permission_denied(request):
    """The admin's answer to an action the user may not take (editors.apps)."""
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied
    return TemplateResponse(request, "editors/admin/permission_denied.html", status=403)


def _editor(request):
    if not scope.scope_of(request.user):
        raise PermissionDenied
    return request.user


def mark_reviewed(request, pk):
    """GET asks for confirmation; POST restarts the item's 12-month review clock."""
    user = _editor(request)
    if not user.has_perm("editors.change_localservice"):
        raise PermissionDenied
    local = get_object_or_404(scope.local_services(user).filter(live=True), pk=pk)
    if request.method == "POST":
        publishing.mark_reviewed(LocalService.objects.filter(pk=local.pk))
        messages.success(request, _("“%(name)s” was marked as reviewed.") % {"name": local})
        return redirect("wagtailsnippets_editors_localservice:list")
    return TemplateResponse(request, "editors/admin/mark_reviewed.html", {"local": local})


def missing_swedish(request):
    user = _editor(request)
    services = scope.services(user, public_services()).filter(missing_swedish_condition())
    services = services.select_related("responsible_organisation").order_by(
        default_field("name"), "pk"
    )
    page = Paginator(services, 50).get_page(request.GET.get("p"))
    for service in page:  # named as written in the default language, which the report checks
        service.shown_name = getattr(service, default_field("name"))
        service.missing = [label for field, label in CHECKED_TEXTS if lacks(service, field)]
    return TemplateResponse(
        request,
        "editors/admin/missing_swedish.html",
        {"page_obj": page, "total": page.paginator.count},
    )


# The report is of Swedish in particular: the region's municipalities are officially
# bilingual, and the Language Act gives Swedish speakers the right to be served in Swedish.
SWEDISH = "sv"
CHECKED_TEXTS = (
    ("name", gettext_lazy("name")),
    ("summary", gettext_lazy("summary")),
    ("description", gettext_lazy("description")),
)


def lacks(service, field):
    """The service's ``field`` is written in the site's default language but not in Swedish."""
    return bool(getattr(service, f"{field}_{settings.LANGUAGE_CODE}")) and not getattr(
        service, f"{field}_{SWEDISH}"
    )


def missing_swedish_condition():
    """A service whose name, summary or description is written in the site's default language
    but not in Swedish."""
    condition = Q()
    for field, _label in CHECKED_TEXTS:
        condition |= ~Q(**{f"{field}_{settings.LANGUAGE_CODE}": ""}) & Q(
            **{f"{field}_{SWEDISH}": ""}
        )
    return condition


def feedback_report(request):
    user = _editor(request)
    month = request.GET.get("month") or timezone.localdate().strftime("%Y-%m")
    try:
        rows = feedback.monthly_counts(user, month)
    except ValueError:
        raise Http404 from None
    return TemplateResponse(
        request,
        "editors/admin/feedback_report.html",
        {
            "month": month,
            "rows": rows,
            "totals": {name: sum(row[name] for row in rows) for name in feedback.MONTHLY_FIGURES},
        },
    )


# --- pages by language and plain language -----------------------------------------------------


def plain_page_models():
    """The page types that take a plain-language version (a ``plain_<code>`` field), whichever
    app defines them."""
    field = f"plain_{settings.LANGUAGE_CODE}"
    return [
        model
        for model in get_page_models()
        if any(f.name == field for f in model._meta.get_fields())
    ]


def page_language_rows():
    """Every live page of those types: its title, type, and for each site language whether
    it is written in it and whether it has a plain-language version in it. Pages missing a
    plain version in a required language first."""
    codes = language_codes()
    rows = []
    for model in plain_page_models():
        for page in model.objects.live().order_by("path"):
            written = {code: page_has_language(page, code) for code in codes}
            plain = {code: bool(plain_text(page, code)) for code in codes}
            rows.append(
                {
                    "page": page,
                    "title": getattr(page, default_field("title")),
                    "kind": model._meta.verbose_name,
                    "cells": [(written[code], plain[code]) for code in codes],
                    "missing_plain": any(
                        not plain[code] for code in settings.REQUIRED_CONTENT_LANGUAGES
                    ),
                }
            )
    rows.sort(key=lambda row: not row["missing_plain"])
    return rows


def page_languages(request):
    _editor(request)
    rows = page_language_rows()
    only_missing = request.GET.get("missing") == "plain"
    shown = [row for row in rows if row["missing_plain"]] if only_missing else rows
    languages = [
        (code, language_name(code), sum(1 for row in rows if row["cells"][i][1]))
        for i, code in enumerate(language_codes())
    ]
    return TemplateResponse(
        request,
        "editors/admin/page_languages.html",
        {
            "rows": shown,
            "total": len(rows),
            "missing": sum(1 for row in rows if row["missing_plain"]),
            "only_missing": only_missing,
            "languages": languages,
        },
    )
