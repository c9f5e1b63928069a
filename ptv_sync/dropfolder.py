"""The drop folder (``sync_catalogue --from-dir``): .json files read recursively and
recognised by shape, not by name (see ../shared/design.md).

A file whose bytes are the same as at its last import is not parsed: the reader yields a
KnownFile, which the pipeline accepts after checking that the rows still carry the same raw
digests, or expands (parses) when they do not. So is a file whose bytes changed but whose
items did not (an export written again with other whitespace or escapes): its items'
digests are computed, and when they are the ones stored for the file, it is checked the same
way, with one statement per few hundred rows instead of each item's batch."""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .adapters import lahella, ptv_v11, ptv_v12
from .http import SourceError
from .records import RecordError, usable_identity


def items_of(data):
    """The objects a file holds: a page (v11 ``itemList``, v12/Lähellä.fi ``items``), a bare
    list, or one object. None when the file holds none of these."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("itemList", "items"):
            if isinstance(data.get(key), list):
                return data[key]
        return [data]
    return None


def pending_for(obj, readers):
    for read in readers:
        item = read(obj)
        if item is not None:
            return item
    return None


PTV_READERS = (ptv_v12.pending, ptv_v11.pending)
LAHELLA_READERS = (lahella.pending,)


@dataclass
class FileRead:
    """Marks the end of a parsed file: the pipeline records its manifest once the file's
    items are written."""

    folder: str
    path: str
    digest: str
    entries: list = field(default_factory=list)
    # The file held the same items as when last imported (its bytes changed, e.g. the
    # export was written again with other whitespace): only its digest needs recording.
    same_entries: bool = False
    kind = "file"


@dataclass
class KnownFile:
    """A file identical to the one imported last time, not parsed (yet)."""

    folder: str
    path: str
    digest: str
    entries: list
    content: bytes = field(repr=False)
    readers: tuple = field(repr=False)
    # Its bytes changed since the last import, its items did not: once accepted, the new
    # digest is recorded.
    rewritten: bool = False
    kind = "file"

    def expand(self):
        """Parse the file after all (its rows no longer match what it held)."""
        yield from _parse_file(
            self.folder,
            self.path,
            self.digest,
            self.content,
            self.readers,
            self.entries,
            verify_unchanged=False,
        )


def _loads(content):
    """A file's JSON: read by orjson (twice as fast), or by the standard library where
    orjson refuses what it accepts (a byte-order mark, NaN, a lone surrogate escape…)."""
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        return json.loads(content)


def _parse_file(folder, name, digest, content, readers, stored=None, verify_unchanged=True):
    """The file's items (Pending, or RecordError) and its FileRead; or, when ``stored`` (the
    entries of its last import) equals what it holds now and ``verify_unchanged``, one
    KnownFile, checked against the rows before anything is written."""
    try:
        data = _loads(content)
    except ValueError as exc:
        yield RecordError(name, f"unreadable file: {exc}", "file")
        return
    items = items_of(data)
    if items is None:
        yield RecordError(name, "the file holds no object or page", "file")
        return
    entries, read = [], []
    clean = True
    for obj in items:
        found = pending_for(obj, readers)
        if found is None:
            identifier = (
                obj.get("id") or obj.get("contentId") or obj.get("_key")
                if isinstance(obj, dict)
                else ""
            )
            read.append(RecordError(identifier or name, f"unrecognised item in {name}", "file"))
            clean = False
            continue
        # A reader gives one item per object, or several (a Lähellä.fi activity is an
        # organisation, channels and a service).
        for item in found if isinstance(found, list) else [found]:
            if usable_identity(item):
                entries.append([item.kind, item.source, item.external_id, item.raw_hash])
            else:  # the pipeline reports it; the file is read again next time
                clean = False
            read.append(item)
    same = clean and entries == stored
    if same and verify_unchanged:
        yield KnownFile(folder, name, digest, entries, content, readers, rewritten=True)
        return
    yield from read
    if clean:
        yield FileRead(folder, name, digest, entries, same_entries=same)


def read_folder(path, readers=PTV_READERS, manifest=None, salt=""):
    """Yield Pending items, a RecordError for every unreadable file or unrecognised item,
    and per file a FileRead or KnownFile. ``manifest(folder, path)`` returns the stored
    (digest, entries) of a file, or None. ``salt`` goes into every file digest: a file
    whose records depend on the day is read again on a new day."""
    root = Path(path)
    if not root.is_dir():
        raise SourceError(f"{path} is not a folder")
    folder = str(root.resolve())
    for file in sorted(root.rglob("*.json")):
        name = str(file.relative_to(root))
        try:
            content = file.read_bytes()
        except OSError as exc:
            yield RecordError(name, f"unreadable file: {exc}", "file")
            continue
        # A change check, not a signature: SHA-1, which processors compute in hardware, read
        # a national folder (870 MB) in a third of BLAKE2's time.
        hasher = hashlib.sha1(content, usedforsecurity=False)
        hasher.update(salt.encode())
        digest = hasher.hexdigest()
        known = manifest(folder, name) if manifest else None
        if known is not None and known[0] == digest:
            yield KnownFile(folder, name, digest, known[1], content, readers)
        else:
            stored = known[1] if known is not None else None
            yield from _parse_file(folder, name, digest, content, readers, stored)
