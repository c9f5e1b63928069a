from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.i18n import any_language_route
from core.plain import plain_field
from core.richtext import RICH_TEXT_FEATURES

from .. import urlwords
from ..programme_blocks import StepBlock


class ProgrammeIndexPage(RoutablePageMixin, Page):
    """The list of self-care programmes, and where a continuation code is made and used
    (one code carries the progress of every programme)."""

    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["selfcare.SelfCareProgrammePage"]
    max_count = 1

    class Meta:
        verbose_name = _("self-care programme index page")

    @re_path(r"^$", name="listing")
    def listing(self, request):
        from .. import programmes

        return programmes.index_view(self, request)

    @re_path(any_language_route(r"^%(resume)s/$", resume=urlwords.RESUME), name="resume")
    def resume(self, request):
        from .. import programmes

        return programmes.resume_view(self, request)

    @re_path(any_language_route(r"^%(code)s/$", code=urlwords.CODE), name="code")
    def code(self, request):
        from .. import programmes

        return programmes.code_view(self, request)


def programmes_live():
    return SelfCareProgrammePage.objects.live().public().prefetch_related("themes").order_by("path")


class SelfCareProgrammePage(RoutablePageMixin, Page):
    """A self-care programme (omahoito-ohjelma): ordered steps, progress kept without an
    account (a signed cookie, optionally a continuation code)."""

    STEP_UNITS = [("week", _("week")), ("module", _("part"))]

    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)
    plain = plain_field()
    goals = RichTextField(
        _("goals"),
        blank=True,
        features=["bold", "italic", "ul", "ol"],
        help_text=_("What the user can expect to achieve, as a short list."),
    )
    target_group = models.TextField(
        _("for whom"), blank=True, help_text=_("Who the programme is meant for, and who not.")
    )
    themes = ParentalManyToManyField(
        "catalogue.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="programmes",
        help_text=_("The programme is listed on these themes' pages."),
    )
    step_unit = models.CharField(
        _("a step is a"),
        max_length=10,
        choices=STEP_UNITS,
        default="week",
        help_text=_("Steps are named “Week 1”, “Week 2”… or “Part 1”, “Part 2”…"),
    )
    steps = StreamField(
        [("step", StepBlock())],
        verbose_name=_("steps"),
        blank=True,
        help_text=_(
            "Progress is remembered per step: reordering or editing a step keeps it, "
            "deleting a step forgets it."
        ),
    )
    sources = RichTextField(
        _("sources"),
        blank=True,
        features=["bold", "italic", "ul", "link"],
        help_text=_("The recommendations and guidelines the programme is based on."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("plain"),
        FieldPanel("goals"),
        FieldPanel("target_group"),
        FieldPanel("themes", widget=CheckboxSelectMultiple),
        FieldPanel("step_unit"),
        FieldPanel("sources"),
    ]
    step_panels = [FieldPanel("steps")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(step_panels, heading=_("Steps")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    parent_page_types = ["selfcare.ProgrammeIndexPage"]
    subpage_types = []
    template = "selfcare/programme_page.html"

    class Meta:
        verbose_name = _("self-care programme")
        verbose_name_plural = _("self-care programmes")

    @property
    def total_minutes(self):
        return sum(step.value["minutes"] or 0 for step in self.steps)

    @re_path(r"^$", name="overview")
    def overview(self, request):
        from .. import programmes

        return programmes.overview_view(self, request)

    @re_path(
        any_language_route(r"^%(step)s/(?P<number>[0-9]{1,3})/$", step=urlwords.STEP),
        name="step",
    )
    def step(self, request, number):
        from .. import programmes

        return programmes.step_view(self, request, int(number))

    @re_path(any_language_route(r"^%(print)s/$", print=urlwords.PRINT), name="print")
    def print_view(self, request):
        from .. import programmes

        return programmes.print_view(self, request)


class ContinuationCode(models.Model):
    """What the server keeps of a continuation code: a digest of the code (not the code),
    the step states and the day it was last used. Nothing about the person."""

    digest = models.CharField(_("digest of the code"), max_length=64, unique=True)
    progress = models.JSONField(_("step states"), default=dict)
    last_used = models.DateField(_("last used"), db_index=True)

    class Meta:
        verbose_name = _("continuation code")

    def __str__(self):
        return f"{self.digest[:8]}… {self.last_used}"
