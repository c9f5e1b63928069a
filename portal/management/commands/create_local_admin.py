from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Municipality, Organisation
from core.i18n import default_field
from editors.models import EditorProfile
from editors.roles import MUNICIPAL_EDITOR, NGO_EDITOR
from professionals.models import ReferralUnit
from professionals.roles import COUNSELLING_TYPE, COUNSELLOR, RECEIVER

USERNAME = "admin"
PASSWORD = "hyvinvointi-demo"  # noqa: S105 - documented local-only credentials (README)
DEMO_USERS = [
    ("ammattilainen", "Aino", "Ammattilainen", "Ammattilainen"),
    ("neuvoja", "Niklas", "Neuvoja", "Liikuntaneuvoja"),
    ("koordinaattori", "Kaisa", "Koordinaattori", "Hyte-koordinaattori"),
    ("kuntatoimittaja", "Ville", "Vaasalainen", "Kunnan sisällöntuottaja"),
    ("jarjestotoimittaja", "Eeva", "Eläkeläinen", "Järjestön sisällöntuottaja"),
]
# The demo association of the NGO editor (both its PTV and its Lähellä.fi organisation).
DEMO_ASSOCIATION = "Pohjanmaan Eläkeläiset ry"


class Command(BaseCommand):
    help = "Create the local-only admin user shown in the README (refused unless DEBUG is on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_local_admin only runs with DEBUG on (local use).")
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"Admin user '{USERNAME}' already exists.")
        else:
            User.objects.create_superuser(USERNAME, "admin@localhost", PASSWORD)
            self.stdout.write(
                self.style.SUCCESS(f"Created admin user '{USERNAME}' / '{PASSWORD}'.")
            )
        self.demo_users(User)

    def demo_users(self, User):
        """A professional, the exercise counsellor of Närpiö and Kristinestad, a coordinator,
        Vaasa's municipal editor and an association's editor, with the same local-only
        password."""
        from django.contrib.auth.models import Group

        for username, first, last, group in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            user = User.objects.create_user(
                username, f"{username}@localhost", PASSWORD, first_name=first, last_name=last
            )
            user.groups.add(Group.objects.get(name=group))
            if group == COUNSELLOR:
                for row in ReferralUnit.objects.filter(
                    referral_type__slug=COUNSELLING_TYPE, municipality__code__in=("545", "287")
                ):
                    row.receivers.add(user)
            if group == MUNICIPAL_EDITOR:
                profile = EditorProfile.objects.create(user=user)
                profile.municipalities.set(Municipality.objects.filter(code="905"))
            if group == NGO_EDITOR:
                profile = EditorProfile.objects.create(user=user)
                association = Organisation.objects.filter(
                    **{default_field("name"): DEMO_ASSOCIATION}
                )
                profile.organisations.set(association)
                # The association's contact for its digital support referrals.
                user.groups.add(Group.objects.get(name=RECEIVER))
                for unit in ReferralUnit.objects.filter(organisation__in=association):
                    unit.receivers.add(user)
            self.stdout.write(f"Created demo user '{username}' ({group}).")
