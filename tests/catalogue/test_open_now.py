""" "Avoinna nyt" / "Öppet nu": a filter with its count and an "open today" line in the
results, in Finnish time from opening hours and their exceptions; a scheduled activity by its
own occurrences, not its venue's hours."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from catalogue.models import OpeningHours, ServiceChannel, ServiceChannelLink
from catalogue.opening import open_at
from catalogue.openinghours import HELSINKI
from catalogue.search import CatalogueQuery, get_backend
from catalogue.search.indexing import index_services
from tests.support.factories.catalogue import ServiceFactory
from tests.support.plans import explained

pytestmark = pytest.mark.django_db

WEEKDAYS_8_TO_16 = [
    {"day_from": day, "day_to": day, "start": "08:00", "end": "16:00"} for day in range(5)
]
EVERY_DAY_8_TO_20 = [
    {"day_from": day, "day_to": day, "start": "08:00", "end": "20:00"} for day in range(7)
]


def place(service, intervals, exceptions=(), occurrences=(), number=[0]):  # noqa: B006
    number[0] += 1
    channel = ServiceChannel.objects.create(
        source=service.source,
        external_id=f"place-{number[0]}",
        channel_type="place",
        name="Paikka",
        name_fi="Paikka",
        occurrences=[[start.isoformat(), end.isoformat()] for start, end in occurrences],
    )
    ServiceChannelLink.objects.create(
        service=service, channel=channel, channel_ref=f"place-{number[0]}"
    )
    OpeningHours.objects.create(channel=channel, kind="regular", intervals=intervals)
    for day in exceptions:
        OpeningHours.objects.create(
            channel=channel, kind="exceptional", valid_from=day, is_closed=True, sort_order=1
        )
    return channel


def open_ids(at):
    with time_machine.travel(at, tick=False):
        results = get_backend("database").search(CatalogueQuery(open_now=True, page_size=50))
        counted = get_backend("database").search(CatalogueQuery()).facets["open_now"]["true"]
    assert counted == results.total  # the count offered is what the filter gives
    return {hit.service_id for hit in results.hits}


def indexed(service, on):
    with time_machine.travel(on, tick=False):
        index_services([service.pk])


@pytest.mark.parametrize(
    "indexed_on, closed_at, open_at",
    [
        # Spring: 29.3.2026 at 3.00 the clocks go to 4.00 (UTC+2 → UTC+3). 5.30 UTC is 8.30.
        (
            datetime(2026, 3, 27, tzinfo=UTC),
            datetime(2026, 3, 30, 4, 30, tzinfo=UTC),
            datetime(2026, 3, 30, 5, 30, tzinfo=UTC),
        ),
        # Autumn: 25.10.2026 at 4.00 they go back to 3.00 (UTC+3 → UTC+2). 6.30 UTC is 8.30;
        # 5.30 UTC is 7.30, though it would be 8.30 by summer time.
        (
            datetime(2026, 10, 23, tzinfo=UTC),
            datetime(2026, 10, 26, 5, 30, tzinfo=UTC),
            datetime(2026, 10, 26, 6, 30, tzinfo=UTC),
        ),
    ],
    ids=["spring", "autumn"],
)
def test_open_now_follows_finnish_time_across_a_daylight_saving_change(
    indexed_on, closed_at, open_at
):
    service = ServiceFactory(name_fi="Neuvola")
    place(service, WEEKDAYS_8_TO_16)
    indexed(service, indexed_on)
    assert service.pk not in open_ids(closed_at)
    assert service.pk in open_ids(open_at)
    # 16.00 local closes it: 13.00 UTC in summer time, 14.00 in winter time.
    closing = open_at.astimezone(HELSINKI).replace(hour=15, minute=59)
    assert service.pk in open_ids(closing)
    assert service.pk not in open_ids(closing + timedelta(minutes=1))


def test_the_day_the_clocks_change_counts_its_own_hours():
    """A Sunday open 2–6 o'clock on 29.3.2026: 3.00–4.00 does not exist that night, so it is
    open three hours, from 0.00 to 3.00 UTC."""
    service = ServiceFactory(name_fi="Yöpäivystys")
    place(service, [{"day_from": 6, "day_to": 6, "start": "02:00", "end": "06:00"}])
    indexed(service, datetime(2026, 3, 27, tzinfo=UTC))
    assert service.pk not in open_ids(datetime(2026, 3, 28, 23, 59, tzinfo=UTC))
    assert service.pk in open_ids(datetime(2026, 3, 29, 0, 0, tzinfo=UTC))
    assert service.pk in open_ids(datetime(2026, 3, 29, 2, 59, tzinfo=UTC))
    assert service.pk not in open_ids(datetime(2026, 3, 29, 3, 0, tzinfo=UTC))


def test_an_exception_day_closes_what_the_regular_hours_would_open():
    service = ServiceFactory(name_fi="Kirjasto")
    # Tuesday 8.12.2026 closed (e.g. staff training); Wednesday as usual.
    place(service, WEEKDAYS_8_TO_16, exceptions=[datetime(2026, 12, 8).date()])
    indexed(service, datetime(2026, 12, 4, tzinfo=UTC))
    assert service.pk in open_ids(datetime(2026, 12, 7, 10, tzinfo=HELSINKI))
    assert service.pk not in open_ids(datetime(2026, 12, 8, 10, tzinfo=HELSINKI))
    assert service.pk in open_ids(datetime(2026, 12, 9, 10, tzinfo=HELSINKI))


def test_a_scheduled_activity_is_open_when_it_meets_not_when_its_venue_is(client):
    """The walking group meets on Tuesdays 18–19.30 at a library open every day 8–20."""
    tuesday = datetime(2026, 12, 8, tzinfo=HELSINKI)
    meets = [
        (
            tuesday + timedelta(days=7 * week, hours=18),
            tuesday + timedelta(days=7 * week, hours=19, minutes=30),
        )
        for week in range(5)
    ]
    group = ServiceFactory(source="lahella", name_fi="Kävelyryhmä Vaasa", activity_type="hobby")
    place(group, EVERY_DAY_8_TO_20, occurrences=meets)
    library = ServiceFactory(name_fi="Kirjastopalvelut")
    place(library, EVERY_DAY_8_TO_20)
    indexed(group, datetime(2026, 12, 4, tzinfo=UTC))
    indexed(library, datetime(2026, 12, 4, tzinfo=UTC))

    noon = datetime(2026, 12, 8, 12, tzinfo=HELSINKI)
    assert open_ids(noon) == {library.pk}
    assert open_ids(datetime(2026, 12, 8, 18, 30, tzinfo=HELSINKI)) == {library.pk, group.pk}
    assert open_ids(datetime(2026, 12, 9, 18, 30, tzinfo=HELSINKI)) == {library.pk}

    with time_machine.travel(noon, tick=False):
        page = client.get("/fi/palvelut/?q=k%C3%A4velyryhm%C3%A4").content.decode()
        assert "Avoinna tänään: 18.00–19.30" in page
        assert "Avoinna nyt: 18.00" not in page
        detail = client.get(group.get_absolute_url()).content.decode()
        # The venue's hours do not say the group is on now.
        assert "Avoinna nyt" not in detail
        library_page = client.get("/fi/palvelut/?q=kirjastopalvelut").content.decode()
        assert "Avoinna nyt: 8.00–20.00" in library_page
    with time_machine.travel(datetime(2026, 12, 8, 18, 30, tzinfo=HELSINKI), tick=False):
        page = client.get("/sv/tjanster/?q=k%C3%A4velyryhm%C3%A4&open=1").content.decode()
        assert "Öppet nu: 18.00–19.30" in page
        assert "Ta bort avgränsningen: Öppet nu" in page


def test_the_daily_housekeeping_carries_the_opening_times_forward():
    service = ServiceFactory(name_fi="Terveysasema")
    place(service, WEEKDAYS_8_TO_16)
    indexed(service, datetime(2026, 12, 4, tzinfo=UTC))
    later = datetime(2027, 2, 3, 10, tzinfo=HELSINKI)  # a Wednesday, 61 days on
    assert service.pk not in open_ids(later)  # beyond the weeks indexing wrote
    with time_machine.travel(later - timedelta(hours=8), tick=False):
        call_command("housekeeping", verbosity=0)
    assert service.pk in open_ids(later)


def test_a_service_page_is_kept_across_minutes_until_its_place_opens_or_closes(client):
    """Issue 28: the cached service page no longer lasts a minute only; it lasts until one of
    its places opens or closes (or midnight), and then says so at once."""
    service = ServiceFactory(name_fi="Uimahalli")
    place(service, WEEKDAYS_8_TO_16)
    path = service.get_absolute_url()
    tuesday = datetime(2026, 12, 8, tzinfo=HELSINKI)

    def visit(hour, minute, days=0):
        moment = tuesday + timedelta(days=days, hours=hour, minutes=minute)
        with time_machine.travel(moment, tick=False):
            response = client.get(path)
        assert response.status_code == 200
        return response["X-Page-Cache"], "Avoinna nyt" in response.content.decode()

    assert visit(15, 52) == ("miss", True)
    assert visit(15, 59) == ("hit", True)  # seven minutes on: the same page
    assert visit(16, 0) == ("miss", False)  # closed at 16.00: a fresh page at once
    assert visit(16, 9) == ("hit", False)
    assert visit(23, 57) == ("miss", False)
    assert visit(0, 1, days=1) == ("miss", False)  # Wednesday: the copy ended at midnight
    assert visit(8, 0, days=1) == ("miss", True)


def test_places_sharing_their_hours_each_follow_their_own_changes():
    """Indexing works out each distinct set of opening hours once a day: a place whose hours
    change gets its new spans on the same day, and one with the same old hours keeps them."""
    monday = datetime(2026, 12, 7, 10, tzinfo=HELSINKI)
    library, pool = ServiceFactory(name_fi="Kirjasto"), ServiceFactory(name_fi="Uimahalli")
    place(library, WEEKDAYS_8_TO_16)
    changing = place(pool, WEEKDAYS_8_TO_16)
    indexed(library, datetime(2026, 12, 4, tzinfo=UTC))
    indexed(pool, datetime(2026, 12, 4, tzinfo=UTC))
    assert {library.pk, pool.pk} <= open_ids(monday)

    OpeningHours.objects.create(
        channel=changing, kind="exceptional", valid_from=monday.date(), is_closed=True
    )
    indexed(pool, datetime(2026, 12, 4, 12, tzinfo=UTC))
    indexed(library, datetime(2026, 12, 4, 12, tzinfo=UTC))
    found = open_ids(monday)
    assert library.pk in found
    assert pool.pk not in found
    assert pool.pk in open_ids(monday + timedelta(days=1))


def test_a_service_with_several_places_is_open_when_any_of_them_is():
    """Weekdays 8–16 in one place, Saturdays 18–21 in a second and Mondays 15–18 in a third:
    open when any of them is."""
    service = ServiceFactory(name_fi="Terveysasema")
    place(service, WEEKDAYS_8_TO_16)
    place(service, [{"day_from": 5, "day_to": 5, "start": "18:00", "end": "21:00"}])
    place(service, [{"day_from": 0, "day_to": 0, "start": "15:00", "end": "18:00"}])
    indexed(service, datetime(2026, 12, 4, tzinfo=UTC))
    assert service.pk in open_ids(datetime(2026, 12, 12, 20, tzinfo=HELSINKI))  # Saturday
    assert service.pk not in open_ids(datetime(2026, 12, 12, 12, tzinfo=HELSINKI))
    # Monday 8–16 and 15–18 overlap: one stretch 8–18.
    assert service.pk in open_ids(datetime(2026, 12, 7, 17, 30, tzinfo=HELSINKI))
    assert service.pk not in open_ids(datetime(2026, 12, 7, 18, 0, tzinfo=HELSINKI))
    assert service.pk not in open_ids(datetime(2026, 12, 8, 17, 30, tzinfo=HELSINKI))


@pytest.mark.django_db(transaction=True)
def test_after_the_daily_renewal_open_now_reads_the_index_alone():
    """Issue 28: every search counts the services open now. After housekeeping has renewed
    every service's opening times, their ids come from the spans' index alone: PostgreSQL
    reads no page of the table (an index-only scan with no heap fetch, which needs the
    renewed table vacuumed), SQLite answers from a covering index."""
    services = [ServiceFactory(name_fi=f"Kuntosali {n}") for n in range(3)]
    for service in services:
        place(service, EVERY_DAY_8_TO_20)
    moment = datetime(2026, 12, 2, 12, tzinfo=HELSINKI)
    with time_machine.travel(moment - timedelta(hours=6), tick=False):
        call_command("housekeeping", verbosity=0)
    assert set(open_at(moment)) == {service.pk for service in services}
    sql, params = open_at(moment).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A handful of rows would be read whole (a sequential scan is cheaper then):
            # the index's own plan is what a catalogue of thousands gets.
            nodes = explained(sql, params, disabled=("seqscan", "bitmapscan"))
            scans = [node for node in nodes if "Relation Name" in node]
            assert [node["Node Type"] for node in scans] == ["Index Only Scan"]
            assert scans[0]["Heap Fetches"] == 0
            assert scans[0]["Actual Rows"] == len(services)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            details = " ".join(row[-1] for row in cursor.fetchall())
            assert "USING COVERING INDEX" in details, details
