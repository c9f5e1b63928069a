"""The search entry of a service: everything the catalogue search filters, facets, sorts and
matches on, in one row per service, rebuilt by catalogue.search.indexing whenever the
service, its channels, themes or editor data change."""

import json

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel

from core.i18n import default_field, field_names, language_codes, translated_fields
from core.inputs import has_control_characters

AGE_ALL = (0, 150)
# What a nationwide service's facet ids hold instead of its municipalities' ids (it is in every
# one): a municipality filter is then one condition on the GIN index, "the municipality's id
# negated or this", which PostgreSQL answers together with a theme's from the index alone. The
# smallest integer but one (negated, it is an integer too), never a row's id.
NATIONWIDE_FACET_ID = -(2**31 - 1)


class IdArrayField(models.Field):
    """A list of row ids: ``integer[]`` on PostgreSQL, where the search unnests it for facet
    counts and filters on it through a GIN index; JSON text elsewhere (SQLite joins the link
    tables instead)."""

    description = "list of integer ids"

    def db_type(self, connection):
        return "integer[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        value = sorted({int(item) for item in value})
        return value if connection.vendor == "postgresql" else json.dumps(value)

    def from_db_value(self, value, expression, connection):
        if value is None or isinstance(value, list):
            return value
        return json.loads(value)

    def to_python(self, value):
        if isinstance(value, str):
            return json.loads(value)
        return value


class ServiceSearchEntry(models.Model):
    service = models.OneToOneField(
        "catalogue.Service", primary_key=True, on_delete=models.CASCADE, related_name="search"
    )
    is_public = models.BooleanField(default=False, db_index=True)  # active and not hidden
    # Per site language (core.i18n.language_codes; a new language adds its columns by
    # migration and needs `search_index rebuild`):
    # - name_<code>: the name, another language's standing in for a missing one. The texts a
    #   search matches are analysed into ServiceSearchTerms; this row holds only what a
    #   search reads for every hit, so that it stays small.
    # - vector_<code>: PostgreSQL only (a plain column elsewhere): a tsvector ('simple'
    #   configuration) over the analysed terms of the language, filled by indexing,
    #   GIN-indexed (migrations 0008, …).
    # - sort_<code>: the name case-folded, for sorting by name.
    locals().update(
        {
            f"{name}_{code}": field()
            for code in language_codes()
            for name, field in (
                ("name", lambda: models.TextField(blank=True)),
                ("vector", lambda: SearchVectorField(null=True)),
                ("sort", lambda: models.CharField(max_length=255, blank=True)),
            )
        }
    )
    # Filters and facets.
    age_min = models.PositiveSmallIntegerField(default=AGE_ALL[0])
    age_max = models.PositiveSmallIntegerField(default=AGE_ALL[1])
    is_free = models.BooleanField(default=False)
    provider_type = models.CharField(max_length=10, blank=True)
    # in_<code>: offered in a language (settings.SERVICE_LANGUAGES).
    locals().update(
        {f"in_{code}": models.BooleanField(default=False) for code in settings.SERVICE_LANGUAGES}
    )
    has_place = models.BooleanField(default=False)
    has_phone = models.BooleanField(default=False)
    has_online = models.BooleanField(default=False)
    has_printable = models.BooleanField(default=False)
    wheelchair = models.BooleanField(default=False)
    kaikukortti = models.BooleanField(default=False)  # an editor's flag (LocalEnrichment)
    nationwide = models.BooleanField(default=False)
    # The nearest-place point: the first place channel with coordinates.
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    # The same service offered in several municipalities shares a key (one search result),
    # and its 64-bit hash, which the database groups by (an integer sorts far faster than text).
    group_key = models.CharField(max_length=255, blank=True)
    group_id = models.BigIntegerField(default=0)
    # What the PostgreSQL search counts and filters within this row, with no join (None: not
    # indexed since these were added; rebuilt after migrate):
    # - its themes' ids, and its municipalities' ids negated (for a nationwide service, which
    #   is in every municipality, NATIONWIDE_FACET_ID instead): one array, one GIN index, one
    #   pass to count both;
    # - its yes/no facets as bits (catalogue.search.database.FLAGS, in that order).
    facet_ids = IdArrayField(null=True)
    facet_bits = models.BigIntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["is_public", sort]) for sort in field_names("sort")]

    def __str__(self):
        return next(filter(None, (getattr(self, name) for name in field_names("name"))), "")


class ServiceOpenSpan(models.Model):
    """When a service is open or its activity meets, as UTC instants over the days around
    the day it was indexed (catalogue.opening.WINDOW): from its places' and phone lines'
    opening hours and exceptions in Finnish time, or, for a scheduled activity, from its own
    occurrences. "Open now" and "open today" read these; housekeeping renews the window
    daily."""

    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.CASCADE, related_name="open_spans"
    )
    starts = models.DateTimeField()
    ends = models.DateTimeField()

    class Meta:
        indexes = [
            # "Open now" (catalogue.opening.open_at) reads the ids from the index alone: at
            # 50,000 services in the daytime, every search's count of the open ones read
            # 5,500 pages of this table for its 33,000 ids without the service in the index.
            models.Index(fields=["starts", "ends", "service"]),
            models.Index(fields=["service", "starts"]),
        ]

    def __str__(self):
        return f"{self.service_id}: {self.starts:%Y-%m-%d %H:%M}–{self.ends:%H:%M}"


class ServiceOccurrence(models.Model):
    """One meeting of a scheduled activity, for the events calendar and its iCal feeds:
    written with the service's search entry from its channels' events (core.recurrence), over
    catalogue.occurrences.DAYS days from the day before indexing, and renewed daily. A day
    taken out of the recurrence stays, marked cancelled, so that subscribed calendars drop
    it. ``uid`` is the same for the same meeting on every rebuild."""

    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.CASCADE, related_name="occurrences"
    )
    channel = models.ForeignKey(
        "catalogue.ServiceChannel", on_delete=models.CASCADE, related_name="+"
    )
    starts = models.DateTimeField()
    ends = models.DateTimeField(null=True)
    cancelled = models.BooleanField(default=False)
    # Where it meets: the municipality of the channel's address (or its only municipality).
    municipality = models.CharField(max_length=3, blank=True)
    uid = models.CharField(max_length=80)

    class Meta:
        indexes = [
            models.Index(fields=["starts"]),
            models.Index(fields=["service", "starts"]),
            models.Index(fields=["uid"]),
        ]

    def __str__(self):
        return f"{self.service_id}: {self.starts:%Y-%m-%d %H:%M}"


class ServiceSearchTerms(models.Model):
    """The analysed terms every backend indexes (catalogue.search.analysis), by language and
    weight: {<language>: {"name": "...", "summary": …, "description": …, "extra": …}, …}. Each
    language's own texts only: a query is matched against every language."""

    service = models.OneToOneField(
        "catalogue.Service", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    terms = models.JSONField(default=dict)

    def __str__(self):
        return str(self.service_id)


class SearchTerm(models.Model):
    """A term of the search index (the vocabulary): where a query word is not one of these,
    the nearest of them by edit distance stands in for it (typo tolerance on every backend)
    and is offered as "did you mean"."""

    LONGEST = 60

    language = models.CharField(max_length=2)
    term = models.CharField(max_length=LONGEST, db_index=True)  # looked up in any language

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="search_term_unique")
        ]

    def __str__(self):
        return self.term


def _word_list(value):
    return [item.strip() for item in value.replace("\n", ",").split(",") if item.strip()]


class SynonymSet(models.Model):
    """Words that mean the same to a resident, in the site's languages: a search for any of
    them finds what any of them finds. Takes effect at once, no re-indexing."""

    name = models.CharField(
        _("name"), max_length=100, help_text=_("For editors only, e.g. “weight management”.")
    )
    # words_<code>: the set's words in each site language.
    locals().update(
        translated_fields(
            "words",
            models.TextField,
            _("words"),
            blank=True,
            help_text=_(
                "Comma-separated or one per line, in their base form. A phrase of several "
                "words matches services with all of them."
            ),
        )
    )
    is_active = models.BooleanField(_("in use"), default=True)

    panels = [
        HelpPanel(
            content=_(
                "A search for any word of the set, in any language, also finds the services "
                "that mention the others. Inflected forms are matched automatically."
            )
        ),
        FieldPanel("name"),
        *(FieldPanel(name) for name in field_names("words")),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonym sets")

    def __str__(self):
        return self.name

    def word_list(self, language):
        return _word_list(getattr(self, f"words_{language}", "") or "")

    def clean(self):
        errors = {}
        for field in ("name", *field_names("words")):
            if has_control_characters(getattr(self, field), multiline=field != "name"):
                errors[field] = _("Leave out control characters.")
        if sum(len(self.word_list(code)) for code in language_codes()) < 2 and not errors:
            errors[default_field("words")] = _("Give at least two words (in any language).")
        if errors:
            raise ValidationError(errors)
