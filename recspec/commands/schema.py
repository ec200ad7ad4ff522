"""`recspec schema [spec|payload] [--target legacy|v2]`: JSON Schema for editors (taplo / Even
Better TOML, VS Code)."""

from __future__ import annotations

import json
from typing import Any

import click


def schema_for(kind: str, target: str = "legacy") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the spec language or of a start body of `target`."""
    if kind == "payload":
        from recspec.dialect.schema import payload_schema

        schema = payload_schema(target)
        title = (
            "ZEGO cloud recording StartRecord body (v2)"
            if target == "v2"
            else "ZEGO cloud recording start payload (legacy)"
        )
    else:
        from recspec.spec.models import Spec

        # Without "required": a spec that `extends` a base may leave any key to the base, and
        # editors must not flag such files; `recspec lint` checks required keys after merging.
        schema = _drop_key(Spec.model_json_schema(), "required")
        schema["description"] = (
            "A recspec recording spec (TOML). Required keys are checked by `recspec lint` "
            "after `extends` is merged."
        )
        title = "recspec spec"
    schema = _drop_nulls(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def _drop_key(node: Any, key: str) -> Any:
    if isinstance(node, dict):
        return {k: _drop_key(v, key) for k, v in node.items() if k != key}
    if isinstance(node, list):
        return [_drop_key(v, key) for v in node]
    return node


def _drop_nulls(node: Any) -> Any:
    """Optional fields may be absent, never null (TOML has no null; payloads reject it).

    So `anyOf: [X, {"type": "null"}]` becomes X and `"default": null` disappears.
    """
    if isinstance(node, list):
        return [_drop_nulls(v) for v in node]
    if not isinstance(node, dict):
        return node
    options = node.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        rest = [o for o in options if o != {"type": "null"}]
        outer = {k: v for k, v in node.items() if k != "anyOf"}
        node = {**rest[0], **outer} if len(rest) == 1 else {**outer, "anyOf": rest}
    return {k: _drop_nulls(v) for k, v in node.items() if not (k == "default" and v is None)}


@click.command("schema")
@click.argument("kind", type=click.Choice(["spec", "payload"]), default="spec")
@click.option(
    "--target",
    type=click.Choice(["legacy", "v2"]),
    default="legacy",
    show_default=True,
    help="payload: the dialect, legacy start or StartRecord (v2).",
)
def command(kind: str, target: str) -> None:
    """Print the JSON Schema of specs (the default) or of request bodies (payload)."""
    click.echo(json.dumps(schema_for(kind, target), indent=2, ensure_ascii=False))
