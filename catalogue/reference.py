"""Reference code lists shipped with the project (catalogue/data/codes)."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings

from core.i18n import Translated, default_field, fields_of, language_codes

CODES_DIR = Path(__file__).resolve().parent / "data" / "codes"

CLASSIFICATION_FILES = {
    "service_class": "service_classes.json",
    "target_group": "target_groups.json",
    "life_event": "life_events.json",
}


@cache
def load(name):
    with open(CODES_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def names_by_language(entries):
    return {entry["language"]: entry["value"] for entry in entries if entry.get("value")}


@cache
def county_municipalities():
    """Wellbeing services county code → its municipality codes."""
    return {
        county["code"]: tuple(county["municipalities"])
        for county in load("wellbeing_services_counties.json")
    }


def configured_scope():
    """The catalogue's scope from settings: {"municipalities": [codes], "county": code or ""}.
    CATALOGUE_MUNICIPALITIES wins over CATALOGUE_COUNTY; ValueError for an unknown county."""
    if settings.CATALOGUE_MUNICIPALITIES:
        return {"municipalities": list(settings.CATALOGUE_MUNICIPALITIES), "county": ""}
    county = settings.CATALOGUE_COUNTY
    if county not in county_municipalities():
        raise ValueError(f"unknown wellbeing services county code {county!r}")
    return {"municipalities": list(county_municipalities()[county]), "county": county}


@cache
def county_names():
    return {county["code"]: county["names"] for county in load("wellbeing_services_counties.json")}


@cache
def municipality_names():
    return {
        item["code"]: names_by_language(item["names"]) for item in load("ptv-municipalities.json")
    }


@cache
def classification_codes(kind):
    """code → uri for one of the PTV code lists."""
    return {entry["code"]: entry["uri"] for entry in load(CLASSIFICATION_FILES[kind])}


def ensure_code_lists(Municipality, Classification):
    """Create the municipalities and PTV classifications that are missing (models are passed
    in so that data migrations can use their historical versions). Returns rows created."""
    created = 0
    existing = set(Municipality.objects.values_list("code", flat=True))
    new = []
    for code, names in municipality_names().items():
        if code in existing:
            continue
        texts = Translated(names)  # a language missing: another's name stands in
        fields = {f"name_{code}": texts.get(code) for code in language_codes()}
        name = fields[default_field("name")]
        new.append(Municipality(code=code, name=name, **fields_of(Municipality, fields)))
    Municipality.objects.bulk_create(new)
    created += len(new)

    for kind, filename in CLASSIFICATION_FILES.items():
        entries = load(filename)
        existing = set(Classification.objects.filter(kind=kind).values_list("code", flat=True))
        new = [
            Classification(
                kind=kind,
                code=entry["code"],
                uri=entry["uri"],
                name=entry["names"].get(settings.LANGUAGE_CODE, ""),
                **fields_of(
                    Classification,
                    {f"name_{code}": entry["names"].get(code, "") for code in language_codes()},
                ),
            )
            for entry in entries
            if entry["code"] not in existing
        ]
        Classification.objects.bulk_create(new)
        created += len(new)
        by_code = dict(Classification.objects.filter(kind=kind).values_list("code", "pk"))
        for entry in entries:
            if entry.get("parent") and entry["parent"] in by_code:
                Classification.objects.filter(kind=kind, code=entry["code"]).update(
                    parent_id=by_code[entry["parent"]]
                )
    return created
