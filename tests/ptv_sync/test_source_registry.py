"""A source is declared once (core.sources): a new one is one module plus one registration,
and it syncs from a drop folder into search with nothing else changed."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from catalogue.models import Service
from catalogue.search import get_backend
from catalogue.search.query import CatalogueQuery
from tests.support import throwaway_source

CLUBS = {
    "items": [
        {
            "kerho": {
                "id": 1,
                "nimi": "Shakkikerho",
                "namn": "Schackklubben",
                "kuvaus": "Shakkia kaikenikäisille kirjastolla.",
                "kunta": "905",
            }
        },
        {"kerho": {"id": 2, "nimi": "Lautapeli-ilta", "kuvaus": "Pelejä.", "kunta": "499"}},
    ]
}


@pytest.fixture
def clubs():
    throwaway_source.install()
    yield throwaway_source.CODE
    throwaway_source.remove()


def test_a_registered_source_syncs_from_a_drop_folder_into_search(clubs, db, tmp_path):
    (tmp_path / "clubs.json").write_text(json.dumps(CLUBS), encoding="utf-8")
    out = StringIO()
    call_command("sync_catalogue", "--source", clubs, "--from-dir", str(tmp_path), stdout=out)
    assert f"sync {clubs} succeeded: created=2" in out.getvalue()

    chess = Service.objects.get(source=clubs, external_id="1")
    assert chess.get_source_display() == "Kerhorekisteri"
    # Found by the second part of its compound name, in Finnish and in Swedish.
    for text, language in (("kerho", "fi"), ("schack", "sv")):
        hits = get_backend().search(CatalogueQuery(text=text, language=language)).hits
        assert chess.pk in [hit.service_id for hit in hits], (text, language)


def test_a_source_nobody_declared_is_refused_naming_the_declared_ones(db, tmp_path):
    with pytest.raises(CommandError, match="invalid choice: 'kerhot'") as refused:
        call_command("sync_catalogue", "--source", "kerhot", "--from-dir", str(tmp_path))
    assert "'ptv', 'ptv-v12', 'lahella'" in str(refused.value)
    assert not Service.objects.exists()
