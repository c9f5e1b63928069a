"""Production: everything security-relevant on by default, secrets only from the environment."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, CSP_EXTRA_IMG_SRC, MAP_TILE_URL, SECRET_KEY
from .env import ConfigurationError, env_bool, env_int, env_str
from .policies import admin_policy, public_policy

DEBUG = False

if not SECRET_KEY:
    raise ConfigurationError(
        "SECRET_KEY is not set; production refuses to start without it "
        "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')"
    )
if not env_str("ALLOWED_HOSTS"):
    raise ConfigurationError(
        "ALLOWED_HOSTS is not set; give the public host names, comma-separated"
    )

if not env_str("REDIS_URL"):
    raise ConfigurationError(
        "REDIS_URL is not set; production needs a shared cache for rate limits "
        "(e.g. redis://127.0.0.1:6379/0)"
    )

# TLS is terminated in front of the application; the proxy sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# Behind TLS, the policies also turn any http: address in a page into https:.
CONTENT_SECURITY_POLICY = public_policy(MAP_TILE_URL, CSP_EXTRA_IMG_SRC, upgrade=True)
CONTENT_SECURITY_POLICY_ADMIN = admin_policy(MAP_TILE_URL, upgrade=True)

WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "core.staticfiles.ManifestStorage"},
}
