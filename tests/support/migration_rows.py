"""Rows the migrations create, which a transactional test's flush removes: the browser and
multi-process tests put them back before loading their data."""


def _restore_wagtail_initial_rows():
    """What Wagtail's migrations create: the default locale, the page tree's root and the
    root collection."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.get_first_root_node():
        from portal.demo import ROOT_TITLES, name_the_root

        # Named as load_demo names it (the creation is logged under the name it has).
        Page.add_root(instance=Page(title=ROOT_TITLES[settings.LANGUAGE_CODE], slug="root"))
        name_the_root()
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")


def _restore_code_lists():
    """What the catalogue's migrations create: municipalities and classification codes."""
    from catalogue.models import Classification, Municipality
    from catalogue.reference import ensure_code_lists

    ensure_code_lists(Municipality, Classification)


def _restore_roles():
    """What the professionals and editors migrations create: the user groups, the default
    liikuntaneuvonta type and municipalities, the national self-care services and the coordinators' approval workflow."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from catalogue.models import Municipality, Theme
    from editors.roles import ensure_governance
    from professionals.models import NationalService, ReferralType, ReferralUnit
    from professionals.roles import (
        ensure_counselling_defaults,
        ensure_national_services,
        ensure_roles,
    )

    ensure_roles(Group, Permission, ContentType)
    ensure_counselling_defaults(ReferralType, ReferralUnit, Municipality, Theme)
    ensure_national_services(NationalService)
    ensure_governance(apps)


def restore_migration_rows():
    _restore_wagtail_initial_rows()
    _restore_code_lists()
    _restore_roles()
