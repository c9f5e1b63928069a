from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "hyvinvointi-demo"  # noqa: S105 - documented local-only credentials (README)


class Command(BaseCommand):
    help = "Create the local-only admin user shown in the README (refused unless DEBUG is on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_local_admin only runs with DEBUG on (local use).")
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"Admin user '{USERNAME}' already exists.")
            return
        User.objects.create_superuser(USERNAME, "admin@localhost", PASSWORD)
        self.stdout.write(self.style.SUCCESS(f"Created admin user '{USERNAME}' / '{PASSWORD}'."))
