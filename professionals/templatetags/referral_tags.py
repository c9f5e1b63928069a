"""The service page's referral links: a catalogue service linked to a referral unit offers
its form, "Make a referral" to professionals and, where the unit takes self-referrals,
"Sign up" to residents."""

from django import template
from django.utils.translation import gettext as _

from core.pagecache import ids_per_generation

from ..models import ReferralUnit
from ..referrals import is_professional
from ..views import unit_url

register = template.Library()


@register.simple_tag(takes_context=True)
def referral_offers(context, service):
    """[(label, unit, url)] for the user viewing ``service``."""
    if service.pk not in services_with_units():
        return []  # most services: no statement for them
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


def services_with_units():
    """The ids of the services an active unit of an active referral type is linked to, once
    per catalogue generation (a change of a unit or a type starts a new one:
    professionals.signals)."""
    return ids_per_generation(
        "referral-services",
        lambda: (
            ReferralUnit.objects.filter(active=True, referral_type__active=True)
            .exclude(service=None)
            .values_list("service_id", flat=True)
        ),
    )
