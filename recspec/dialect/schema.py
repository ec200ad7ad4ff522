"""The JSON Schema of a start body in either dialect, derived from the canonical models.

Editors complete and check a body against it (VS Code `json.schemas`, `$schema`). The canonical
schema carries the dialect marks (`x-only`, `x-v2`, `x-v2-values`); each dialect's schema keeps
only its own fields and codes, under its own names, with the marks removed.
"""

from __future__ import annotations

from typing import Any

from recspec.dialect.names import native_message, pascal


def payload_schema(dialect: str) -> dict[str, Any]:
    """The pydantic JSON Schema of `StartPayload`, as a body of `dialect`."""
    from recspec.payload.models import StartPayload

    schema = StartPayload.model_json_schema()
    foreign_codes = _foreign_codes(schema) if dialect != "v2" else {}
    for name, codes in foreign_codes.items():
        enum_def = schema["$defs"][name]
        enum_def["enum"] = [code for code in enum_def["enum"] if code not in codes]
    result: dict[str, Any] = _convert(schema, dialect)
    _prune_definitions(result)
    return result


def _prune_definitions(schema: dict[str, Any]) -> None:
    """Drop `$defs` that no kept field refers to (the other dialect's objects)."""
    import json

    defs = schema.get("$defs", {})
    reachable: set[str] = set()
    todo = [json.dumps({k: v for k, v in schema.items() if k != "$defs"})]
    while todo:
        text = todo.pop()
        for name in defs:
            if name not in reachable and f'"#/$defs/{name}"' in text:
                reachable.add(name)
                todo.append(json.dumps(defs[name]))
    schema["$defs"] = {name: body for name, body in defs.items() if name in reachable}


def _foreign_codes(schema: dict[str, Any]) -> dict[str, set[Any]]:
    """Enum definitions ($defs name) and the codes only v2 accepts in them."""
    found: dict[str, set[Any]] = {}
    for model in schema["$defs"].values():
        for prop in model.get("properties", {}).values():
            codes = prop.get("x-v2-values")
            ref = _ref_of(prop)
            if codes and ref:
                found.setdefault(ref, set()).update(codes)
    return found


def _ref_of(prop: dict[str, Any]) -> str | None:
    options = [prop, *prop.get("anyOf", []), *prop.get("allOf", [])]
    for option in options:
        ref = option.get("$ref")
        if isinstance(ref, str):
            return ref.rsplit("/", 1)[-1]
    return None


def _convert(node: Any, dialect: str) -> Any:
    if isinstance(node, list):
        return [_convert(item, dialect) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key.startswith("x-"):
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {
                _name(name, prop, dialect): _convert(prop, dialect)
                for name, prop in value.items()
                if prop.get("x-only", dialect) == dialect
            }
        elif key == "required" and isinstance(value, list):
            props = node.get("properties", {})
            out[key] = [
                _name(name, props.get(name, {}), dialect)
                for name in value
                if props.get(name, {}).get("x-only", dialect) == dialect
            ]
        elif key == "description" and isinstance(value, str):
            out[key] = native_message(value, "", dialect)
        else:
            out[key] = _convert(value, dialect)
    return out


def _name(name: str, prop: dict[str, Any], dialect: str) -> str:
    if dialect != "v2":
        return name
    v2 = prop.get("x-v2")
    return v2 if isinstance(v2, str) else pascal(name)
