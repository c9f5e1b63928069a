"""The sync process the fault-injection tests stop: ``python tests/support/sync_victim.py FOLDER
COUNT``. It syncs COUNT generated services in batches of 10. It writes FOLDER/holding when it
holds the lock (and waits for FOLDER/go), then FOLDER/writing once it is in the middle of its
third batch (service rows inserted, the rest not), and waits there to be killed."""

import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402

from ptv_sync.runner import SyncInterrupted, run_sync  # noqa: E402
from tests.support.sync_faults import INSERT, SERVICE_TABLE, items  # noqa: E402

folder, count = Path(sys.argv[1]), int(sys.argv[2])


def wait_for(name):
    while not (folder / name).exists():
        time.sleep(0.05)


def stream():
    (folder / "holding").write_text(str(os.getpid()))
    wait_for("go")
    yield from items(count)


class PauseInThirdBatch:
    def __init__(self):
        self.batches = 0

    def __call__(self, execute, sql, params, many, context):
        match = INSERT.match(sql)
        if match and match.group(1) == SERVICE_TABLE:
            self.batches += 1
        elif match and self.batches == 3:
            (folder / "writing").write_text("")
            time.sleep(120)  # killed here
        return execute(sql, params, many, context)


try:
    with override_settings(SYNC_BATCH_SIZE=10), connection.execute_wrapper(PauseInThirdBatch()):
        run_sync("ptv", items=stream())
except SyncInterrupted as exc:  # as sync_catalogue does
    print(f"Interrupted by SIGTERM; the run is recorded: {exc}", file=sys.stderr)
    sys.exit(128 + signal.SIGTERM)
print("finished without being stopped")
