"""Moving models between apps without touching their tables: their content types follow
them, so that the groups and users keep their permissions. For data migrations (takes the
historical ``apps``)."""

from django.conf import settings


def move_content_types(apps, source, target, models):
    """Relabel the content types of ``models`` from app ``source`` to ``target``. Where
    Django has already made the target's (a new database, or a migration that granted a role
    early), its permissions are folded into the moved ones, grants included."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    for model in models:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:  # a new database: Django makes the content types after migrating
            continue
        new = ContentType.objects.filter(app_label=target, model=model).first()
        if new is not None:
            for permission in Permission.objects.filter(content_type=new):
                kept = Permission.objects.filter(
                    content_type=old, codename=permission.codename
                ).first()
                if kept is None:
                    permission.content_type = old
                    permission.save()
                    continue
                for group in Group.objects.filter(permissions=permission):
                    group.permissions.add(kept)
                for user in User.objects.filter(user_permissions=permission):
                    user.user_permissions.add(kept)
                permission.delete()
            new.delete()
        old.app_label = target
        old.save()
