"""The payload's shape as plain data, and a fast walker that checks a document against it.

The pydantic models in `recspec.payload.models` are the single source of truth. Building them
costs ~60 ms of start-up (pydantic import plus model construction), which the pre-commit case
cannot afford, so their shape (field order, types, requiredness, enum codes) is exported once
into `recspec/payload/_shape.py` — a generated, committed data module with a staleness test, as
flake8 and ruff do for generated files. Regenerate with `python -m recspec.payload.shape`.

`structure_errors(doc)` walks a document against that shape and reports what strict pydantic
validation would: missing, unknown, wrong type (bools are not ints, null is not a value), enum
codes, Int64 overflow, and fields or codes of the other dialect (`dialect`, `dialect-value`).
`canonical(doc)` reorders a valid document into the models' field order.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from typing import Any

from recspec.values import Value

Shape = dict[str, Any]
Loc = tuple[str | int, ...]

INT64 = (-(2**63), 2**63 - 1)
_KINDS = {int: "int", str: "str", bool: "bool"}


class StructureError(Value):
    """One structural problem: `kind` is missing | unknown | type | enum | overflow | dialect |
    dialect-value (a field or code that only the other dialect has)."""

    __slots__ = ("allowed", "expected", "kind", "known", "loc", "value")

    def __init__(
        self,
        kind: str,
        loc: Loc,
        expected: str = "",
        value: Any = None,
        known: tuple[str, ...] = (),
        allowed: tuple[tuple[Any, str], ...] = (),
    ) -> None:
        self.kind = kind
        self.loc = loc
        self.expected = expected
        self.value = value
        self.known = known
        self.allowed = allowed


def _shape_of(annotation: Any) -> Shape:
    """Introspect one field annotation of the pydantic models into plain data."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        args = typing.get_args(annotation)
        inner = _shape_of(args[0])
        if inner.get("type") == "int" and any(
            getattr(m, "le", None) == INT64[1] for m in _metadata(args)
        ):
            inner["int64"] = True
        return inner
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _shape_of(options[0])
    if origin is list:
        return {"type": "array", "items": _shape_of(typing.get_args(annotation)[0])}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        kind = "int" if issubclass(annotation, int) else "str"
        return {
            "type": kind,
            "enum": {m.value: m.name.lower().replace("_", " ") for m in annotation},
        }
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return model_shape(annotation)
    if annotation in _KINDS:
        return {"type": _KINDS[annotation]}
    raise TypeError(f"no shape for {annotation!r}")


def _metadata(args: tuple[Any, ...]) -> list[Any]:
    found: list[Any] = []
    for item in args[1:]:
        found.append(item)
        found.extend(getattr(item, "metadata", []))
    return found


def model_shape(model: Any) -> Shape:
    """The shape of a pydantic model class: fields in declaration order."""
    fields: dict[str, Shape] = {}
    for name, info in model.model_fields.items():
        shape = _shape_of(
            info.rebuild_annotation() if hasattr(info, "rebuild_annotation") else info.annotation
        )
        if info.is_required():
            shape["required"] = True
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        for mark, key in (("x-only", "only"), ("x-v2", "v2"), ("x-v2-values", "v2_values")):
            if mark in extra:
                shape[key] = extra[mark]
        fields[name] = shape
    return {"type": "object", "fields": fields}


def generated_source() -> str:
    """The text of `_shape.py` for the current models."""
    from recspec.generated import module_source
    from recspec.payload.models import StartPayload

    return module_source(
        "python -m recspec.payload.shape",
        "recspec.payload.models",
        "SHAPE",
        model_shape(StartPayload),
    )


_MISSING: Any = object()


def _type_ok(kind: str, value: Any) -> bool:
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "str":
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    return isinstance(value, dict)


_EXPECTED = {
    "int": "an integer",
    "str": "a string",
    "bool": "a boolean",
    "array": "an array",
    "object": "an object",
}


class _Node(Value):
    """One shape node prepared for the walker: lookups done once instead of per visited value."""

    __slots__ = (
        "enum",
        "exact",
        "fields",
        "foreign",
        "foreign_codes",
        "int64",
        "items",
        "kind",
        "names",
        "plain",
        "required",
    )

    def __init__(
        self,
        kind: str,
        required: bool,
        enum: dict[Any, str] | None,
        foreign_codes: frozenset[Any],
        int64: bool,
        plain: type | None,
        items: _Node | None,
        fields: tuple[tuple[str, _Node, type | None, dict[Any, str] | None, bool], ...],
        names: frozenset[str],
        foreign: frozenset[str],
        exact: type[Any],
    ) -> None:
        self.kind = kind
        self.required = required
        #: the codes this dialect accepts, and the codes only the other dialect accepts
        self.enum = enum
        self.foreign_codes = foreign_codes
        self.int64 = int64
        #: the exact Python type of a plain value that needs no further check (None: always check)
        self.plain = plain
        self.items = items
        #: per field: its name, node, and what the walker reads of it (plain type, enum,
        #: required), unpacked in its loop instead of read as attributes (~60 fields a document)
        self.fields = fields
        self.names = names
        #: fields that only the other dialect has
        self.foreign = foreign
        #: the Python type a value of this kind has when read from JSON or TOML (a fast check)
        self.exact = exact


_PLAIN = {"int": int, "str": str, "bool": bool}
_EXACT = {**_PLAIN, "array": list, "object": dict}


def _prepare(shape: Shape, dialect: str = "legacy") -> _Node:
    """The walker's tree for one dialect ("legacy" or "v2") of the canonical shape."""
    kind = shape["type"]
    int64 = bool(shape.get("int64"))
    mine = {
        name: field
        for name, field in shape.get("fields", {}).items()
        if field.get("only", dialect) == dialect
    }
    nodes = [(name, _prepare(field, dialect)) for name, field in mine.items()]
    fields = tuple((name, node, node.plain, node.enum, node.required) for name, node in nodes)
    enum = shape.get("enum")
    foreign_codes: frozenset[Any] = frozenset()
    if enum is not None and dialect != "v2" and shape.get("v2_values"):
        foreign_codes = frozenset(shape["v2_values"])
        enum = {code: name for code, name in enum.items() if code not in foreign_codes}
    return _Node(
        kind=kind,
        required=bool(shape.get("required")),
        enum=enum,
        foreign_codes=foreign_codes,
        int64=int64,
        plain=None if int64 else _PLAIN.get(kind),
        items=_prepare(shape["items"], dialect) if "items" in shape else None,
        fields=fields,
        names=frozenset(mine),
        foreign=frozenset(shape.get("fields", {})) - frozenset(mine),
        exact=_EXACT[kind],
    )


@functools.cache
def _payload_tree(dialect: str = "legacy") -> _Node:
    from recspec.payload._shape import SHAPE

    return _prepare(SHAPE, dialect)


def structure_errors(
    doc: Any, shape: Shape | None = None, dialect: str = "legacy"
) -> list[StructureError]:
    """Every structural problem of canonical `doc` as a body of `dialect`, depth first.

    The walk recurses only as deep as the shape (six levels), whatever the document holds.
    """
    errors: list[StructureError] = []
    tree = _payload_tree(dialect) if shape is None else _prepare(shape, dialect)
    _walk(tree, doc, (), errors)
    return errors


def _walk(node: _Node, value: Any, loc: Loc, errors: list[StructureError]) -> None:
    kind = node.kind
    if type(value) is not node.exact and (value is None or not _type_ok(kind, value)):
        errors.append(StructureError("type", loc, _EXPECTED[kind], value))
    elif kind == "object":  # first: most visited containers are objects
        # Missing fields, then unknown keys, then the present fields' own problems in field
        # order. A plain scalar of exactly the right type (most of a document) is fine as is.
        to_walk: list[tuple[str, _Node, Any]] = []
        for name, field, plain, enum, required in node.fields:
            item = value.get(name, _MISSING)
            if item is _MISSING:
                if required:
                    errors.append(StructureError("missing", (*loc, name)))
            elif type(item) is not plain or (enum is not None and item not in enum):
                to_walk.append((name, field, item))
        if not value.keys() <= node.names:
            known = tuple(name for name, *_ in node.fields)
            for name in value:
                if name in node.foreign:
                    errors.append(StructureError("dialect", (*loc, name)))
                elif name not in node.names:
                    errors.append(StructureError("unknown", (*loc, name), known=known))
        for name, field, item in to_walk:
            _walk(field, item, (*loc, name), errors)
    elif node.items is not None:
        for index, item in enumerate(value):
            _walk(node.items, item, (*loc, index), errors)
    elif node.enum is not None:
        if value not in node.enum:
            kind = "dialect-value" if value in node.foreign_codes else "enum"
            allowed = tuple(node.enum.items())
            errors.append(StructureError(kind, loc, value=value, allowed=allowed))
    elif node.int64 and not INT64[0] <= value <= INT64[1]:
        errors.append(StructureError("overflow", loc, value=value))


def canonical(doc: dict[str, Any], shape: Shape | None = None) -> dict[str, Any]:
    """A copy of a structurally valid `doc` with keys in the models' (the reference's) order."""
    if shape is None:
        from recspec.payload._shape import SHAPE

        shape = SHAPE

    def order(node_shape: Shape, value: Any) -> Any:
        if node_shape["type"] == "object" and isinstance(value, dict):
            fields = node_shape["fields"]
            known = {k: order(fields[k], value[k]) for k in fields if k in value}
            return known | {k: v for k, v in value.items() if k not in fields}
        if node_shape["type"] == "array" and isinstance(value, list):
            return [order(node_shape["items"], item) for item in value]
        return value

    result: dict[str, Any] = order(shape, doc)
    return result


def main() -> None:
    """Regenerate `_shape.py` next to this module."""
    from pathlib import Path

    from recspec.generated import write_module

    write_module(Path(__file__).with_name("_shape.py"), generated_source())


if __name__ == "__main__":
    main()
