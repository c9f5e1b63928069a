"""The permission matrix (docs/reference/governance.md, "Roles and permissions"): every role × object type × own or
other municipality/organisation, through the admin's own views. Each cell asserts the HTTP
status of view (open the edit view), edit (save), publish and delete, and what the request
did or did not change.

Outcomes: ``ok`` the action is done; ``draft`` publishing is not the user's to do, so the
request only saves a draft (Wagtail offers them "Submit for approval" instead); ``403`` refused
by the role; ``404`` outside the user's scope (the object does not exist for them); ``login``
no admin access at all. A dash: the action does not exist for that object (enrichments and
feedback take effect when saved; referrals are never deleted, only erased on schedule)."""

import pytest
from django.urls import reverse

from catalogue.models import Service
from core.i18n import default_field
from portal.models import MunicipalityPage
from professionals.models import Referral
from tests.support.governance_world import build_world
from tests.support.page_forms import page_form

pytestmark = pytest.mark.django_db

ACTIONS = ("view", "edit", "publish", "delete")
ALL_OK = dict.fromkeys(ACTIONS, "ok")
OBJECTS = ("local service", "enrichment", "page", "referral", "rule", "feedback")


def refused(status, actions=ACTIONS):
    return dict.fromkeys(actions, status)


NA_PUBLISH = ("view", "edit", "delete")  # enrichment, rule, feedback
REFERRAL_ACTIONS = ("view", "edit")

# role -> object -> scope -> {action: outcome}
MATRIX = {
    "coordinator": {
        "local service": {"own": ALL_OK, "other": ALL_OK},
        "enrichment": {"own": refused("ok", NA_PUBLISH), "other": refused("ok", NA_PUBLISH)},
        "page": {"own": ALL_OK, "other": ALL_OK},
        # Nobody but the unit's receivers sees a referral, coordinators included: to anyone
        # else it does not exist (404).
        "referral": {
            "own": refused(404, REFERRAL_ACTIONS),
            "other": refused(404, REFERRAL_ACTIONS),
        },
        "rule": {"own": refused("ok", NA_PUBLISH)},
        "feedback": {"own": refused("ok", NA_PUBLISH), "other": refused("ok", NA_PUBLISH)},
    },
    "municipal_editor": {
        "local service": {
            "own": {"view": "ok", "edit": "ok", "publish": "draft", "delete": "ok"},
            "other": refused(404),
        },
        "enrichment": {"own": refused("ok", NA_PUBLISH), "other": refused(404, NA_PUBLISH)},
        # Writes the municipality's pages; a coordinator publishes; a live page stays.
        "page": {
            "own": {"view": "ok", "edit": "ok", "publish": "draft", "delete": 403},
            "other": refused(403),
        },
        "referral": {
            "own": refused(404, REFERRAL_ACTIONS),
            "other": refused(404, REFERRAL_ACTIONS),
        },
        "rule": {"own": refused(403, NA_PUBLISH)},
        "feedback": {
            "own": {"view": "ok", "edit": "ok", "delete": 403},
            "other": refused(404, NA_PUBLISH),
        },
    },
    "ngo_editor": {
        "local service": {
            "own": {"view": "ok", "edit": "ok", "publish": "draft", "delete": "ok"},
            "other": refused(404),
        },
        "enrichment": {"own": refused("ok", NA_PUBLISH), "other": refused(404, NA_PUBLISH)},
        "page": {"own": refused(403), "other": refused(403)},
        "referral": {
            "own": refused(404, REFERRAL_ACTIONS),
            "other": refused(404, REFERRAL_ACTIONS),
        },
        "rule": {"own": refused(403, NA_PUBLISH)},
        "feedback": {
            "own": {"view": "ok", "edit": "ok", "delete": 403},
            "other": refused(404, NA_PUBLISH),
        },
    },
    "counsellor": {
        "local service": {"own": refused(404), "other": refused(404)},
        "enrichment": {"own": refused(404, NA_PUBLISH), "other": refused(404, NA_PUBLISH)},
        "page": {"own": refused(403), "other": refused(403)},
        "referral": {
            "own": refused("ok", REFERRAL_ACTIONS),
            "other": refused(404, REFERRAL_ACTIONS),
        },
        "rule": {"own": refused(403, NA_PUBLISH)},
        "feedback": {"own": refused(404, NA_PUBLISH), "other": refused(404, NA_PUBLISH)},
    },
    "professional": {
        "local service": {"own": refused("login"), "other": refused("login")},
        "enrichment": {"own": refused("login", NA_PUBLISH), "other": refused("login", NA_PUBLISH)},
        "page": {"own": refused("login"), "other": refused("login")},
        "referral": {
            "own": refused("login", REFERRAL_ACTIONS),
            "other": refused("login", REFERRAL_ACTIONS),
        },
        "rule": {"own": refused("login", NA_PUBLISH)},
        "feedback": {"own": refused("login", NA_PUBLISH), "other": refused("login", NA_PUBLISH)},
    },
}

# Which of the world's objects are "own" and "other" for each role (a coordinator has no
# other: both are theirs).
KEYS = {
    "coordinator": {"own": "municipal_own", "other": "ngo_other"},
    "municipal_editor": {"own": "municipal_own", "other": "municipal_other"},
    "ngo_editor": {"own": "ngo_own", "other": "ngo_other"},
    "counsellor": {"own": "municipal_own", "other": "municipal_other"},
    "professional": {"own": "municipal_own", "other": "municipal_other"},
}
PAGE_KEYS = {"own": "municipal_own", "other": "municipal_other"}

CELLS = [
    (role, kind, which)
    for role, objects in MATRIX.items()
    for kind in OBJECTS
    for which in objects[kind]
]


def test_the_matrix_covers_every_role_object_and_action():
    for role, objects in MATRIX.items():
        assert set(objects) == set(OBJECTS), role
        for kind, scopes in objects.items():
            assert set(scopes) == ({"own"} if kind == "rule" else {"own", "other"})
            for outcomes in scopes.values():
                expected = {
                    "local service": ACTIONS,
                    "page": ACTIONS,
                    "referral": REFERRAL_ACTIONS,
                }.get(kind, NA_PUBLISH)
                assert tuple(outcomes) == expected, (role, kind)


# --- form data ---------------------------------------------------------------------------------


def local_data(local, name):
    return {
        "name_fi": name,
        "name_sv": local.name_sv,
        "summary_fi": local.summary_fi,
        "summary_sv": local.summary_sv,
        "municipality": local.municipality_id,
        "organisation": local.organisation_id or "",
        "postal_code": "",
        "latitude": "",
        "longitude": "",
        "phone": "06 123 4567",
        "email": "",
        "website": "",
        "charge_type": "free",
        "service_languages": ["fi", "sv"],
        "age_min": "",
        "age_max": "",
    }


def page_data(page, title):
    return page_form(page, municipality=page.municipality_id, **{default_field("title"): title})


# --- one object type: the requests, and what each must change -----------------------------------


class Subject:
    """How to view, edit, publish and delete one object, and how to tell it happened. By
    default the admin's edit and delete views below ``base``."""

    base = ""

    def __init__(self, obj):
        self.obj = obj

    def refresh(self):
        model = type(self.obj)
        return model.objects.filter(pk=self.obj.pk).first()

    def view(self, client):
        return client.get(f"{self.base}/edit/{self.obj.pk}/")

    def delete(self, client):
        return client.post(f"{self.base}/delete/{self.obj.pk}/")

    def deleted(self):
        return self.refresh() is None


class LocalSubject(Subject):
    base = "/admin/snippets/editors/localservice"

    def edit(self, client):
        return client.post(f"{self.base}/edit/{self.obj.pk}/", local_data(self.obj, "Muokattu"))

    def edited(self):
        return self.refresh().latest_revision.as_object().name_fi == "Muokattu"

    def publish(self, client):
        data = {**local_data(self.obj, "Julkaistu"), "action-publish": "action-publish"}
        return client.post(f"{self.base}/edit/{self.obj.pk}/", data)

    def published(self):
        local = self.refresh()
        service = Service.objects.filter(source="local", external_id=str(self.obj.pk)).first()
        return local.live and service is not None and service.is_active

    def drafted(self):
        local = self.refresh()
        return (
            not local.live
            and local.latest_revision.as_object().name_fi == "Julkaistu"
            and not Service.objects.filter(source="local", external_id=str(self.obj.pk)).exists()
        )


class EnrichmentSubject(Subject):
    base = "/admin/snippets/catalogue/localenrichment"

    def edit(self, client):
        data = {
            "service": self.obj.service_id,
            "local_intro_fi": "Muokattu esittely",
            "local_intro_sv": "",
            "image": "",
            "image_alt_fi": "",
            "image_alt_sv": "",
            "search_keywords": "uinti",
        }
        return client.post(f"{self.base}/edit/{self.obj.pk}/", data)

    def edited(self):
        return self.refresh().local_intro_fi == "Muokattu esittely"


class PageSubject(Subject):
    def view(self, client):
        return client.get(f"/admin/pages/{self.obj.pk}/edit/")

    def edit(self, client):
        return client.post(f"/admin/pages/{self.obj.pk}/edit/", page_data(self.obj, "Muokattu"))

    def edited(self):
        return self.refresh().get_latest_revision_as_object().title_fi == "Muokattu"

    def publish(self, client):
        data = {**page_data(self.obj, "Julkaistu"), "action-publish": "action-publish"}
        return client.post(f"/admin/pages/{self.obj.pk}/edit/", data)

    def published(self):
        return self.refresh().title_fi == "Julkaistu"

    def drafted(self):
        page = self.refresh()
        return page.title_fi != "Julkaistu" and page.get_latest_revision_as_object().title_fi == (
            "Julkaistu"
        )

    def delete(self, client):
        return client.post(f"/admin/pages/{self.obj.pk}/delete/")

    def deleted(self):
        return not MunicipalityPage.objects.filter(pk=self.obj.pk).exists()


class ReferralSubject(Subject):
    def view(self, client):
        return client.get(reverse("professionals_referral", args=[self.obj.pk]))

    def edit(self, client):
        data = {"action": "status", "status": "contacted", "note": ""}
        return client.post(reverse("professionals_referral", args=[self.obj.pk]), data)

    def edited(self):
        return self.refresh().status == Referral.Status.CONTACTED


class RuleSubject(Subject):
    base = "/admin/snippets/catalogue/classificationrule"

    def edit(self, client):
        rule = self.obj
        data = {
            "theme": rule.theme_id,
            "kind": rule.kind,
            "value": "muokattu*",
            "language": "",
            "source": rule.source,
            "weight": 2,
            "is_active": "on",
            "note": "",
        }
        return client.post(f"{self.base}/edit/{rule.pk}/", data)

    def edited(self):
        return self.refresh().value == "muokattu*"


class FeedbackSubject(Subject):
    base = "/admin/service_feedback"

    def edit(self, client):
        data = {"status": "handled", "note": "Korjattu lähteessä."}
        return client.post(f"{self.base}/edit/{self.obj.pk}/", data)

    def edited(self):
        feedback = self.refresh()
        return feedback.status == "handled" and feedback.handled_at is not None


def subject(world, kind, key, which):
    if kind == "local service":
        return LocalSubject(world.local[key])
    if kind == "enrichment":
        return EnrichmentSubject(world.enrichment[key])
    if kind == "page":
        return PageSubject(world.page[PAGE_KEYS[which]])
    if kind == "referral":
        return ReferralSubject(world.referral[which])
    if kind == "rule":
        return RuleSubject(world.rule)
    return FeedbackSubject(world.feedback[key])


def check(response, outcome, done, label):
    """The response's status for the outcome, and whether the action took effect."""
    status = response.status_code
    location = response.get("Location", "")
    if outcome == "login":
        assert status == 302 and location.startswith("/admin/login/"), (label, status, location)
        assert not done(), label
    elif outcome in (403, 404):
        assert status == outcome, (label, status, location)
        assert not done(), label
    elif outcome == "draft":
        assert status == 302, (label, status, response.content[:500])
    else:  # ok
        assert status in (200, 302), (label, status, location, response.content[:800])
        assert not location.startswith("/admin/login/"), label
        assert done(), label


@pytest.mark.parametrize(("role", "kind", "which"), CELLS, ids=lambda value: str(value))
def test_permission_matrix(client, demo_pages, role, kind, which):
    world = build_world()
    client.force_login(world.users[role])
    outcomes = MATRIX[role][kind][which]
    key = KEYS[role][which]
    target = subject(world, kind, key, which)
    before = target.refresh()

    def unchanged():
        return False

    if "view" in outcomes:
        response = target.view(client)
        check(
            response,
            outcomes["view"],
            lambda: response.status_code == 200,
            f"{role} {kind} {which} view",
        )
    if "edit" in outcomes:
        response = target.edit(client)
        check(response, outcomes["edit"], target.edited, f"{role} {kind} {which} edit")
    if "publish" in outcomes:
        response = target.publish(client)
        label = f"{role} {kind} {which} publish"
        if outcomes["publish"] == "draft":
            check(response, "draft", unchanged, label)
            assert target.drafted(), label
        else:
            check(response, outcomes["publish"], target.published, label)
    if "delete" in outcomes:
        response = target.delete(client)
        check(response, outcomes["delete"], target.deleted, f"{role} {kind} {which} delete")
    if all(outcome != "ok" and outcome != "draft" for outcome in outcomes.values()):
        after = target.refresh()
        assert after is not None and before is not None
        if hasattr(after, "latest_revision_id"):
            assert after.latest_revision_id == before.latest_revision_id
