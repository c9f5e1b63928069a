"""Automatic theme classification: ClassificationRule rows → ServiceTheme rows.

A service's themes are those whose matching rules' weights add up to at least
``ClassificationRule.THRESHOLD``, plus the themes an editor added, minus those an editor
removed (``Service.local_themes_added`` / ``local_themes_removed``, never written by a sync).

``classify_services(ids)`` runs after every upsert batch of the sync and when editors change
a service's themes; ``classify_all()`` re-runs everything after rules change. Work is done in
batches with a fixed number of queries per batch.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q

from core.i18n import field_names, language_codes

from .models import Classification, ClassificationRule, Service, ServiceTheme
from .search.indexing import themes_changed

BATCH = 1000


def _keyword_words(value):
    """A keyword's words as a casefolded text holds them (without its * at either end)."""
    return value.strip("*").casefold()


def _keyword_pattern(value):
    """A keyword as a regular expression over casefolded text: whole words, with * as the
    rest of a word."""
    body = re.escape(_keyword_words(value))
    start = r"\w*" if value.startswith("*") else ""
    end = r"\w*" if value.endswith("*") else ""
    return re.compile(rf"(?<!\w){start}{body}{end}(?!\w)")


@dataclass
class RuleSet:
    """The active rules, compiled once per run."""

    by_code: dict = field(default_factory=dict)  # (kind, code) -> [(theme, weight, source)]
    trees: list = field(default_factory=list)  # (prefix, theme, weight, source)
    # (pattern, its words as typed, language, theme, weight, source)
    keywords: list = field(default_factory=list)

    @classmethod
    def load(cls):
        rules = cls()
        kinds = ClassificationRule.Kind
        for rule in ClassificationRule.objects.filter(is_active=True):
            entry = (rule.theme_id, rule.weight, rule.source)
            if rule.kind == kinds.SERVICE_CLASS_TREE:
                rules.trees.append((rule.value, *entry))
            elif rule.kind == kinds.KEYWORD:
                rules.keywords.append(
                    (
                        _keyword_pattern(rule.value),
                        _keyword_words(rule.value),
                        rule.language,
                        *entry,
                    )
                )
            else:
                kind = {
                    kinds.SERVICE_CLASS: Classification.Kind.SERVICE_CLASS,
                    kinds.ONTOLOGY_TERM: Classification.Kind.ONTOLOGY_TERM,
                    kinds.TARGET_GROUP: Classification.Kind.TARGET_GROUP,
                    kinds.LAHELLA_THEME: Classification.Kind.LAHELLA_THEME,
                    kinds.LAHELLA_FORMAT: Classification.Kind.LAHELLA_FORMAT,
                    kinds.LAHELLA_TYPE: Classification.Kind.LAHELLA_TYPE,
                    kinds.LIPAS_TYPE: Classification.Kind.LIPAS_TYPE,
                }[rule.kind]
                rules.by_code.setdefault((kind, rule.value), []).append(entry)
        return rules

    def scores(self, source, classifications, texts):
        """Theme id → summed weight for one service. ``classifications``: (kind, code, uri);
        ``texts``: language → casefolded name and summary."""
        totals = {}

        def add(theme, weight, rule_source):
            if rule_source in (ClassificationRule.ANY_SOURCE, source):
                totals[theme] = totals.get(theme, 0) + weight

        for kind, code, uri in classifications:
            key = uri if kind == Classification.Kind.ONTOLOGY_TERM else code
            for entry in self.by_code.get((kind, key), ()):
                add(*entry)
            if kind == Classification.Kind.SERVICE_CLASS:
                for prefix, *entry in self.trees:
                    if code == prefix or code.startswith(prefix + "."):
                        add(*entry)
        for pattern, words, language, *entry in self.keywords:
            candidates = [texts[language]] if language else texts.values()
            # Only a text that holds the keyword's words can match it as a whole word: the
            # substring test first (a service's texts hold few of the rules' keywords).
            if any(words in text and pattern.search(text) for text in candidates):
                add(*entry)
        return totals


def _themes_for(batch, rules):
    """service id → {theme id: (origin, score)} for a batch of service ids. A service shown
    for a duplicate from the other source (catalogue.dedupe) gets the duplicate's themes too,
    so the one entry appears on every theme page either source puts it on."""
    partners = {}  # shown service id -> duplicate ids
    for pk, shown in Service.objects.filter(duplicate_of__in=batch).values_list(
        "pk", "duplicate_of"
    ):
        partners.setdefault(shown, []).append(pk)
    ids = list(batch) + [pk for group in partners.values() for pk in group]
    classifications = {}
    through = Service.classifications.through.objects.filter(service_id__in=ids)
    for service_id, kind, code, uri in through.values_list(
        "service_id", "classification__kind", "classification__code", "classification__uri"
    ):
        classifications.setdefault(service_id, []).append((kind, code, uri))
    added, removed = {}, {}
    for relation, target in (
        (Service.local_themes_added.through, added),
        (Service.local_themes_removed.through, removed),
    ):
        for service_id, theme_id in relation.objects.filter(service_id__in=batch).values_list(
            "service_id", "theme_id"
        ):
            target.setdefault(service_id, set()).add(theme_id)
    by_rules = {}
    codes = language_codes()
    rows = Service.objects.filter(pk__in=ids).values(
        "pk", "source", *field_names("name"), *field_names("summary")
    )
    for row in rows:
        pk, source = row["pk"], row["source"]
        texts = {
            code: f"{row[f'name_{code}'] or ''}\n{row[f'summary_{code}'] or ''}".casefold()
            for code in codes
        }
        by_rules[pk] = {
            theme: score
            for theme, score in rules.scores(source, classifications.get(pk, ()), texts).items()
            if score >= ClassificationRule.THRESHOLD
        }
    result = {}
    for pk in batch:
        scores = dict(by_rules.get(pk, {}))
        for partner in partners.get(pk, ()):
            for theme, score in by_rules.get(partner, {}).items():
                scores[theme] = max(score, scores.get(theme, score))
        themes = {theme: (ServiceTheme.Origin.RULES, score) for theme, score in scores.items()}
        for theme in added.get(pk, ()):
            themes[theme] = (ServiceTheme.Origin.EDITOR, themes.get(theme, (None, 0))[1])
        for theme in removed.get(pk, ()):
            themes.pop(theme, None)
        result[pk] = themes
    return result


@dataclass
class Outcome:
    services: int = 0  # services looked at
    changed: int = 0  # services whose themes changed
    added: int = 0  # service-theme pairs added
    removed: int = 0  # service-theme pairs removed


def classify_services(ids, rules=None, outcome=None, reindex=True):
    """(Re)compute the themes of the given services; returns an Outcome. ``reindex``: send
    services whose themes changed to an external search index (the sync reindexes itself)."""
    rules = rules or RuleSet.load()
    outcome = outcome or Outcome()
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        wanted = _themes_for(batch, rules)
        current = {}
        for pk, service_id, theme_id, origin, score in ServiceTheme.objects.filter(
            service_id__in=batch
        ).values_list("pk", "service_id", "theme_id", "origin", "score"):
            current.setdefault(service_id, {})[theme_id] = (pk, origin, score)
        deletes, creates, updates, changed = [], [], [], []
        for service_id in batch:
            want, have = wanted.get(service_id, {}), current.get(service_id, {})
            if want.keys() != have.keys():
                outcome.changed += 1
                changed.append(service_id)
            for theme_id, (pk, origin, score) in have.items():
                if theme_id not in want:
                    deletes.append(pk)
                elif want[theme_id] != (origin, score):
                    new_origin, new_score = want[theme_id]
                    updates.append(ServiceTheme(pk=pk, origin=new_origin, score=new_score))
            for theme_id, (origin, score) in want.items():
                if theme_id not in have:
                    creates.append(
                        ServiceTheme(
                            service_id=service_id, theme_id=theme_id, origin=origin, score=score
                        )
                    )
        with transaction.atomic():
            if deletes:
                ServiceTheme.objects.filter(pk__in=deletes).delete()
            ServiceTheme.objects.bulk_create(creates)
            ServiceTheme.objects.bulk_update(updates, ["origin", "score"])
        if reindex:
            themes_changed(changed)
        outcome.services += len(batch)
        outcome.added += len(creates)
        outcome.removed += len(deletes)
    return outcome


def classify_all(progress=None):
    """Apply the current rules to every service (active or not: a reactivated service must
    come back with current themes)."""
    rules = RuleSet.load()
    outcome = Outcome()
    ids = list(Service.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        classify_services(ids[start : start + BATCH], rules, outcome)
        if progress:
            progress(outcome, len(ids))
    return outcome


@dataclass
class Coverage:
    active: int
    classified: int
    per_theme: list  # [(theme, count)]
    unclassified_classes: list  # [(code, name, count)]

    @property
    def share(self):
        return self.classified / self.active if self.active else 0.0


def coverage(services=None):
    """How many active (and not hidden) services have a theme, per theme counts, and the
    service classes of the unclassified ones."""
    from .models import Theme

    services = services if services is not None else Service.objects.filter(is_active=True)
    active = services.count()
    classified = services.filter(theme_links__isnull=False).distinct().count()
    per_theme = [
        (theme, theme.count)
        for theme in Theme.objects.annotate(
            count=Count(
                "service_links",
                filter=Q(service_links__service__in=services),
                distinct=True,
            )
        ).order_by("sort_order", "slug")
    ]
    unclassified = services.filter(theme_links__isnull=True)
    classes = (
        Classification.objects.filter(
            kind=Classification.Kind.SERVICE_CLASS, services__in=unclassified
        )
        .values_list("code", "name")
        .annotate(count=Count("services", distinct=True))
        .order_by("-count", "code")
    )
    return Coverage(active, classified, per_theme, list(classes))
