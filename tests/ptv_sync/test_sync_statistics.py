"""Issue 28: a sync that grows the catalogue's tables leaves the database's planner knowing
their sizes (ANALYZE, core.fastwrite.Statistics), so that lookups by (source, external id),
in the run itself and in the next, are planned for the tables as they are, not as they were
when empty."""

import pytest

from catalogue.models import Service, ServiceOpenSpan, ServiceSearchEntry
from core.fastwrite import Statistics
from ptv_sync.models import SyncRun
from ptv_sync.runner import run_sync
from tests.support.factories.catalogue import ServiceFactory
from tests.support.sync_faults import items

pytestmark = pytest.mark.django_db

planned_rows = Statistics._known_rows


def test_a_growing_import_leaves_the_statistics_of_every_table_it_wrote_current(settings):
    Statistics({"service": [Service, ServiceSearchEntry]}).analyse("service")
    settings.SYNC_ANALYSE_ROWS = 20
    settings.SYNC_BATCH_SIZE = 10

    run = run_sync("ptv", items=items(60))

    assert run.status == SyncRun.Status.SUCCEEDED and run.created == 60
    assert planned_rows(Service) == 60
    assert planned_rows(ServiceSearchEntry) == 60


def test_a_group_is_analysed_each_time_its_table_has_doubled_and_at_the_end():
    # What the planner knows of a table outlives a test's rolled-back rows: start from the
    # (empty) table as this test sees it.
    Statistics({"service": [Service]}).analyse("service")
    statistics = Statistics({"service": [Service]}, min_rows=20)

    def grow(count):
        ServiceFactory.create_batch(count)
        statistics.wrote("service", count)
        return planned_rows(Service)

    # At least min_rows, then each time the rows written reach those known.
    assert [grow(10), grow(10), grow(10), grow(9), grow(1)] == [0, 20, 20, 20, 40]
    statistics.finish()  # nothing written since
    assert planned_rows(Service) == 40
    grow(19)
    statistics.finish()  # 19: fewer than min_rows
    assert planned_rows(Service) == 40
    grow(1)
    statistics.finish()  # 20: min_rows, and at least a tenth of the 40 known
    assert planned_rows(Service) == 60


def test_a_small_run_leaves_the_statistics_alone(settings):
    settings.SYNC_ANALYSE_ROWS = 1000
    before = planned_rows(Service), planned_rows(ServiceOpenSpan)

    run = run_sync("ptv", items=items(30))

    assert run.created == 30
    assert (planned_rows(Service), planned_rows(ServiceOpenSpan)) == before
