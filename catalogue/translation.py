from modeltranslation.translator import TranslationOptions, register

from .models import (
    Classification,
    LocalEnrichment,
    Municipality,
    Organisation,
    Service,
    ServiceChannel,
    Theme,
)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "intro")
    required_languages = ("fi",)


# Imported content may exist in Swedish only (Swedish-speaking municipalities and
# associations), so no language is required; a missing text falls back to the other one.
@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()


@register(Classification)
class ClassificationTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "summary", "description", "user_instructions", "charge_info", "requirements")
    required_languages = ()


@register(ServiceChannel)
class ServiceChannelTranslation(TranslationOptions):
    fields = ("name", "summary", "description", "schedule")
    required_languages = ()


@register(LocalEnrichment)
class LocalEnrichmentTranslation(TranslationOptions):
    fields = ("local_intro", "image_alt")
    required_languages = ()
