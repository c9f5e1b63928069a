"""The search entry of a service: everything the catalogue search filters, facets, sorts and
matches on, in one row per service, rebuilt by catalogue.search.indexing whenever the
service, its channels, themes or editor data change."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

AGE_ALL = (0, 150)


class ServiceSearchEntry(models.Model):
    service = models.OneToOneField(
        "catalogue.Service", primary_key=True, on_delete=models.CASCADE, related_name="search"
    )
    is_public = models.BooleanField(default=False, db_index=True)  # active and not hidden
    # Texts per language, by weight: name (A), summary (B), description (C), organisation,
    # keywords and editor's keywords (D). The other language stands in for a missing text.
    name_fi = models.TextField(blank=True)
    name_sv = models.TextField(blank=True)
    summary_fi = models.TextField(blank=True)
    summary_sv = models.TextField(blank=True)
    description_fi = models.TextField(blank=True)
    description_sv = models.TextField(blank=True)
    extra_fi = models.TextField(blank=True)
    extra_sv = models.TextField(blank=True)
    # PostgreSQL only (a plain column elsewhere): tsvectors with the finnish and swedish
    # configurations, filled by indexing; GIN-indexed by migration 0007 on PostgreSQL.
    vector_fi = SearchVectorField(null=True)
    vector_sv = SearchVectorField(null=True)
    # Filters and facets.
    age_min = models.PositiveSmallIntegerField(default=AGE_ALL[0])
    age_max = models.PositiveSmallIntegerField(default=AGE_ALL[1])
    is_free = models.BooleanField(default=False)
    provider_type = models.CharField(max_length=10, blank=True)
    in_fi = models.BooleanField(default=False)
    in_sv = models.BooleanField(default=False)
    in_en = models.BooleanField(default=False)
    has_place = models.BooleanField(default=False)
    has_phone = models.BooleanField(default=False)
    has_online = models.BooleanField(default=False)
    has_printable = models.BooleanField(default=False)
    wheelchair = models.BooleanField(default=False)
    nationwide = models.BooleanField(default=False)
    # The nearest-place point: the first place channel with coordinates.
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    sort_fi = models.CharField(max_length=255, blank=True)
    sort_sv = models.CharField(max_length=255, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["is_public", "sort_fi"]),
            models.Index(fields=["is_public", "sort_sv"]),
        ]

    def __str__(self):
        return self.name_fi or self.name_sv
