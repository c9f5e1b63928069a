"""The professional tools' models moved from selfcare to professionals (selfcare 0006). A
database made before the move keeps its groups' permissions: the content types follow the
models, and where Django had already made the new ones, they are folded into the old."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from professionals.models import Referral
from professionals.referrals import PROFESSIONAL_PERMISSION
from tests.support.factories.professionals import UserFactory

moved = importlib.import_module("selfcare.migrations.0006_professional_tools_moved")


@pytest.mark.django_db
def test_a_group_keeps_its_referral_permissions_when_the_models_move():
    # The database as it was before the move: the permission under selfcare's content type,
    # and professionals' own content type already made by Django (as after `migrate`).
    ContentType.objects.clear_cache()
    current = ContentType.objects.get_for_model(Referral)
    old = ContentType.objects.create(app_label="selfcare", model="referral")
    Permission.objects.filter(content_type=current).update(content_type=old)
    group = Group.objects.create(name="Vastaanotto")
    group.permissions.add(Permission.objects.get(content_type=old, codename="add_referral"))
    current.delete()
    early = ContentType.objects.create(app_label="professionals", model="referral")
    # A migration that granted a role its permission after Django had made the new one.
    other = Group.objects.create(name="Neuvonta")
    other.permissions.add(
        Permission.objects.create(content_type=early, codename="add_referral", name="x")
    )
    user = UserFactory()
    user.groups.add(group)
    colleague = UserFactory()
    colleague.groups.add(other)

    moved.forwards(apps, None)
    ContentType.objects.clear_cache()

    assert not ContentType.objects.filter(app_label="selfcare", model="referral").exists()
    assert ContentType.objects.filter(app_label="professionals", model="referral").count() == 1
    for person in (user, colleague):
        person = type(person).objects.get(pk=person.pk)  # a fresh permission cache
        assert person.has_perm(PROFESSIONAL_PERMISSION)
    assert Permission.objects.filter(codename="add_referral").count() == 1
    codenames = set(
        Permission.objects.filter(
            content_type__app_label="professionals", content_type__model="referral"
        ).values_list("codename", flat=True)
    )
    assert {
        "add_referral",
        "view_referral",
        "change_referral",
        "export_referral_indicators",
    } <= codenames
