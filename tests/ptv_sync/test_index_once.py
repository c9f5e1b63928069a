"""A sync indexes each service it changed once: with the batch that wrote it (a stopped run
leaves whole, searchable batches), or at its end for what linking, deactivating and pairing
changed. Pairs are made in the batch that wrote their members. A resync that changes
nothing indexes nothing."""

from collections import Counter

import pytest

from catalogue.models import Service
from catalogue.search.indexing import indexed
from ptv_sync.demo_catalogue import DEMO_DIR
from ptv_sync.runner import run_sync


@pytest.fixture
def index_writes():
    """How many times each service's search entry was written."""
    counts = Counter()

    def count(sender, service_ids, **kwargs):
        counts.update(service_ids)

    indexed.connect(count)
    yield counts
    indexed.disconnect(count)


def ids(**filters):
    return set(Service.objects.filter(**filters).values_list("pk", flat=True))


def test_a_demo_sync_indexes_each_changed_service_once(db, index_writes):
    run = run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    assert run.status == "succeeded" and run.created > 50
    assert set(index_writes) == ids(source="ptv")
    assert set(index_writes.values()) == {1}

    # Lähellä.fi's activities, and the PTV services some of them duplicate (the shown entry of
    # a pair carries its partner's data): each once, paired in the batch that wrote them.
    index_writes.clear()
    run = run_sync("lahella", from_dir=DEMO_DIR / "lahella", full=True)
    assert run.status == "succeeded" and run.created
    hidden = Service.objects.filter(duplicate_of__isnull=False)
    pairs = {pk for row in hidden.values_list("pk", "duplicate_of") for pk in row}
    assert pairs - ids(source="lahella"), "the demo pairs some activities with PTV services"
    assert pairs & ids(source="lahella")
    assert index_writes == dict.fromkeys(ids(source="lahella") | pairs, 1)

    index_writes.clear()
    for source, folder in (("ptv", "ptv-v11"), ("lahella", "lahella")):
        run = run_sync(source, from_dir=DEMO_DIR / folder, full=True)
        assert run.status == "succeeded" and not run.created and not run.updated
    assert not index_writes
