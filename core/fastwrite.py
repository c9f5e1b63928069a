"""Bulk writes for the sync and the search index: one COPY (PostgreSQL) or one
``executemany`` (SQLite) per table and batch (on PostgreSQL, rows with columns the database
computes: a COPY into a temporary table and one INSERT … SELECT), and the planner statistics
of the tables a long run grows (``Statistics``).

Django's bulk_create prepares every value through several layers per field and, on
PostgreSQL, sends one statement whose text holds a placeholder per value, which the driver
then parses again: for a large import those two dominated. The rows here are plain values
built by our own code, so strings, numbers, booleans and integer keys go to the driver as
they are; only the other fields (JSON, dates, UUIDs, our own field types) go through Django's
preparation, and on PostgreSQL the values the driver adapts itself (aware datetimes, dates,
UUIDs) skip even that. A JSON value goes into COPY as its JSON text, which is what Django's
preparation encodes. Defaults come from the model fields, as with bulk_create.
"""

import datetime
import json
import uuid
from functools import cache, partial

import orjson
from django.db import connection, models

# Fields whose values go to the driver as they are: those of exactly these types, and foreign
# keys to integer keys. Every other field (JSON, dates, decimals, UUIDs, a project's own field
# types) goes through Django's preparation.
PLAIN = {
    models.CharField,
    models.TextField,
    models.SlugField,
    models.URLField,
    models.EmailField,
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
    models.BooleanField,
    models.FloatField,
}
INTEGER_KEYS = {models.AutoField, models.BigAutoField, models.IntegerField, models.BigIntegerField}


def _plain(field):
    if isinstance(field, models.ForeignKey):
        return type(field.target_field) in INTEGER_KEYS
    return type(field) in PLAIN


def _aware(value):
    return isinstance(value, datetime.datetime) and value.tzinfo is not None


def _date(value):
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def _uuid(value):
    return isinstance(value, uuid.UUID)


# On PostgreSQL, the values psycopg writes as they are (a naive datetime still goes through
# Django, which warns of it).
NATIVE = (
    (models.DateTimeField, _aware),
    (models.DateField, _date),
    (models.UUIDField, _uuid),
)


# What the standard library's encoder does not write as orjson would (dates, dataclasses)
# goes through the standard library, as does a field's own encoder.
_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def _json_text(encoder, value, _connection):
    if encoder is None:
        try:
            return orjson.dumps(value, option=_ORJSON_OPTIONS).decode()
        except TypeError:  # e.g. an integer beyond 64 bits, a key that is not a string
            pass
    return json.dumps(value, cls=encoder)


@cache
def _columns(model, vendor, copy):
    """(attname, column, field, Django's preparation or None, the test of a value that needs
    none) for each column the INSERT writes. ``copy``: PostgreSQL's COPY, whose text format
    takes a JSON field's value as its JSON text (as Django's preparation would encode it)."""
    columns = []
    for field in model._meta.concrete_fields:
        if field.primary_key and isinstance(field, models.AutoField):
            continue
        prep = None if _plain(field) else field.get_db_prep_save
        if copy and type(field) is models.JSONField:
            prep = partial(_json_text, field.encoder)
        native = None
        if vendor == "postgresql":
            native = next((test for kind, test in NATIVE if isinstance(field, kind)), None)
        columns.append((field.attname, field.column, field, prep, native))
    return columns


def insert(model, rows, computed=None):
    """INSERT the rows (dicts of attname → value); missing fields take their defaults.

    ``computed`` maps an attname to an SQL expression with placeholders, which the database
    computes as the rows go in (e.g. a tsvector from its text); such a row's value is the
    expression's parameters, texts. On PostgreSQL those rows are COPYed into a temporary
    table of the same columns, each parameter a text column beside them, and go on from it
    in one ``INSERT … SELECT`` that computes the expressions; on SQLite they go in one
    ``executemany``."""
    if not rows:
        return
    computed = computed or {}
    copy = connection.vendor == "postgresql"
    columns = _columns(model, connection.vendor, copy)
    params = []
    for row in rows:
        values = []
        for name, _column, field, prep, native in columns:
            value = row[name] if name in row else field.get_default()
            if name in computed:
                values.extend(value)
                continue
            if prep is not None and value is not None and not (native and native(value)):
                value = prep(value, connection)
            values.append(value)
        params.append(values)
    quote = connection.ops.quote_name
    # Table and column names come from the model's own metadata, never from input.
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for _name, column, *_rest in columns)
    with connection.cursor() as cursor:
        if not copy:
            # In-process SQLite: no round trips to save.
            placeholders = ", ".join(computed.get(name, "%s") for name, *_rest in columns)
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({placeholders})",  # noqa: S608
                params,
            )
            return
        if not computed:
            # PostgreSQL: COPY, the fastest way in (no statement text to build or parse). It
            # goes through Django's execute wrappers (connection.execute_wrapper:
            # instrumentation, injected faults) as a statement would; Django's debug cursor
            # logs it.
            sql = f"COPY {table} ({names}) FROM STDIN"
            cursor._execute_with_wrappers(sql, params, many=True, executor=_copy)
            return
        _copy_computed(cursor, model, table, names, columns, computed, params)


def _copy_computed(cursor, model, table, names, columns, computed, params):
    """PostgreSQL, rows with computed columns: COPY into a temporary table (the table's own
    types for its columns, so each value is read as the table would read it, and a text column
    per parameter of an expression), then one INSERT … SELECT that computes the expressions.
    A statement per row (executemany) took twice as long for the search entries."""
    quote = connection.ops.quote_name
    stage = quote(f"fastwrite_{model._meta.db_table}")
    staged, kept, selected = [], [], []
    for name, column, *_rest in columns:
        if name not in computed:
            staged.append(quote(column))
            kept.append(quote(column))
            selected.append(quote(column))
            continue
        pieces = computed[name].split("%s")
        expression = pieces[0]
        for piece in pieces[1:]:
            parameter = f"fastwrite_p{len(staged)}"
            staged.append(parameter)
            kept.append(f"NULL::text AS {parameter}")
            expression += parameter + piece
        selected.append(expression)
    cursor.execute(f"DROP TABLE IF EXISTS {stage}")
    cursor.execute(
        f"CREATE TEMP TABLE {stage} AS SELECT {', '.join(kept)} FROM {table} WITH NO DATA"  # noqa: S608 - our own names
    )
    cursor._execute_with_wrappers(
        f"COPY {stage} ({', '.join(staged)}) FROM STDIN", params, many=True, executor=_copy
    )
    cursor.execute(
        f"INSERT INTO {table} ({names}) SELECT {', '.join(selected)} FROM {stage}"  # noqa: S608
    )
    cursor.execute(f"DROP TABLE {stage}")


def _copy(sql, rows, _many, context):
    """An executor for Django's execute wrappers: COPY ``rows`` in; the driver's errors become
    Django's, as a statement's do (a value the database refuses is a DataError)."""
    connection = context["connection"]
    with connection.wrap_database_errors, context["cursor"].copy(sql) as copy:
        for values in rows:
            copy.write_row(values)


class Statistics:
    """Keeps the database's planner statistics current for tables that a long run of writes
    grows.

    PostgreSQL plans each query by its statistics of the tables, which autovacuum renews only
    from time to time (and not at all where it is off). A first import into an empty
    database is planned as if every table were still empty: a lookup of 900 ids by the
    (source, external id) index becomes a scan of the whole table, once per batch, and a
    resync right after a national import waited on such scans. So a run ANALYZEs the
    tables of a group whenever the rows it has written into them since their last analysis
    reach the rows they had then (a table that doubled: a few times per run, whatever its
    size), and at its end when it wrote at least a tenth of them. SQLite's planner uses
    its statistics the same way (``sqlite_stat1``).

    ``groups``: {name: [models]}; the first model's table stands for the group's size."""

    MIN_ROWS = 1000  # as settings.SYNC_ANALYSE_ROWS: no ANALYZE for fewer rows written

    def __init__(self, groups, min_rows=None):
        self.groups = groups
        self.min_rows = self.MIN_ROWS if min_rows is None else min_rows
        self.since = dict.fromkeys(groups, 0)
        self.size = {name: self._known_rows(models[0]) for name, models in groups.items()}

    @staticmethod
    def _known_rows(model):
        """How many rows the planner believes the table has (0: never analysed)."""
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
                row = cursor.fetchone()
                return max(0, int(row[0])) if row else 0
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
            )
            if cursor.fetchone() is None:
                return 0
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
            row = cursor.fetchone()
            return int(row[0].split()[0]) if row else 0

    def wrote(self, name, rows):
        """``rows`` rows (created or changed) of group ``name`` are written."""
        self.since[name] += rows
        if self.since[name] >= max(self.min_rows, self.size[name]):
            self.analyse(name)

    def finish(self):
        for name, rows in self.since.items():
            if rows >= max(self.min_rows, self.size[name] // 10):
                self.analyse(name)

    def analyse(self, name):
        quote = connection.ops.quote_name
        tables = [quote(model._meta.db_table) for model in self.groups[name]]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {', '.join(tables)}")
            else:
                for table in tables:
                    cursor.execute(f"ANALYZE {table}")
        self.size[name] += self.since[name]
        self.since[name] = 0
