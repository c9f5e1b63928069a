"""factory_boy factories for catalogue rows, for tests and benchmarks."""

import factory
from django.utils import timezone

from catalogue.models import ClassificationRule, Service, ServiceTheme, Theme


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    source = "ptv"
    external_id = factory.Sequence(lambda n: f"00000000-0000-4000-8000-{n:012d}")
    name_fi = factory.Sequence(lambda n: f"Palvelu {n}")
    name_sv = factory.Sequence(lambda n: f"Tjänst {n}")
    summary_fi = "Tiivistelmä."
    summary_sv = "Sammanfattning."
    content_hash = factory.Sequence(lambda n: f"hash-{n}")
    last_seen = factory.LazyFunction(timezone.now)
    is_active = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        for theme in extracted or ():
            ServiceTheme.objects.create(
                service=self, theme=theme, origin=ServiceTheme.Origin.RULES, score=2
            )


class ClassificationRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassificationRule

    theme = factory.LazyFunction(lambda: Theme.objects.order_by("sort_order").first())
    kind = ClassificationRule.Kind.KEYWORD
    value = factory.Sequence(lambda n: f"avainsana{n}")
    weight = 2
