from modeltranslation.translator import TranslationOptions, register

from .models import NationalService, ReferralType, ReferralUnit


@register(ReferralType)
class ReferralTypeTranslation(TranslationOptions):
    fields = ("name", "intro", "consent", "consent_self")


@register(ReferralUnit)
class ReferralUnitTranslation(TranslationOptions):
    fields = ("intro",)


@register(NationalService)
class NationalServiceTranslation(TranslationOptions):
    fields = ("name", "url", "description", "next_step")
