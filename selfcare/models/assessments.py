from django.core.exceptions import ValidationError
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.plain import plain_field
from core.richtext import RICH_TEXT_FEATURES

from ..blocks import BandBlock, QuestionsBlock, ScaleBlock
from ..instrument import Instrument


class AssessmentIndexPage(Page):
    """The list of self-assessments."""

    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["selfcare.SelfAssessmentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("self-assessment index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["assessments"] = assessments().child_of(self)
        return context


def assessments():
    """Live, public self-assessments, with their themes."""
    return SelfAssessmentPage.objects.live().public().prefetch_related("themes").order_by("path")


class SelfAssessmentPage(Page):
    """A self-assessment (itsearviointi): questions, scoring and result bands. Answers are
    checked and scored within the request and never stored; only daily counts are kept."""

    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)
    plain = plain_field()  # of the intro: the questions are the instrument's own
    duration_minutes = models.PositiveSmallIntegerField(_("time it takes (minutes)"), default=3)
    themes = ParentalManyToManyField(
        "catalogue.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="assessments",
        help_text=_("The assessment is listed on these themes' pages."),
    )
    one_question_per_step = models.BooleanField(
        _("one question per step"),
        default=False,
        help_text=_("Otherwise all questions are shown on one page."),
    )
    ask_municipality = models.BooleanField(
        _("ask for the municipality (optional for the user)"),
        default=False,
        help_text=_("Catalogue searches in the recommendations then show services there."),
    )
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions"), blank=True)
    scales = StreamField(
        [("scale", ScaleBlock())],
        verbose_name=_("scales"),
        blank=True,
        help_text=_(
            "How the sums of points are named and shown. A scale named here with no label "
            "is not shown. Questions give their points to “total” unless they name another."
        ),
    )
    bands = StreamField([("band", BandBlock())], verbose_name=_("result bands"), blank=True)
    source = RichTextField(
        _("source of the instrument"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Who developed the questions and the cut-offs, with a citation."),
    )
    disclaimer = models.TextField(
        _("disclaimer"),
        blank=True,
        help_text=_("Leave empty for the standard text: this is not a diagnosis."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("plain"),
        FieldPanel("duration_minutes"),
        FieldPanel("themes", widget=CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("one_question_per_step"), FieldPanel("ask_municipality")],
            heading=_("How it is answered"),
        ),
        FieldPanel("source"),
        FieldPanel("disclaimer"),
    ]
    question_panels = [FieldPanel("questions"), FieldPanel("scales")]
    result_panels = [FieldPanel("bands")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(question_panels, heading=_("Questions and scoring")),
            ObjectList(result_panels, heading=_("Results")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    parent_page_types = ["selfcare.AssessmentIndexPage"]
    subpage_types = []
    template = "selfcare/self_assessment_page.html"

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")

    def instrument(self):
        return Instrument.from_streams(self.questions, self.scales, self.bands)

    def clean(self):
        super().clean()
        problems = self.instrument().problems() if self.questions else []
        if problems:
            raise ValidationError(problems)

    def serve(self, request, *args, **kwargs):
        from .. import flow

        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        context = self.get_context(request, *args, **kwargs)
        context.update(flow.answer(self, request))
        response = TemplateResponse(request, self.get_template(request), context)
        # The response holds answers to health questions: no cache may keep it.
        patch_cache_control(response, no_store=True, private=True)
        return response

    def get_context(self, request, *args, **kwargs):
        from .. import flow

        context = super().get_context(request, *args, **kwargs)
        if request.method != "POST":
            context.update(flow.start(self))
        return context


class AssessmentDay(models.Model):
    """How many started and completed an assessment on one day. No answers, no users."""

    assessment = models.ForeignKey(
        SelfAssessmentPage, on_delete=models.CASCADE, related_name="daily_counts"
    )
    day = models.DateField(_("day"))
    started = models.PositiveIntegerField(_("started"), default=0)
    completed = models.PositiveIntegerField(_("completed"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "day"], name="assessment_day_unique")
        ]
        verbose_name = _("assessment count per day")

    def __str__(self):
        return f"{self.assessment_id} {self.day}: {self.started}/{self.completed}"


class AssessmentBandDay(models.Model):
    """How many results fell in one result band on one day."""

    assessment = models.ForeignKey(
        SelfAssessmentPage, on_delete=models.CASCADE, related_name="band_counts"
    )
    day = models.DateField(_("day"))
    band = models.CharField(_("result band"), max_length=40)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "day", "band"], name="assessment_band_day_unique"
            )
        ]
        verbose_name = _("result band count per day")

    def __str__(self):
        return f"{self.assessment_id} {self.day} {self.band}: {self.count}"
