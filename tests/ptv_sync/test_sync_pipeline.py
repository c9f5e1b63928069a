"""The upsert pipeline through the drop folder: idempotence, change detection, archiving and
reactivation, the deletion guard, bad files and bad items."""

import json
import shutil

import pytest

from catalogue.models import LocalEnrichment, Organisation, Service, ServiceChannel
from ptv_sync import payloads as p
from ptv_sync.demo_catalogue import DEMO_DIR
from ptv_sync.models import ImportedFile, SyncRun
from ptv_sync.runner import RUN_GC_THRESHOLD, run_sync

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_folder(tmp_path):
    """A writable copy of the demo catalogue's payloads."""
    folder = tmp_path / "drop"
    shutil.copytree(DEMO_DIR / "ptv-v11", folder / "ptv-v11")
    return folder


def snapshot():
    """Everything a sync may write, per row, to compare runs."""
    return {
        model.__name__: sorted(
            model.objects.values_list("external_id", "content_hash", "is_active", "last_seen")
        )
        for model in (Service, ServiceChannel, Organisation)
    }


def edit_service(folder, predicate, change):
    """Apply ``change`` to the first service payload matching ``predicate``; its id."""
    for path in sorted((folder / "ptv-v11" / "services").glob("*.json")):
        data = json.loads(path.read_text())
        for item in data["itemList"]:
            if predicate(item):
                change(item)
                path.write_text(json.dumps(data, ensure_ascii=False))
                return item["id"]
    raise AssertionError("no service matched")


def name_fi(item):
    return next(n["value"] for n in item["serviceNames"] if n["language"] == "fi")


def test_importing_twice_gives_the_same_rows(demo_folder):
    first = run_sync("ptv", from_dir=demo_folder, full=True)
    assert first.status == SyncRun.Status.SUCCEEDED, first.errors
    assert (
        first.created
        == Service.objects.count() + ServiceChannel.objects.count() + Organisation.objects.count()
    )
    assert Service.objects.count() >= 150
    rows = snapshot()

    second = run_sync("ptv", from_dir=demo_folder, full=True)
    assert second.status == SyncRun.Status.SUCCEEDED
    assert (second.created, second.updated, second.archived, second.failed) == (0, 0, 0, 0)
    assert second.unchanged == first.created
    after = snapshot()
    for model, before_rows in rows.items():
        # Same rows and hashes; only "last seen" moved forward.
        assert [r[:3] for r in after[model]] == [r[:3] for r in before_rows]
        assert all(a[3] >= b[3] for a, b in zip(after[model], before_rows, strict=True))


def test_an_unchanged_file_is_parsed_again_when_its_rows_changed_since(demo_folder):
    """Unchanged files are not parsed on a resync, but only while their rows still hold what
    the files gave them: a row changed by another run (here: archived, and renamed) is
    restored from the file."""
    first = run_sync("ptv", from_dir=demo_folder, full=True)
    service = Service.objects.filter(name_fi__startswith="Uinti").first()
    original_name = service.name_fi
    Service.objects.filter(pk=service.pk).update(
        is_active=False, name_fi="Muutettu muualla", source_hash="other", content_hash="other"
    )

    run = run_sync("ptv", from_dir=demo_folder, full=True)
    assert run.status == SyncRun.Status.SUCCEEDED
    assert (run.created, run.updated, run.archived) == (0, 1, 0)
    assert run.unchanged == first.created - 1
    service.refresh_from_db()
    assert service.is_active and service.name_fi == original_name


def rewrite_with_other_whitespace(folder):
    """Every file's bytes change, its items don't (an export written again, indented)."""
    for path in sorted(folder.rglob("*.json")):
        path.write_text(json.dumps(json.loads(path.read_text()), indent=3, ensure_ascii=False))


def stored_digests():
    return dict(ImportedFile.objects.values_list("path", "digest"))


def test_a_file_written_again_with_the_same_items_changes_nothing(demo_folder):
    """A re-export with other whitespace is read (its bytes changed), found to hold the very
    items of the last import, and accepted as unchanged: no row is written but "last seen",
    and the files' new digests are recorded, so the next run reads none of them."""
    first = run_sync("ptv", from_dir=demo_folder, full=True)
    rows, digests = snapshot(), stored_digests()
    rewrite_with_other_whitespace(demo_folder)

    run = run_sync("ptv", from_dir=demo_folder, full=True)
    assert run.status == SyncRun.Status.SUCCEEDED, run.errors
    assert (run.created, run.updated, run.archived, run.failed) == (0, 0, 0, 0)
    assert run.unchanged == first.created
    after = snapshot()
    for model, before_rows in rows.items():
        assert [r[:3] for r in after[model]] == [r[:3] for r in before_rows]
        assert all(a[3] > b[3] for a, b in zip(after[model], before_rows, strict=True))
    new_digests = stored_digests()
    assert new_digests.keys() == digests.keys() and len(digests) >= 3
    assert all(new_digests[path] != digests[path] for path in digests)

    again = run_sync("ptv", from_dir=demo_folder, full=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.created)
    assert stored_digests() == new_digests


def test_a_file_written_again_is_parsed_when_its_rows_changed_since(demo_folder):
    """The rewritten file holds what it held, but a row no longer carries it (archived and
    renamed by another run): the file is parsed after all and the row restored from it."""
    first = run_sync("ptv", from_dir=demo_folder, full=True)
    service = Service.objects.filter(name_fi__startswith="Uinti").first()
    original_name = service.name_fi
    Service.objects.filter(pk=service.pk).update(
        is_active=False, name_fi="Muutettu muualla", source_hash="other", content_hash="other"
    )
    rewrite_with_other_whitespace(demo_folder)

    run = run_sync("ptv", from_dir=demo_folder, full=True)
    assert run.status == SyncRun.Status.SUCCEEDED, run.errors
    assert (run.created, run.updated, run.archived) == (0, 1, 0)
    assert run.unchanged == first.created - 1
    service.refresh_from_db()
    assert service.is_active and service.name_fi == original_name
    assert run_sync("ptv", from_dir=demo_folder, full=True).unchanged == first.created


def test_a_changed_swedish_summary_updates_exactly_that_service(demo_folder):
    run_sync("ptv", from_dir=demo_folder, full=True)
    hashes = dict(Service.objects.values_list("external_id", "content_hash"))

    def change(item):
        for description in item["serviceDescriptions"]:
            if description["type"] == "Summary" and description["language"] == "sv":
                description["value"] = "En ny sammanfattning på svenska."

    changed_id = edit_service(demo_folder, lambda item: name_fi(item).startswith("Uinti"), change)
    run = run_sync("ptv", from_dir=demo_folder, full=True)
    assert (run.created, run.updated, run.archived) == (0, 1, 0)
    service = Service.objects.get(external_id=changed_id)
    assert service.summary_sv == "En ny sammanfattning på svenska."
    assert service.summary_fi  # the Finnish text is untouched
    new_hashes = dict(Service.objects.values_list("external_id", "content_hash"))
    assert {ext for ext in hashes if hashes[ext] != new_hashes[ext]} == {changed_id}


def test_archiving_soft_deletes_and_publishing_again_restores(demo_folder, client):
    run_sync("ptv", from_dir=demo_folder, full=True)
    target = Service.objects.filter(name_fi__startswith="Senioriliikunta").first()
    LocalEnrichment.objects.create(
        service=target, local_intro_fi="Paikallinen esittely", search_keywords="kuntosali"
    )
    url = target.get_absolute_url("fi")

    def set_status(status):
        def change(item):
            item["publishingStatus"] = status

        edit_service(demo_folder, lambda item: item["id"] == target.external_id, change)

    set_status("Archived")
    run = run_sync("ptv", from_dir=demo_folder, full=True)
    assert run.status == SyncRun.Status.SUCCEEDED
    assert run.archived == 1
    target.refresh_from_db()
    assert not target.is_active and target.deactivated_at is not None
    assert Service.objects.filter(pk=target.pk).exists()  # soft, never hard
    assert client.get(url).status_code == 410
    assert LocalEnrichment.objects.get(service=target).local_intro_fi == "Paikallinen esittely"

    set_status("Published")
    run = run_sync("ptv", from_dir=demo_folder, full=True)
    assert (run.updated, run.archived) == (1, 0)
    target.refresh_from_db()
    assert target.is_active and target.deactivated_at is None
    assert client.get(url).status_code == 200
    enrichment = LocalEnrichment.objects.get(service=target)
    assert (enrichment.local_intro_fi, enrichment.search_keywords) == (
        "Paikallinen esittely",
        "kuntosali",
    )


def test_an_item_gone_from_a_full_run_is_deactivated_but_not_from_a_partial_import(demo_folder):
    run_sync("ptv", from_dir=demo_folder, full=True)
    gone = Service.objects.filter(name_fi__startswith="Muistikahvila").first().external_id
    edit_service(
        demo_folder,
        lambda item: item["id"] == gone,
        lambda item: item.update(id=p.stable_id("other")),
    )
    # An additive (not --full) import of the folder leaves the missing item alone…
    run = run_sync("ptv", from_dir=demo_folder)
    assert run.archived == 0 and Service.objects.get(external_id=gone).is_active
    # …a full one deactivates it.
    run = run_sync("ptv", from_dir=demo_folder, full=True)
    assert run.archived == 1 and not Service.objects.get(external_id=gone).is_active


def test_a_mass_disappearance_stops_the_run_unless_forced(demo_folder):
    run_sync("ptv", from_dir=demo_folder, full=True)
    active_before = Service.objects.filter(is_active=True).count()
    shutil.rmtree(demo_folder / "ptv-v11" / "services")  # every service vanishes

    run = run_sync("ptv", from_dir=demo_folder, full=True)
    assert run.status == SyncRun.Status.FAILED
    assert "refused to deactivate" in run.message and "--force" in run.message
    assert Service.objects.filter(is_active=True).count() == active_before

    run = run_sync("ptv", from_dir=demo_folder, full=True, force=True)
    assert run.status == SyncRun.Status.SUCCEEDED
    assert run.archived >= active_before
    assert Service.objects.filter(is_active=True).count() == 0


def test_every_channel_type_of_the_real_samples_imports(settings):
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "fixtures" / "ptv_samples"
    run = run_sync("ptv", from_dir=samples)
    assert run.failed == 0, run.errors
    types = set(ServiceChannel.objects.values_list("channel_type", flat=True))
    assert types == {"place", "phone", "online", "webpage", "printable"}
    school = ServiceChannel.objects.get(external_id="13992280-9c95-4ede-af13-33ad2acde746")
    assert school.name_sv == "Sundom skola"
    # "latitude" 7001836.409 / "longitude" 224930.408 in TM35FIN: Sundom, 6 km south-west of
    # Vaasa's centre (63.096 N, 21.616 E).
    assert school.latitude == pytest.approx(63.041, abs=0.005)
    assert school.longitude == pytest.approx(21.557, abs=0.005)
    assert school.accessibility["sentences"][0]["group"]["fi"] == "Reitti pääsisäänkäynnille"
    assert Service.objects.filter(external_id="17c633dd-5408-495a-86c1-d8f57598e899").exists()
    assert Organisation.objects.filter(external_id="7fdd7f84-e52a-4c17-a59a-d7c2a3095ed5").exists()


def test_older_version_payloads_without_newer_fields_import(tmp_path):
    service = p.service(
        p.stable_id("old"),
        names={"fi": "Vanha palvelu"},
        summaries={"fi": "Vanhan API-version muoto."},
        service_classes=["P27.1"],
        municipalities=["905"],
    )
    for field in (
        "keywords",
        "lifeEvents",
        "ontologyTerms",
        "organizations",
        "serviceChannels",
        "areaType",
        "areas",
    ):
        service.pop(field)
    service["serviceDescriptions"][0]["type"] = "ShortDescription"
    service["areaMunicipalities"] = [{"code": "905"}]
    (tmp_path / "old.json").write_text(json.dumps(service))
    run = run_sync("ptv", from_dir=tmp_path)
    assert run.status == SyncRun.Status.SUCCEEDED, run.errors
    imported = Service.objects.get(external_id=service["id"])
    assert imported.summary_fi == "Vanhan API-version muoto."
    assert list(imported.municipalities.values_list("code", flat=True)) == ["905"]


def test_bad_files_and_items_are_reported_and_the_rest_imported(tmp_path):
    good = p.service(p.stable_id("good"), names={"fi": "Hyvä"}, summaries={"fi": "Hyvä."})
    no_name = p.service(p.stable_id("no-name"), names={"en": "Only English"}, summaries={"en": "x"})
    swedish_only = p.service(
        p.stable_id("sv"), names={"sv": "Bara svenska"}, summaries={"sv": "Svensk."}
    )
    no_id = p.service("", names={"fi": "Ei tunnistetta"}, summaries={"fi": "x"})
    (tmp_path / "page.json").write_text(json.dumps(p.page([good, no_name, swedish_only, no_id])))
    (tmp_path / "broken.json").write_text('{"itemList": [')
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "other.json").write_text(json.dumps({"hello": "world"}))
    (tmp_path / "notes.txt").write_text("not json, not read")

    run = run_sync("ptv", from_dir=tmp_path, full=True)
    assert run.status == SyncRun.Status.PARTIAL
    assert run.created == 2 and run.failed == 4
    messages = {error["external_id"]: error["message"] for error in run.errors}
    assert messages[no_name["id"]] == "service has no Finnish or Swedish name"
    assert "unreadable file" in messages["broken.json"]
    assert "unrecognised item" in messages["nested/other.json"]
    assert any("without id" in message for message in messages.values())
    assert Service.objects.get(external_id=swedish_only["id"]).name_sv == "Bara svenska"
    assert "not deactivated" in run.message  # an incomplete full run deactivates nothing


def test_dry_run_counts_but_writes_nothing(demo_folder):
    run = run_sync("ptv", from_dir=demo_folder, full=True, dry_run=True)
    assert run.created > 400
    assert Service.objects.count() == 0
    assert SyncRun.objects.count() == 0


def test_unknown_fields_are_ignored(tmp_path):
    service = p.service(p.stable_id("extra"), names={"fi": "Uusi kenttä"}, summaries={"fi": "x"})
    service["someFutureField"] = {"nested": [1, 2, 3]}
    service["serviceNames"][0]["futureFlag"] = True
    (tmp_path / "s.json").write_text(json.dumps(service))
    run = run_sync("ptv", from_dir=tmp_path)
    assert run.status == SyncRun.Status.SUCCEEDED
    assert Service.objects.get(external_id=service["id"]).name_fi == "Uusi kenttä"


def test_rows_are_written_once_with_their_organisation_when_it_came_first(tmp_path, settings):
    """A service or channel whose organisation the run (or an earlier one) has written
    already is inserted linked to it, not inserted and then updated; those that came before
    their organisation are linked after the last batch. Either way each is linked."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ptv_sync.synthetic import generate

    # The folder's files in name order: channels, then organisations, then services; batches
    # of 20, so that channels are written before their organisations are read, and the 14
    # organisations are still waiting for a batch of their own when the services come.
    settings.SYNC_BATCH_SIZE = 20
    generate(tmp_path, 40)
    with CaptureQueriesContext(connection) as captured:
        run = run_sync("ptv", from_dir=tmp_path, full=True)
    assert run.status == SyncRun.Status.SUCCEEDED and run.created == 40 + 60 + 14
    updates = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    assert not [sql for sql in updates if sql.startswith('UPDATE "catalogue_service" ')]
    assert [sql for sql in updates if sql.startswith('UPDATE "catalogue_servicechannel" ')]
    assert not Service.objects.filter(responsible_organisation=None).exists()
    assert not ServiceChannel.objects.filter(organisation=None).exists()
    for service in Service.objects.select_related("responsible_organisation"):
        assert service.responsible_organisation.external_id == service.responsible_ref


def test_files_only_the_standard_library_reads_are_still_imported(tmp_path):
    """Files are read with orjson; one it refuses and the standard library reads (saved by
    an editor with a byte-order mark, or holding half of a surrogate pair as an escape,
    which no database text can hold and is left out) imports as before, and a broken one is
    still reported as unreadable."""
    marked = p.service(p.stable_id("bom"), names={"fi": "Tavumerkki"}, summaries={"fi": "x"})
    lone = p.service(p.stable_id("lone"), names={"fi": "Yksinäinen"}, summaries={"fi": "x"})
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(marked).encode())
    text = json.dumps(lone).replace('"x"', '"x \\ud800"', 1)
    (tmp_path / "lone.json").write_text(text)
    (tmp_path / "broken.json").write_bytes(b'\xef\xbb\xbf{"itemList": [')

    run = run_sync("ptv", from_dir=tmp_path)
    assert run.created == 2
    assert Service.objects.get(external_id=marked["id"]).name_fi == "Tavumerkki"
    imported = Service.objects.get(external_id=lone["id"])
    assert imported.name_fi == "Yksinäinen"
    assert "x" in imported.summary_fi and "\ud800" not in imported.summary_fi
    messages = {error["external_id"]: error["message"] for error in run.errors}
    assert "unreadable file" in messages["broken.json"]


def test_a_run_gives_the_worker_its_memory_back_however_it_ends(demo_folder):
    """For its length, a run leaves the objects that existed before it out of the cycle
    collector's passes (gc.freeze) and has it look less often; afterwards the objects are
    collectable again and the collector runs as before, in a worker that runs sync after
    sync, also when the run cannot even be recorded."""
    import gc

    from django.db import OperationalError, connection

    frozen, thresholds = [], []

    def progress(*args, **kwargs):
        if not frozen:  # counting the frozen objects walks them all: once is enough
            frozen.append(gc.get_freeze_count())
        thresholds.append(gc.get_threshold())

    before = gc.get_freeze_count(), gc.get_threshold()
    run = run_sync("ptv", from_dir=demo_folder, full=True, progress=progress)
    assert run.status == SyncRun.Status.SUCCEEDED
    assert frozen[0] > before[0]
    assert thresholds and all(threshold[0] >= RUN_GC_THRESHOLD for threshold in thresholds)
    assert (gc.get_freeze_count(), gc.get_threshold()) == before

    def disk_full(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "ptv_sync_syncrun"'):
            raise OperationalError("could not extend file: No space left on device")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(disk_full), pytest.raises(OperationalError):
        run_sync("ptv", from_dir=demo_folder, full=True)
    assert (gc.get_freeze_count(), gc.get_threshold()) == before


def table_bytes(table):
    """The bytes a table's rows take on disk (PostgreSQL's main fork; SQLite's pages)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_relation_size(%s)", [table])
        else:
            cursor.execute("SELECT sum(pgsize) FROM dbstat WHERE name = %s", [table])
        return cursor.fetchone()[0]


def test_a_resync_marks_every_row_seen_without_growing_its_table(tmp_path):
    """Every resync writes each service's and channel's last_seen. The new version of a row
    fits on the row's own page, so that a resync leaves the tables at their size (on
    PostgreSQL the pages are left half empty for it, and such an update writes no index
    entries)."""
    from ptv_sync.synthetic import generate

    generate(tmp_path, 40)
    first = run_sync("ptv", from_dir=tmp_path, full=True)
    tables = [model._meta.db_table for model in (Service, ServiceChannel)]
    before = {table: table_bytes(table) for table in tables}
    seen_before = dict(Service.objects.values_list("pk", "last_seen"))

    again = run_sync("ptv", from_dir=tmp_path, full=True)
    assert again.unchanged == first.created == 40 + 60 + 14
    assert all(
        seen > seen_before[pk] for pk, seen in Service.objects.values_list("pk", "last_seen")
    )
    assert {table: table_bytes(table) for table in tables} == before
