"""`recspec schema [spec|payload]`: JSON Schema for editors (taplo / Even Better TOML, VS Code)."""

from __future__ import annotations

import json
from typing import Any

import click


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the spec language or of the legacy start payload."""
    if kind == "payload":
        from recspec.payload.legacy import StartPayload

        schema = StartPayload.model_json_schema()
        title = "ZEGO cloud recording start payload (legacy)"
    else:
        from recspec.spec.models import Spec

        schema = Spec.model_json_schema()
        title = "recspec spec"
    schema = _drop_null_defaults(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def _drop_null_defaults(node: Any) -> Any:
    """`"default": null` on optional fields only confuses editors: the key is simply absent."""
    if isinstance(node, dict):
        return {k: _drop_null_defaults(v) for k, v in node.items() if not (k == "default" and v is None)}
    if isinstance(node, list):
        return [_drop_null_defaults(v) for v in node]
    return node


@click.command("schema")
@click.argument("kind", type=click.Choice(["spec", "payload"]), default="spec")
def command(kind: str) -> None:
    """Print the JSON Schema of KIND (spec, the default, or payload)."""
    click.echo(json.dumps(schema_for(kind), indent=2, ensure_ascii=False))
