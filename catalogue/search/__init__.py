"""Catalogue search (../shared/design.md): ``get_backend().search(CatalogueQuery)``."""

from django.conf import settings

from .query import CatalogueQuery, CatalogueResults, Hit, QueryError, parse_query

__all__ = ["CatalogueQuery", "CatalogueResults", "Hit", "QueryError", "get_backend", "parse_query"]


def get_backend(name=None):
    name = name or settings.CATALOGUE_SEARCH_BACKEND
    if name == "database":
        from .database import DatabaseBackend

        return DatabaseBackend()
    if name == "elasticsearch":
        from .elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    raise ValueError(f"unknown CATALOGUE_SEARCH_BACKEND {name!r}")
