"""Issue 28: a service's search entry is written once per indexing, its text vectors
(PostgreSQL) in the same INSERT, not inserted and then updated (each write of the row also
writes its full-text indexes); and what was written is what a search finds."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import ServiceSearchEntry
from catalogue.search import CatalogueQuery, get_backend
from catalogue.search.indexing import index_services
from tests.support.factories.catalogue import ServiceFactory

pytestmark = pytest.mark.django_db


def test_an_entry_is_written_once_and_found_by_its_words():
    services = [
        ServiceFactory(name_fi="Vesijumppa aikuisille", name_sv="Vattengympa för vuxna"),
        ServiceFactory(name_fi="Muistikahvila", summary_fi="Keskustelua muistista."),
    ]
    ids = [service.pk for service in services]

    with CaptureQueriesContext(connection) as queries:
        index_services(ids)

    # A statement run for many rows at once is logged as "<n> times: <statement>".
    statements = [re.sub(r"^\d+ times: ", "", q["sql"]) for q in queries]
    writes = [
        sql
        for sql in statements
        if "catalogue_servicesearchentry" in sql and sql.startswith(("INSERT", "UPDATE"))
    ]
    assert len(writes) == 1 and writes[0].startswith("INSERT"), writes
    assert ServiceSearchEntry.objects.filter(service_id__in=ids).count() == 2
    backend = get_backend()
    found = {
        text: [hit.service_id for hit in backend.search(CatalogueQuery(text=text)).hits]
        for text in ("vesijumppaa", "vattengympa", "muistista")
    }
    assert found == {"vesijumppaa": [ids[0]], "vattengympa": [ids[0]], "muistista": [ids[1]]}
