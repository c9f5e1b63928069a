"""Accessibility profiles of a place (wheelchair, rollator, pram, hearing loop, sight,
accessible toilet), read from what a channel's source says: Lähellä.fi's accessibility codes
and PTV's classification and accessibility sentences (stored on the channel). A profile is
True where the data says so, False where it says not, and missing where it says nothing:
"no information" is shown rather than a guess."""

import re

from django.utils.translation import gettext_lazy as _

PROFILES = {
    "wheelchair": _("Wheelchair"),
    "rollator": _("Rollator"),
    "pram": _("Pram"),
    "hearing_loop": _("Induction loop"),
    "sight": _("Sight"),
    "accessible_toilet": _("Accessible toilet"),
}
# The search filter's labels ("Wheelchair accessible", …).
FILTER_LABELS = {
    "wheelchair": _("Wheelchair accessible"),
    "rollator": _("Accessible with a rollator"),
    "pram": _("Accessible with a pram"),
    "hearing_loop": _("Induction loop"),
    "sight": _("Guidance for people with impaired sight"),
    "accessible_toilet": _("Accessible toilet"),
}
# The channels' feature codes (adapters) that say a profile holds.
FEATURES = {
    "wheelchair": "wheelchair",
    "rollator": "rollator",
    "induction_loop": "hearing_loop",
    "accessible_toilet": "accessible_toilet",
}
# Words of a PTV accessibility sentence (fi/sv/en, casefolded) that speak about a profile.
WORDS = {
    "wheelchair": ("pyörätuoli", "rullstol", "wheelchair"),
    "rollator": ("rollaattori", "rollator"),
    "pram": ("lastenvaunu", "lastenratta", "barnvagn", "pram", "pushchair"),
    "hearing_loop": ("induktiosilmukka", "induktionsslinga", "hörslinga", "induction loop"),
    "sight": (
        "näkövamma",
        "pistekirjoitu",
        "opaskoira",
        "kontrastimerkin",
        "synskada",
        "punktskrift",
        "ledarhund",
        "kontrastmarker",
        "braille",
        "guide dog",
    ),
    "accessible_toilet": (
        "esteettömäksi merkitty wc",
        "esteetön wc",
        "inva-wc",
        "invawc",
        "invatoalett",
        "tillgänglig toalett",
        "tillgängligt wc",
        "accessible toilet",
    ),
}
# Words that say something is not there: "ei", "eivät", "eikä"…, "inte", "ej", "saknas".
NEGATION = re.compile(r"\b(ei|eivät|eikä|eivätkä|inte|ej|saknas|puuttuu|not|cannot)\b")


def _sentences(accessibility):
    for group in accessibility.get("sentences") or ():
        if not isinstance(group, dict):
            continue
        for sentence in group.get("sentences") or ():
            if isinstance(sentence, dict):
                yield " ".join(str(text) for text in sentence.values()).casefold()


def profiles(accessibility):
    """{profile: True or False} of one channel's stored accessibility data; a profile the
    data says nothing about is left out."""
    accessibility = accessibility if isinstance(accessibility, dict) else {}
    found = {}
    for code in accessibility.get("features") or ():
        if code in FEATURES:
            found[FEATURES[code]] = True
    if accessibility.get("level") == "fully":
        found["wheelchair"] = True
    said_not = set()
    for text in _sentences(accessibility):
        for name, words in WORDS.items():
            if any(word in text for word in words):
                if NEGATION.search(text):
                    said_not.add(name)
                else:
                    found[name] = True
    # A sentence saying something is missing counts only where none says it is there.
    for name in said_not:
        found.setdefault(name, False)
    return found


def combined(per_channel):
    """One service's profiles from its places': True where any place has it, False where
    every place that speaks of it has not."""
    out = {}
    for found in per_channel:
        for name, value in found.items():
            out[name] = out.get(name, False) or value
    return out
