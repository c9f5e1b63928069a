"""Coordinates, text, phone numbers and opening hours: the normalisations every source relies on."""

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from catalogue.openinghours import HELSINKI, holiday_date, is_open, weekly_rows
from core.geo import distance_m
from core.text import markdown_to_html, plain, sanitise_html
from ptv_sync.adapters.common import normalise_phone
from ptv_sync.adapters.ptv_v11 import parse_address
from ptv_sync.geo import tm35fin_to_wgs84


def test_tm35fin_coordinates_land_in_vaasa():
    # PTV's strings: "latitude" is the northing, "longitude" the easting (EPSG:3067).
    address = parse_address(
        {
            "streetAddress": {
                "street": [{"language": "fi", "value": "Hovioikeudenpuistikko"}],
                "streetNumber": "16",
                "postalCode": "65100",
                "latitude": "7009234.000",
                "longitude": "235321.000",
                "coordinateState": "Ok",
            }
        },
        "visiting",
    )
    assert address.latitude == pytest.approx(63.1150, abs=0.0005)
    assert address.longitude == pytest.approx(21.7496, abs=0.0005)


@pytest.mark.parametrize("state", ["Failed", "NotReceived", "Loading", None])
def test_only_usable_coordinate_states_count(state):
    address = parse_address(
        {"streetAddress": {"latitude": "7009234", "longitude": "235321", "coordinateState": state}},
        "visiting",
    )
    assert address.latitude is None and address.longitude is None


@pytest.mark.parametrize(
    ("easting", "northing"),
    [("abc", "7009234"), (None, None), ("235321", "61.5"), ("5000000", "7009234")],
)
def test_unusable_coordinates_are_dropped(easting, northing):
    assert tm35fin_to_wgs84(easting, northing) is None


def test_distance_between_vaasa_and_narpio():
    # Vaasa market square → Närpes centre, about 72 km as the crow flies.
    assert distance_m(63.0960, 21.6158, 62.4737, 21.3377) == pytest.approx(70_700, rel=0.02)


def test_ptv_markdown_becomes_safe_html():
    html = markdown_to_html("Rivi yksi\nrivi kaksi\n\n* yksi\n* **kaksi**\n\n### Otsikko\n\n1. eka")
    assert html == (
        "<p>Rivi yksi<br>\nrivi kaksi</p>\n<ul>\n<li>yksi</li>\n<li><strong>kaksi</strong></li>\n"
        "</ul>\n<h3>Otsikko</h3>\n<ol>\n<li>eka</li>\n</ol>"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>Teksti",
        '<img src=x onerror="alert(1)">Teksti',
        '<a href="javascript:alert(1)">Teksti</a>',
        '<p style="background:url(javascript:x)" onclick="x()">Teksti</p>',
    ],
)
def test_html_is_sanitised(hostile):
    for html in (sanitise_html(hostile), markdown_to_html(hostile)):
        assert "Teksti" in html
        elements = parsed_elements(html)
        assert not {tag for tag, _attrs in elements} & {"script", "img", "style", "iframe"}
        for _tag, attrs in elements:
            assert not [name for name in attrs if name.startswith("on") or name == "style"]
            assert not attrs.get("href", "").lower().startswith("javascript:")


def parsed_elements(html):
    """(tag, attributes) of every element a browser would build from the HTML."""
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collector().feed(html)
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Yksi rivi.",
        "Rivi 1\nRivi 2\n\nKappale 2.\n   \n  Kolmas  ",
        "Hinta 5 € / kerta (\"ale\") 'x'",
        "Tel. 040 123 4567\n12 kpl",
        "1.5 tuntia, klo 8-16; Laihia - Vaasa",
    ],
)
def test_plain_paragraphs_skip_the_markdown_parser_with_the_same_result(text):
    from core.text import _MARKDOWN_SYNTAX, _markdown

    assert not _MARKDOWN_SYNTAX.search(text)
    assert markdown_to_html(text) == sanitise_html(_markdown.render(text))


@pytest.mark.parametrize(
    "text", ["2020. vuonna", "- lista", "* lista", "### Otsikko", "a *b*", "a & b"]
)
def test_text_that_may_be_markdown_goes_through_the_parser(text):
    from core.text import _MARKDOWN_SYNTAX

    assert _MARKDOWN_SYNTAX.search(text)


def test_plain_text_has_no_tags_and_collapsed_spaces():
    assert plain("  Uimahalli <b>ja</b>\n  kuntosali ") == "Uimahalli ja kuntosali"
    # Plain text stays text: templates escape it once, so no entities are stored.
    assert plain("Äiti & lapsi <3 &amp; isä") == "Äiti & lapsi <3 & isä"


@pytest.mark.parametrize(
    ("number", "dial", "service", "expected"),
    [
        ("405166046", "+358", False, "+358405166046"),
        ("0405166046", "+358", False, "+358405166046"),
        ("06 224 0000", "", False, "+35862240000"),
        ("116117", "", False, "116117"),
        ("0800 123 456", "", False, "0800123456"),
        ("0800123456", "+358", True, "0800123456"),
        ("12345678", "+46", False, "+4612345678"),
    ],
)
def test_phone_numbers_are_normalised(number, dial, service, expected):
    assert normalise_phone(number, dial, service_number=service) == expected


def hours(kind="regular", intervals=(), valid_from=None, valid_to=None, closed=False, holiday=""):
    return SimpleNamespace(
        kind=kind,
        intervals=[
            {"day_from": a, "start": s, "day_to": b, "end": e, "status": st, "weeks": w}
            for a, s, b, e, st, w in intervals
        ],
        valid_from=valid_from,
        valid_to=valid_to,
        is_closed=closed,
        holiday=holiday,
    )


OFFICE = hours(intervals=[(d, "08:00", d, "16:00", "open", "all") for d in range(5)])


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-23 07:59", False),  # Monday before opening
        ("2026-11-23 08:00", True),
        ("2026-11-23 15:59", True),
        ("2026-11-23 16:00", False),  # closing time is exclusive
        ("2026-11-28 12:00", False),  # Saturday
    ],
)
def test_open_now_with_regular_hours(moment, expected):
    assert is_open([OFFICE], at(moment)) is expected


def test_open_now_is_computed_in_finnish_time():
    from zoneinfo import ZoneInfo

    # 06:30 UTC on a Monday in November is 08:30 in Helsinki.
    assert is_open([OFFICE], datetime(2026, 11, 23, 6, 30, tzinfo=ZoneInfo("UTC"))) is True
    assert is_open([OFFICE], datetime(2026, 11, 23, 5, 30, tzinfo=ZoneInfo("UTC"))) is False


def test_exceptional_closure_overrides_regular_hours():
    christmas = hours(
        "exceptional", valid_from=date(2026, 12, 24), valid_to=date(2026, 12, 26), closed=True
    )
    assert is_open([OFFICE, christmas], at("2026-12-24 10:00")) is False
    assert is_open([OFFICE, christmas], at("2026-12-28 10:00")) is True


def test_exceptional_hours_without_end_date_cover_one_day():
    short_day = hours(
        "exceptional", [(2, "08:00", 2, "12:00", "open", "all")], valid_from=date(2026, 11, 25)
    )
    assert is_open([OFFICE, short_day], at("2026-11-25 13:00")) is False
    assert is_open([OFFICE, short_day], at("2026-11-25 11:00")) is True
    assert is_open([OFFICE, short_day], at("2026-12-02 13:00")) is True  # a week later


def test_hours_over_midnight():
    night = hours(intervals=[(4, "20:00", 5, "04:00", "open", "all")])  # Friday 20 → Saturday 4
    assert is_open([night], at("2026-11-27 23:00")) is True
    assert is_open([night], at("2026-11-28 03:59")) is True
    assert is_open([night], at("2026-11-28 04:00")) is False
    sunday_night = hours(intervals=[(6, "22:00", 0, "02:00", "open", "all")])  # over the week's end
    assert is_open([sunday_night], at("2026-11-23 01:00")) is True


def test_date_ranges_odd_weeks_always_open_and_holidays():
    summer = hours(
        intervals=[(0, "09:00", 0, "12:00", "open", "all")],
        valid_from=date(2027, 6, 1),
        valid_to=date(2027, 8, 31),
    )
    assert is_open([summer], at("2027-06-07 10:00")) is True
    assert is_open([summer], at("2026-11-23 10:00")) is False
    odd = hours(intervals=[(0, "09:00", 0, "12:00", "open", "odd")])
    assert is_open([odd], at("2026-11-23 10:00")) is False  # ISO week 48
    assert is_open([odd], at("2026-11-30 10:00")) is True  # week 49
    assert is_open([odd], at("2026-11-16 10:00")) is True  # week 47
    assert is_open([hours("always")], at("2026-11-29 03:00")) is True
    eve = hours("holiday", [(0, "08:00", 0, "12:00", "open", "all")], holiday="ChristmasEve")
    assert is_open([OFFICE, eve], at("2026-12-24 11:00")) is True
    assert is_open([OFFICE, eve], at("2026-12-24 13:00")) is False
    assert is_open([], at("2026-11-23 10:00")) is None


def test_finnish_holiday_dates():
    assert holiday_date("EasterSunday", 2027) == date(2027, 3, 28)
    assert holiday_date("GoodFriday", 2027) == date(2027, 3, 26)
    assert holiday_date("AscensionDay", 2027) == date(2027, 5, 6)
    assert holiday_date("MidsummerEve", 2026) == date(2026, 6, 19)
    assert holiday_date("MidsummerDay", 2027) == date(2027, 6, 26)
    assert holiday_date("AllSaintsDay", 2026) == date(2026, 10, 31)
    assert holiday_date("IndependenceDay", 2026) == date(2026, 12, 6)


def test_weekly_rows_show_finnish_times():
    from django.utils import translation

    with translation.override("fi"):
        rows = [(str(day), times) for day, times in weekly_rows([OFFICE], date(2026, 11, 23))]
    assert rows[0] == ("maanantai", ["8.00–16.00"])
    assert len(rows) == 5
