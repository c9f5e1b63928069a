"""Reading configuration from the environment.

Every setting that differs between machines comes from an environment variable. A value that
cannot be used raises :class:`ConfigurationError`, which ``manage.py`` and the WSGI/ASGI entry
points print as one line instead of a traceback.
"""

import os

import dj_database_url


class ConfigurationError(Exception):
    """A setting from the environment is missing or unusable."""


TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ConfigurationError(f"{name}={raw!r} is not a boolean (use true or false)")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r} is not an integer") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url, conn_max_age=0, jit=False):
    """Parse ``DATABASE_URL`` into a Django DATABASES entry, or explain in one line why not.
    PostgreSQL's JIT compilation is turned off (unless ``jit`` or the URL's own ``options``
    say otherwise): compiling a search's statement took longer (about 50 ms) than the
    compiled code saved, and a page's statements are all short."""
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age)
    except Exception as exc:  # dj-database-url raises several types for bad input
        scheme = url.split("://", 1)[0] if "://" in url else url
        raise ConfigurationError(
            f"DATABASE_URL is not usable ({exc.__class__.__name__}: scheme {scheme!r}); "
            "expected e.g. sqlite:///db.sqlite3 or postgres://user@127.0.0.1:5432/name"
        ) from None
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ConfigurationError(
            f"DATABASE_URL uses {engine or 'an unknown engine'}; "
            "only sqlite:// and postgres:// are supported"
        )
    if not config.get("NAME"):
        raise ConfigurationError("DATABASE_URL has no database name (e.g. .../hyvinvointiopas)")
    options = config.setdefault("OPTIONS", {})
    if (
        engine == "django.db.backends.postgresql"
        and not jit
        and "jit" not in options.get("options", "")
    ):
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return config
