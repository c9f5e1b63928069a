"""factory_boy factories for the professional tools, for tests."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from catalogue.models import Municipality
from professionals.models import CounsellingMunicipality, Referral
from professionals.roles import COORDINATOR, COUNSELLOR, PROFESSIONAL


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


def counsellor(*codes, **kwargs):
    """An exercise counsellor of the municipalities with these codes."""
    user = UserFactory(roles=[COUNSELLOR], **kwargs)
    for code in codes:
        row, _created = CounsellingMunicipality.objects.get_or_create(
            municipality=Municipality.objects.get(code=code)
        )
        row.counsellors.add(user)
    return user


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="545"))
    source = Referral.Source.PROFESSIONAL
    referring_unit = "Närpiön terveysasema"
    client_name = factory.Sequence(lambda n: f"Asiakas {n}")
    phone = "040 123 4567"
    email = factory.Sequence(lambda n: f"asiakas{n}@example.fi")
    language = "fi"
    reason_low_activity = True
    consent_at = factory.LazyFunction(timezone.now)
