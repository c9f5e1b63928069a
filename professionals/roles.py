"""The user groups (roles) of the professional tools and their permissions, and the default
liikuntaneuvonta municipalities. Functions take the model classes so that a migration can
pass its historical models and the tests the real ones."""

import json
from pathlib import Path

from django.conf import settings

from core.i18n import language_codes
from core.roles import COORDINATOR, COUNSELLOR, PROFESSIONAL
from core.roles import ensure_roles as ensure_any_roles

ROLES = {
    # Service recommendation lists and exercise counselling referrals.
    PROFESSIONAL: [
        ("professionals", "recommendationlist", "add_recommendationlist"),
        ("professionals", "referral", "add_referral"),
    ],
    # The referrals of the municipalities they counsel (CounsellingMunicipality.counsellors).
    COUNSELLOR: [
        ("wagtailadmin", "admin", "access_admin"),
        ("professionals", "referral", "view_referral"),
        ("professionals", "referral", "change_referral"),
    ],
    # County-wide: the indicators of every municipality and the counselling settings. Not the
    # referrals themselves: they are seen only by the municipality's counsellors.
    COORDINATOR: [
        ("wagtailadmin", "admin", "access_admin"),
        ("professionals", "referral", "export_referral_indicators"),
        ("core", "dailycount", "view_indicators"),
        ("professionals", "counsellingmunicipality", "view_counsellingmunicipality"),
        ("professionals", "counsellingmunicipality", "add_counsellingmunicipality"),
        ("professionals", "counsellingmunicipality", "change_counsellingmunicipality"),
    ],
}

# The municipalities the liikuntaneuvonta chain started in, and their intro (data).
COUNSELLING = json.loads((Path(__file__).parent / "data" / "counselling.json").read_text("utf-8"))
COUNSELLING_MUNICIPALITIES = tuple(COUNSELLING["municipalities"])


def ensure_roles(Group, Permission, ContentType, roles=None):
    """The professional tools' ROLES (or ``roles``), created with their permissions."""
    ensure_any_roles(Group, Permission, ContentType, ROLES if roles is None else roles)


def ensure_counselling_defaults(CounsellingMunicipality, Municipality):
    for municipality in Municipality.objects.filter(code__in=COUNSELLING_MUNICIPALITIES):
        CounsellingMunicipality.objects.get_or_create(
            municipality=municipality,
            defaults={
                "offers_counselling": True,
                "self_referral": False,
                "intro": COUNSELLING["intro"][settings.LANGUAGE_CODE],
                **{
                    f"intro_{code}": COUNSELLING["intro"].get(code, "") for code in language_codes()
                },
            },
        )
