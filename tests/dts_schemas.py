"""The JSON Schemas of the DTS community's validator (../shared/schemas/dts) and a check of a
built API against them: every response file, by the endpoint it answers."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import SHARED

SCHEMAS = SHARED / "schemas" / "dts"


def validators() -> dict[str, object]:
    """Give a validator per endpoint (entry, collection, navigation), the schemas' references
    (resource, citable unit) resolved among the validator's own files."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in SCHEMAS.glob("*.schema.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items())
    registry = registry.with_resources((schema["$id"], Resource.from_contents(schema)) for schema in schemas.values())
    return {endpoint: Draft202012Validator(schemas[f"{endpoint}_response.schema.json"], registry=registry)
            for endpoint in ("entry", "collection", "navigation")}


def endpoint_of(path: Path, api: Path) -> str:
    """Give the endpoint a response file of the API answers (by its folder)."""
    first = path.relative_to(api).parts[0]
    return "entry" if first == "index.json" else first.split(";")[0].removesuffix(".json")


def invalid_responses(api: Path) -> tuple[int, list[str]]:
    """Give the number of JSON responses under ``api`` and the errors of those that are invalid."""
    checks = validators()
    errors, count = [], 0
    for path in sorted(api.rglob("*.json")):
        count += 1
        document = json.loads(path.read_text(encoding="utf-8"))
        for error in checks[endpoint_of(path, api)].iter_errors(document):
            errors.append(f"{path.relative_to(api)}: {error.json_path}: {error.message}")
    return count, errors
