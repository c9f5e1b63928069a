"""Issue 28: the sync's bulk writes (core.fastwrite: COPY on PostgreSQL, executemany on
SQLite) store what Django would store, and an operator sees each of them in the query log
as one statement, as with any other write."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from catalogue.models import ServiceOpenSpan, ServiceSearchEntry, ServiceSearchTerms
from catalogue.openinghours import HELSINKI
from catalogue.search.indexing import (
    TERM_FIELDS,
    VECTOR_SQL,
    _backend_index,
    entries_for,
    write_entries,
)
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


# Any JSON a sync could store: text with quotes, backslashes, tabs, line ends and non-ASCII
# (no NUL and no lone surrogate, which PostgreSQL's JSON refuses whoever writes them),
# numbers, nesting; null inside (a bare None is SQL NULL, which this column refuses, to
# Django as well).
json_text = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(json_text),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(json_text, max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
).filter(lambda value: value is not None)


def test_a_json_field_stores_what_django_stores_for_any_value():
    """On PostgreSQL a JSON value goes into COPY as its JSON text; on SQLite through Django.
    Either way it reads back as the same row written by Django's own save does."""
    ours, django_s = ServiceFactory(), ServiceFactory()

    @hypothesis_settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(json_values)
    def check(value):
        ServiceSearchTerms.objects.all().delete()
        fastwrite.insert(ServiceSearchTerms, [{"service_id": ours.pk, "terms": value}])
        ServiceSearchTerms.objects.create(service=django_s, terms=value)
        stored = dict(ServiceSearchTerms.objects.values_list("service_id", "terms"))
        assert stored[ours.pk] == stored[django_s.pk]

    check()


def test_each_field_terms_are_indexed_under_that_field():
    """The search entries' texts go in with their vectors computed by the database (on
    PostgreSQL through a temporary table, then one INSERT … SELECT): each language's terms of
    each field land under that field, in the weight the ranking gives the field (a name
    counts most). On SQLite the same terms are the FTS5 row's columns."""
    service = ServiceFactory()
    entries = entries_for([service.pk])
    terms = {
        "fi": {
            "name": "vesijumppa",
            "summary": "allas uinti",
            "description": "ohjaaja kertoo",
            "extra": "liikunta",
        },
        "sv": {"name": "vattengympa", "summary": "", "description": "simning", "extra": ""},
    }
    entries[0].terms = {**entries[0].terms, **terms}
    ServiceSearchEntry.objects.filter(service=service).delete()
    ServiceSearchTerms.objects.filter(service=service).delete()
    write_entries(entries)
    fastwrite.insert(ServiceSearchTerms, [{"service_id": service.pk, "terms": entries[0].terms}])

    with connection.cursor() as cursor:
        for language, fields in terms.items():
            texts = [fields[field] for field in TERM_FIELDS]
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"SELECT vector_{language}::text FROM catalogue_servicesearchentry "  # noqa: S608
                    "WHERE service_id = %s",
                    [service.pk],
                )
                stored = cursor.fetchone()[0]
                cursor.execute(f"SELECT ({VECTOR_SQL})::text", texts)  # noqa: S608
                assert stored == cursor.fetchone()[0]
                # The name's word has weight A, the description's C.
                assert f"'{fields['name']}':1A" in stored
                if fields["description"]:
                    assert f"'{fields['description'].split()[0]}':" in stored
                    assert "C" in stored.split(f"'{fields['description'].split()[0]}':")[1][:4]
            else:
                _backend_index([service.pk])
                cursor.execute(
                    "SELECT name, summary, description, extra FROM catalogue_service_fts "
                    "WHERE service_id = %s AND language = %s",
                    [service.pk, language],
                )
                assert list(cursor.fetchone()) == texts
