"""The spec reference's data: every TOML key, walked from the pydantic models themselves.

Types, defaults and formats come from the field annotations; the text and the payload field a
key sets come from the field description, whose convention is "what it means -> payload.field".
`[layout]` keys feed the layout engine rather than one payload field, so `LAYOUT_TARGETS` says
where their effect lands. Adding a field to a model adds a row here with no other change.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from recspec.render.escaping import toml_value

#: Where `[layout]` / `[[layout.tile]]` keys land in the payload (their descriptions have no ->).
LAYOUT_TARGETS: dict[str, str] = {
    "preset": "record_input_params.mix_config.mix_mode (and mix_input_list for computed presets)",
    "streams": "mix_input_list[].stream_id (slot order)",
    "focus": "mix_input_list[0] (the big tile); zego-*: mix_max_resolution_stream_id",
    "fit": "mix_input_list[].fill_mode",
    "content_fit": "mix_input_list[0].fill_mode",
    "backgrounds": "mix_input_list[].background_image",
    "tile.stream": "mix_input_list[].stream_id",
    "tile.layer": "mix_input_list[].layer",
    "tile.fit": "mix_input_list[].fill_mode",
    "tile.background": "mix_input_list[].background_image",
    "tile.whiteboard": "mix_input_list[].view_type = 2",
}
LAYOUT_GEOMETRY = "mix_input_list[] top/left/bottom/right (computed)"

#: Formats of `[layout]` keys that are plain ints or strings in the model.
LAYOUT_FORMATS: dict[str, str] = {
    "gap": "pixels",
    "margin": "pixels",
    "overlay_margin": "pixels",
    "tile_aspect": '"W:H" such as "16:9"',
}


def _unit_formats() -> list[tuple[Any, str]]:
    """(annotation marker, format text) pairs for the spec's unit types."""
    from recspec.layout.spec import Coordinate, Length
    from recspec.spec import models

    def marker(alias: Any) -> Any:
        return typing.get_args(alias)[1]

    return [
        (marker(models.Resolution), '"720p", "1080p", ... or "WIDTHxHEIGHT" (pixels)'),
        (marker(models.Bitrate), '"1.5Mbps", "800kbps", or an integer (bits per second)'),
        (marker(models.Duration), '"90s", "5m", "1h30m", or an integer (seconds)'),
        (marker(models.Color), '"#RRGGBB"'),
        (marker(models.Ratio), '"W:H" such as "16:9"'),
        (marker(models.IntId), 'integer, or a string of digits ("${env:NAME}")'),
        (Length, 'pixels (int), a fraction (0.25) or a percentage ("25%")'),
        (Coordinate, 'pixels (int) or a percentage of the canvas axis ("50%")'),
    ]


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        optional = len(args) != len(typing.get_args(annotation))
        if len(args) == 1:
            return args[0], optional
        return Union[tuple(args)], optional  # noqa: UP007 - rebuilding a runtime union
    return annotation, False


def type_name(annotation: Any) -> str:
    """A reader's name for a TOML value type."""
    annotation, _ = _strip_optional(annotation)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin is Literal:
        return "one of " + ", ".join(toml_value(arg) for arg in args)
    if origin in (Union, types.UnionType):
        return " or ".join(type_name(arg) for arg in args)
    if origin is list:
        return f"array of {_plural(type_name(args[0]))}"
    if origin is dict:
        return f"table of {_plural(type_name(args[1]))}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "table"
    names = {str: "string", int: "integer", float: "float", bool: "boolean"}
    return names.get(annotation, "any value") if isinstance(annotation, type) else "any value"


def _plural(name: str) -> str:
    if name == "any value":
        return "any values"
    if name == "table":
        return "tables"
    return name + "s" if name.isalpha() else name


def _markers(field: FieldInfo) -> list[Any]:
    found: list[Any] = [field.annotation, *field.metadata]
    stack = [field.annotation]
    while stack:
        node = stack.pop()
        for arg in typing.get_args(node):
            found.append(arg)
            stack.append(arg)
    return found


def format_of(field: FieldInfo) -> str:
    """The unit or format a key's value is written in, or "" for plain values."""
    markers = _markers(field)
    for marker, text in _unit_formats():
        if any(_same(marker, found) for found in markers):
            return text
    return ""


def _same(left: Any, right: Any) -> bool:
    try:
        return bool(left == right)
    except Exception:  # exotic annotations may refuse comparison
        return False


def default_of(field: FieldInfo) -> tuple[str, str]:
    """(kind, TOML text): kind is "value", "required", "unset" (ZEGO's default applies) or
    "table" (an optional table whose keys have their own defaults)."""
    if field.is_required():
        return "required", ""
    if field.default_factory is not None:
        value = field.default_factory()  # type: ignore[call-arg]
        if isinstance(value, BaseModel):
            return "table", ""
        return "value", toml_value(value)
    if field.default is None:
        return "unset", ""
    return "value", toml_value(field.default)


def split_description(text: str) -> tuple[str, str]:
    """("what it means", "payload.field") from "what it means -> payload.field"."""
    meaning, arrow, target = text.rpartition("->")
    if not arrow:
        return text.strip(), ""
    return meaning.strip(), target.strip()


def _model_of(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The nested model of a field (and whether it is an array of tables)."""
    annotation, _ = _strip_optional(annotation)
    if typing.get_origin(annotation) is list:
        inner = typing.get_args(annotation)[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner, True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def _row(table: str, key: str, field: FieldInfo, layout_path: str | None) -> dict[str, str]:
    meaning, target = split_description(field.description or "")
    if not target and layout_path is not None:
        target = LAYOUT_TARGETS.get(layout_path, LAYOUT_GEOMETRY)
    path = f"{table}.{key}" if table else key
    default_kind, default = default_of(field)
    unit = format_of(field)
    if not unit and layout_path is not None:
        unit = LAYOUT_FORMATS.get(layout_path, "")
    return {
        "key": key,
        "path": path,
        "anchor": "key-" + path.replace(".", "-").replace("[", "").replace("]", ""),
        "type": type_name(field.annotation),
        "format": unit,
        "default": default,
        "default_kind": default_kind,
        "payload": target,
        "doc": meaning,
    }


def reference() -> list[dict[str, Any]]:
    """Sections in model order: top-level keys, then one per table (nested tables after)."""
    from recspec.spec.models import Spec

    top: dict[str, Any] = {
        "table": "",
        "anchor": "top-level",
        "title": "Top level",
        "header": "",
        "doc": Spec.__doc__ or "",
        "keys": [],
    }
    sections = [top]
    for key, field in Spec.model_fields.items():
        model, _ = _model_of(field.annotation)
        top["keys"].append(_row("", key, field, None))
        if model is not None:
            sections.extend(_sections(key, model, field, array=False, layout=key == "layout"))
    return sections


def _sections(
    table: str, model: type[BaseModel], parent: FieldInfo, *, array: bool, layout: bool
) -> list[dict[str, Any]]:
    header = f"[[{table}]]" if array else f"[{table}]"
    path = f"{table}[]" if array else table
    doc = (model.__doc__ or "").strip()
    section: dict[str, Any] = {
        "table": path,
        "anchor": table.replace(".", "-"),
        "title": header,
        "header": header,
        "doc": doc or (parent.description or ""),
        "keys": [],
    }
    found = [section]
    for key, field in model.model_fields.items():
        layout_path = None
        if layout:
            layout_path = f"{table.split('.', 1)[1]}.{key}" if "." in table else key
        section["keys"].append(_row(path, key, field, layout_path))
        nested, is_array = _model_of(field.annotation)
        if nested is not None:
            found.extend(_sections(f"{table}.{key}", nested, field, array=is_array, layout=layout))
    return found


def all_paths() -> list[str]:
    """Every documented key path, e.g. "room.id", "layout.tile[].stream" (for tests)."""
    return [row["path"] for section in reference() for row in section["keys"]]
