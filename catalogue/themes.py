"""The eight default wellbeing themes (../shared/design.md), the default classification rules
and their seeding. Both are data: ``data/themes.json``."""

import json
from pathlib import Path

from .models import Theme

_DATA = json.loads((Path(__file__).parent / "data" / "themes.json").read_text(encoding="utf-8"))
# [{slug, icon, colour, name_<language>, intro_<language>, slug_<language>}] in order.
DEFAULT_THEMES = _DATA["themes"]

THEME_FIELDS = tuple(
    field
    for field in DEFAULT_THEMES[0]
    if field.split("_")[0] in ("icon", "colour", "name", "intro")
)


def ensure_default_themes():
    """Create the default themes that are missing. Existing themes (and editors' changes to
    them) are left as they are. Returns the themes in order, and how many were created."""
    created = 0
    themes = []
    for order, spec in enumerate(DEFAULT_THEMES, start=1):
        defaults = {field: spec[field] for field in THEME_FIELDS}
        defaults["sort_order"] = order
        theme, was_created = Theme.objects.get_or_create(slug=spec["slug"], defaults=defaults)
        created += was_created
        themes.append(theme)
    return themes, created


# Default classification rules: (theme, kind, value, language, weight). Weight 2 decides
# alone, 1 is a hint that needs another. The strings among the data's rules are notes.
CLASS, TREE, KEYWORD = "service_class", "service_class_tree", "keyword"
LAHELLA_THEME, LAHELLA_FORMAT, LAHELLA_TYPE = "lahella_theme", "lahella_format", "lahella_type"
DEFAULT_RULES = [tuple(rule) for rule in _DATA["rules"] if not isinstance(rule, str)]
LAHELLA_KINDS = (LAHELLA_THEME, LAHELLA_FORMAT, LAHELLA_TYPE)


def ensure_default_rules():
    """Seed the default classification rules once, into an empty rule table: after that the
    rules belong to the editors, and a deleted default stays deleted. Returns how many were
    created."""
    from .models import ClassificationRule

    if ClassificationRule.objects.exists():
        return 0
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    rules = [
        ClassificationRule(
            theme=themes[slug], kind=kind, value=value, language=language, weight=weight
        )
        for slug, kind, value, language, weight in DEFAULT_RULES
        if slug in themes
    ]
    ClassificationRule.objects.bulk_create(rules)
    return len(rules)
