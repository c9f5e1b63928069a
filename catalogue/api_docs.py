"""The open data's documentation for people: /api/ explains the two APIs (the catalogue's
JSON API and the HSDS feed) with examples and the licence, in Finnish, Swedish or English
(``?lang=``, else the browser's language); /api/v1/reference/ and /api/hsds/reference/ draw
the two OpenAPI documents as HTML on the server. Nothing is loaded from another site."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.i18n import language_codes

HSDS_OPENAPI = Path(__file__).parent / "hsds" / "schema" / "openapi.json"
METHODS = ("get", "post", "put", "patch", "delete")


def _offer_in_every_language(request):
    """The page's address in each site language, for the language switcher and hreflang."""
    request.language_urls = {code: f"{request.path}?lang={code}" for code in language_codes()}


@require_safe
def overview(request):
    _offer_in_every_language(request)
    base = request.build_absolute_uri("/")[:-1]
    return render(
        request,
        "catalogue/api/overview.html",
        {
            "base": base,
            "v1_openapi": reverse("api-v1:openapi-json"),
            "licence": settings.OPEN_DATA_LICENCE,
        },
    )


def _resolve(document, item):
    """An object with its ``$ref`` (within the document) followed."""
    seen = 0
    while isinstance(item, dict) and "$ref" in item and seen < 10:
        reference = item["$ref"]
        if not reference.startswith("#/"):
            return {"external": reference}
        item = document
        for part in reference[2:].split("/"):
            item = item.get(part, {}) if isinstance(item, dict) else {}
        seen += 1
    return item


def _type(schema):
    if not isinstance(schema, dict):
        return ""
    if "anyOf" in schema:
        return " | ".join(filter(None, (_type(option) for option in schema["anyOf"])))
    kind = schema.get("type", "")
    if kind == "array":
        return f"array of {_type(schema.get('items', {})) or 'values'}"
    if "enum" in schema:
        return f"{kind}: " + ", ".join(str(value) for value in schema["enum"])
    return str(kind)


def operations(document):
    """[{path, method, summary, description, parameters, responses}] of an OpenAPI document,
    with its references followed."""
    found = []
    for path, item in document.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = []
            for parameter in [*shared, *operation.get("parameters", [])]:
                parameter = _resolve(document, parameter)
                schema = _resolve(document, parameter.get("schema", {}))
                parameters.append(
                    {
                        "name": parameter.get("name", ""),
                        "where": parameter.get("in", ""),
                        "required": bool(parameter.get("required")),
                        "type": _type(schema),
                        "description": parameter.get("description")
                        or schema.get("description", ""),
                    }
                )
            responses = [
                (code, _resolve(document, response).get("description", ""))
                for code, response in operation.get("responses", {}).items()
            ]
            found.append(
                {
                    "anchor": f"{method}-{path}".replace("/", "-")
                    .replace("{", "")
                    .replace("}", ""),
                    "path": path,
                    "method": method.upper(),
                    "summary": operation.get("summary", ""),
                    "description": ""
                    if operation.get("description") == operation.get("summary")
                    else operation.get("description", ""),
                    "parameters": parameters,
                    "responses": responses,
                }
            )
    return found


@cache
def hsds_document():
    return json.loads(HSDS_OPENAPI.read_text(encoding="utf-8"))


def v1_document():
    from .api import api

    return api.get_openapi_schema(path_prefix="/api/v1/")


@require_safe
def reference(request, which):
    if which == "v1":
        document = v1_document()
        title = document.get("info", {}).get("title", "")
        description = document.get("info", {}).get("description", "")
        machine = reverse("api-v1:openapi-json")
        base = ""
    else:
        # Open Referral's own document: its info is a template's, so ours is said here.
        document = hsds_document()
        title = "HSDS 3.0"
        description = ""
        machine = ""
        base = "/api/hsds"
    _offer_in_every_language(request)
    return render(
        request,
        "catalogue/api/reference.html",
        {
            "which": which,
            "title": title,
            "description": description,
            "version": document.get("info", {}).get("version", ""),
            "operations": operations(document),
            "base": base,
            "machine": machine,
        },
    )
