"""The editors' roles (user groups) and the moderation workflow.

Five roles in all (docs/reference/governance.md, "Roles and permissions"): the professional tools' three
(core.roles names them; professionals.roles gives them their permissions: Ammattilainen, Liikuntaneuvoja, Hyte-koordinaattori) and the two editor
roles here. A role says what someone may do; their EditorProfile says where (editors.scope).

``ensure_governance(apps)`` takes an app registry so that a migration can pass its historical
models and the tests the real ones."""

from core.roles import (
    COORDINATOR,
    COUNSELLOR,
    MUNICIPAL_EDITOR,
    NGO_EDITOR,
    PROFESSIONAL,
    ensure_roles,
)

EDITOR_ROLES = (MUNICIPAL_EDITOR, NGO_EDITOR)
ALL_ROLES = (COORDINATOR, MUNICIPAL_EDITOR, NGO_EDITOR, COUNSELLOR, PROFESSIONAL)

WORKFLOW_NAME = "Hyte-koordinaattorin hyväksyntä"
TASK_NAME = "Hyte-koordinaattori hyväksyy"
# Per-municipality groups that carry the page permissions of a municipality's pages; their
# members follow the editors' profiles (editors.pages).
PAGE_GROUP_PREFIX = "Kunnan sivut: "


def _model(app_label, model, *actions):
    return [(app_label, model, f"{action}_{model}") for action in actions]


ADMIN_ACCESS = [("wagtailadmin", "admin", "access_admin")]

# Both editor roles: the same permissions, within their own scope. No publishing: local
# services go through the coordinators' approval.
EDITOR_PERMISSIONS = [
    *ADMIN_ACCESS,
    *_model("editors", "localservice", "add", "change", "delete", "view"),
    *_model("catalogue", "service", "change", "view"),
    *_model("catalogue", "localenrichment", "add", "change", "delete", "view"),
    *_model("editors", "servicefeedback", "change", "view"),
    *_model("ptv_sync", "syncrun", "view"),
]

COORDINATOR_PERMISSIONS = [
    *ADMIN_ACCESS,
    *_model("editors", "localservice", "add", "change", "delete", "view", "publish", "lock"),
    ("editors", "localservice", "unlock_localservice"),
    *_model("catalogue", "service", "change", "view"),
    *_model("catalogue", "localenrichment", "add", "change", "delete", "view"),
    *_model("catalogue", "classificationrule", "add", "change", "delete", "view"),
    *_model("catalogue", "theme", "change", "view"),
    *_model("catalogue", "servicepair", "add", "change", "delete", "view"),
    *_model("catalogue", "synonymset", "add", "change", "delete", "view"),
    *_model("editors", "servicefeedback", "change", "delete", "view"),
    *_model("editors", "editorprofile", "add", "change", "delete", "view"),
    # Not Django's user permissions: only superusers manage users and groups. Coordinators
    # bring in editors and professionals through their own narrow screen (editors.accounts).
    *_model("editors", "account", "add", "change", "view"),
    *_model("ptv_sync", "syncrun", "view"),
    ("ptv_sync", "syncrun", "start_sync"),
]

# Widgets for websites: a municipal editor builds them for their municipalities' websites
# (editors.scope.widgets); the coordinators keep the sites allowed to show them.
WIDGET_PERMISSIONS = _model("editors", "embedwidget", "add", "change", "delete", "view")
COORDINATOR_PERMISSIONS += [
    *WIDGET_PERMISSIONS,
    *_model("editors", "embedorigin", "add", "change", "delete", "view"),
]

ROLES = {
    MUNICIPAL_EDITOR: [*EDITOR_PERMISSIONS, *WIDGET_PERMISSIONS],
    NGO_EDITOR: EDITOR_PERMISSIONS,
    COORDINATOR: COORDINATOR_PERMISSIONS,
}

# Images (for enrichments) are permitted per collection: the root collection.
IMAGE_PERMISSIONS = {
    MUNICIPAL_EDITOR: ("add_image", "choose_image"),
    NGO_EDITOR: ("add_image", "choose_image"),
    COORDINATOR: ("add_image", "change_image", "delete_image", "choose_image"),
}
# Coordinators answer for every page (from the tree's root).
COORDINATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
# A municipal editor on their municipality's pages: write and submit, not publish.
MUNICIPAL_PAGE_PERMISSIONS = ("add_page", "change_page")


def _permission(Permission, ContentType, app_label, model, codename):
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission = Permission.objects.filter(content_type=content_type, codename=codename).first()
    if permission is None:
        permission = Permission.objects.create(
            content_type=content_type, codename=codename, name=codename.replace("_", " ")
        )
    return permission


def ensure_governance(apps):
    """Create the roles, their image and page permissions, and the workflow in which the
    coordinators approve local services and municipal pages (missing pieces only)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ensure_roles(Group, Permission, ContentType, roles=ROLES)

    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, codenames in IMAGE_PERMISSIONS.items():
            group = Group.objects.get(name=name)
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(
                        Permission, ContentType, "wagtailimages", "image", codename
                    ),
                )

    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    coordinators = Group.objects.get(name=COORDINATOR)
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in COORDINATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=coordinators,
                page=root_page,
                permission=_permission(Permission, ContentType, "wagtailcore", "page", codename),
            )

    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME,
            active=True,
            content_type=ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0],
        )
    task.groups.add(coordinators)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    local_type, _created = ContentType.objects.get_or_create(
        app_label="editors", model="localservice"
    )
    WorkflowContentType.objects.get_or_create(
        content_type=local_type, defaults={"workflow": workflow}
    )
    return workflow
