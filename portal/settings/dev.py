"""Local development: ``make run``. Never use on a public server."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
# No WAGTAILADMIN_BASE_URL given: e-mail links lead to the host and port being served.
MAIL_LINKS_FROM_REQUEST = not env_str("WAGTAILADMIN_BASE_URL")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# runserver serves static files from the apps; collectstatic is for production only.
STATIC_ROOT = None
