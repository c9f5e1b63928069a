"""StreamField blocks of a self-assessment: its questions, scales and result bands.

Each block carries its Finnish and Swedish text side by side, so one definition of the
scoring serves both languages and the translation is checked question by question.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import translated

KEY_HELP = _(
    "A short identifier (letters, digits, hyphens), e.g. “frequency”. Not shown to users; "
    "result bands refer to it. Do not change it once the assessment is in use."
)
SEVERITIES = [("ok", _("No concern")), ("watch", _("Worth watching")), ("act", _("Time to act"))]
EXPLANATION_FEATURES = ["bold", "italic", "ul", "ol", "link"]


KEY_LABEL = _("identifier")


def key_block(label=KEY_LABEL, help_text=KEY_HELP, **kwargs):
    return blocks.RegexBlock(
        regex=r"^[a-z0-9][a-z0-9-]{0,39}$",
        label=label,
        help_text=help_text,
        **kwargs,
        error_messages={"invalid": _("Use lowercase letters, digits and hyphens (at most 40).")},
    )


class OptionTextBlock(blocks.StructBlock):
    value = key_block(label=_("value"), help_text=_("A short identifier, not shown to users."))
    locals().update(translated("label", blocks.CharBlock, _("option"), max_length=200))

    class Meta:
        icon = "radio-full"
        label = _("option")


def urgent_block():
    return blocks.BooleanBlock(
        label=_("choosing this shows the urgent-help notice"), required=False
    )


class OptionBlock(OptionTextBlock):
    points = blocks.DecimalBlock(label=_("points"), default=0, decimal_places=2)
    urgent = urgent_block()


class BackgroundOptionBlock(OptionTextBlock):
    urgent = urgent_block()


class QuestionTextBlock(blocks.StructBlock):
    """What every question has: an identifier, the question and help text in fi and sv."""

    key = key_block()
    locals().update(translated("text", blocks.CharBlock, _("question"), max_length=400))
    locals().update(translated("help", blocks.TextBlock, _("help text"), required=False))
    required = blocks.BooleanBlock(label=_("an answer is required"), required=False, default=True)


def scale_block():
    return key_block(
        label=_("scale"),
        help_text=_("The score this question adds to: “total”, or a subscale's identifier."),
        default="total",
    )


def weight_block():
    return blocks.DecimalBlock(
        label=_("weight"),
        default=1,
        decimal_places=2,
        help_text=_("Points are multiplied by this."),
    )


class ScoredQuestionBlock(QuestionTextBlock):
    scale = scale_block()
    weight = weight_block()


class SingleChoiceBlock(ScoredQuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("options"), min_num=2)

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceBlock(ScoredQuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("options"), min_num=2)

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")


def unit_blocks():
    """A number's unit in each language, and its form after the number one (1 päivä, 2
    päivää), for a question's answer and a scale's score."""
    return {
        **translated("unit", blocks.CharBlock, _("unit"), required=False, max_length=40),
        **translated(
            "unit_one",
            blocks.CharBlock,
            _("unit after the number one"),
            required=False,
            max_length=40,
            help_text=_("E.g. 'päivä' / 'dag' beside 'päivää' / 'dagar'. Empty: the unit above."),
        ),
    }


class NumberBlock(ScoredQuestionBlock):
    minimum = blocks.DecimalBlock(label=_("smallest accepted number"), default=0)
    maximum = blocks.DecimalBlock(label=_("largest accepted number"))
    whole_numbers = blocks.BooleanBlock(label=_("whole numbers only"), required=False, default=True)
    locals().update(unit_blocks())

    class Meta:
        icon = "order"
        label = _("Number")


class StatementBlock(blocks.StructBlock):
    key = key_block()
    locals().update(translated("text", blocks.CharBlock, _("statement"), max_length=400))
    reverse = blocks.BooleanBlock(label=_("scored in reverse"), required=False)

    class Meta:
        icon = "openquote"
        label = _("statement")


class ScalePointBlock(blocks.StructBlock):
    locals().update(translated("label", blocks.CharBlock, _("label"), max_length=120))
    points = blocks.DecimalBlock(label=_("points"), decimal_places=2)

    class Meta:
        icon = "radio-full"
        label = _("point of the scale")


class LikertBlock(blocks.StructBlock):
    """Statements answered on one shared scale (e.g. WHO-5: six points from 'all of the time'
    to 'at no time'). Each statement is a question of its own."""

    locals().update(
        translated(
            "prompt",
            blocks.CharBlock,
            _("lead-in"),
            max_length=400,
            help_text=_("Shown above the statements, e.g. “Over the last two weeks…”."),
        )
    )
    locals().update(translated("help", blocks.TextBlock, _("help text"), required=False))
    statements = blocks.ListBlock(StatementBlock(), label=_("statements"), min_num=1)
    points = blocks.ListBlock(ScalePointBlock(), label=_("scale"), min_num=2)
    required = blocks.BooleanBlock(label=_("an answer is required"), required=False, default=True)
    scale = scale_block()
    weight = weight_block()

    class Meta:
        icon = "list-ul"
        label = _("Likert scale")


class BackgroundBlock(QuestionTextBlock):
    """A question that gives no points, e.g. sex or age band when the cut-offs depend on it."""

    options = blocks.ListBlock(BackgroundOptionBlock(), label=_("options"), min_num=2)

    class Meta:
        icon = "user"
        label = _("Background question (no points)")


class QuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    number = NumberBlock()
    likert = LikertBlock()
    background = BackgroundBlock()


class ScaleBlock(blocks.StructBlock):
    key = key_block(help_text=_("“total” or the identifier the questions name as their scale."))
    locals().update(translated("label", blocks.CharBlock, _("name"), max_length=120))
    multiplier = blocks.DecimalBlock(
        label=_("multiplier"),
        default=1,
        decimal_places=2,
        help_text=_("The sum of points is multiplied by this, e.g. 4 for WHO-5 (0–100)."),
    )
    locals().update(unit_blocks())
    show_maximum = blocks.BooleanBlock(
        label=_("show the score out of its maximum"), required=False, default=True
    )

    class Meta:
        icon = "calculator"
        label = _("scale")


class ConditionBlock(blocks.StructBlock):
    subject = key_block(
        label=_("scale or question"),
        help_text=_("A scale (e.g. “total”) or a question's identifier."),
    )
    minimum = blocks.DecimalBlock(label=_("at least"), required=False)
    maximum = blocks.DecimalBlock(label=_("at most"), required=False)
    equals = blocks.CharBlock(
        label=_("answer is"),
        required=False,
        max_length=40,
        help_text=_("For a question: the value of the chosen option."),
    )

    class Meta:
        icon = "cog"
        label = _("condition")


class ThemeRecommendationBlock(blocks.StructBlock):
    theme = SnippetChooserBlock("catalogue.Theme", label=_("theme"))

    class Meta:
        icon = "tag"
        label = _("Theme")


PROVIDER_CHOICES = [
    ("", _("any provider")),
    ("public", _("public services")),
    ("ngo", _("associations")),
]
CHANNEL_CHOICES = [
    ("", _("any way")),
    ("place", _("at a place")),
    ("online", _("online")),
    ("phone", _("by phone")),
]


class SearchRecommendationBlock(blocks.StructBlock):
    """A prepared catalogue search: a theme with filters, optionally in the user's
    municipality."""

    locals().update(translated("label", blocks.CharBlock, _("link text"), max_length=160))
    theme = SnippetChooserBlock("catalogue.Theme", label=_("theme"))
    locals().update(translated("words", blocks.CharBlock, _("search words"), required=False))
    free_only = blocks.BooleanBlock(label=_("free services only"), required=False)
    provider = blocks.ChoiceBlock(
        label=_("provider"), choices=PROVIDER_CHOICES, required=False, default=""
    )
    channel = blocks.ChoiceBlock(
        label=_("how the service is used"), choices=CHANNEL_CHOICES, required=False, default=""
    )
    near_user = blocks.BooleanBlock(
        label=_("in the user's municipality, when they gave it"), required=False, default=True
    )

    class Meta:
        icon = "search"
        label = _("Catalogue search")


class PageRecommendationBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page, e.g. a self-care programme"))
    locals().update(translated("text", blocks.CharBlock, _("description"), required=False))

    class Meta:
        icon = "doc-full"
        label = _("Page or programme")


class LinkRecommendationBlock(blocks.StructBlock):
    locals().update(translated("title", blocks.CharBlock, _("link text"), max_length=160))
    locals().update(translated("url", blocks.URLBlock, _("address of the page")))
    locals().update(translated("text", blocks.CharBlock, _("description"), required=False))

    class Meta:
        icon = "link-external"
        label = _("External link")


class RecommendationsBlock(blocks.StreamBlock):
    theme = ThemeRecommendationBlock()
    services = SearchRecommendationBlock()
    page = PageRecommendationBlock()
    link = LinkRecommendationBlock()

    class Meta:
        required = False


class BandBlock(blocks.StructBlock):
    key = key_block(help_text=_("Counted in the statistics under this identifier."))
    conditions = blocks.ListBlock(
        ConditionBlock(),
        label=_("conditions"),
        help_text=_(
            "All must hold. Bands are checked in order and the first one that matches is "
            "the result, so put the narrowest first."
        ),
    )
    locals().update(translated("title", blocks.CharBlock, _("title"), max_length=160))
    locals().update(
        translated(
            "report_label",
            blocks.CharBlock,
            _("name in the statistics"),
            required=False,
            max_length=160,
            help_text=_(
                "With the scale, and whom the band is for when two bands have the same title, "
                "e.g. 'AUDIT-C: riskikäyttö (miehet)'. Empty: the page's title and the band's."
            ),
        )
    )
    locals().update(
        translated(
            "explanation", blocks.RichTextBlock, _("explanation"), features=EXPLANATION_FEATURES
        )
    )
    severity = blocks.ChoiceBlock(label=_("severity"), choices=SEVERITIES, default="ok")
    urgent = blocks.BooleanBlock(label=_("shows the urgent-help notice"), required=False)
    recommendations = RecommendationsBlock(label=_("recommendations"))

    class Meta:
        icon = "success"
        label = _("result band")
