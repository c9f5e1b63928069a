"""factory_boy factories for the editors' work, for tests."""

import factory

from catalogue.models import Municipality, Organisation
from editors.models import EditorProfile, LocalService
from editors.roles import MUNICIPAL_EDITOR, NGO_EDITOR
from tests.support.factories.professionals import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    source = "lahella"
    external_id = factory.Sequence(lambda n: f"group-{n}")
    name_fi = factory.Sequence(lambda n: f"Yhdistys {n} ry")
    name_sv = factory.Sequence(lambda n: f"Förening {n} rf")
    org_type = Organisation.Type.NGO


def municipal_editor(*codes, **kwargs):
    """A municipal editor of the municipalities with these codes."""
    user = UserFactory(roles=[MUNICIPAL_EDITOR], **kwargs)
    profile = EditorProfile.objects.create(user=user)
    profile.municipalities.set(Municipality.objects.filter(code__in=codes))
    return user


def ngo_editor(*organisations, **kwargs):
    user = UserFactory(roles=[NGO_EDITOR], **kwargs)
    profile = EditorProfile.objects.create(user=user)
    profile.organisations.set(organisations)
    return user


class LocalServiceFactory(factory.django.DjangoModelFactory):
    """A local service with its first revision: a draft, or published (into the catalogue)
    with ``published=True``."""

    class Meta:
        model = LocalService
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Paikallinen ryhmä {n}")
    name_sv = factory.Sequence(lambda n: f"Lokal grupp {n}")
    summary_fi = "Kokoontuu viikoittain."
    summary_sv = "Träffas varje vecka."
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="905"))
    live = False
    has_unpublished_changes = True

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if not create:
            return
        revision = self.save_revision(log_action=False)
        if extracted:
            revision.publish(log_action=False)
