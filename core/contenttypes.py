"""Moving models between apps without touching their tables: their content types follow
them, so that the groups and users keep their permissions. For data migrations (takes the
historical ``apps``)."""

from django.conf import settings


def fold_permissions(apps, kept_type, other_type):
    """Move the permissions of content type ``other_type`` onto ``kept_type`` (grants
    included; where ``kept_type`` has one of the same codename, that one is kept) and delete
    ``other_type``."""
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(content_type=other_type):
        kept = Permission.objects.filter(
            content_type=kept_type, codename=permission.codename
        ).first()
        if kept is None:
            permission.content_type = kept_type
            permission.save()
            continue
        _move_grants(apps, permission, kept)
        permission.delete()
    other_type.delete()


def _move_grants(apps, permission, kept):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    for group in Group.objects.filter(permissions=permission):
        group.permissions.add(kept)
    for user in User.objects.filter(user_permissions=permission):
        user.user_permissions.add(kept)


def move_content_types(apps, source, target, models):
    """Relabel the content types of ``models`` from app ``source`` to ``target``. Where
    Django has already made the target's (a new database, or a migration that granted a role
    early), its permissions are folded into the moved ones, grants included."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in models:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:  # a new database: Django makes the content types after migrating
            continue
        new = ContentType.objects.filter(app_label=target, model=model).first()
        if new is not None:
            fold_permissions(apps, old, new)
        old.app_label = target
        old.save()


def rename_content_type(apps, app_label, old_model, new_model):
    """A renamed model's content type and its permissions follow it (``add_<old>`` →
    ``add_<new>``…), grants included: whether Django has renamed the content type already
    (its rename operation), made the new model's too, or neither."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label=app_label, model=old_model).first()
    new = ContentType.objects.filter(app_label=app_label, model=new_model).first()
    if old is not None and new is not None:
        fold_permissions(apps, new, old)
    elif old is not None:
        old.model = new_model
        old.save()
        new = old
    if new is None:
        return
    for permission in Permission.objects.filter(
        content_type=new, codename__endswith=f"_{old_model}"
    ):
        codename = permission.codename[: -len(old_model)] + new_model
        kept = Permission.objects.filter(content_type=new, codename=codename).first()
        if kept is None:
            permission.codename = codename
            permission.name = codename.replace("_", " ")
            permission.save()
        else:
            _move_grants(apps, permission, kept)
            permission.delete()
