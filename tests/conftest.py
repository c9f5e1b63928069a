import pytest
from django.core.cache import cache
from pytest_django.fixtures import validate_django_db
from pytest_django.plugin import blocking_manager_key

from portal.demo import load_pages


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo pages once into the fresh test database; every test starts from them
    (transactions roll back to this state)."""
    with django_db_blocker.unblock():
        load_pages()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: the test client's requests activate the
    language of their URL in this thread, and a /sv/ request would otherwise leave Swedish
    active for whichever test runs next in the same worker."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    # wagtail-modeltranslation caches site root paths per language; tests change sites.
    from indicators.counting import forget_kept_texts

    cache.clear()
    forget_kept_texts()  # each test's database starts without them
    yield
    cache.clear()


@pytest.fixture
def demo_pages(db):
    """The demo page tree (home, theme index, eight theme pages, two standard pages)."""
    from portal.models import HomePage

    load_pages()  # a no-op unless a transactional test flushed the database
    return HomePage.objects.get()


def import_demo_catalogue():
    """The demo catalogue imported through the drop folder, as load_demo does; the run."""
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    run = run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    assert run.status == "succeeded", run.errors
    return run


def import_demo_places():
    """The demo LIPAS places, and the services the demo's editors marked as accepting
    Kaikukortti (as load_demo does)."""
    from portal.demo import ensure_enrichments
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    run = run_sync("lipas", from_dir=DEMO_DIR / "lipas", full=True)
    assert run.status == "succeeded", run.errors
    ensure_enrichments()


def transactional(item):
    """Whether the test commits (pytest-django's own test for ordering it last)."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    return "transactional_db" in fixtures or "live_server" in fixtures


def world_level(item):
    """What a test starts from, in a transaction it rolls back: 0 nothing imported (or a
    transactional test, which commits), 1 the demo catalogue, 2 with the places too."""
    fixtures = getattr(item, "fixturenames", ())
    if transactional(item):
        return 0
    if "demo_search_catalogue" in fixtures:
        return 2
    return 1 if "demo_catalogue" in fixtures else 0


class CatalogueWorld:
    """The demo catalogue (level 1), and its places (level 2), imported once per worker by
    the real sync and kept in an open transaction. Each test that starts from it runs in a
    savepoint inside that transaction (pytest-django's ``db`` nests its atomic block there)
    and rolls back to it. A test that starts from less never sees it: the world is rolled
    back before the test's fixtures are set up, and imported again if a test wanting it comes
    after (the tests are ordered so that this happens once per level and worker)."""

    def __init__(self):
        self.atomic = None
        self.level = 0
        self.run_pk = None
        self.blocker = None  # pytest-django's; set once the test database exists

    def enter(self, level):
        from django.conf import settings
        from django.db import transaction
        from django.utils import translation

        self.leave()
        with self.blocker.unblock(), translation.override(settings.LANGUAGE_CODE):
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            self.level = level
            try:
                load_pages()  # a no-op unless a transactional test flushed the database
                self.run_pk = import_demo_catalogue().pk
                if level >= 2:
                    import_demo_places()
            except BaseException:
                self.leave()
                raise

    def leave(self):
        from django.db import transaction

        if self.atomic is None:
            return
        atomic, self.atomic, self.level = self.atomic, None, 0
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

    def provides(self, level):
        """Whether a fixture of ``level`` finds its rows in the world already: the hook below
        made the world the level of the test being set up (0, none, for a transactional one)."""
        return self.level >= level


WORLD = CatalogueWorld()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The tests that start from the demo catalogue run after the other database tests, and
    those that start from its places too after them (one import serves each group);
    pytest-django's own (stable) ordering by transactions follows."""
    items.sort(key=world_level)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture of the test: its own transaction must nest inside the world's, or
    # find no world at all.
    wanted = world_level(item)
    if wanted != WORLD.level:
        WORLD.leave()
        if wanted and WORLD.blocker is not None:
            WORLD.enter(wanted)


@pytest.fixture(scope="session")
def catalogue_world(request, django_db_setup):
    """Set up (as a session fixture) before the first test's own transaction opens."""
    WORLD.blocker = request.config.stash[blocking_manager_key]
    level = world_level(request._pyfuncitem)
    if level:  # the hook could not open it before the database existed
        WORLD.enter(level)
    yield WORLD
    WORLD.leave()


@pytest.fixture
def demo_catalogue(catalogue_world, demo_pages):
    """The demo catalogue imported through the drop folder, as load_demo does; the run. A
    test in a transaction it rolls back finds it imported already (``CatalogueWorld``)."""
    from ptv_sync.models import SyncRun

    if catalogue_world.provides(1):
        return SyncRun.objects.get(pk=catalogue_world.run_pk)
    return import_demo_catalogue()


@pytest.fixture
def demo_search_catalogue(catalogue_world, demo_catalogue):
    """The demo catalogue with the demo LIPAS places, and the services its editors marked as
    accepting Kaikukortti (as load_demo does)."""
    if not catalogue_world.provides(2):
        import_demo_places()
