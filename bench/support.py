"""Shared by the benchmark scripts (run as ``python bench/<script>.py``: this folder is on the
path)."""

import os
import socket
import tempfile
import time

POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


def fresh_database(postgres, name):
    """The URL of an empty database for a benchmark: PostgreSQL ``name`` on 127.0.0.1,
    dropped and created again, or a new SQLite file in a temporary folder."""
    if not postgres:
        return f"sqlite:///{tempfile.mkdtemp(prefix='bench-db-')}/{name}.sqlite3"
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def setup_django(database_url, **environment):
    """Django on ``database_url`` with the dev settings, DEBUG off (no query log) and any
    further settings ``environment`` gives; the database migrated."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def wait_for(port, seconds=60, what="the server"):
    """Wait until something listens on 127.0.0.1:port."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"{what} did not start on port {port}")
