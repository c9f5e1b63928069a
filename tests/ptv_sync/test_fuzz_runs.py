"""One bad item never fails a run: a property per adapter (PTV v11, PTV v12, Lähellä.fi, HSDS).

A valid page of real-shaped items goes through the operator's own path (the drop folder of
``sync_catalogue --from-dir``, ``import_catalogue`` for HSDS) into the database, with one
field of one item replaced by what a bad day at the source sends: a value of the wrong type,
an impossible date, digits of another script, a huge number, a NUL, an overlong string. The
run must not fail; every other item must be imported; the bad item is imported (the value was
harmless or was dropped) or named in the run's errors.

Derandomised; FUZZ_RUN_EXAMPLES examples per adapter (default 500). Each example runs in a
savepoint that is rolled back."""

import json
import os
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from catalogue.models import Organisation, Service, ServiceChannel
from ptv_sync.adapters import hsds, lahella, lipas, ptv_v11, ptv_v12
from ptv_sync.dropfolder import pending_for
from ptv_sync.models import SyncRun
from ptv_sync.records import RecordError
from ptv_sync.runner import import_hsds, run_sync
from tests.ptv_sync.test_fuzz_adapters import ROOT, load_json, paths, replace_at
from tests.ptv_sync.test_sync_v12 import v12_channel, v12_service

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_RUN_EXAMPLES", "500"))
MOMENT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
MODELS = {"organisation": Organisation, "channel": ServiceChannel, "service": Service}
# What makes an item the item it is: changing it makes another item, not a bad one.
IDENTITY_KEYS = {"id", "contentId", "_key", "lipas-id"}
IDENTITY_PATHS = {("x_hyvinvointiopas", "external_id"), ("x_hyvinvointiopas", "source")}


def v11_page():
    folder = ROOT / "ptv_sync" / "demo_payloads" / "ptv-v11"
    services = load_json(sorted((folder / "services").glob("*.json"))[0])["itemList"][:3]
    channels = load_json(sorted((folder / "channels").glob("*.json"))[0])["itemList"][:2]
    organisations = load_json(folder / "organisations.json")
    organisations = organisations.get("itemList", organisations)
    return {"itemList": [*services, *channels, *organisations[:1]]}


def v12_page():
    return {
        "items": [
            v12_service(),
            v12_channel("3c5ad3a3-0000-4000-8000-000000000001"),
            v12_channel("3c5ad3a3-0000-4000-8000-000000000002", "TelephoneService"),
            v12_channel("3c5ad3a3-0000-4000-8000-000000000004", "WebPage"),
        ]
    }


def lahella_page():
    folder = ROOT / "ptv_sync" / "demo_payloads" / "lahella"
    activities = [a for path in sorted(folder.glob("*.json")) for a in load_json(path)["items"]]
    return {"items": activities[:4]}


def lipas_page():
    """A point, a route and an area of the demo places."""
    folder = ROOT / "ptv_sync" / "demo_payloads" / "lipas"
    sites = [site for path in sorted(folder.glob("*.json")) for site in load_json(path)["items"]]
    kinds = {}
    for site in sites:
        shape = site["location"]["geometries"]["features"][0]["geometry"]["type"]
        if site["status"] == "active":
            kinds.setdefault(shape, site)
    return {"items": list(kinds.values()), "pagination": {"current-page": 1, "total-pages": 1}}


def hsds_document():
    return load_json(ROOT / "tests" / "fixtures" / "hsds-sample.json")


def items_of(kind, page):
    """The page's items as (path to the item, item)."""
    if kind == "hsds":
        return [
            ((key, index), item)
            for key in ("organizations", "locations", "services")
            for index, item in enumerate(page[key])
        ]
    key = "itemList" if kind == "ptv" else "items"
    return [((key, index), item) for index, item in enumerate(page[key])]


def identities(kind, item, hsds_key=None):
    """(model kind, source, external id) of what the item becomes, its own row first."""
    if kind == "hsds":
        records = [
            r
            for r in hsds.HsdsSource({hsds_key: [item]}).records()
            if not isinstance(r, RecordError)
        ]
        return [(r.kind, r.source, r.external_id) for r in records]
    readers = {
        "ptv": (ptv_v12.pending, ptv_v11.pending),
        "ptv-v12": (ptv_v12.pending, ptv_v11.pending),
        "lahella": (lambda obj: lahella.pending(obj, MOMENT),),
        "lipas": (lipas.pending,),
    }[kind]
    found = pending_for(item, readers)
    if found is None:
        return []
    found = found if isinstance(found, list) else [found]
    found.sort(key=lambda p: p.kind != "service")  # an activity is its service first
    return [(p.kind, p.source, p.external_id) for p in found]


# --- the bad values -----------------------------------------------------------------------------

OTHER_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def bad_value(draw, old):
    action = draw(
        st.sampled_from(["type", "date", "digits", "huge", "nul", "long"]),
    )
    if action == "type":
        return draw(
            st.sampled_from([[], {}, 12345, -1, 1.5, True, None, "teksti", [{"x": 1}], {"a": []}])
        )
    if action == "date":
        return draw(
            st.sampled_from(
                ["2026-02-30T10:00:00", "2026-13-01", "0000-00-00T00:00:00Z", "2026-02-30"]
            )
        )
    if action == "digits":
        if isinstance(old, str) and any(ch.isdigit() for ch in old):
            table = draw(st.sampled_from([OTHER_DIGITS, FULL_WIDTH]))
            return old.translate(table)
        return draw(st.sampled_from(["²", "٣٤", "１２:００", "߁߂", "²³:⁴⁵"]))
    if action == "huge":
        return draw(st.sampled_from([10**30, -(10**30), 2**63, -(2**63) - 1, 1e308, -1e308]))
    if action == "nul":
        return (old + "\x00") if isinstance(old, str) else "\x00"
    return (old if isinstance(old, str) and old else "x") * (70_000 // max(len(str(old)), 1) + 1)


@st.composite
def one_bad_field(draw, kind, page):
    """(page with one field of one item replaced, index of that item)."""
    items = items_of(kind, page)
    index = draw(st.integers(0, len(items) - 1))
    where, item = items[index]
    places = [
        path
        for path, _value in paths(item)
        if path
        and not (len(path) == 1 and path[0] in IDENTITY_KEYS)
        and tuple(path[:2]) not in IDENTITY_PATHS
    ]
    path = draw(st.sampled_from(places))
    old = item
    for step in path:
        old = old[step]
    value = bad_value(draw, old)
    note(f"item {index}, {'/'.join(map(str, path))}: {str(value)[:80]!r}")
    return replace_at(page, (*where, *path), lambda _old: value), index


# --- the property -------------------------------------------------------------------------------


def run_page(kind, page, folder):
    folder.mkdir(exist_ok=True)
    path = folder / "page.json"
    path.write_text(json.dumps(page))
    if kind == "hsds":
        return import_hsds(path)
    return run_sync(kind, from_dir=folder)


def imported(identity):
    kind, source, external_id = identity
    return MODELS[kind].objects.filter(source=source, external_id=external_id, is_active=True)


def check_run(kind, page, bad_index, folder):
    items = items_of(kind, page)
    expected = [identities(kind, item, where[0]) for where, item in items]
    run = run_page(kind, page, folder)
    assert run.status != SyncRun.Status.FAILED, (run.message, run.errors[:3])
    for index, item_identities in enumerate(expected):
        if index == bad_index:
            continue
        own = item_identities[0]
        assert imported(own).exists(), (own, run.errors[:5])
    (bad_kind, bad_source, bad_id), *_rest = expected[bad_index] or [(None, None, None)]
    named = {e["external_id"] for e in run.errors}
    if bad_kind is None:  # the change made it unrecognisable: the file's error names it
        assert run.errors, "an unrecognised item left no trace"
    else:
        bad = imported((bad_kind, bad_source, bad_id)).exists() or bad_id in named
        # Or the item itself says it is no longer current (withdrawn, its last event past).
        assert bad or not current(kind, items[bad_index]), (bad_id, run.errors[:5])
    return run


def current(kind, located):
    """Whether the adapter reads the item as current (a RecordError counts as current: it
    must then have been named in the run's errors)."""
    where, item = located
    if kind == "hsds":
        records = list(hsds.HsdsSource({where[0]: [item]}).records())
        return any(isinstance(r, RecordError) or r.active for r in records)
    readers = {
        "lahella": (lambda obj: lahella.pending(obj, MOMENT),),
        "lipas": (lipas.pending,),
    }.get(kind)
    found = pending_for(item, readers or (ptv_v12.pending, ptv_v11.pending))
    for pending in found if isinstance(found, list) else [found]:
        if pending.kind != "service" and kind in ("lahella", "lipas"):
            continue
        try:
            if pending.parse().active:
                return True
        except RecordError:
            return True
    return False


def property_for(kind, page):
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )
    @given(one_bad_field(kind, page))
    def check(tmp_path, example):
        mutated, index = example
        with transaction.atomic():
            check_run(kind, mutated, index, tmp_path)
            transaction.set_rollback(True)

    return check


PAGES = {
    "ptv": v11_page(),
    "ptv-v12": v12_page(),
    "lahella": lahella_page(),
    "lipas": lipas_page(),
    "hsds": None,
}


@pytest.fixture
def frozen():
    with time_machine.travel(MOMENT, tick=False):
        yield


@pytest.mark.parametrize("kind", ["ptv", "lahella", "lipas", "hsds"])
def test_the_unmutated_pages_import_whole(demo_pages, frozen, tmp_path, kind):
    page = hsds_document() if kind == "hsds" else PAGES[kind]
    run = check_run(kind, page, -1, tmp_path)
    assert run.status == SyncRun.Status.SUCCEEDED and not run.errors


def test_the_two_examples_of_the_issue(demo_pages, frozen, tmp_path):
    """A service modified on 30 February, a channel open from ²:00: each skips itself."""
    page = v11_page()
    page["itemList"][0] = {**page["itemList"][0], "modified": "2026-02-30T10:00:00"}
    channel = page["itemList"][4]
    hours = channel.get("serviceHours") or []
    assert hours, "the seed channel has opening hours"
    hours = json.loads(json.dumps(hours).replace('"08:', '"²:').replace('"09:', '"²:'))
    page["itemList"][4] = {**channel, "serviceHours": hours}
    run = run_page("ptv", page, tmp_path)
    assert run.status == SyncRun.Status.PARTIAL
    bad = page["itemList"][0]["id"]
    assert bad in {e["external_id"] for e in run.errors}
    assert not Service.objects.filter(external_id=bad).exists()
    assert Service.objects.filter(external_id=page["itemList"][1]["id"], is_active=True).exists()
    # The channel's unreadable hours are dropped: the channel itself imports.
    assert ServiceChannel.objects.filter(external_id=channel["id"], is_active=True).exists()


def test_ptv_v11_one_bad_field(demo_pages, frozen, tmp_path):
    property_for("ptv", PAGES["ptv"])(tmp_path)


def test_ptv_v12_one_bad_field(demo_pages, frozen, tmp_path):
    property_for("ptv-v12", PAGES["ptv-v12"])(tmp_path)


def test_lahella_one_bad_field(demo_pages, frozen, tmp_path):
    property_for("lahella", PAGES["lahella"])(tmp_path)


def test_hsds_one_bad_field(demo_pages, frozen, tmp_path):
    property_for("hsds", hsds_document())(tmp_path)


def test_lipas_one_bad_field(demo_pages, frozen, tmp_path):
    property_for("lipas", PAGES["lipas"])(tmp_path)
