"""professionals 0004 makes liikuntaneuvonta the first referral type: the referrals, their
statuses, events and audit rows made before it survive, each under its municipality's
liikuntaneuvonta unit, with the same indicator figures before and after."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from professionals import referrals
from professionals.models import Referral, ReferralUnit
from tests.support.migration_rows import restore_migration_rows

BEFORE = [("professionals", "0003_referral_notify_referrer")]
HELSINKI = ZoneInfo("Europe/Helsinki")
MONTH = "2026-11"
FIGURES = referrals.FIGURES


def at(day, hour=10):
    return datetime(2026, 11, day, hour, tzinfo=HELSINKI)


def figures_before(Referral, municipality_id):
    """The monthly figures as the indicators counted them before the types: per municipality,
    from the referral's own times."""
    start, end = at(1, 0), datetime(2026, 12, 1, tzinfo=HELSINKI)
    rows = Referral.objects.filter(municipality_id=municipality_id)

    def count(field, **extra):
        return rows.filter(**{f"{field}__gte": start, f"{field}__lt": end}, **extra).count()

    return {
        "received": count("created_at"),
        "contacted": count("contacted_at"),
        "completed": count("completed_at"),
        "not_reached": count("closed_at", status="not_reached"),
        "declined": count("closed_at", status="declined"),
        "from_professionals": count("created_at", source="professional"),
        "self_referrals": count("created_at", source="self"),
    }


def make_history(apps):
    """Referrals as the liikuntaneuvonta chain left them: in two municipalities, each status,
    with their events and audit rows."""
    Municipality = apps.get_model("catalogue", "Municipality")
    Setting = apps.get_model("professionals", "CounsellingMunicipality")
    OldReferral = apps.get_model("professionals", "Referral")
    Event = apps.get_model("professionals", "ReferralEvent")
    Audit = apps.get_model("professionals", "ReferralAudit")
    User = apps.get_model("auth", "User")
    counsellor = User.objects.create(username="vanha-neuvoja", email="neuvoja@example.fi")
    Setting.objects.get(municipality__code="545").counsellors.add(counsellor)
    plan = [
        ("545", "professional", [("contacted", 3), ("started", 5), ("completed", 20)]),
        ("545", "self", [("not_reached", 9)]),
        ("545", "professional", [("declined", 4)]),
        ("545", "professional", []),
        ("287", "professional", [("contacted", 12)]),
        ("287", "self", [("contacted", 13), ("completed", 25)]),
    ]
    made = []
    for index, (code, source, steps) in enumerate(plan, start=1):
        created = at(index)
        referral = OldReferral.objects.create(
            municipality=Municipality.objects.get(code=code),
            source=source,
            referring_unit="Närpiön terveysasema" if source == "professional" else "",
            client_name=f"Asiakas {index}",
            phone="040 123 4567",
            language="fi",
            reason_low_activity=True,
            note=f"Huomio {index}",
            consent_at=created,
            created_at=created,
            status_changed_at=created,
        )
        Event.objects.create(referral=referral, at=created, to_status="received")
        Audit.objects.create(referral=referral, at=created, action="created")
        status = "received"
        for to_status, day in steps:
            when = at(day)
            Event.objects.create(
                referral=referral,
                at=when,
                user=counsellor,
                from_status=status,
                to_status=to_status,
                note=f"Muistiinpano {index} {to_status}",
            )
            Audit.objects.create(referral=referral, at=when, user=counsellor, action="status")
            status = to_status
            referral.status = to_status
            referral.status_changed_at = when
            if to_status in ("contacted", "started", "completed") and not referral.contacted_at:
                referral.contacted_at = when
            if to_status in ("started", "completed") and not referral.started_at:
                referral.started_at = when
            if to_status == "completed":
                referral.completed_at = when
            if to_status in ("completed", "not_reached", "declined"):
                referral.closed_at = when
        referral.save()
        made.append(referral.pk)
    return made


@pytest.mark.django_db(transaction=True)
def test_liikuntaneuvonta_referrals_survive_as_the_first_type_with_the_same_figures():
    restore_migration_rows()
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("professionals")
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    made = make_history(old)
    OldReferral = old.get_model("professionals", "Referral")
    Municipality = old.get_model("catalogue", "Municipality")
    ids = {code: Municipality.objects.get(code=code).pk for code in ("545", "287")}
    before = {code: figures_before(OldReferral, pk) for code, pk in ids.items()}
    history = {
        pk: (
            OldReferral.objects.get(pk=pk).status,
            list(
                old.get_model("professionals", "ReferralEvent")
                .objects.filter(referral_id=pk)
                .order_by("at", "pk")
                .values_list("from_status", "to_status", "note")
            ),
            old.get_model("professionals", "ReferralAudit").objects.filter(referral_id=pk).count(),
        )
        for pk in made
    }
    assert before["545"]["received"] == 4 and before["287"]["completed"] == 1

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    ContentType.objects.clear_cache()

    assert sorted(Referral.objects.values_list("pk", flat=True)) == sorted(made)
    for pk, (status, events, audits) in history.items():
        referral = Referral.objects.get(pk=pk)
        assert referral.unit.referral_type.slug == "liikuntaneuvonta"
        assert referral.unit.municipality_id == referral.municipality_id
        assert referral.reference == f"LN-{pk:05d}"
        assert referral.status == status
        assert (
            list(
                referral.events.order_by("at", "pk").values_list("from_status", "to_status", "note")
            )
            == events
        )
        assert referral.audit.count() == audits
    narpio = ReferralUnit.objects.get(
        referral_type__slug="liikuntaneuvonta", municipality_id=ids["545"]
    )
    assert list(narpio.receivers.values_list("username", flat=True)) == ["vanha-neuvoja"]
    units = ReferralUnit.objects.filter(municipality_id__in=ids.values())
    after = {
        row.unit.municipality.code: {name: getattr(row, name) for name in FIGURES}
        for row in referrals.indicators(MONTH, units)
    }
    assert after == before
