"""One entry per activity: PTV services that Lähellä.fi pushed into PTV are paired with the
same activity read from Lähellä.fi directly.

A pair is found when
- a channel of the PTV service links to the activity on lahella.fi (explicit source link), or
- the PTV service's organisation has the association's business id and the names, normalised,
  are at least ``THRESHOLD`` similar (difflib ratio, best of the Finnish and Swedish names).

Of a pair, the one with the fresher text (``source_modified``; PTV on a tie or when unknown)
is shown; the other gets ``duplicate_of`` and is left out of search and theme pages, while
its themes, places, schedule and Lähellä.fi's age and price data go into the shown entry.
Editors' decisions (``ServicePair`` merged / split) win over the matcher and survive every
resync: a split pair is never paired again, a merged pair stays merged.

``refresh()`` runs after every sync and after an editor's decision."""

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db import transaction

from core.i18n import field_names, language_codes

from .models import Organisation, Service, ServicePair, WebLink

THRESHOLD = 0.85
LAHELLA_URL = re.compile(r"https?://(?:www\.)?lahella\.fi/[^\s?#]*?([A-Za-z0-9_-]+)/?(?:[?#]|$)")
NOISE = re.compile(r"[^\w]+")


def normalise(name):
    """Case, accents other than å ä ö, punctuation and dashes do not matter."""
    text = unicodedata.normalize("NFC", (name or "").casefold())
    return " ".join(NOISE.sub(" ", text).split())


def similarity(a, b):
    """Best ratio of the same-language names; 0 when they share no language."""
    best = 0.0
    for language in language_codes():
        left, right = normalise(a.get(language)), normalise(b.get(language))
        if left and right:
            best = max(best, SequenceMatcher(None, left, right).ratio())
    return best


def linked_keys(url):
    match = LAHELLA_URL.match(url or "")
    return match.group(1) if match else None


@dataclass
class Outcome:
    pairs: int = 0  # pairs in effect
    found: int = 0  # automatic pairs new in this run
    dropped: int = 0  # automatic pairs that no longer match
    changed: int = 0  # services whose shown entry changed
    # The services to reclassify and reindex (see refresh).
    services: set = field(default_factory=set, repr=False)

    def __str__(self):
        return (
            f"{self.pairs} pairs of the same service in two sources ({self.found} new, "
            f"{self.dropped} no longer alike); {self.changed} services changed"
        )


def _names(row):
    return {code: row[f"name_{code}"] or "" for code in language_codes()}


def candidates():
    """Automatic pairs: [(ptv id, lahella id, method, similarity)], best first."""
    lahella = {
        row["pk"]: row
        for row in Service.objects.filter(source="lahella", is_active=True).values(
            "pk", "external_id", *field_names("name"), "responsible_ref"
        )
    }
    if not lahella:
        return []
    by_key = {row["external_id"]: pk for pk, row in lahella.items()}
    business = dict(
        Organisation.objects.filter(
            source="lahella", external_id__in={row["responsible_ref"] for row in lahella.values()}
        )
        .exclude(business_id="")
        .values_list("external_id", "business_id")
    )
    found = []
    # Explicit links: a lahella.fi address on one of the PTV service's channels.
    links = WebLink.objects.filter(
        url__icontains="lahella.fi",
        channel__is_active=True,
        channel__service_links__service__source="ptv",
        channel__service_links__service__is_active=True,
    ).values_list("channel__service_links__service", "url")
    for ptv_id, url in links:
        key = linked_keys(url)
        if key in by_key:
            found.append((ptv_id, by_key[key], ServicePair.Method.SOURCE_LINK, 1.0))
    # Same association (business id) and a similar name.
    wanted = {}
    for pk, row in lahella.items():
        code = business.get(row["responsible_ref"])
        if code:
            wanted.setdefault(code, []).append(pk)
    if wanted:
        ptv = Service.objects.filter(
            source="ptv",
            is_active=True,
            responsible_organisation__business_id__in=list(wanted),
        ).values("pk", *field_names("name"), "responsible_organisation__business_id")
        for row in ptv:
            for lahella_id in wanted[row["responsible_organisation__business_id"]]:
                score = similarity(_names(row), _names(lahella[lahella_id]))
                if score >= THRESHOLD:
                    found.append((row["pk"], lahella_id, ServicePair.Method.NAME, round(score, 3)))
    priority = {ServicePair.Method.SOURCE_LINK: 0, ServicePair.Method.NAME: 1}
    found.sort(key=lambda c: (priority[c[2]], -c[3], c[0], c[1]))
    return found


def may_pair():
    """Whether any pair can exist: there are active Lähellä.fi activities."""
    return Service.objects.filter(source="lahella", is_active=True).exists()


def refresh(touched=None, index=True):
    """Bring the automatic pairs and every service's ``duplicate_of`` up to date. The
    services whose shown entry changed are in ``Outcome.services``: those of pairs that changed,
    and the members of every pair (or, given ``touched``, of the pairs with a member among
    those services, e.g. the ones a sync wrote). ``index``: reclassify and reindex them here;
    a sync leaves that to its one pass at the end. Returns the Outcome."""
    from .classify import classify_services
    from .search.indexing import index_services

    outcome = Outcome()
    with transaction.atomic():
        decisions = list(
            ServicePair.objects.exclude(state=ServicePair.State.AUTO).values_list(
                "ptv_service", "lahella_service", "state"
            )
        )
        split = {(p, ln) for p, ln, state in decisions if state == ServicePair.State.SPLIT}
        active = set(
            Service.objects.filter(
                pk__in={pk for p, ln, _s in decisions for pk in (p, ln)}, is_active=True
            ).values_list("pk", flat=True)
        )
        pairs, taken = [], set()
        for ptv_id, lahella_id, state in decisions:
            if (
                state == ServicePair.State.MERGED
                and {ptv_id, lahella_id} <= active
                and not {ptv_id, lahella_id} & taken
            ):
                pairs.append((ptv_id, lahella_id))
                taken |= {ptv_id, lahella_id}
        automatic = {}
        for ptv_id, lahella_id, method, score in candidates():
            if (ptv_id, lahella_id) in split or ptv_id in taken or lahella_id in taken:
                continue
            automatic[(ptv_id, lahella_id)] = (method, score)
            pairs.append((ptv_id, lahella_id))
            taken |= {ptv_id, lahella_id}

        stored = {
            (row.ptv_service_id, row.lahella_service_id): row
            for row in ServicePair.objects.filter(state=ServicePair.State.AUTO)
        }
        gone = [row.pk for key, row in stored.items() if key not in automatic]
        ServicePair.objects.filter(pk__in=gone).delete()
        outcome.dropped = len(gone)
        for key, (method, score) in automatic.items():
            row = stored.get(key)
            if row is None:
                ServicePair.objects.create(
                    ptv_service_id=key[0],
                    lahella_service_id=key[1],
                    state=ServicePair.State.AUTO,
                    method=method,
                    similarity=score,
                )
                outcome.found += 1
            elif (row.method, row.similarity) != (method, score):
                row.method, row.similarity = method, score
                row.save(update_fields=["method", "similarity", "updated_at"])

        members = {pk for pair in pairs for pk in pair}
        modified = dict(Service.objects.filter(pk__in=members).values_list("pk", "source_modified"))
        wanted = {}
        for ptv_id, lahella_id in pairs:
            ptv_time, lahella_time = modified.get(ptv_id), modified.get(lahella_id)
            lahella_fresher = lahella_time is not None and (
                ptv_time is None or lahella_time > ptv_time
            )
            shown, hidden = (lahella_id, ptv_id) if lahella_fresher else (ptv_id, lahella_id)
            wanted[hidden] = shown
        current = dict(
            Service.objects.filter(duplicate_of__isnull=False).values_list("pk", "duplicate_of")
        )
        changed = set()
        for pk, shown in current.items():
            if wanted.get(pk) != shown:
                changed |= {pk, shown}
        for pk, shown in wanted.items():
            if current.get(pk) != shown:
                changed |= {pk, shown}
        Service.objects.filter(pk__in=[pk for pk in current if pk not in wanted]).update(
            duplicate_of=None
        )
        for pk, shown in wanted.items():
            if current.get(pk) != shown:
                Service.objects.filter(pk=pk).update(duplicate_of=shown)
        outcome.pairs = len(pairs)
        outcome.changed = len(changed)
        # Every pair's shown entry carries its partner's themes and data: refresh the pairs
        # of which a member changed (all of them when nobody says which changed).
        for pair in pairs:
            if touched is None or touched.intersection(pair):
                changed.update(pair)
    outcome.services = changed
    if changed and index:
        classify_services(sorted(changed), reindex=False)
        index_services(sorted(changed))
    return outcome


def partners(service):
    """The services shown as ``service`` (its duplicates from the other source)."""
    return list(Service.objects.filter(duplicate_of=service, is_active=True))
