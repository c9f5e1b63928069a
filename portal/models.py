from django.db import models
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from catalogue import listing
from core.i18n import Translated
from core.pagecache import cached_catalogue_page
from core.plain import plain_field
from core.richtext import RICH_TEXT_FEATURES
from selfcare.models import assessments, programmes_live
from selfcare.programmes import in_progress

from .blocks import BodyBlock, FeaturedBlock


def theme_pages():
    """Live, public theme pages with their themes, in the themes' order."""
    return ThemePage.objects.live().public().select_related("theme").order_by("theme__sort_order")


def municipality_context(request):
    """The home page's municipality (``?municipality=<code>``, remembered in the address, or
    on the visitor's own device by home-municipality.js; no cookie): the picker's choices,
    and for a chosen one what meets there this week and what is new in the guide."""
    language = translation.get_language()
    choices = sorted(
        listing.scope_municipalities(),
        key=lambda m: (Translated.of(m, "name").get(language) or "").casefold(),
    )
    code = request.GET.get("municipality", "").strip()
    chosen = next((m for m in choices if m.code == code), None) if code else None
    context = {
        "municipality_choices": choices,
        "chosen_municipality": chosen,
        "municipality_unknown": bool(code) and chosen is None,
    }
    if chosen is not None:
        context["coming_up"] = listing.coming_up(chosen)
        context["new_services"] = listing.new_in_guide(chosen)
    return context


class HomePage(Page):
    """The site root: intro, the theme grid, the catalogue search box and featured content."""

    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)
    featured = StreamField(FeaturedBlock(), verbose_name=_("featured content"), blank=True)

    plain = plain_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("plain"),
        FieldPanel("featured"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.ThemeIndexPage",
        "portal.MunicipalityIndexPage",
        "portal.StandardPage",
        "selfcare.AssessmentIndexPage",
        "selfcare.ProgrammeIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["theme_pages"] = theme_pages()
        context["untranslated_notice"] = request.GET.get("untranslated") == "1"
        context["in_progress"] = in_progress(request)
        context.update(municipality_context(request))
        context["assessments"] = assessments()
        context["programmes"] = programmes_live()
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # "Continue where you left off" comes from the visitor's progress cookie.
        patch_vary_headers(response, ("Cookie",))
        if (getattr(response, "context_data", None) or {}).get("in_progress"):
            patch_cache_control(response, private=True)
        return response


class ThemeIndexPage(Page):
    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ThemePage"]
    max_count = 1

    class Meta:
        verbose_name = _("theme index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["theme_pages"] = theme_pages().child_of(self)
        return context


class ThemePage(Page):
    """The page of one theme. Its name, intro, icon and colour come from the Theme."""

    theme = models.OneToOneField(
        "catalogue.Theme",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="page",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    plain = plain_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("body"),
        FieldPanel("plain"),
    ]
    parent_page_types = ["portal.ThemeIndexPage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = translation.get_language()
        municipalities = list(listing.scope_municipalities())
        chosen = request.GET.get("municipality", "")
        if chosen not in {m.code for m in municipalities}:
            chosen = ""
        context.update(
            services=listing.theme_services(
                self.theme, language, chosen or None, request.GET.get("page")
            ),
            contacts=listing.counselling_contacts(self.theme, language, chosen or None),
            nearby_places=listing.theme_places(self.theme, language, chosen or None),
            municipalities=sorted(municipalities, key=lambda m: m.name.casefold()),
            chosen_municipality=chosen,
            assessments=assessments().filter(themes=self.theme),
            programmes=programmes_live().filter(themes=self.theme),
        )
        services = context["services"]
        if getattr(services, "paginator", None) is not None:
            here = f"municipality={chosen}&" if chosen else ""
            context["previous_url"] = (
                f"?{here}page={services.previous_page_number()}" if services.has_previous() else ""
            )
            context["next_url"] = (
                f"?{here}page={services.next_page_number()}" if services.has_next() else ""
            )
        return context

    def serve(self, request, *args, **kwargs):
        # A catalogue page: its services come from the search index.
        return cached_catalogue_page(super().serve)(request, *args, **kwargs)

    class Meta:
        verbose_name = _("theme page")


class MunicipalityIndexPage(Page):
    """ "Kunnat – Kommuner": one page per municipality below it."""

    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.MunicipalityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("municipality index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["municipality_pages"] = (
            MunicipalityPage.objects.live().public().child_of(self).order_by("title")
        )
        return context


class MunicipalityPage(Page):
    """A municipality's own page, written by its municipal editors (page permissions follow
    their editor profiles, editors.pages) and approved by a coordinator. It lists the
    municipality's local services and leads to the catalogue filtered to the municipality."""

    municipality = models.OneToOneField(
        "catalogue.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="page",
    )
    intro = models.TextField(_("intro"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("municipality"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["portal.MunicipalityIndexPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("municipality page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = translation.get_language()
        local = listing.public_services().filter(source="local", municipalities=self.municipality)
        context["local_services"] = listing.with_sources(
            listing.ordered_by_name(local, language).select_related("responsible_organisation")[:20]
        )
        counselling = getattr(self.municipality, "counselling", None)
        context["offers_counselling"] = bool(counselling and counselling.offers_counselling)
        return context


class StandardPage(Page):
    intro = models.TextField(_("intro"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    plain = plain_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("plain"),
    ]
    parent_page_types = ["portal.HomePage", "portal.StandardPage", "portal.MunicipalityPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
