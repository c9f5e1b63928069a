"""PostgreSQL's plans of statements, for the tests of how a search reads the tables."""

import json

from django.db import connection


def plan_nodes(plan):
    """Every node of a PostgreSQL JSON plan."""
    yield plan
    for child in plan.get("Plans", ()):
        yield from plan_nodes(child)


def explained(sql, params, disabled=("seqscan",)):
    """Every node of the plan of ``sql`` as PostgreSQL runs it (EXPLAIN ANALYZE), with the
    ``disabled`` planner methods off: a test's catalogue is small enough to be read whole, and
    the plan wanted is the one a catalogue of thousands gets. The tables are analysed first,
    so that the plan follows the rows the test has, not the statistics autovacuum took of an
    earlier test's committed rows (in the full suite, those once made PostgreSQL read the
    search entries by another index than their facet ids')."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        for method in disabled:
            cursor.execute(f"SET enable_{method} = off")
        try:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        finally:
            for method in disabled:
                cursor.execute(f"RESET enable_{method}")
    plan = plan if isinstance(plan, list) else json.loads(plan)
    return list(plan_nodes(plan[0]["Plan"]))
