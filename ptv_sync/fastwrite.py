"""Bulk inserts for the sync: one ``executemany`` per table and batch.

Django's bulk_create prepares every value through several layers per field, which dominates a
large import. The sync inserts plain rows whose values it built itself, so only the field
types that need adapting (JSON, dates, times, UUIDs) go through Django's preparation; defaults come
from the model fields, as with bulk_create.
"""

from functools import cache

from django.db import connection, models

NEEDS_PREP = (
    models.JSONField,
    models.DateTimeField,
    models.DateField,
    models.DecimalField,
    models.UUIDField,
)


@cache
def _columns(model):
    columns = []
    for field in model._meta.concrete_fields:
        if field.primary_key and isinstance(field, models.AutoField):
            continue
        prep = field.get_db_prep_save if isinstance(field, NEEDS_PREP) else None
        columns.append((field.attname, field.column, field, prep))
    return columns


def insert(model, rows):
    """INSERT the rows (dicts of attname → value); missing fields take their defaults."""
    if not rows:
        return
    columns = _columns(model)
    quote = connection.ops.quote_name
    # Table and column names come from the model's own metadata, never from input.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(column) for _name, column, _f, _p in columns),
        ", ".join(["%s"] * len(columns)),
    )
    params = []
    for row in rows:
        values = []
        for name, _column, field, prep in columns:
            value = row[name] if name in row else field.get_default()
            values.append(
                prep(value, connection) if prep is not None and value is not None else value
            )
        params.append(values)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(sql, params)  # in-process SQLite: no round trips to save
            return
        # PostgreSQL: one statement per chunk of rows instead of a round trip per row.
        per_statement = max(1, 60_000 // len(columns))
        placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
        head = sql.split(" VALUES ")[0] + " VALUES "
        for start in range(0, len(params), per_statement):
            chunk = params[start : start + per_statement]
            cursor.execute(
                head + ", ".join([placeholders] * len(chunk)),
                [value for values in chunk for value in values],
            )
