from django.conf import settings
from django.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from core.i18n import page_has_language


class PageSitemap(Sitemap):
    """Every live public page, once per language it exists in, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = False  # Django would drop the /fi/ prefix, which this site always uses
    languages = [code for code, _name in settings.LANGUAGES]

    def items(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return Page.objects.none()
        return (
            site.root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .specific()
        )

    def get_languages_for_item(self, item):
        return [code for code in self.languages if page_has_language(item, code)]

    def location(self, item):
        return item.get_url_parts()[2]

    def lastmod(self, item):
        return item.last_published_at
