"""Validators for the official HSDS 3.0 schemas vendored in catalogue/hsds/schema."""

import gzip
import json
from functools import cache
from pathlib import Path

import jsonschema_rs

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "catalogue" / "hsds" / "schema"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


def _load(name):
    path = SCHEMA_DIR / name
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return json.load(handle)
    return json.loads(path.read_text(encoding="utf-8"))


def _retrieve(uri):
    if not uri.startswith(BASE):
        raise ValueError(f"not a vendored HSDS schema: {uri}")
    return _load(uri[len(BASE) :])


@cache
def validator(name):
    """A validator for one vendored schema, e.g. "compiled/service.json.gz"; formats (uuid,
    date-time, email, uri) are checked too."""
    schema = _load(name)
    return jsonschema_rs.validator_for(
        schema,
        validate_formats=True,
        retriever=_retrieve,
        base_uri=BASE + name.removesuffix(".gz"),
    )


@cache
def page_validator():
    """HSDS's paging envelope (openapi.json components.schemas.Page), every field required."""
    page = _load("openapi.json")["components"]["schemas"]["Page"]
    schema = {
        **page,
        "required": [*page["properties"], "contents"],
        "properties": {**page["properties"], "contents": {"type": "array"}},
    }
    return jsonschema_rs.validator_for(schema)


def errors(name, document):
    return [
        f"{error.instance_path}: {error.message}" for error in validator(name).iter_errors(document)
    ]
