import pytest
from django.core.cache import cache

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


@pytest.fixture
def demo_catalogue(demo_pages):
    """The demo catalogue imported through the drop folder, as load_demo does; the run."""
    from ptv_sync.demo_catalogue import DEMO_DIR
    from ptv_sync.runner import run_sync

    run = run_sync("ptv", from_dir=DEMO_DIR / "ptv-v11", full=True)
    assert run.status == "succeeded", run.errors
    return run
