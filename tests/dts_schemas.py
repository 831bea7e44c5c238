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
    checked: set[str] = set()  # the members (citable units, resources) already validated
    for path in sorted(api.rglob("*.json")):
        count += 1
        document = _unchecked_members(json.loads(path.read_text(encoding="utf-8")), checked)
        for error in checks[endpoint_of(path, api)].iter_errors(document):
            errors.append(f"{path.relative_to(api)}: {error.json_path}: {error.message}")
    return count, errors


def _unchecked_members(document: dict, checked: set[str]) -> dict:
    """Give ``document`` with only the members of its ``member`` list not validated before.

    A novel's navigation responses list the same units hundreds of thousands of times (each
    parent and each ``down`` level repeats its descendants); the schemas check each item of
    ``member`` against one subschema ($ref), whatever the response, with no bound on the list,
    so an item identical to one already validated is valid again and need not be checked twice."""
    members = document.get("member")
    if not isinstance(members, list):
        return document
    fresh = []
    for member in members:
        key = json.dumps(member, sort_keys=True)
        if key not in checked:
            checked.add(key)
            fresh.append(member)
    return {**document, "member": fresh}
