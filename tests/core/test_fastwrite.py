"""Issue 28: the sync's bulk writes (core.fastwrite: COPY on PostgreSQL, executemany on
SQLite) store what Django would store, and an operator sees each of them in the query log
as one statement, as with any other write."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import ServiceOpenSpan, ServiceSearchEntry, ServiceSearchTerms
from catalogue.openinghours import HELSINKI
from catalogue.search.indexing import entries_for, write_entries
from core import fastwrite
from tests.support.factories.catalogue import ServiceFactory

pytestmark = pytest.mark.django_db


def test_rows_read_back_as_written_and_each_table_is_one_logged_statement():
    services = [ServiceFactory(), ServiceFactory()]
    # Finnish time in, the same instants out (the database keeps UTC).
    opens = datetime(2026, 12, 7, 17, 30, tzinfo=HELSINKI)
    spans = [
        {
            "service_id": service.pk,
            "starts": opens + timedelta(hours=n),
            "ends": opens + timedelta(hours=n + 2),
        }
        for service in services
        for n in range(3)
    ]
    terms = {
        "fi": {"name": "vesijumppa äitiys", "extra": "liikunta"},
        "sv": {"name": "vattengympa"},
    }

    with CaptureQueriesContext(connection) as queries:
        fastwrite.insert(ServiceOpenSpan, spans)
        fastwrite.insert(ServiceSearchTerms, [{"service_id": services[0].pk, "terms": terms}])

    stored = sorted(
        ServiceOpenSpan.objects.values_list("service_id", "starts", "ends"), key=lambda row: row
    )
    assert stored == sorted((s["service_id"], s["starts"], s["ends"]) for s in spans)
    assert ServiceSearchTerms.objects.get(service=services[0]).terms == terms
    writes = [q["sql"] for q in queries if "catalogue_serviceopenspan" in q["sql"]]
    assert len(writes) == 1, writes
    assert len([q for q in queries if "catalogue_servicesearchterms" in q["sql"]]) == 1


def test_a_table_own_field_types_are_prepared_by_django():
    """facet_ids is the project's own field type (an integer array on PostgreSQL, JSON text on
    SQLite): fastwrite leaves it to Django's preparation, and a search reads it back."""
    service = ServiceFactory()
    entries = entries_for([service.pk])
    entries[0].facet_ids = [3, -91, 7]
    write_entries(entries)

    # In order: the field's own preparation sorted them.
    assert ServiceSearchEntry.objects.get(service=service).facet_ids == [-91, 3, 7]
