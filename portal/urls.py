from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import pgettext_lazy
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalogue import api_docs
from catalogue.api import api
from editors import embeds
from indicators.views import privacy

from . import views
from .sitemaps import PageSitemap

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The open data's documentation for people (catalogue.api_docs), then the APIs.
    path("api/", api_docs.overview, name="api_overview"),
    path("api/v1/", RedirectView.as_view(pattern_name="api_overview", query_string=True)),
    path("api/v1/reference/", api_docs.reference, {"which": "v1"}, name="api_reference_v1"),
    path("api/hsds/reference/", api_docs.reference, {"which": "hsds"}, name="api_reference_hsds"),
    path("api/v1/", api.urls),
    path("api/hsds/", include("catalogue.hsds.urls")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Widgets for municipal websites: the only pages other sites may frame (editors.embeds).
    path("embed/<uuid:key>/", embeds.widget, name="embed"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PageSitemap}},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(pgettext_lazy("URL path", "privacy/"), privacy, name="privacy"),
    path("", include("catalogue.urls")),
    path("", include("professionals.urls")),
    path("", include("editors.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
