from modeltranslation.translator import TranslationOptions, register

from .models import (
    AssessmentIndexPage,
    ProgrammeIndexPage,
    SelfAssessmentPage,
    SelfCareProgrammePage,
)


@register(AssessmentIndexPage)
class AssessmentIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(SelfAssessmentPage)
class SelfAssessmentPageTranslation(TranslationOptions):
    # Questions, scales and bands carry their fi and sv texts side by side in one
    # definition, so the scoring cannot differ between the languages.
    fields = ("intro", "source", "disclaimer", "plain")


@register(ProgrammeIndexPage)
class ProgrammeIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(SelfCareProgrammePage)
class SelfCareProgrammePageTranslation(TranslationOptions):
    # The steps carry their fi and sv texts side by side, so both languages have the same
    # steps and progress means the same in either.
    fields = ("intro", "goals", "target_group", "sources", "plain")
