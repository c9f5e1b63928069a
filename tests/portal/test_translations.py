"""Every user-visible string is translated into every language of the site."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.support.i18n_check import untranslated_entries

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
SOURCES = [
    "core",
    "portal",
    "indicators",
    "catalogue",
    "ptv_sync",
    "selfcare",
    "professionals",
    "editors",
    "templates",
    "locale",
    "manage.py",
]


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """Re-extract the messages from the current code into a copy of the project, merged with
    the committed catalogues, exactly as `make messages` would (the real files stay as they
    are). A msgid added to the code without a translation shows up here as untranslated."""
    copy = tmp_path_factory.mktemp("project")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, copy / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__")
            )
        else:
            shutil.copy2(source, copy / name)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "manage.py",
            "makemessages",
            *[arg for code in LANGUAGES for arg in ("-l", code)],
            "--no-obsolete",
            "--add-location",
            "file",
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return copy / "locale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_msgid_in_the_code_is_translated(fresh_catalogues, language):
    po_path = fresh_catalogues / language / "LC_MESSAGES" / "django.po"
    assert po_path.exists()
    assert len(polib.pofile(str(po_path))) > 50  # the extraction really found the strings
    assert untranslated_entries(po_path) == []


def test_the_check_catches_an_emptied_swedish_msgstr(tmp_path):
    po = polib.pofile(str(ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"))
    entry = po.find("Skip to main content")
    assert entry is not None and entry.msgstr
    assert untranslated_entries(ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po") == []

    entry.msgstr = ""
    broken = tmp_path / "django.po"
    po.save(str(broken))
    assert untranslated_entries(broken) == ["untranslated: Skip to main content"]


def test_the_check_catches_fuzzy_and_partial_plural_entries(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Search", msgstr="Sök"))
    po.append(polib.POEntry(msgid="Themes", msgstr="Teman", flags=["fuzzy"]))
    po.append(
        polib.POEntry(
            msgid="%(n)s service",
            msgid_plural="%(n)s services",
            msgstr_plural={0: "%(n)s tjänst", 1: ""},
        )
    )
    path = tmp_path / "django.po"
    po.save(str(path))
    assert untranslated_entries(path) == ["fuzzy: Themes", "untranslated: %(n)s service"]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_supplement_to_wagtails_catalogues_is_complete_and_still_needed(language):
    """locale_upstream/ holds Wagtail's strings that its own catalogues lack: each is
    translated, and each is still a string of Wagtail's or wagtail-modeltranslation's that
    their catalogue does not translate (one they added since is removed here)."""
    import glob

    site = Path(polib.__file__).parent
    for name in ("django.po", "djangojs.po"):
        path = ROOT / "locale_upstream" / language / "LC_MESSAGES" / name
        if not path.exists():
            continue
        assert untranslated_entries(path) == []
        theirs = {}
        for po_path in glob.glob(
            str(site / "wagtail" / "**" / "locale" / language / "LC_MESSAGES" / name),
            recursive=True,
        ):
            for entry in polib.pofile(po_path):
                if entry.translated():
                    theirs[entry.msgid] = entry.msgstr
        english = set()
        for po_path in glob.glob(
            str(site / "wagtail" / "**" / "locale" / "en" / "LC_MESSAGES" / name), recursive=True
        ):
            english |= {entry.msgid for entry in polib.pofile(po_path)}
        modeltranslation = (site / "wagtail_modeltranslation" / "wagtail_hooks.py").read_text()
        for entry in polib.pofile(str(path)):
            assert entry.msgid not in theirs, f"Wagtail translates {entry.msgid!r} now"
            assert entry.msgid in english or f'"{entry.msgid}"' in modeltranslation, entry.msgid
