"""factory_boy factories for the professional tools, for tests."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from catalogue.models import Municipality, Organisation
from professionals.models import Referral, ReferralType, ReferralUnit
from professionals.roles import COORDINATOR, COUNSELLING_TYPE, COUNSELLOR, PROFESSIONAL, RECEIVER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.fi")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", "salasana-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))
        self.save()


def professional(**kwargs):
    return UserFactory(roles=[PROFESSIONAL], **kwargs)


def coordinator(**kwargs):
    return UserFactory(roles=[COORDINATOR], **kwargs)


def counselling_unit(municipality):
    """Liikuntaneuvonta's unit in the municipality (a Municipality or its code)."""
    if isinstance(municipality, str):
        municipality = Municipality.objects.get(code=municipality)
    unit, _created = ReferralUnit.objects.get_or_create(
        referral_type=ReferralType.objects.get(slug=COUNSELLING_TYPE), municipality=municipality
    )
    return unit


def counsellor(*codes, **kwargs):
    """An exercise counsellor of the municipalities with these codes."""
    user = UserFactory(roles=[COUNSELLOR], **kwargs)
    for code in codes:
        counselling_unit(code).receivers.add(user)
    return user


def peer_group_type(**kwargs):
    """A second referral type, received by organisations: an NGO's peer support group, which
    asks only the best time to call."""
    defaults = {
        "name_fi": "Vertaistukiryhmä",
        "name_sv": "Kamratstödsgrupp",
        "prefix": "VT",
        "receivers": ReferralType.Receivers.ORGANISATION,
        "fields": [ReferralType.Field.BEST_TIME],
        "consent_fi": "Asiakas on suostunut siihen, että hänen yhteystietonsa välitetään "
        "ryhmän yhteyshenkilölle.",
        "consent_sv": "Klienten har samtyckt till att hens kontaktuppgifter skickas till "
        "gruppens kontaktperson.",
        "consent_self_fi": "Annan suostumukseni siihen, että yhteystietoni välitetään ryhmän "
        "yhteyshenkilölle.",
        "consent_self_sv": "Jag samtycker till att mina kontaktuppgifter skickas till gruppens "
        "kontaktperson.",
    }
    referral_type, _created = ReferralType.objects.get_or_create(
        slug=kwargs.pop("slug", "vertaistukiryhma"), defaults={**defaults, **kwargs}
    )
    return referral_type


def organisation_unit(referral_type=None, organisation=None, **kwargs):
    """A unit of an organisation (made if not given) for ``referral_type`` (the peer group
    type by default)."""
    referral_type = referral_type or peer_group_type()
    if organisation is None:
        organisation = Organisation.objects.create(
            source="lahella",
            external_id=f"ngo-{Organisation.objects.count() + 1}",
            org_type=Organisation.Type.NGO,
            name_fi="Pohjanmaan Mielenterveysyhdistys",
            name_sv="Österbottens mentalvårdsförening",
            name="Pohjanmaan Mielenterveysyhdistys",
        )
    return ReferralUnit.objects.create(
        referral_type=referral_type, organisation=organisation, **kwargs
    )


def receiver(*units, **kwargs):
    """A referral receiver (an NGO's contact) of these units."""
    user = UserFactory(roles=[RECEIVER], **kwargs)
    for unit in units:
        unit.receivers.add(user)
    return user


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="545"))
    unit = factory.LazyAttribute(lambda referral: counselling_unit(referral.municipality))
    source = Referral.Source.PROFESSIONAL
    referring_unit = "Närpiön terveysasema"
    client_name = factory.Sequence(lambda n: f"Asiakas {n}")
    phone = "040 123 4567"
    email = factory.Sequence(lambda n: f"asiakas{n}@example.fi")
    language = "fi"
    reason_low_activity = True
    consent_at = factory.LazyFunction(timezone.now)
