from django.db import models
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from catalogue import listing
from core.i18n import Translated
from core.pagecache import cached_catalogue_page, per_generation
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
    choices = per_generation(
        "scope-municipalities",
        lambda: sorted(
            listing.scope_municipalities(),
            key=lambda m: (Translated.of(m, "name").get(language) or "").casefold(),
        ),
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
        "portal.AccessibilityStatementPage",
        "selfcare.AssessmentIndexPage",
        "selfcare.ProgrammeIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The same for every visitor until a publication: kept per catalogue generation.
        context["theme_pages"] = per_generation("theme-pages", lambda: list(theme_pages()))
        context["untranslated_notice"] = request.GET.get("untranslated") == "1"
        context["in_progress"] = in_progress(request)
        context.update(municipality_context(request))
        context["assessments"] = per_generation("assessments", lambda: list(assessments()))
        context["programmes"] = per_generation("programmes", lambda: list(programmes_live()))
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
        municipalities = per_generation(
            "scope-municipalities-by-name",
            lambda: sorted(listing.scope_municipalities(), key=lambda m: m.name.casefold()),
        )
        chosen = request.GET.get("municipality", "")
        if chosen not in {m.code for m in municipalities}:
            chosen = ""
        language = translation.get_language()
        context.update(
            services=listing.theme_services(
                self.theme, language, chosen or None, request.GET.get("page")
            ),
            municipalities=municipalities,
            chosen_municipality=chosen,
        )
        # The same on every page of the list until the catalogue changes: kept per generation,
        # what does not depend on the municipality once for all of them.
        context.update(per_generation("theme-page", lambda: self.beside(chosen), self.pk, chosen))
        context.update(per_generation("theme-selfcare", self.selfcare, self.pk))
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

    def beside(self, municipality):
        """What the page shows beside its list of services, for a municipality's code or ""
        (all)."""
        language = translation.get_language()
        return {
            "contacts": listing.counselling_contacts(self.theme, language, municipality or None),
            "nearby_places": listing.theme_places(self.theme, language, municipality or None),
        }

    def selfcare(self):
        """The theme's self-assessments and self-care programmes."""
        return {
            "assessments": list(assessments().filter(themes=self.theme)),
            "programmes": list(programmes_live().filter(themes=self.theme)),
        }

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


class AccessibilityStatementPage(Page):
    """The accessibility statement the Act on the Provision of Digital Services (306/2019,
    §§ 15–17) requires: the editors write the state of accessibility and what is not yet
    accessible; the page itself always shows the statement's dates, the feedback channel and
    how to reach the enforcement body, so that none of them can be left out."""

    class Conformance(models.TextChoices):
        FULL = "full", _("fully meets the requirements")
        PARTIAL = "partial", _("partially meets the requirements")
        NONE = "none", _("does not meet the requirements")

    intro = models.TextField(_("intro"), blank=True)
    conformance = models.CharField(
        _("state of accessibility"),
        max_length=8,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("What is not accessible yet and why, and how it was assessed."),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    feedback_email = models.EmailField(_("feedback e-mail address"))
    feedback_url = models.URLField(_("feedback form address"), blank=True)
    feedback_response = models.CharField(
        _("when feedback is answered"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'within 14 days'. The Act requires an answer within 14 days."),
    )
    # Translated fields have no default: wagtail-modeltranslation takes a value equal to the
    # default for "not written" and would show another language's instead.
    enforcement_name = models.CharField(
        _("enforcement body"),
        max_length=200,
        help_text=_(
            "E.g. Etelä-Suomen aluehallintovirasto / Regionförvaltningsverket i Södra Finland."
        ),
    )
    enforcement_unit = models.CharField(_("its unit"), max_length=200, blank=True)
    enforcement_url = models.URLField(
        _("its website"), help_text=_("E.g. https://www.saavutettavuusvaatimukset.fi")
    )
    enforcement_email = models.EmailField(_("its e-mail address"), default="saavutettavuus@avi.fi")
    enforcement_phone = models.CharField(
        _("its phone number"), max_length=40, default="0295 016 000"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("conformance"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")], heading=_("Dates")),
        MultiFieldPanel(
            [
                FieldPanel("feedback_email"),
                FieldPanel("feedback_url"),
                FieldPanel("feedback_response"),
            ],
            heading=_("Feedback"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_name"),
                FieldPanel("enforcement_unit"),
                FieldPanel("enforcement_url"),
                FieldPanel("enforcement_email"),
                FieldPanel("enforcement_phone"),
            ],
            heading=_("Enforcement body"),
            help_text=_(
                "Who supervises the accessibility of public websites. Check it when the law "
                "changes: the supervision may move to another authority."
            ),
        ),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")
