"""Municipal editors' page permissions follow their editor profiles.

Wagtail grants page permissions to groups, per page subtree. Each municipality page gets a
group ("Kunnan sivut: 905 Vaasa") allowed to add and change pages there (not to publish:
a coordinator approves); a municipal editor is kept in the groups of their profile's
municipalities, and in no other. Nobody needs to manage these groups by hand."""

import threading

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from core.i18n import default_field

from .roles import MUNICIPAL_EDITOR, MUNICIPAL_PAGE_PERMISSIONS, PAGE_GROUP_PREFIX, WORKFLOW_NAME

_busy = threading.local()


def group_name(municipality):
    return f"{PAGE_GROUP_PREFIX}{municipality.code} {getattr(municipality, default_field('name'))}"


def page_group(page):
    """The group that may write the municipality page ``page`` and the pages below it."""
    prefix = f"{PAGE_GROUP_PREFIX}{page.municipality.code} "
    group = Group.objects.filter(name__startswith=prefix).first()
    if group is None:
        group = Group.objects.create(name=group_name(page.municipality))
    for codename in MUNICIPAL_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return group


def sync_page_access(user):
    """Put ``user`` in the page groups of their profile's municipalities, and no others."""
    from .models import EditorProfile

    if getattr(_busy, "active", False):
        return
    _busy.active = True
    try:
        wanted = set()
        profile = EditorProfile.objects.filter(user=user).first()
        if profile is not None and user.groups.filter(name=MUNICIPAL_EDITOR).exists():
            # Each municipality's page (MunicipalityPage.municipality, related name "page").
            municipalities = profile.municipalities.filter(page__isnull=False).select_related(
                "page"
            )
            wanted = {page_group(municipality.page).pk for municipality in municipalities}
        current = set(
            user.groups.filter(name__startswith=PAGE_GROUP_PREFIX).values_list("pk", flat=True)
        )
        if current - wanted:
            user.groups.remove(*(current - wanted))
        if wanted - current:
            user.groups.add(*(wanted - current))
    finally:
        _busy.active = False


def sync_municipality(municipality):
    """A municipality page was created: its editors get its group."""
    from .models import EditorProfile

    for profile in EditorProfile.objects.filter(municipalities=municipality).select_related("user"):
        sync_page_access(profile.user)


def ensure_page_workflow(index_page):
    """Pages below the municipality index are approved by a coordinator."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=index_page, defaults={"workflow": workflow})
