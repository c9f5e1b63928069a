"""StreamField blocks of a self-care programme: its steps and what a step holds.

Like the self-assessments, every block carries its Finnish and Swedish text side by side, so
both languages have the same steps in the same order and progress (kept per step) means the
same thing in either language.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from core.blocks import translated

from .blocks import SearchRecommendationBlock

TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class TextBlock(blocks.StructBlock):
    locals().update(
        translated(
            "text", blocks.RichTextBlock, _("text"), required="default", features=TEXT_FEATURES
        )
    )

    class Meta:
        icon = "pilcrow"
        label = _("Text")


class ExerciseBlock(blocks.StructBlock):
    locals().update(
        translated("title", blocks.CharBlock, _("title"), required="default", max_length=160)
    )
    locals().update(
        translated(
            "instructions",
            blocks.RichTextBlock,
            _("exercise instructions"),
            required="default",
            features=TEXT_FEATURES,
        )
    )
    minutes = blocks.IntegerBlock(
        label=_("time it takes (minutes)"), required=False, min_value=1, max_value=600
    )

    class Meta:
        icon = "pick"
        label = _("Exercise")


class LineBlock(blocks.StructBlock):
    """One line in both languages: a reflection question or a checklist item."""

    locals().update(
        translated("text", blocks.CharBlock, _("text"), required="default", max_length=300)
    )

    class Meta:
        icon = "minus"


class ReflectionBlock(blocks.StructBlock):
    """Questions the user answers for themselves. The answers never leave the browser."""

    locals().update(
        translated("title", blocks.CharBlock, _("title"), required=False, max_length=160)
    )
    questions = blocks.ListBlock(LineBlock(label=_("question")), label=_("questions"), min_num=1)

    class Meta:
        icon = "openquote"
        label = _("Reflection questions")


class ChecklistBlock(blocks.StructBlock):
    locals().update(
        translated("title", blocks.CharBlock, _("title"), required=False, max_length=160)
    )
    items = blocks.ListBlock(LineBlock(label=_("item")), label=_("items"), min_num=1)

    class Meta:
        icon = "tick"
        label = _("Checklist")


class VideoBlock(blocks.StructBlock):
    """A video from a video service, loaded only when the user asks for it (the service may
    set cookies), always with a transcript."""

    video = EmbedBlock(label=_("address of the video"))
    locals().update(
        translated("title", blocks.CharBlock, _("title"), required="default", max_length=160)
    )
    locals().update(
        translated(
            "transcript",
            blocks.RichTextBlock,
            _("transcript"),
            required="default",
            features=["bold", "italic", "ul", "link"],
        )
    )

    class Meta:
        icon = "media"
        label = _("Video with transcript")


class TipBlock(blocks.StructBlock):
    locals().update(translated("text", blocks.TextBlock, _("tip"), required="default"))

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

    locals().update(
        translated("title", blocks.CharBlock, _("title"), required="default", max_length=160)
    )
    minutes = blocks.IntegerBlock(
        label=_("estimated time (minutes)"),
        min_value=1,
        max_value=6000,
        help_text=_("How long the step takes in all, e.g. 20 minutes of reading and exercises."),
    )
    content = StepContentBlock(label=_("content"))
    locals().update(
        translated(
            "plain",
            blocks.RichTextBlock,
            _("plain-language version"),
            required=False,
            features=TEXT_FEATURES,
            help_text=_(
                "Optional: the step in plain language (selkokieli, lättläst), shown instead of "
                "its content when a reader chooses it. Short sentences, common words."
            ),
        )
    )

    class Meta:
        icon = "list-ol"
        label = _("step")
