from modeltranslation.translator import TranslationOptions, register

from .models import CounsellingMunicipality


@register(CounsellingMunicipality)
class CounsellingMunicipalityTranslation(TranslationOptions):
    fields = ("intro",)
