from modeltranslation.translator import TranslationOptions, register

from .models import (
    AccessibilityStatementPage,
    HomePage,
    MunicipalityIndexPage,
    MunicipalityPage,
    StandardPage,
    ThemeIndexPage,
    ThemePage,
)


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro", "featured", "plain")


@register(ThemeIndexPage)
class ThemeIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(ThemePage)
class ThemePageTranslation(TranslationOptions):
    fields = ("body", "plain")


@register(StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ("intro", "body", "plain")


@register(MunicipalityIndexPage)
class MunicipalityIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(MunicipalityPage)
class MunicipalityPageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(AccessibilityStatementPage)
class AccessibilityStatementPageTranslation(TranslationOptions):
    fields = (
        "intro",
        "body",
        "feedback_url",
        "feedback_response",
        "enforcement_name",
        "enforcement_unit",
        "enforcement_url",
    )
