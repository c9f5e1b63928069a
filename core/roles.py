"""The roles (user groups) of the service, by name, and the helper that creates them with their
permissions. Which permissions each role has is said by the app that owns them (professionals.roles
for the professional tools, editors.roles for the editors and the workflow); docs/reference/governance.md, "Roles and
permissions". Functions take the model classes so that a migration can pass its historical
models and the tests the real ones."""

# The professional tools' roles: service recommendation lists and referrals; the referrals of
# the municipalities they counsel; county-wide indicators and counselling settings.
PROFESSIONAL = "Ammattilainen"
COUNSELLOR = "Liikuntaneuvoja"
# Receivers of other referral types (an NGO's contact for its peer support group): the same
# inbox as the counsellors, for the units they are chosen for.
RECEIVER = "Lähetteiden vastaanottaja"
COORDINATOR = "Hyte-koordinaattori"
# The editors' roles: the same permissions, each within their own scope.
MUNICIPAL_EDITOR = "Kunnan sisällöntuottaja"
NGO_EDITOR = "Järjestön sisällöntuottaja"


def ensure_roles(Group, Permission, ContentType, roles=None):
    """Create the groups and give them their permissions (missing ones only). ``roles``:
    group name -> [(app_label, model, codename)]."""
    for name, wanted in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, model, codename in wanted:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            permission = Permission.objects.filter(
                content_type=content_type, codename=codename
            ).first()
            if permission is None:
                permission = Permission.objects.create(
                    content_type=content_type, codename=codename, name=codename.replace("_", " ")
                )
            group.permissions.add(permission)
