"""The service page's referral links: a catalogue service linked to a referral unit offers
its form, "Make a referral" to professionals and, where the unit takes self-referrals,
"Sign up" to residents."""

from django import template
from django.utils.translation import gettext as _

from ..models import ReferralUnit
from ..referrals import is_professional
from ..views import unit_url

register = template.Library()


@register.simple_tag(takes_context=True)
def referral_offers(context, service):
    """[(label, unit, url)] for the user viewing ``service``."""
    request = context.get("request")
    user = getattr(request, "user", None)
    professional = bool(user and is_professional(user))
    units = ReferralUnit.objects.filter(
        service=service, active=True, referral_type__active=True
    ).select_related("referral_type", "municipality", "organisation")
    offers = []
    for unit in units:
        if professional:
            offers.append((_("Make a referral"), unit, unit_url(unit)))
        elif unit.self_referral:
            offers.append((_("Sign up"), unit, unit_url(unit)))
    return offers
