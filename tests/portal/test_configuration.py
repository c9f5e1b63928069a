"""Configuration from the environment: production refusals, clear errors, deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.settings.env import ConfigurationError, database_from_url, env_bool

ROOT = Path(__file__).resolve().parents[2]
DUMMY_SECRET = "ci-dummy-secret-key-that-is-long-and-random-enough-0123456789abcdef"
REDIS = "redis://127.0.0.1:6379/0"


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "REDIS_URL",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests in this process only
        }
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_production_refuses_to_start_without_secret_key():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        ALLOWED_HOSTS="hyvinvointiopas.example.fi",
        REDIS_URL=REDIS,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [lines[0]]  # one line, no traceback
    assert lines[0].startswith("Configuration error: SECRET_KEY is not set")


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=DUMMY_SECRET,
        REDIS_URL=REDIS,
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("Configuration error: ALLOWED_HOSTS is not set")


def test_production_refuses_to_start_without_a_shared_cache():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=DUMMY_SECRET,
        ALLOWED_HOSTS="hyvinvointiopas.example.fi",
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("Configuration error: REDIS_URL is not set")


@pytest.mark.parametrize(
    "url", ["nonsense", "mysqlx://db/name", "postgres://127.0.0.1:5432/", "mysql://u@h/db"]
)
def test_invalid_database_url_gives_one_clear_line(url):
    result = manage("check", DATABASE_URL=url)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error: DATABASE_URL")
    assert "Traceback" not in result.stderr


def test_check_deploy_with_production_settings_has_no_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=DUMMY_SECRET,
        ALLOWED_HOSTS="hyvinvointiopas.example.fi",
        REDIS_URL=REDIS,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_security_settings_follow_the_environment():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'])",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=DUMMY_SECRET,
        ALLOWED_HOSTS="a.example.fi,b.example.fi",
        REDIS_URL=REDIS,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/hyvinvointiopas",
        SECURE_SSL_REDIRECT="false",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "False",
        "True",
        "True",
        "31536000",
        "['a.example.fi',",
        "'b.example.fi']",
        "django.db.backends.postgresql",
    ]


def test_database_url_parsing():
    assert database_from_url("sqlite:////tmp/x.sqlite3")["NAME"] == "/tmp/x.sqlite3"
    config = database_from_url("postgres://postgres@127.0.0.1:5432/test")
    assert (config["ENGINE"], config["HOST"], config["NAME"]) == (
        "django.db.backends.postgresql",
        "127.0.0.1",
        "test",
    )
    with pytest.raises(ConfigurationError, match="no database name"):
        database_from_url("postgres://127.0.0.1/")


def test_postgresql_connections_run_without_jit_compilation_unless_asked():
    """A search's statement was compiled for about 50 ms, longer than the compiled code
    saved: connections turn JIT off, and an operator can turn it back on."""
    import psycopg

    def jit_of(config):
        with psycopg.connect(
            host=config["HOST"], dbname=config["NAME"], user=config["USER"], **config["OPTIONS"]
        ) as conn:
            return conn.execute("SHOW jit").fetchone()[0]

    url = "postgres://postgres@127.0.0.1:5432/test"
    assert jit_of(database_from_url(url)) == "off"
    assert jit_of(database_from_url(url, jit=True)) == "on"
    # The URL's own options are kept, and its own word on JIT wins.
    kept = database_from_url(url + "?options=-c%20statement_timeout%3D5000")
    assert kept["OPTIONS"]["options"] == "-c statement_timeout=5000 -c jit=off"
    assert jit_of(kept) == "off"
    assert jit_of(database_from_url(url + "?options=-c%20jit%3Don")) == "on"
    assert "options" not in database_from_url("sqlite:////tmp/x.sqlite3")["OPTIONS"]


def test_boolean_settings_reject_typos(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "ture")
    with pytest.raises(ConfigurationError, match="SOME_FLAG"):
        env_bool("SOME_FLAG")
    monkeypatch.setenv("SOME_FLAG", "Yes")
    assert env_bool("SOME_FLAG") is True
