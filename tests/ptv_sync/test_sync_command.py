"""The sync_catalogue command, the run lock, and "Sync now" in the admin."""

import json
import os
import re

import pytest
import responses
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogue.models import Service
from ptv_sync import payloads as p
from ptv_sync.demo_catalogue import DEMO_DIR
from ptv_sync.models import SyncAlreadyRunning, SyncLock, SyncRun
from ptv_sync.runner import run_sync
from tests.support.ptv_fake import V11, small_catalogue
from tests.support.worker import run_worker

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(
    r"^sync ptv (succeeded|partial|failed): created=\d+ updated=\d+ unchanged=\d+ archived=\d+ failed=\d+$"
)


def sync(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("sync_catalogue", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_the_command_reports_progress_and_ends_with_the_summary_line():
    code, out, _err = sync("--source", "ptv", "--from-dir", str(DEMO_DIR / "ptv-v11"), "--full")
    assert code == 0
    lines = out.strip().splitlines()
    assert SUMMARY.match(lines[-1]) and lines[-1].startswith("sync ptv succeeded: created=")
    assert any(re.fullmatch(r"  \d+ items, \d+ items/s", line) for line in lines)
    code, out, _err = sync("--source", "ptv", "--from-dir", str(DEMO_DIR / "ptv-v11"), "--full")
    assert (
        out.strip()
        .splitlines()[-1]
        .startswith("sync ptv succeeded: created=0 updated=0 unchanged=")
    )


def test_a_partial_run_exits_with_status_1_and_lists_the_errors(tmp_path):
    good = p.service(p.stable_id("good"), names={"fi": "Hyvä"}, summaries={"fi": "x"})
    bad = p.service(p.stable_id("bad"), names={"en": "English"}, summaries={"en": "x"})
    (tmp_path / "page.json").write_text(json.dumps(p.page([good, bad])))
    code, out, err = sync("--source", "ptv", "--from-dir", str(tmp_path))
    assert code == 1
    assert out.strip().splitlines()[-1] == (
        "sync ptv partial: created=1 updated=0 unchanged=0 archived=0 failed=1"
    )
    assert f"! {bad['id']}: service has no Finnish or Swedish name" in err


def test_a_failed_run_exits_with_status_1(settings, monkeypatch):
    settings.PTV_V11_URL = V11
    settings.CATALOGUE_MUNICIPALITIES = ["905"]
    from ptv_sync.http import PoliteRetry

    monkeypatch.setattr(PoliteRetry, "wait", staticmethod(lambda seconds: None))
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, re.compile(f"{V11}.*"), status=500)
        code, out, err = sync("--source", "ptv", "--full")
    assert code == 1
    assert out.strip().splitlines()[-1].startswith("sync ptv failed:")
    assert "the source could not be read" in err


def test_dry_run_prints_counts_and_writes_nothing():
    code, out, _err = sync(
        "--source", "ptv", "--from-dir", str(DEMO_DIR / "ptv-v11"), "--full", "--dry-run"
    )
    assert code == 0
    assert "dry run" in out
    assert re.search(r"created=[1-9]\d+", out)
    assert Service.objects.count() == 0 and SyncRun.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "ptv", "--since", "yesterday"], "is not an ISO 8601 time"),
        (["--source", "ptv", "--municipalities", "905,Vaasa"], "not municipality codes: Vaasa"),
        (["--source", "lahella"], "needs LAHELLA_API_URL"),
    ],
)
def test_bad_arguments_give_a_clear_error(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("sync_catalogue", *args)


def test_a_second_run_of_the_same_source_is_refused():
    holder = SyncRun.objects.create(source="ptv", mode="full")
    SyncLock.objects.create(source="ptv", run=holder, holder=f"{os.uname().nodename}:{os.getpid()}")
    code, out, err = sync("--source", "ptv-v12", "--from-dir", str(DEMO_DIR / "ptv-v11"))
    assert code == 1
    assert err.startswith("Not started: a ptv sync started")
    assert "is still running" in err
    assert Service.objects.count() == 0
    assert SyncRun.objects.count() == 1  # the refused run left no row


def test_a_lock_left_by_a_dead_process_is_taken_over_and_its_run_marked_failed():
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )  # noqa: S603
    pid = int(dead.stdout)
    stale = SyncRun.objects.create(source="ptv", mode="full")
    SyncLock.objects.create(source="ptv", run=stale, holder=f"{os.uname().nodename}:{pid}")
    run = run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    assert run.status == SyncRun.Status.SUCCEEDED
    stale.refresh_from_db()
    assert stale.status == SyncRun.Status.FAILED
    assert "interrupted" in stale.message
    assert not SyncLock.objects.exists()


def test_the_lock_is_released_after_a_run():
    run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11")
    assert not SyncLock.objects.exists()
    with pytest.raises(SyncAlreadyRunning):
        holder = SyncRun.objects.create(source="lahella", mode="full")
        SyncLock.acquire("lahella", holder)
        SyncLock.acquire("lahella", SyncRun.objects.create(source="lahella", mode="full"))


@pytest.fixture
def syncer(django_user_model):
    user = django_user_model.objects.create_user("syncer", password="x")
    group = Group.objects.create(name="Sync editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_syncrun"),
        Permission.objects.get(codename="start_sync"),
    )
    user.groups.add(group)
    return user


def test_runs_are_listed_and_inspected_in_the_admin_but_not_edited(client, syncer):
    run = run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    client.force_login(syncer)
    listing = client.get("/admin/syncrun/")
    assert listing.status_code == 200
    assert "Synkronoi nyt" in listing.content.decode() or "Sync now" in listing.content.decode()
    detail = client.get(f"/admin/syncrun/inspect/{run.pk}/")
    assert detail.status_code == 200
    assert str(run.created) in detail.content.decode()
    assert client.get(f"/admin/syncrun/edit/{run.pk}/").status_code in (302, 403)
    assert client.get("/admin/syncrun/new/").status_code in (302, 403)
    assert client.post(f"/admin/syncrun/delete/{run.pk}/").status_code in (302, 403)
    assert SyncRun.objects.filter(pk=run.pk).exists()


def test_sync_now_needs_the_permission(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="x")
    group = Group.objects.create(name="Viewers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_syncrun"),
    )
    viewer.groups.add(group)
    client.force_login(viewer)
    assert "sync/start" not in client.get("/admin/syncrun/").content.decode()
    # The admin answers a permission denial with 403 and Wagtail's message (editors.apps).
    for response in (
        client.get("/admin/sync/start/"),
        client.post("/admin/sync/start/", {"source": "ptv"}),
    ):
        assert response.status_code == 403
        assert "Valitettavasti sinulla ei ole oikeutta" in response.content.decode()
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_sync_now_runs_in_the_background_worker(client, syncer):
    """The admin only queues the run; a separate worker process (as in production) runs it
    against a real HTTP server standing in for PTV."""
    from tests.support.ptv_fake import ScriptedServer, v11_answers

    client.force_login(syncer)
    assert client.get("/admin/sync/start/").status_code == 200
    response = client.post("/admin/sync/start/", {"source": "ptv", "full": "on"})
    assert response.status_code == 302
    assert SyncRun.objects.count() == 0  # queued, not run in the request

    server = ScriptedServer(v11_answers(small_catalogue()))
    try:
        worker = run_worker("sync", PTV_V11_URL=server.url, CATALOGUE_MUNICIPALITIES="905")
    finally:
        server.close()
    assert worker.returncode == 0, worker.stderr
    run = SyncRun.objects.get()
    assert (run.status, run.mode, run.created, run.started_by) == ("succeeded", "full", 7, syncer)
    assert Service.objects.count() == 3
