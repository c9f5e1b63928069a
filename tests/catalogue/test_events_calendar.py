"""The events calendar (/fi/tapahtumat/, /sv/evenemang/) and its iCal feeds: every meeting of
the activities in Finnish wall-clock time across daylight saving, each filter option counting
what choosing it lists, cancelled days marked, and feeds that two independent iCal parsers
read alike."""

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from urllib.parse import parse_qs, urlencode, urlparse

import icalendar
import ics
import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.models import (
    ServiceOccurrence,
)
from catalogue.openinghours import HELSINKI
from catalogue.search.indexing import index_services
from core.recurrence import Event, Slot, between
from tests.support.activities import activity, event, local

pytestmark = pytest.mark.django_db

# Indexed on Saturday 20.3.2027; the clocks go forward on Sunday 28.3.2027 at 3.00.
INDEXED = datetime(2027, 3, 20, 10, 0, tzinfo=HELSINKI)
EASTER_SUNDAY = date(2027, 3, 28)


@pytest.fixture
def world(db):
    """Activities in three municipalities and one online, weekly across the change to
    summer time, every other week, monthly, daily, one-off; one not public."""
    services = {
        "sunday": activity(
            "Sunnuntaikävely",
            "905",
            [
                event(
                    local(2027, 3, 7, 18),
                    local(2027, 3, 7, 19, 30),
                    "P1W",
                    slots=[(6, "18:00", "19:30")],
                    excluded=[EASTER_SUNDAY],
                )
            ],
            themes=["liikunta"],
            audiences=["older_people"],
            free=True,
        ),
        "youth": activity(
            "Nuorten ilta",
            "545",
            [event(local(2027, 3, 2, 17), None, "P2W", slots=[(1, "17:00", "20:00")])],
            themes=["osallisuus"],
            audiences=["young_people"],
        ),
        "memory": activity(
            "Muistikahvila",
            "287",
            [event(local(2027, 3, 3, 13), local(2027, 3, 3, 14, 30), "P1M")],
            themes=["mieli", "osallisuus"],
            audiences=["older_people", "carers"],
            free=True,
        ),
        "morning": activity(
            "Aamujumppa",
            "905",
            [
                event(
                    local(2027, 3, 15, 9),
                    local(2027, 3, 15, 9, 45),
                    "P1D",
                    until=date(2027, 4, 10),
                )
            ],
            themes=["liikunta"],
            free=True,
        ),
        "concert": activity(
            "Kevätkonsertti", "545", [event(local(2027, 3, 27, 22), local(2027, 3, 28, 5))]
        ),
        "online": activity(
            "Verkkoryhmä",
            "",
            [event(local(2027, 3, 1, 18), local(2027, 3, 1, 19), "P1W")],
            themes=["mieli"],
            free=True,
        ),
        "closed": activity(
            "Lopetettu ryhmä",
            "905",
            [event(local(2027, 3, 1, 12), local(2027, 3, 1, 13), "P1W")],
            public=False,
        ),
    }
    with time_machine.travel(INDEXED, tick=False):
        index_services([service.pk for service in services.values()])
    return services


def get(client, params, path="/fi/tapahtumat/"):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def total_of(html):
    return int(re.search(r'id="events-count"[^>]*>\s*(\d+)', html).group(1))


def listed(html):
    """(service name, local start, cancelled, uid) of each meeting listed on the page."""
    found = []
    section = html[html.index('class="events-results"') :]
    section = section[: section.index("</section>")]
    for item in re.findall(r"<li(?: class=\"events-list__cancelled\")?>.*?</li>", section, re.S):
        start = re.search(r'<time datetime="([^"]+)">', item).group(1)
        name = re.search(r'events-list__name"><a [^>]*>([^<]+)</a>', item).group(1)
        uid = re.search(r"occurrence=([^\"&]+)", item)
        found.append(
            (
                unescape(name),
                datetime.fromisoformat(start),
                "tag--cancelled" in item,
                parse_qs(f"u={uid.group(1)}")["u"][0] if uid else None,
            )
        )
    return found


def every_listed(client, params):
    """Every meeting on every page of the calendar for ``params``."""
    html = get(client, params)
    found = listed(html)
    while 'rel="next"' in html:
        url = unescape(re.search(r'rel="next" href="([^"]+)"', html).group(1))
        html = get(client, {k: v[0] for k, v in parse_qs(urlparse(url).query).items()})
        found += listed(html)
    return found


def options(html):
    """{(parameter, value): count} of every option the form offers."""
    found = {}
    for name in ("municipality", "theme", "audience"):
        select = re.search(rf'<select id="events-{name}" name="{name}".*?</select>', html, re.S)
        for value, count in re.findall(r'<option value="([^"]+)"[^>]*>[^<]*\((\d+)\)', select[0]):
            found[(name, value)] = int(count)
    for value, count in re.findall(
        r'name="when" value="(\w+)"[^>]*>\s*<label[^>]*>[^<]*<span class="facet__count">\((\d+)\)',
        html,
    ):
        found[("when", value)] = int(count)
    free = re.search(r'for="events-free-input">[^<]*<span class="facet__count">\((\d+)\)', html)
    found[("free", "1")] = int(free.group(1))
    return found


def chosen(params, name, value):
    out = {k: v for k, v in params.items() if v}
    if name == "when":
        out.pop("date", None)
    out[name] = value
    return out


FILTERS = st.fixed_dictionaries(
    {
        "when": st.sampled_from(["", "today", "week", "month"]),
        "municipality": st.sampled_from(["", "905", "545", "287", "231"]),
        "theme": st.sampled_from(["", "liikunta", "osallisuus", "mieli", "uni"]),
        "audience": st.sampled_from(["", "older_people", "young_people", "carers"]),
        "free": st.sampled_from(["", "1"]),
    }
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    filters=FILTERS,
    day=st.integers(min_value=0, max_value=16),
    minute=st.integers(min_value=0, max_value=24 * 60 - 1),
    pick=st.integers(min_value=0, max_value=10_000),
)
def test_each_count_is_what_choosing_it_lists_across_filters_and_daylight_saving(
    world, client, filters, day, minute, pick
):
    """Days from 20.3. to 5.4.2027 (the clocks go forward on 28.3.): the total is the number
    of meetings listed on all pages, and one option's count (drawn among all offered) is the
    number listed when it is chosen."""
    moment = INDEXED.replace(hour=0) + timedelta(days=day, minutes=minute)
    params = {name: value for name, value in filters.items() if value}
    with time_machine.travel(moment, tick=False):
        html = get(client, params)
        rows = every_listed(client, params)
        assert total_of(html) == len(rows)
        now = datetime.now(UTC)
        for _name, start, _cancelled, _uid in rows:
            assert start.astimezone(UTC) > now - timedelta(hours=24)  # not long past
        offered = sorted(options(html).items())
        (name, value), count = offered[pick % len(offered)]
        assert len(every_listed(client, chosen(params, name, value))) == count, (name, value)


def test_every_option_counts_what_it_lists_in_the_week_of_the_change(world, client):
    with time_machine.travel(local(2027, 3, 26, 8), tick=False):
        html = get(client, {"when": "week"})
        for (name, value), count in options(html).items():
            assert len(every_listed(client, chosen({"when": "week"}, name, value))) == count


def test_meetings_keep_finnish_wall_clock_time_across_the_change_and_cancelled_days_show(
    world, client
):
    with time_machine.travel(local(2027, 3, 20, 12), tick=False):
        rows = every_listed(client, {"when": "month", "municipality": "905", "theme": "liikunta"})
    sundays = [(start, cancelled) for name, start, cancelled, _uid in rows if "Sunnuntai" in name]
    assert [start.date() for start, _c in sundays] == [
        date(2027, 3, 21),
        date(2027, 3, 28),
        date(2027, 4, 4),
        date(2027, 4, 11),
        date(2027, 4, 18),
    ]
    assert {start.astimezone(HELSINKI).strftime("%H:%M") for start, _c in sundays} == {"18:00"}
    # 18.00 is 16.00 UTC in winter time and 15.00 UTC in summer time.
    assert [start.astimezone(UTC).hour for start, _c in sundays[:2]] == [16, 15]
    assert [cancelled for _s, cancelled in sundays] == [False, True, False, False, False]
    # The daily gym ends on 10.4.; the group that is not public never shows.
    mornings = [start.date() for name, start, _c, _u in rows if name == "Aamujumppa"]
    assert mornings[0] == date(2027, 3, 21) and mornings[-1] == date(2027, 4, 10)
    assert len(mornings) == 21


def test_the_calendar_is_in_swedish_too_and_bad_input_is_explained_not_an_error(world, client):
    with time_machine.travel(local(2027, 3, 22, 12), tick=False):
        html = get(client, {"when": "today"}, path="/sv/evenemang/")
        assert "Evenemang" in html and "I dag" in html
        # Non-ASCII digits, a date outside the calendar, an unknown municipality: each is
        # said in the error summary; the rest still lists.
        for params, message in (
            ({"date": "２０２７-03-24"}, "Anna päivämäärä muodossa"),
            ({"date": "2030-01-01"}, "Valitse päivä väliltä 22.3.2027–21.6.2027."),
            ({"municipality": "999"}, "Valitse jokin luettelosta."),
        ):
            html = get(client, params)
            assert "error-summary" in html and message in html, params
            assert total_of(html) == len(listed(html))
        # Control characters are refused before any page (400, never a server error).
        assert client.get("/fi/tapahtumat/", {"theme": "liikunta\x00"}).status_code == 400
        response = client.get("/fi/tapahtumat/kalenteri.ics", {"municipality": "999"})
        assert response.status_code == 400
        assert "Valitse jokin luettelosta." in response.content.decode()


def feed_events(body):
    """{uid: (start UTC, end UTC, status, summary)} read by icalendar and by ics."""
    first = {}
    for component in icalendar.Calendar.from_ical(body).walk("VEVENT"):
        end = component.get("dtend")
        first[str(component["uid"])] = (
            component["dtstart"].dt.astimezone(UTC),
            end.dt.astimezone(UTC) if end else None,
            str(component["status"]),
            str(component["summary"]),
        )
    second = {
        item.uid: (
            item.begin.datetime.astimezone(UTC),
            item.end.datetime.astimezone(UTC) if item.has_end() else None,
            item.status,
            item.name,
        )
        for item in ics.Calendar(body.decode()).events
    }
    return first, second


def test_the_calendar_feed_reads_the_same_in_two_parsers_and_holds_what_the_page_lists(
    world, client
):
    with time_machine.travel(local(2027, 3, 26, 8), tick=False):
        response = client.get("/fi/tapahtumat/kalenteri.ics", {"theme": "liikunta"})
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        body = response.content
        first, second = feed_events(body)
        assert first == second and first
        calendar = icalendar.Calendar.from_ical(body)
        assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
        assert b"DTSTART;TZID=Europe/Helsinki:20270328T180000" in body
        assert (
            first[
                ServiceOccurrence.objects.get(
                    service=world["sunday"], starts=local(2027, 3, 28, 18)
                ).uid
            ][2]
            == "CANCELLED"
        )
        page = every_listed(client, {"when": "month", "theme": "liikunta"})
        assert page
        for name, start, _cancelled, uid in page:
            if uid:
                assert first[uid][0] == start.astimezone(UTC) and first[uid][3] == name
        # Subscribing keeps the filter; the page shows the address to copy.
        html = get(client, {"theme": "liikunta", "when": "today"})
        assert "http://testserver/fi/tapahtumat/kalenteri.ics?theme=liikunta" in html


def test_one_service_and_one_meeting_as_ical_with_the_same_uid_after_reindexing(world, client):
    sunday = world["sunday"]
    with time_machine.travel(local(2027, 3, 22, 8), tick=False):
        html = get(client, {"when": "month", "municipality": "905"})
        service_page = client.get(sunday.get_absolute_url()).content.decode()
        feed_url = re.search(r'href="([^"]+kalenteri\.ics)"', service_page).group(1)
        whole = feed_events(client.get(feed_url).content)[0]
        # From today to the end of the calendar (about three months), Easter included.
        assert len(whole) == 12 and min(start for start, *_ in whole.values()).day == 28
        for name, start, _cancelled, uid in listed(html):
            if name == "Sunnuntaikävely" and uid:
                assert whole[uid][0] == start.astimezone(UTC)
        link = unescape(re.search(r'href="([^"]+occurrence=[^"]+)"', html).group(1))
        one = feed_events(client.get(link).content)[0]
        assert len(one) == 1
        before = dict(ServiceOccurrence.objects.values_list("uid", "starts"))
        index_services([sunday.pk])  # two days later: the window has moved on
        after = dict(ServiceOccurrence.objects.values_list("uid", "starts"))
        kept = {uid: start for uid, start in before.items() if start >= local(2027, 3, 21, 0)}
        assert kept and all(after[uid] == start for uid, start in kept.items())
        assert client.get(feed_url, {"occurrence": "no-such@x"}).status_code == 404


def test_recurrence_gives_cancelled_days_and_stops_at_its_last_day():
    weekly = Event(
        start=local(2027, 10, 24, 18),
        end=local(2027, 10, 24, 19),
        period="P1W",
        until=date(2027, 11, 14),
        slots=(Slot(6, "18:00", "19:00"),),
        excluded=(date(2027, 11, 7),),
    )
    found = between(weekly, local(2027, 10, 1, 0), local(2028, 1, 1, 0))
    assert [(m.start.day, m.start.hour, m.cancelled) for m in found] == [
        (24, 18, False),
        (31, 18, False),  # the clocks went back that morning: still 18.00
        (7, 18, True),
        (14, 18, False),
    ]
    assert [m.start.utcoffset().total_seconds() / 3600 for m in found[:2]] == [3, 2]
    assert Event.from_json({"start": "not a time"}) is None


def test_housekeeping_renews_the_meetings_for_the_weeks_ahead(world, client):
    later = local(2027, 7, 1, 12)  # beyond the weeks written when indexed on 20.3.
    with time_machine.travel(later, tick=False):
        assert total_of(get(client, {"when": "week", "theme": "liikunta"})) == 0
        call_command("housekeeping", verbosity=0)
        cache.clear()  # the page cache keeps a copy for up to a minute
        assert total_of(get(client, {"when": "week", "theme": "liikunta"})) == 1


def test_the_calendar_links_each_meeting_to_its_service(world, client):
    with time_machine.travel(local(2027, 3, 22, 8), tick=False):
        html = get(client, {"when": "week", "municipality": "545"})
    # The youth evening meets every other week, not this one; the concert is on Saturday.
    names = {row[0] for row in listed(html)}
    assert names == {"Kevätkonsertti"}
    assert f'href="{world["concert"].get_absolute_url()}"' in html
    assert urlencode({"occurrence": listed(html)[0][3]}) in html
