"""The data sources, each declared once: its code, labels, the site where its texts are
corrected, its place in listings, its adapter and its demo payloads. ``register`` takes one
declaration; everything else looks sources up here, in the declared order.

The declarations live with their adapters (ptv_sync.sources: PTV v11, PTV v12, Lähellä.fi,
HSDS, local) and are registered when ptv_sync is ready. The catalogue, the editors' admin and
the service pages read the labels and rules from here, and ptv_sync's runner reads the
adapter. A new source is one module that declares it plus one ``register`` call."""

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class DataSource:
    # What ``sync_catalogue --source`` takes and a SyncRun records (at most 10 characters).
    code: str
    # Its name in the admin: the sync form, the runs, the rows' "source" column.
    label: object
    # Its short name on the admin's home page (the last runs).
    short_label: object = ""
    # The ``source`` its rows carry, when another source's ("ptv-v12" writes PTV's rows).
    stores: str = ""
    # Where a service page says its texts come from.
    attribution: object = ""
    # (site name, name of the setting holding its address) where editors correct the texts.
    management: tuple | None = None
    # Listings of the same activity from several sources show the smaller first.
    order: int = 50
    # What reads it (ptv_sync.sources.Adapter); None when nothing syncs it (local content).
    adapter: object = None
    # A drop folder of recorded payloads that ``load_demo`` imports, or None.
    demo: Path | None = None
    # Coordinators may start a sync of it from the admin ("Sync now").
    startable: bool = False
    # Words a resident would use for the source's own codes, {code: {language: words}}, when
    # its API gives the codes no names (Lähellä.fi): search finds its rows by them.
    code_words: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def row_source(self):
        return self.stores or self.code


_REGISTRY = {}


def register(source):
    """Add (or replace, by code) a source's declaration; returns it."""
    if not source.code or len(source.code) > 10:
        raise ValueError(f"a source code has 1-10 characters: {source.code!r}")
    _REGISTRY[source.code] = source
    return source


def unregister(code):
    _REGISTRY.pop(code, None)


def sources():
    """Every declared source, in listing order."""
    return sorted(_REGISTRY.values(), key=lambda source: (source.order, source.code))


def get(code):
    """The source with ``code``, or None."""
    return _REGISTRY.get(code)


def syncable():
    """The sources something syncs (they have an adapter)."""
    return [source for source in sources() if source.adapter is not None]


def row_sources():
    """The sources rows are stored under (one per ``row_source``), in listing order."""
    found = {}
    for source in sources():
        found.setdefault(source.row_source, get(source.row_source) or source)
    return list(found.values())


def row_choices():
    """Choices of a row's ``source`` field."""
    return [(source.row_source, source.label) for source in row_sources()]


def same_data(code):
    """The codes whose runs read the same rows as ``code`` (PTV v11 and v12)."""
    source = get(code)
    if source is None:
        return (code,)
    return tuple(other.code for other in sources() if other.row_source == source.row_source)


def attribution(code):
    source = get(code)
    return (source.attribution or source.label) if source is not None else code


def code_words(code):
    """{language: words} for a source's own code, or {} (any source; codes don't overlap)."""
    if not code:
        return {}
    for source in _REGISTRY.values():
        if code in source.code_words:
            return source.code_words[code]
    return {}


def listing_order(code):
    source = get(code)
    return source.order if source is not None else 100
