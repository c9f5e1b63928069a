"""Find message catalogue entries that a Finnish or Swedish user would see untranslated."""

import polib


def untranslated_entries(po_path):
    """msgids in the .po file without a usable translation: empty or fuzzy."""
    problems = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        label = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {label}")
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(v.strip() for v in entry.msgstr_plural.values()):
                problems.append(f"untranslated: {label}")
        elif not entry.msgstr.strip():
            problems.append(f"untranslated: {label}")
    return problems
