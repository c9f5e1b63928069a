"""The user groups (roles) of the professional tools and their permissions, and the default
liikuntaneuvonta municipalities. Functions take the model classes so that a migration can
pass its historical models and the tests the real ones."""

import json
from pathlib import Path

from core.i18n import field_values
from core.roles import COORDINATOR, COUNSELLOR, PROFESSIONAL, RECEIVER
from core.roles import ensure_roles as ensure_any_roles

ROLES = {
    # Service recommendation lists and exercise counselling referrals.
    PROFESSIONAL: [
        ("professionals", "recommendationlist", "add_recommendationlist"),
        ("professionals", "referral", "add_referral"),
    ],
    # The referrals of the units they receive for (ReferralUnit.receivers): a municipality's
    # exercise counsellors, and the receivers of other types (an NGO's contacts).
    COUNSELLOR: [
        ("wagtailadmin", "admin", "access_admin"),
        ("professionals", "referral", "view_referral"),
        ("professionals", "referral", "change_referral"),
    ],
    RECEIVER: [
        ("wagtailadmin", "admin", "access_admin"),
        ("professionals", "referral", "view_referral"),
        ("professionals", "referral", "change_referral"),
    ],
    # County-wide: the indicators of every unit, the referral types and their units, and the
    # national self-care services of lists. Not the referrals themselves: they are seen only
    # by the unit's receivers.
    COORDINATOR: [
        ("wagtailadmin", "admin", "access_admin"),
        ("professionals", "referral", "export_referral_indicators"),
        ("core", "dailycount", "view_indicators"),
        *(
            ("professionals", model, f"{action}_{model}")
            for model in ("referraltype", "referralunit", "nationalservice")
            for action in ("view", "add", "change")
        ),
    ],
}
# The roles whose members may be chosen as a unit's receivers (by a superuser only).
RECEIVER_ROLES = (COUNSELLOR, RECEIVER)

DATA = Path(__file__).parent / "data"
# The first referral type, liikuntaneuvonta, the municipalities its chain started in and their
# intro (data).
COUNSELLING = json.loads((DATA / "counselling.json").read_text("utf-8"))
COUNSELLING_MUNICIPALITIES = tuple(COUNSELLING["municipalities"])
COUNSELLING_TYPE = COUNSELLING["type"]["slug"]
NATIONAL_SERVICES = json.loads((DATA / "national_services.json").read_text("utf-8"))["services"]


def ensure_roles(Group, Permission, ContentType, roles=None):
    """The professional tools' ROLES (or ``roles``), created with their permissions."""
    ensure_any_roles(Group, Permission, ContentType, ROLES if roles is None else roles)


def ensure_counselling_type(ReferralType, Theme):
    """The liikuntaneuvonta referral type as the data says, if it is missing."""
    data = COUNSELLING["type"]
    referral_type, _created = ReferralType.objects.get_or_create(
        slug=data["slug"],
        defaults={
            "prefix": data["prefix"],
            "procedure_code": data["procedure_code"],
            "receivers": data["receivers"],
            "fields": data["fields"],
            "theme": Theme.objects.filter(slug=data["theme"]).first(),
            **field_values("name", data["name"]),
            **field_values("intro", data["intro"]),
            **field_values("consent", data["consent"]),
            **field_values("consent_self", data["consent_self"]),
        },
    )
    return referral_type


def ensure_counselling_defaults(ReferralType, ReferralUnit, Municipality, Theme):
    """Liikuntaneuvonta in the municipalities its chain started in."""
    referral_type = ensure_counselling_type(ReferralType, Theme)
    for municipality in Municipality.objects.filter(code__in=COUNSELLING_MUNICIPALITIES):
        ReferralUnit.objects.get_or_create(
            referral_type=referral_type,
            municipality=municipality,
            defaults={
                "active": True,
                "self_referral": False,
                **field_values("intro", COUNSELLING["intro"]),
            },
        )


def ensure_national_services(NationalService):
    """The national self-care services of the data, where none has been made yet."""
    if NationalService.objects.exists():
        return
    for order, data in enumerate(NATIONAL_SERVICES):
        NationalService.objects.create(
            sort_order=order,
            **{
                key: value
                for name in ("name", "url", "description", "next_step")
                for key, value in field_values(name, data[name]).items()
            },
        )
