"""StreamField blocks of a self-care programme: its steps and what a step holds.

Like the self-assessments, every block carries its Finnish and Swedish text side by side, so
both languages have the same steps in the same order and progress (kept per step) means the
same thing in either language.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from .blocks import SearchRecommendationBlock

TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class TextBlock(blocks.StructBlock):
    text_fi = blocks.RichTextBlock(label=_("text in Finnish"), features=TEXT_FEATURES)
    text_sv = blocks.RichTextBlock(
        label=_("text in Swedish"), features=TEXT_FEATURES, required=False
    )

    class Meta:
        icon = "pilcrow"
        label = _("Text")


class ExerciseBlock(blocks.StructBlock):
    title_fi = blocks.CharBlock(label=_("title in Finnish"), max_length=160)
    title_sv = blocks.CharBlock(label=_("title in Swedish"), max_length=160, required=False)
    instructions_fi = blocks.RichTextBlock(
        label=_("instructions in Finnish"), features=TEXT_FEATURES
    )
    instructions_sv = blocks.RichTextBlock(
        label=_("instructions in Swedish"), features=TEXT_FEATURES, required=False
    )
    minutes = blocks.IntegerBlock(
        label=_("time it takes (minutes)"), required=False, min_value=1, max_value=600
    )

    class Meta:
        icon = "pick"
        label = _("Exercise")


class LineBlock(blocks.StructBlock):
    """One line in both languages: a reflection question or a checklist item."""

    text_fi = blocks.CharBlock(label=_("in Finnish"), max_length=300)
    text_sv = blocks.CharBlock(label=_("in Swedish"), max_length=300, required=False)

    class Meta:
        icon = "minus"


class ReflectionBlock(blocks.StructBlock):
    """Questions the user answers for themselves. The answers never leave the browser."""

    title_fi = blocks.CharBlock(label=_("title in Finnish"), max_length=160, required=False)
    title_sv = blocks.CharBlock(label=_("title in Swedish"), max_length=160, required=False)
    questions = blocks.ListBlock(LineBlock(label=_("question")), label=_("questions"), min_num=1)

    class Meta:
        icon = "openquote"
        label = _("Reflection questions")


class ChecklistBlock(blocks.StructBlock):
    title_fi = blocks.CharBlock(label=_("title in Finnish"), max_length=160, required=False)
    title_sv = blocks.CharBlock(label=_("title in Swedish"), max_length=160, required=False)
    items = blocks.ListBlock(LineBlock(label=_("item")), label=_("items"), min_num=1)

    class Meta:
        icon = "tick"
        label = _("Checklist")


class VideoBlock(blocks.StructBlock):
    """A video from a video service, loaded only when the user asks for it (the service may
    set cookies), always with a transcript."""

    video = EmbedBlock(label=_("address of the video"))
    title_fi = blocks.CharBlock(label=_("title in Finnish"), max_length=160)
    title_sv = blocks.CharBlock(label=_("title in Swedish"), max_length=160, required=False)
    transcript_fi = blocks.RichTextBlock(
        label=_("transcript in Finnish"), features=["bold", "italic", "ul", "link"]
    )
    transcript_sv = blocks.RichTextBlock(
        label=_("transcript in Swedish"), features=["bold", "italic", "ul", "link"], required=False
    )

    class Meta:
        icon = "media"
        label = _("Video with transcript")


class TipBlock(blocks.StructBlock):
    text_fi = blocks.TextBlock(label=_("tip in Finnish"))
    text_sv = blocks.TextBlock(label=_("tip in Swedish"), required=False)

    class Meta:
        icon = "help"
        label = _("Tip")


class StepContentBlock(blocks.StreamBlock):
    text = TextBlock()
    exercise = ExerciseBlock()
    reflection = ReflectionBlock()
    checklist = ChecklistBlock()
    video = VideoBlock()
    services = SearchRecommendationBlock(label=_("Link to services"))
    tip = TipBlock()


class StepBlock(blocks.StructBlock):
    """One step (a week or a module) of a programme."""

    title_fi = blocks.CharBlock(label=_("title in Finnish"), max_length=160)
    title_sv = blocks.CharBlock(label=_("title in Swedish"), max_length=160, required=False)
    minutes = blocks.IntegerBlock(
        label=_("estimated time (minutes)"),
        min_value=1,
        max_value=6000,
        help_text=_("How long the step takes in all, e.g. 20 minutes of reading and exercises."),
    )
    content = StepContentBlock(label=_("content"))

    class Meta:
        icon = "list-ol"
        label = _("step")
