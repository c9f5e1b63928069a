from modeltranslation.translator import TranslationOptions, register

from .models import AssessmentIndexPage, SelfAssessmentPage


@register(AssessmentIndexPage)
class AssessmentIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(SelfAssessmentPage)
class SelfAssessmentPageTranslation(TranslationOptions):
    # Questions, scales and bands carry their fi and sv texts side by side in one
    # definition, so the scoring cannot differ between the languages.
    fields = ("intro", "source", "disclaimer")
