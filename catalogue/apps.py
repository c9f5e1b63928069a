from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def reindex_unanalysed(sender, verbosity=1, **kwargs):
    """After ``migrate``: entries written before the text analysis (no group key yet) or
    before the facet ids and bits (NULL) are rebuilt, so an upgraded site searches at
    once (nothing to do on a new database)."""
    from django.db import connection
    from django.db.models import Q

    from .models import ServiceSearchEntry
    from .search.indexing import rebuild

    # Migrated back to an older schema: the entries are not this code's to rebuild.
    table = ServiceSearchEntry._meta.db_table
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
    if any(field.column not in columns for field in ServiceSearchEntry._meta.concrete_fields):
        return
    outdated = Q(group_key="") | Q(facet_ids__isnull=True) | Q(facet_bits__isnull=True)
    if not ServiceSearchEntry.objects.filter(outdated).exists():
        return

    def progress(stage, done, total):
        if verbosity:
            print(f"  Search entries ({stage}): {done}/{total}", flush=True)  # noqa: T201

    rebuild(progress=progress)


@checks.register(checks.Tags.compatibility)
def text_analysis_installed(app_configs=None, **kwargs):
    """Search cannot run without Voikko and the Swedish word list: say so before serving."""
    from .search.analysis import AnalysisUnavailable, check

    try:
        check()
    except AnalysisUnavailable as error:
        return [checks.Error(str(error), id="catalogue.E001")]
    return []


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Service catalogue")

    def ready(self):
        from . import reports, signals  # noqa: F401 - reports registers its report sections

        post_migrate.connect(reindex_unanalysed, sender=self)
