"""WSGI entry point. A configuration error stops start-up with one clear line."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from portal.settings.env import ConfigurationError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

try:
    application = get_wsgi_application()
except ConfigurationError as exc:
    sys.stderr.write(f"Configuration error: {exc}\n")
    sys.exit(2)
