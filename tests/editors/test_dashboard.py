"""The Wagtail home page's panels count what needs attention, each within the user's own scope
(acceptance 5): the counts on the page equal the fixture's data."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from editors.models import LocalService
from ptv_sync.models import SyncRun
from tests.support.factories.editors import LocalServiceFactory
from tests.support.factories.professionals import ReferralFactory
from tests.support.governance_world import build_world

pytestmark = pytest.mark.django_db

LABELS = {
    "unclassified": "Palvelut ilman teemaa",
    "missing_swedish": "Palvelut, joilta puuttuu ruotsinkielinen teksti",
    "stale_local": "Paikalliset palvelut, joita ei ole tarkistettu 12 kuukauteen",
    "local_drafts": "Paikalliset palvelut, joita ei ole vielä julkaistu",
    "feedback_new": "Käsittelyä odottava palaute",
    "referrals_waiting": "Yhteydenottoa odottavat lähetteet",
    "referrals_flagged": "Joista odottanut yli 7 päivää",
}


@pytest.fixture
def world(demo_pages):
    w = build_world()
    now = timezone.now()
    # Syncs: the last PTV run succeeded, the last Lähellä.fi run was partial with errors.
    SyncRun.objects.create(
        source="ptv", mode="full", status="failed", started_at=now - timedelta(days=2)
    )
    SyncRun.objects.create(
        source="ptv",
        mode="incremental",
        status="succeeded",
        created=3,
        started_at=now - timedelta(hours=1),
    )
    lahella = SyncRun(
        source="lahella", mode="full", status="partial", started_at=now - timedelta(hours=2)
    )
    lahella.add_error("act-1", "no name in any language", "service")
    lahella.add_error("act-2", "coordinates outside Finland", "channel")
    lahella.save()
    # Swedish missing: a Vaasa service and a Närpiö one.
    for key in ("municipal_own", "municipal_other"):
        service = w.service[key]
        service.name_sv = ""
        service.save()
    # Local services in Vaasa, published: one reviewed 400 days ago (stale), one last month;
    # one of association A reviewed 13 months ago. The world's own drafts stay drafts.
    old = LocalServiceFactory(name_fi="Vanha ryhmä", municipality=w.vaasa, published=True)
    recent = LocalServiceFactory(name_fi="Tuore ryhmä", municipality=w.vaasa, published=True)
    ngo_old = LocalServiceFactory(
        name_fi="Seuran vanha ryhmä", municipality=w.vaasa, organisation=w.ngo_a, published=True
    )
    LocalService.objects.filter(pk=old.pk).update(last_reviewed_at=now - timedelta(days=400))
    LocalService.objects.filter(pk=recent.pk).update(last_reviewed_at=now - timedelta(days=30))
    LocalService.objects.filter(pk=ngo_old.pk).update(last_reviewed_at=now - timedelta(days=395))
    # Feedback: one handled in Närpiö, the rest new.
    handled = w.feedback["municipal_other"]
    handled.status = "handled"
    handled.save()
    # Referrals in Närpiö: the world's one (received today), one received 10 days ago, one
    # already contacted.
    ReferralFactory(municipality=w.narpio, created_at=now - timedelta(days=10))
    ReferralFactory(municipality=w.narpio, status="contacted")
    return w


def panel_counts(content):
    counts = {}
    for name, label in LABELS.items():
        match = re.search(
            re.escape(label) + r"</a></th>\s*<td data-count=\"(\d+)\"", content
        ) or re.search(re.escape(label) + r"</th>\s*<td data-count=\"(\d+)\"", content)
        if match:
            counts[name] = int(match.group(1))
    return counts


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_municipal_editor_sees_the_counts_of_their_municipality(client, world):
    content = dashboard(client, world.users["municipal_editor"])
    assert panel_counts(content) == {
        # Public services of Vaasa's own: the pool (themeless), and the two published local
        # services (the classification rules give them no theme either).
        "unclassified": 3,
        "missing_swedish": 1,
        "stale_local": 1,
        "local_drafts": 1,
        "feedback_new": 1,
    }


def test_an_ngo_editor_sees_their_organisations_counts(client, world):
    content = dashboard(client, world.users["ngo_editor"])
    assert panel_counts(content) == {
        "unclassified": 2,  # the association's synced service and its published activity
        "missing_swedish": 0,
        "stale_local": 1,
        "local_drafts": 1,
        "feedback_new": 1,
    }


def test_a_coordinator_sees_the_county(client, world):
    content = dashboard(client, world.users["coordinator"])
    assert panel_counts(content) == {
        "unclassified": 7,  # 4 synced + 3 published local services
        "missing_swedish": 2,
        "stale_local": 2,
        "local_drafts": 4,
        "feedback_new": 3,
    }
    sync = re.findall(
        r'<tr data-source="(\w[\w-]*)">.*?data-status="(\w+)".*?data-errors="(\d+)"', content, re.S
    )
    assert sync == [("ptv", "succeeded", "0"), ("lahella", "partial", "2")]
    assert "coordinates outside Finland" in content


def test_a_counsellor_sees_the_referrals_awaiting_contact(client, world):
    content = dashboard(client, world.users["counsellor"])
    assert panel_counts(content) == {"referrals_waiting": 2, "referrals_flagged": 1}
    assert "data-source=" not in content  # no catalogue panels for a counsellor


def test_the_dashboard_links_lead_to_the_same_items(client, world):
    """The numbers are the listings': the stale items and the Swedish report show as many."""
    client.force_login(world.users["municipal_editor"])
    missing = client.get("/admin/reports/missing-swedish/").content.decode()
    assert "Vaasan uimahalli" in missing and "Närpiön kuntosali" not in missing
    listing = client.get("/admin/snippets/editors/localservice/").content.decode()
    assert listing.count("tarkistettava") == 1  # "review due" on the one stale item
