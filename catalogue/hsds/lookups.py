"""Reference rows that nested HSDS objects name (themes, classification terms,
municipalities), read once per catalogue generation instead of once per page."""

from core.pagecache import per_generation

from ..models import Classification


def by_pk(model):
    """{pk: row} of a small table of reference rows, each with ``rank``, its place in the
    model's own ordering; kept per catalogue generation (a sync, or an editor's change of
    them, starts a new one)."""

    def build():
        rows = {}
        for rank, row in enumerate(model.objects.all()):
            row.rank = rank
            rows[row.pk] = row
        return rows

    return per_generation(f"hsds-{model._meta.model_name}", build)


def classifications():
    """Every classification term by pk (a term's parent is among them)."""
    return by_pk(Classification)
