"""Sync fault injection: a database error in the middle of a batch, a run stopped by SIGTERM
or killed outright, and a second run while one is going. The catalogue never holds half a
batch, and the next run writes what the broken one could not."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from catalogue.models import Service, ServiceSearchEntry
from ptv_sync.models import SyncAlreadyRunning, SyncLock, SyncRun
from ptv_sync.runner import last_success, run_sync
from tests.support.migration_rows import restore_migration_rows
from tests.support.sync_faults import FailBatch, items

ROOT = Path(__file__).resolve().parents[2]


def complete(service):
    """Everything one batch writes for a service: its classes, its themes (classification)
    and its search entry in both languages."""
    entry = ServiceSearchEntry.objects.filter(service=service).first()
    return (
        service.classifications.exists()
        and service.themes.exists()
        and entry is not None
        and bool(entry.name_fi and entry.name_sv)
    )


def assert_whole_batches(expected):
    services = list(Service.objects.filter(source="ptv"))
    assert len(services) == expected
    assert [service.name_fi for service in services if not complete(service)] == []


@pytest.mark.django_db
def test_a_database_error_mid_batch_rolls_that_batch_back_and_the_next_run_writes_it(
    settings, demo_pages
):
    settings.SYNC_BATCH_SIZE = 10
    fault = FailBatch(2, OperationalError)
    with connection.execute_wrapper(fault):
        run = run_sync("ptv", items=items(30))
    assert fault.fired
    assert run.status == SyncRun.Status.PARTIAL
    assert (run.created, run.failed) == (20, 10)
    assert {e["message"].split(":")[0] for e in run.errors} == {"database error, batch rolled back"}
    assert "No space left on device" in run.errors[0]["message"]
    # Batches 1 and 3 are in whole; of batch 2 (rows 10–19) nothing, not even its services.
    assert_whole_batches(20)
    assert not Service.objects.filter(name_fi__in=[f"Vesijumppa {n}" for n in range(10, 20)])
    # A partial run is not where the next increment starts.
    assert last_success("ptv") is None

    again = run_sync("ptv", items=items(30))
    assert again.status == SyncRun.Status.SUCCEEDED
    assert (again.created, again.unchanged, again.failed) == (10, 20, 0)
    assert_whole_batches(30)
    assert last_success("ptv") == again.started_at


def victim(folder, count=30):
    """Start the sync process of tests/support/sync_victim.py on this test's database."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER'] or 'postgres'}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    return subprocess.Popen(  # noqa: S603 - our own script
        [
            sys.executable,
            str(ROOT / "tests" / "support" / "sync_victim.py"),
            str(folder),
            str(count),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path, process, timeout=60):
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"the sync process ended early: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"{path.name} never appeared")
        time.sleep(0.05)


@pytest.fixture
def stopped_run(transactional_db, tmp_path):
    """A sync process holding the lock, then stopped in the middle of its third batch."""
    from portal.demo import load_pages

    restore_migration_rows()
    load_pages()  # the themes the classification writes
    process = victim(tmp_path)
    yield tmp_path, process
    if process.poll() is None:
        process.kill()
        process.communicate()


def test_a_second_run_is_refused_and_sigterm_leaves_whole_batches_and_a_failed_run(stopped_run):
    folder, process = stopped_run
    wait_for(folder / "holding", process)
    running = SyncRun.objects.get(status=SyncRun.Status.RUNNING)
    with pytest.raises(SyncAlreadyRunning, match="is still running"):
        run_sync("ptv", items=items(5))
    assert SyncRun.objects.count() == 1  # the refused run left no record behind

    (folder / "go").write_text("")
    wait_for(folder / "writing", process)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert "Interrupted by SIGTERM; the run is recorded: sync ptv failed: created=20" in err
    running.refresh_from_db()
    assert running.status == SyncRun.Status.FAILED
    assert running.message.startswith("interrupted (SIGTERM)")
    assert running.finished_at is not None
    assert not SyncLock.objects.exists()
    assert_whole_batches(20)  # batches 1 and 2; of the third, nothing

    again = run_sync("ptv", items=items(30))
    assert again.status == SyncRun.Status.SUCCEEDED
    assert (again.created, again.unchanged) == (10, 20)
    assert_whole_batches(30)


def test_a_run_killed_outright_is_marked_failed_when_the_next_one_starts(stopped_run):
    folder, process = stopped_run
    wait_for(folder / "holding", process)
    (folder / "go").write_text("")
    wait_for(folder / "writing", process)
    process.kill()  # SIGKILL: no handler runs, the database rolls the transaction back
    process.communicate(timeout=60)
    killed = SyncRun.objects.get()
    assert killed.status == SyncRun.Status.RUNNING  # nobody could record anything
    assert_whole_batches(20)

    again = run_sync("ptv", items=items(30))
    killed.refresh_from_db()
    assert killed.status == SyncRun.Status.FAILED
    assert killed.message.startswith("interrupted: the process")
    assert again.status == SyncRun.Status.SUCCEEDED
    assert_whole_batches(30)
