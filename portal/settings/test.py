"""Settings for the pytest suite. SQLite by default; PostgreSQL when DATABASE_URL is set."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"

# Static files come straight from the apps (no collectstatic in tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The browser tests' live server runs in another thread; a file-backed SQLite test database
# behaves there like a real one (an in-memory one is shared through a single connection).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}  # noqa: F405

# Uploaded test images go to a throw-away folder, not the checkout.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "hyvinvointiopas-test-media"

# No tile server is reachable here: the maps draw on one plain local tile (the markers, the
# clustering and the popups are what the browser tests look at). A test that needs the tiles
# to fail points this at a closed port.
STATICFILES_DIRS = [BASE_DIR / "tests" / "static"]  # noqa: F405
MAP_TILE_URL = "/static/test-map-tile.png"
