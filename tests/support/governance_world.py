"""A small county for the governance tests: Vaasa and Närpiö, each with its municipality's
service, a local service, an enrichment, feedback and its municipality page; two
associations with a service and a local activity each; a referral in Närpiö and one in
Kristiinankaupunki; one classification rule; and a user of every role. "own" objects belong
to the Vaasa editor / association A / Närpiö's counsellor, "other" ones to someone else."""

from types import SimpleNamespace

from catalogue.models import LocalEnrichment, Municipality, Organisation
from editors.models import ServiceFeedback
from portal.models import MunicipalityPage
from tests.support.factories.catalogue import ClassificationRuleFactory, ServiceFactory
from tests.support.factories.editors import (
    LocalServiceFactory,
    OrganisationFactory,
    municipal_editor,
    ngo_editor,
)
from tests.support.factories.professionals import (
    ReferralFactory,
    coordinator,
    counsellor,
    professional,
)


def _municipality_org(code, name):
    return Organisation.objects.create(
        source="ptv", external_id=f"org-{code}", name_fi=name, org_type="municipality"
    )


def _service(organisation, code, name):
    service = ServiceFactory(name_fi=name, responsible_organisation=organisation)
    service.municipalities.set([Municipality.objects.get(code=code)])
    return service


def build_world():
    w = SimpleNamespace()
    w.vaasa = Municipality.objects.get(code="905")
    w.narpio = Municipality.objects.get(code="545")
    vaasa_org = _municipality_org("905", "Vaasan kaupunki")
    narpio_org = _municipality_org("545", "Närpiön kaupunki")
    w.ngo_a = OrganisationFactory(name_fi="Vaasan Liikuntaseura ry")
    w.ngo_b = OrganisationFactory(name_fi="Närpes Idrottsförening rf")

    w.service = {
        "municipal_own": _service(vaasa_org, "905", "Vaasan uimahalli"),
        "municipal_other": _service(narpio_org, "545", "Närpiön kuntosali"),
        "ngo_own": _service(w.ngo_a, "905", "Seuran kävelyryhmä"),
        "ngo_other": _service(w.ngo_b, "545", "Föreningens motionsgrupp"),
    }
    w.local = {
        "municipal_own": LocalServiceFactory(municipality=w.vaasa, name_fi="Vaasan puistojumppa"),
        "municipal_other": LocalServiceFactory(municipality=w.narpio, name_fi="Närpiön tanssit"),
        "ngo_own": LocalServiceFactory(
            municipality=w.vaasa, organisation=w.ngo_a, name_fi="Seuran sauvakävely"
        ),
        "ngo_other": LocalServiceFactory(
            municipality=w.narpio, organisation=w.ngo_b, name_fi="Föreningens dans"
        ),
    }
    w.enrichment = {
        key: LocalEnrichment.objects.create(service=service, local_intro_fi=f"Esittely {key}")
        for key, service in w.service.items()
    }
    w.feedback = {
        key: ServiceFeedback.objects.create(service=service, message=f"Virhe {key}", language="fi")
        for key, service in w.service.items()
    }
    w.page = {
        "municipal_own": MunicipalityPage.objects.get(municipality=w.vaasa),
        "municipal_other": MunicipalityPage.objects.get(municipality=w.narpio),
    }
    w.referral = {
        "own": ReferralFactory(municipality=w.narpio),
        "other": ReferralFactory(municipality=Municipality.objects.get(code="287")),
    }
    w.rule = ClassificationRuleFactory()
    w.users = {
        "coordinator": coordinator(username="koordinaattori"),
        "municipal_editor": municipal_editor("905", username="vaasa-toimittaja"),
        "ngo_editor": ngo_editor(w.ngo_a, username="seura-toimittaja"),
        "counsellor": counsellor("545", username="narpio-neuvoja"),
        "professional": professional(username="ammattilainen"),
    }
    return w
