"""The permission matrix's account rows (docs/reference/governance.md, "Roles and permissions"): for every role, the
attempts that would raise someone's privileges, through Wagtail's own user screens, the
coordinators' account screen (editors.accounts) and the counselling settings. Each row checks
the HTTP answer and, above all, what the database holds afterwards.

Only a superuser manages users and groups in general. A coordinator creates and deactivates
municipal editors, NGO editors and professionals, and nothing else; nobody can touch a
superuser, a counsellor's or coordinator's role, or their own account's roles."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from catalogue.models import Municipality
from editors.models import EditorProfile
from editors.roles import ALL_ROLES, MUNICIPAL_EDITOR, NGO_EDITOR
from professionals.models import ReferralUnit
from professionals.roles import COORDINATOR, COUNSELLOR, PROFESSIONAL
from tests.support.factories.professionals import UserFactory, coordinator, counsellor, professional
from tests.support.governance_world import build_world

pytestmark = pytest.mark.django_db

User = get_user_model()
ROLES = ("coordinator", "municipal_editor", "ngo_editor", "counsellor", "professional")
PAGE_GROUP = "Kunnan sivut: 905 Vaasa"
GROUPS = (*ALL_ROLES, PAGE_GROUP)
GIVABLE = (MUNICIPAL_EDITOR, NGO_EDITOR, PROFESSIONAL)


@pytest.fixture
def world(demo_pages):
    world = build_world()
    world.superuser = UserFactory(username="paakayttaja", is_superuser=True, is_staff=True)
    world.target = professional(username="kohde")
    return world


def refused(response):
    """Refused by the role (403), outside the user's accounts (404), or no admin at all."""
    location = response.get("Location", "")
    return response.status_code in (403, 404) or (
        response.status_code == 302 and location.startswith("/admin/login/")
    )


def wagtail_user_data(user, **changes):
    data = {
        "username": user.username,
        "email": user.email or "x@example.fi",
        "first_name": user.first_name or "Etu",
        "last_name": user.last_name or "Suku",
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": list(user.groups.values_list("pk", flat=True)),
    }
    data.update(changes)
    return data


def account_data(account, role, **changes):
    data = {
        "username": account.username,
        "first_name": account.first_name or "Etu",
        "last_name": account.last_name or "Suku",
        "email": account.email or "x@example.fi",
        "role": role,
        "municipalities": [Municipality.objects.get(code="905").pk],
        "organisations": [],
        "is_active": "on",
    }
    data.update(changes)
    return data


def groups_of(user):
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


# --- create a user ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_nobody_but_a_superuser_creates_users_in_wagtails_user_screen(client, world, role):
    client.force_login(world.users[role])
    data = {
        "username": "uusi",
        "email": "uusi@example.fi",
        "first_name": "Uusi",
        "last_name": "Käyttäjä",
        "password1": "Pitkä-salasana-2026",
        "password2": "Pitkä-salasana-2026",
        "is_superuser": "on",
        "groups": [Group.objects.get(name=COORDINATOR).pk],
    }
    response = client.post(reverse("wagtailusers_users:add"), data)
    assert refused(response), response.status_code
    assert not User.objects.filter(username="uusi").exists()
    assert refused(client.get(reverse("wagtailusers_users:index")))


@pytest.mark.parametrize("role", ROLES)
def test_only_a_coordinator_creates_accounts_and_only_in_unprivileged_roles(client, world, role):
    client.force_login(world.users[role])
    data = {
        "username": "uusi-ammattilainen",
        "first_name": "Uusi",
        "last_name": "Ammattilainen",
        "email": "uusi@example.fi",
        "role": PROFESSIONAL,
        "password1": "Pitkä-salasana-2026",
        "password2": "Pitkä-salasana-2026",
        # Never honoured: the form has no such fields.
        "is_superuser": "on",
        "is_staff": "on",
        "groups": [Group.objects.get(name=COORDINATOR).pk],
    }
    response = client.post(reverse("accounts:add"), data)
    created = User.objects.filter(username="uusi-ammattilainen").first()
    if role == "coordinator":
        assert response.status_code == 302, response.content[:2000]
        assert created is not None and created.check_password("Pitkä-salasana-2026")
        assert not created.is_superuser and not created.is_staff
        assert groups_of(created) == {PROFESSIONAL}
    else:
        assert refused(response), response.status_code
        assert created is None


@pytest.mark.parametrize("role", [COUNSELLOR, COORDINATOR, PAGE_GROUP, "superuser"])
def test_a_coordinator_cannot_create_a_privileged_account(client, world, role):
    client.force_login(world.users["coordinator"])
    data = {
        "username": "etuoikeutettu",
        "first_name": "Etu",
        "last_name": "Oikeutettu",
        "email": "e@example.fi",
        "role": role,
        "password1": "Pitkä-salasana-2026",
        "password2": "Pitkä-salasana-2026",
    }
    response = client.post(reverse("accounts:add"), data)
    assert response.status_code == 200  # the form again, with the error
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="etuoikeutettu").exists()


# --- set is_superuser --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_nobody_sets_the_superuser_flag(client, world, role, whose):
    me = world.users[role]
    target = me if whose == "own" else world.target
    client.force_login(me)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        wagtail_user_data(target, is_superuser="on"),
    )
    assert refused(response), response.status_code
    response = client.post(
        reverse("accounts:edit", args=[target.pk]),
        account_data(target, PROFESSIONAL, is_superuser="on", is_staff="on"),
    )
    if role == "coordinator" and whose == "other":
        assert response.status_code == 302  # saved, without the flags
    else:
        assert refused(response), response.status_code
    target.refresh_from_db()
    assert not target.is_superuser and not target.is_staff


# --- add self, then others, to each group ------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("group", GROUPS)
def test_nobody_adds_themself_to_a_group(client, world, role, group):
    me = world.users[role]
    before = groups_of(me)
    wanted = Group.objects.get_or_create(name=group)[0]
    client.force_login(me)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[me.pk]),
        wagtail_user_data(me, groups=[*me.groups.values_list("pk", flat=True), wanted.pk]),
    )
    assert refused(response), response.status_code
    response = client.post(reverse("accounts:edit", args=[me.pk]), account_data(me, group))
    assert refused(response), response.status_code
    assert groups_of(me) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("group", GROUPS)
def test_only_a_coordinator_adds_others_and_only_to_unprivileged_roles(client, world, role, group):
    target = world.target
    wanted = Group.objects.get_or_create(name=group)[0]
    client.force_login(world.users[role])
    response = client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        wagtail_user_data(target, groups=[wanted.pk]),
    )
    assert refused(response), response.status_code
    assert groups_of(target) == {PROFESSIONAL}

    data = account_data(target, group)
    if group == NGO_EDITOR:
        data.update(municipalities=[], organisations=[world.ngo_a.pk])
    response = client.post(reverse("accounts:edit", args=[target.pk]), data)
    if role != "coordinator":
        assert refused(response), response.status_code
        assert groups_of(target) == {PROFESSIONAL}
    elif group in GIVABLE:
        assert response.status_code == 302, response.context["form"].errors
        expected = {group} | ({PAGE_GROUP} if group == MUNICIPAL_EDITOR else set())
        assert groups_of(target) == expected
    else:
        assert response.status_code == 200 and "role" in response.context["form"].errors
        assert groups_of(target) == {PROFESSIONAL}


def test_a_coordinator_gives_an_editor_their_working_area(client, world):
    client.force_login(world.users["coordinator"])
    target = world.target
    data = account_data(target, NGO_EDITOR, municipalities=[], organisations=[world.ngo_b.pk])
    assert client.post(reverse("accounts:edit", args=[target.pk]), data).status_code == 302
    profile = EditorProfile.objects.get(user=target)
    assert list(profile.organisations.all()) == [world.ngo_b]
    # An editor without an area could do nothing: the form says so.
    data = account_data(target, MUNICIPAL_EDITOR, municipalities=[])
    response = client.post(reverse("accounts:edit", args=[target.pk]), data)
    assert response.status_code == 200 and "municipalities" in response.context["form"].errors


# --- edit a superuser, a counsellor, a coordinator ---------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whom", ["superuser", "counsellor", "coordinator"])
def test_nobody_edits_a_superuser_or_a_privileged_account(client, world, role, whom):
    if whom == "superuser":
        target = world.superuser
    elif whom == "counsellor":
        target = counsellor("287", username="toinen-neuvoja")
    else:
        target = coordinator(username="toinen-koordinaattori")
    before = (target.is_superuser, target.is_staff, target.is_active, groups_of(target))
    client.force_login(world.users[role])
    response = client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        wagtail_user_data(target, is_superuser="", is_active="", groups=[]),
    )
    assert refused(response), response.status_code
    response = client.post(
        reverse("accounts:edit", args=[target.pk]),
        account_data(target, PROFESSIONAL, is_active=""),
    )
    assert refused(response), response.status_code
    assert refused(client.get(reverse("accounts:edit", args=[target.pk])))
    target.refresh_from_db()
    assert (target.is_superuser, target.is_staff, target.is_active, groups_of(target)) == before


def test_the_account_list_shows_only_what_a_coordinator_may_manage(client, world):
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("accounts:index"))
    assert response.status_code == 200
    listed = {account.username for account in response.context["object_list"]}
    assert {"kohde", "ammattilainen", "vaasa-toimittaja", "seura-toimittaja"} <= listed
    assert not listed & {"paakayttaja", "koordinaattori", "narpio-neuvoja"}


def test_a_coordinator_deactivates_an_account_and_never_deletes_it(client, world):
    client.force_login(world.users["coordinator"])
    target = world.users["municipal_editor"]
    data = account_data(target, MUNICIPAL_EDITOR, is_active="")
    assert client.post(reverse("accounts:edit", args=[target.pk]), data).status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    response = client.post(f"/admin/accounts/delete/{target.pk}/")
    assert response.status_code in (403, 404)
    assert User.objects.filter(pk=target.pk).exists()


# --- make self a counsellor of a municipality -------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_nobody_but_a_superuser_makes_themself_a_counsellor(client, world, role):
    me = world.users[role]
    row = ReferralUnit.objects.get(municipality__code="287")
    counsellors_before = set(row.receivers.values_list("pk", flat=True))
    client.force_login(me)
    data = {
        "referral_type": row.referral_type_id,
        "municipality": row.municipality_id,
        "active": "on",
        "self_referral": "",
        "receivers": [*counsellors_before, me.pk],
        "intro_fi": row.intro_fi,
        "intro_sv": row.intro_sv,
    }
    response = client.post(reverse("referral_units:edit", args=[row.pk]), data)
    if role == "coordinator":
        # The coordinator keeps the counselling settings; the counsellors stay as they were.
        assert response.status_code == 302
    else:
        assert refused(response), response.status_code
    assert set(row.receivers.values_list("pk", flat=True)) == counsellors_before
    assert not ReferralUnit.objects.filter(receivers=me, pk=row.pk).exists()


def test_a_superuser_chooses_counsellors_among_the_counsellors(client, world):
    row = ReferralUnit.objects.get(municipality__code="287")
    client.force_login(world.superuser)
    newcomer = counsellor(username="uusi-neuvoja")
    data = {
        "referral_type": row.referral_type_id,
        "municipality": row.municipality_id,
        "active": "on",
        "receivers": [newcomer.pk],
        "intro_fi": row.intro_fi,
        "intro_sv": row.intro_sv,
    }
    response = client.post(reverse("referral_units:edit", args=[row.pk]), data)
    assert response.status_code == 302
    assert list(row.receivers.all()) == [newcomer]
    # Someone without the counsellor role is not a choice.
    data["receivers"] = [world.users["coordinator"].pk]
    response = client.post(reverse("referral_units:edit", args=[row.pk]), data)
    assert response.status_code == 200 and "receivers" in response.context["form"].errors
    assert list(row.receivers.all()) == [newcomer]


def test_the_new_editor_can_work_in_their_scope(client, world):
    """An account made on the screen is a working one: an editor of Vaasa's pages."""
    client.force_login(world.users["coordinator"])
    data = account_data(
        User(username="uusi-toimittaja"),
        MUNICIPAL_EDITOR,
        password1="Pitkä-salasana-2026",
        password2="Pitkä-salasana-2026",
    )
    data.pop("is_active")
    assert client.post(reverse("accounts:add"), data).status_code == 302
    editor = User.objects.get(username="uusi-toimittaja")
    assert groups_of(editor) == {MUNICIPAL_EDITOR, PAGE_GROUP}
    client.force_login(editor)
    assert client.get(f"/admin/pages/{world.page['municipal_own'].pk}/edit/").status_code == 200
