"""Helpers for the sync fault-injection tests: payloads, a fault injected at the database
driver (Django's execute_wrapper, below all of our code), and the script run as the sync
process that gets killed."""

import re

from ptv_sync import payloads as p
from ptv_sync.adapters import ptv_v11

SERVICE_TABLE = '"catalogue_service"'
# A write of rows: an INSERT, or the COPY the sync writes its rows with on PostgreSQL.
INSERT = re.compile(r'^\s*(?:INSERT INTO|COPY) ("[a-z_]+")', re.IGNORECASE)


def service_payloads(count):
    return [
        p.service(
            p.stable_id("fault-service", n),
            names={"fi": f"Vesijumppa {n}", "sv": f"Vattengympa {n}"},
            summaries={"fi": "Liikuntaa vedessä.", "sv": "Motion i vatten."},
            descriptions={"fi": "Kaikille avoin.", "sv": "Öppen för alla."},
            service_classes=("P27.1",),
            keywords={"fi": ["uinti"], "sv": ["simning"]},
            municipalities=("905",),
        )
        for n in range(count)
    ]


def items(count):
    return [ptv_v11.pending(obj) for obj in service_payloads(count)]


class FailBatch:
    """Refuse the first write to a table other than the service table once the ``batch``-th
    batch of services has started (its service rows are then already inserted): what a full
    disk or a lost connection does in the middle of a batch."""

    def __init__(self, batch, error):
        self.batch, self.error, self.batches, self.fired = batch, error, 0, False

    def __call__(self, execute, sql, params, many, context):
        match = INSERT.match(sql)
        if match and not self.fired:
            if match.group(1) == SERVICE_TABLE:
                self.batches += 1
            elif self.batches == self.batch:
                self.fired = True
                raise self.error("injected fault: could not extend file (No space left on device)")
        return execute(sql, params, many, context)
