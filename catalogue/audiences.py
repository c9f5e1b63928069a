"""Who a service is for ("Kenelle" / "För vem"), for the search facet and the "Mikä sopisi
minulle?" path: from PTV's target groups, from the age groups a Lähellä.fi activity names,
and from the editors' own choice (LocalEnrichment.audiences) for what the sources cannot say
(carers, people who have moved to Finland). A service that names no one is for everyone and
is in none of these."""

from django.utils.translation import gettext_lazy as _

AUDIENCES = {
    "children_families": _("Children and families"),
    "young_people": _("Young people"),
    "working_age": _("Working-age people"),
    "older_people": _("Older people"),
    "disabled": _("People with disabilities"),
    "long_term_ill": _("People with a long-term illness"),
    "carers": _("Carers"),
    "immigrants": _("People who have moved to Finland"),
}
# PTV's target groups (codes/target_groups.json).
TARGET_GROUPS = {
    "KR1.1": "older_people",
    "KR1.2": "children_families",
    "KR1.3": "young_people",
    "KR1.4": "long_term_ill",
    "KR1.6": "disabled",
}
# The ages (years, None: no upper limit) an audience spans: an activity whose age groups
# reach into them is for that audience.
AGE_BANDS = {
    "children_families": (0, 12),
    "young_people": (13, 29),
    "working_age": (30, 64),
    "older_people": (65, None),
}


def _overlaps(low, high, band):
    band_low, band_high = band
    return (high is None or high >= band_low) and (band_high is None or low <= band_high)


def audiences_of(target_groups=(), activity_ages=(), chosen=()):
    """The audiences (in AUDIENCES' order) of PTV target group codes, an activity's age
    ranges ([low, high or None]) and an editor's choice."""
    found = {TARGET_GROUPS[code] for code in target_groups if code in TARGET_GROUPS}
    for pair in activity_ages or ():
        low, high = pair[0], pair[1]
        found.update(name for name, band in AGE_BANDS.items() if _overlaps(low, high, band))
    found.update(name for name in chosen or () if name in AUDIENCES)
    return [name for name in AUDIENCES if name in found]
