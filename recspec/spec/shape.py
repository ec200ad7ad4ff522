"""The spec models' shape as plain data, and a validator that needs no pydantic for clean specs.

Importing pydantic and building the spec models costs ~60 ms, half of `recspec compile`'s
start-up, while validating one spec with them costs ~12 µs. So the models' shape (types,
literals, unit checks, defaults) is exported into the generated, committed `_shape.py`
(regenerate with `python -m recspec.spec.shape`; a staleness test checks it), and
`fast_validate` checks a spec against it. It only ever *accepts*: for a spec that is not
plainly valid it returns None and the loader asks pydantic, whose errors say what is wrong.
So the models stay the one source of truth for what is valid and for every message.

A valid spec becomes a tree of `SpecNode`s: attribute access like the models (`spec.video.fps`,
defaults filled in), equal to `SpecNode.of(Spec.model_validate(data))` (tested).
"""

from __future__ import annotations

import pprint
import types
import typing
from pathlib import Path
from typing import Any

from recspec.spec import units

Shape = Any  # a tuple: (kind, ...) - see `_shape_of`
_INVALID: Any = object()


class SpecNode(types.SimpleNamespace):
    """A validated spec table: attributes as on the pydantic model, defaults included."""

    @classmethod
    def of(cls, value: Any) -> Any:
        """A pydantic model (tree) as `SpecNode`s: what `fast_validate` returns for it."""
        if hasattr(type(value), "model_fields"):
            return cls(**{name: cls.of(getattr(value, name)) for name in type(value).model_fields})
        if isinstance(value, list):
            return [cls.of(item) for item in value]
        if isinstance(value, dict):
            return {key: cls.of(item) for key, item in value.items()}
        return value


# --- generation (imports pydantic; runs only for `python -m recspec.spec.shape` and tests) ---


def _shape_of(annotation: Any) -> Shape:
    """One annotation as data: ("str",) ("int",) ("float",) ("bool",) ("any",) ("none",)
    ("literal", values) ("list", item) ("dict", value) ("union", options) ("model", fields)
    ("check", units parser name, inner) ("before", units function name, inner)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *metadata = typing.get_args(annotation)
        shape = _shape_of(inner)
        for item in metadata:
            kind = type(item).__name__
            if kind == "AfterValidator":
                shape = ("check", _unit_name(item.func), shape)
            elif kind == "BeforeValidator":
                shape = ("before", _unit_name(item.func), shape)
            elif kind != "WithJsonSchema":
                raise TypeError(f"no shape for metadata {item!r}")
        return shape
    if origin in (typing.Union, types.UnionType):
        return ("union", tuple(_shape_of(option) for option in typing.get_args(annotation)))
    if origin is typing.Literal:
        return ("literal", typing.get_args(annotation))
    if origin is list:
        return ("list", _shape_of(typing.get_args(annotation)[0]))
    if origin is dict:
        key, value = typing.get_args(annotation)
        if key is not str:
            raise TypeError(f"no shape for {annotation!r}")
        return ("dict", _shape_of(value))
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return model_shape(annotation)
    simple = {str: "str", int: "int", float: "float", bool: "bool", Any: "any", type(None): "none"}
    if annotation in simple:
        return (simple[annotation],)
    raise TypeError(f"no shape for {annotation!r}")


def _unit_name(func: Any) -> str:
    """The `recspec.spec.units` function a validator runs (directly or through `checked`)."""
    target = func
    for cell in func.__closure__ or ():
        if callable(cell.cell_contents):
            target = cell.cell_contents
    name = str(target.__name__)
    if getattr(units, name, None) is not target:
        raise TypeError(f"validator {name} is not a recspec.spec.units function")
    return name


def model_shape(model: Any) -> Shape:
    """("model", {field: (shape, default)}): default is REQUIRED, a value, or a model shape."""
    config = model.model_config
    if config.get("extra") != "forbid" or not config.get("strict"):
        raise TypeError(f"{model.__name__} must be strict with extra='forbid'")
    fields: dict[str, tuple[Shape, Any]] = {}
    for name, info in model.model_fields.items():
        if info.alias or info.validation_alias:
            raise TypeError(f"{model.__name__}.{name}: aliases are not supported")
        shape = _shape_of(info.rebuild_annotation())
        if info.is_required():
            default: Any = "REQUIRED"
        else:
            value = info.get_default(call_default_factory=True)
            default = (
                model_shape(type(value)) if hasattr(type(value), "model_fields") else ("=", value)
            )
        fields[name] = (shape, default)
    return ("model", fields)


def generated_source() -> str:
    """The text of `_shape.py` for the current models."""
    from recspec.spec.models import Spec

    body = pprint.pformat(model_shape(Spec), width=100, sort_dicts=False)
    return (
        '"""Generated by `python -m recspec.spec.shape` from recspec.spec.models; do not edit."""\n\n'
        "from typing import Any\n\n"
        f"SPEC: Any = {body}\n"
    )


# --- validation (no pydantic) ---


def fast_validate(data: Any) -> Any:
    """`data` as a `SpecNode` tree when it is valid by the models' shape, else None.

    Never more lenient than pydantic's strict validation; when in doubt it says None.
    """
    from recspec.spec._shape import SPEC

    result = _value(SPEC, data)
    return None if result is _INVALID else result


def _value(shape: Shape, value: Any) -> Any:
    kind = shape[0]
    if kind == "str":
        return value if type(value) is str else _INVALID
    if kind == "int":
        return value if type(value) is int else _INVALID
    if kind == "bool":
        return value if type(value) is bool else _INVALID
    if kind == "float":
        return value if type(value) is float else _INVALID
    if kind == "model":
        return _model(shape[1], value)
    if kind == "union":
        for option in shape[1]:
            result = _value(option, value)
            if result is not _INVALID:
                return result
        return _INVALID
    if kind == "literal":  # exact type too: True is not the literal 1
        return value if any(type(value) is type(v) and value == v for v in shape[1]) else _INVALID
    if kind == "list":
        if type(value) is not list:
            return _INVALID
        items = [_value(shape[1], item) for item in value]
        return _INVALID if any(item is _INVALID for item in items) else items
    if kind == "dict":
        if type(value) is not dict or any(type(key) is not str for key in value):
            return _INVALID
        entries = {key: _value(shape[1], item) for key, item in value.items()}
        return _INVALID if any(item is _INVALID for item in entries.values()) else entries
    if kind == "check":
        result = _value(shape[2], value)
        if result is _INVALID:
            return _INVALID
        try:
            getattr(units, shape[1])(result)
        except (ValueError, TypeError, OverflowError):
            return _INVALID
        return result
    if kind == "before":
        return _value(shape[2], getattr(units, shape[1])(value))
    if kind == "any":
        return value
    return _INVALID  # "none": TOML has no null, and an unknown kind is never accepted


def _model(fields: dict[str, tuple[Shape, Any]], value: Any) -> Any:
    if type(value) is not dict or not value.keys() <= fields.keys():
        return _INVALID
    attributes: dict[str, Any] = {}
    for name, (shape, default) in fields.items():
        if name in value:
            result = _value(shape, value[name])
            if result is _INVALID:
                return _INVALID
            attributes[name] = result
        elif default == "REQUIRED":
            return _INVALID
        elif default[0] == "model":
            attributes[name] = _model(default[1], {})
        else:
            attributes[name] = _fresh(default[1])
    return SpecNode(**attributes)


def _fresh(value: Any) -> Any:
    """A default's own copy (a default list must not be shared between specs)."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def main() -> None:
    """Regenerate `_shape.py` next to this module."""
    target = Path(__file__).with_name("_shape.py")
    target.write_text(generated_source(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
