"""catalogue 0018 adds English to the search: on SQLite it renumbers the FTS rows of every
indexed service for three languages (row ids n·L + k), so that the next indexing of a service
replaces its rows instead of colliding with them; on PostgreSQL it adds the English vector's
indexes. Migrating back restores the two-language layout."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from catalogue.models import Service
from catalogue.search import CatalogueQuery, get_backend
from catalogue.search.indexing import index_services
from ptv_sync.demo_catalogue import DEMO_DIR
from ptv_sync.runner import run_sync
from tests.support.migration_rows import restore_migration_rows

BEFORE = [("catalogue", "0017_synonym_words_per_language")]


def fts_rowids():
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid, service_id, language FROM catalogue_service_fts")
        return sorted(cursor.fetchall())


def english_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'catalogue_servicesearchentry' "
            "AND indexname IN ('catalogue_search_vector_en', 'catalogue_search_name_en_trgm')"
        )
        return sorted(row[0] for row in cursor.fetchall())


def layout(languages):
    """What the database's search structures hold for ``languages``."""
    if connection.vendor == "sqlite":
        ids = Service.objects.values_list("pk", flat=True)
        return sorted(
            (pk * len(languages) + k, pk, code) for pk in ids for k, code in enumerate(languages)
        )
    return ["catalogue_search_name_en_trgm", "catalogue_search_vector_en"][
        : 2 if "en" in languages else 0
    ]


def current_layout():
    return fts_rowids() if connection.vendor == "sqlite" else english_indexes()


def drop_rows_of_gone_services():
    """An earlier transactional test's flush empties the model tables but not SQLite's FTS5
    table: rows of services that no longer exist are left there (the search never meets
    them: it joins the entries). They are not this test's, so they go first."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM catalogue_service_fts WHERE service_id NOT IN "
                "(SELECT id FROM catalogue_service)"
            )


@pytest.mark.django_db(transaction=True)
def test_english_search_structures_migrate_forward_and_back():
    restore_migration_rows()
    drop_rows_of_gone_services()
    assert run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True).status == "succeeded"
    assert current_layout() == layout(["fi", "sv", "en"])

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("catalogue")
    executor.migrate(BEFORE)
    assert current_layout() == layout(["fi", "sv"])

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    assert current_layout() == layout(["fi", "sv", "en"])

    # Indexing a service again replaces its rows; the search finds it in every language.
    # (Migrating back dropped the English texts; the next sync writes them again.)
    service = Service.objects.filter(name_fi__startswith="Uinti ja vesiliikunta").first()
    index_services([service.pk])
    assert current_layout() == layout(["fi", "sv", "en"])
    backend = get_backend("database")
    for text, language in (("uinti", "fi"), ("simning", "sv"), ("hammashoito", "en")):
        assert backend.search(CatalogueQuery(text=text, language=language)).hits, text
