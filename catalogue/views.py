from datetime import datetime

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET

from .listing import public_services
from .models import LocalEnrichment, Service
from .openinghours import HELSINKI, is_open, upcoming_exceptions, weekly_rows

CHANNEL_GROUPS = (
    ("places", ("place",)),
    ("phone", ("phone",)),
    ("online", ("online", "webpage", "printable")),
)


@require_GET
def search(request):
    """The catalogue's search page. Until the search backends arrive it matches the words
    of the query against service names in both languages."""
    query = request.GET.get("q", "").strip()[:200]
    services = public_services().select_related("responsible_organisation")
    for word in query.split()[:8]:
        services = services.filter(Q(name_fi__icontains=word) | Q(name_sv__icontains=word))
    total = services.count()
    return render(
        request,
        "catalogue/search.html",
        {"query": query, "services": services[:50], "total": total},
    )


def in_language(items, language):
    """Entries for the page's language; all of them when none is marked for it."""
    own = [item for item in items if item.language in ("", language)]
    return own or list(items)


def channel_view(channel, language, now):
    hours = list(channel.hours.all())
    seen_numbers = set()
    phones = []
    for phone in in_language(channel.phones.all(), language):
        if phone.number not in seen_numbers:
            seen_numbers.add(phone.number)
            phones.append(phone)
    return {
        "channel": channel,
        "addresses": [a for a in channel.addresses.all() if a.kind == "visiting"],
        "open_now": is_open(hours, now) if hours else None,
        "weekly": weekly_rows(hours, now.date()),
        "exceptions": upcoming_exceptions(hours, now.date()),
        "always_open": any(h.kind == "always" for h in hours),
        "phones": phones,
        "emails": in_language(channel.emails.all(), language),
        "links": in_language(channel.links.all(), language),
    }


def theme_links(service, request):
    """The service's themes that have a live page, with the page's URL."""
    from portal.models import ThemePage

    pages = ThemePage.objects.live().filter(theme__in=service.themes.all()).select_related("theme")
    themes = []
    for page in pages.order_by("theme__sort_order"):
        page.theme.url = page.get_url(request)
        themes.append(page.theme)
    return themes


@require_GET
def service_detail(request, slug, pk):
    service = get_object_or_404(
        Service.objects.select_related("responsible_organisation").prefetch_related(
            "municipalities"
        ),
        pk=pk,
    )
    if LocalEnrichment.objects.filter(service=service, hidden=True).exists():
        raise Http404
    themes = theme_links(service, request)
    if not service.is_active:
        from portal.models import ThemeIndexPage

        index = ThemeIndexPage.objects.live().first()
        context = {
            "service": service,
            "themes": themes,
            "theme_index_url": index.get_url(request) if index else "",
        }
        return render(request, "catalogue/service_gone.html", context, status=410)
    canonical = service.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)

    language = translation.get_language()
    now = datetime.now(HELSINKI)
    channels = service.active_channels().prefetch_related(
        "addresses", "hours", "phones", "emails", "links"
    )
    groups = {name: [] for name, _types in CHANNEL_GROUPS}
    for channel in channels.order_by("channel_type", "name_fi", "pk"):
        for name, types in CHANNEL_GROUPS:
            if channel.channel_type in types:
                groups[name].append(channel_view(channel, language, now))
    context = {
        "service": service,
        "themes": themes,
        "page_title": service.name,
        "groups": groups,
        "languages": [
            translation.get_language_info(code)["name_translated"]
            if code in dict(translation.trans_real.get_languages())
            else code
            for code in service.service_languages
        ],
        "municipalities": list(service.municipalities.all()),
    }
    return render(request, "catalogue/service_detail.html", context)
