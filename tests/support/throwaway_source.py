"""A source that exists only in the tests, declared the way any new source is: this one module
(its adapter and its declaration) and one registration (``install``). Its drop-folder files
hold clubs, ``{"kerho": {"id", "nimi", "namn", "kuvaus", "kunta"}}``, one service each."""

from core.sources import DataSource, register, unregister
from ptv_sync.records import Area, LText, Pending, ServiceRecord, raw_digest
from ptv_sync.sources.base import Adapter

CODE = "kerhot"


def parse(obj):
    club = obj["kerho"]
    return ServiceRecord(
        source=CODE,
        external_id=str(club["id"]),
        name=LText.from_mapping({"fi": club["nimi"], "sv": club.get("namn", "")}),
        summary=LText.from_mapping({"fi": club.get("kuvaus", ""), "sv": ""}),
        area=Area(area_type="limited", municipalities=(club["kunta"],)),
    )


def pending(obj):
    """A club, recognised by its shape; None for anything else."""
    if not isinstance(obj, dict) or not isinstance(obj.get("kerho"), dict):
        return None
    return Pending("service", CODE, str(obj["kerho"].get("id", "")), raw_digest(obj), parse, obj)


class Clubs(Adapter):
    readers = (pending,)


SOURCE = DataSource(code=CODE, label="Kerhorekisteri", adapter=Clubs())


def install():
    register(SOURCE)


def remove():
    unregister(CODE)
