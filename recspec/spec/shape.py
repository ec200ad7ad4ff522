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

import functools
import types
import typing
from collections.abc import Callable
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
    from recspec.generated import module_source
    from recspec.spec.models import Spec

    return module_source(
        "python -m recspec.spec.shape", "recspec.spec.models", "SPEC", model_shape(Spec)
    )


# --- validation (no pydantic) ---


def fast_validate(data: Any) -> Any:
    """`data` as a `SpecNode` tree when it is valid by the models' shape, else None.

    Never more lenient than pydantic's strict validation; when in doubt it says None.
    """
    result = _root()(data)
    return None if result is _INVALID else result


Check = Callable[[Any], Any]  # a value -> the validated value, or _INVALID


@functools.cache
def _root() -> Check:
    from recspec.spec._shape import SPEC

    return _compile(SPEC)


def _compile(shape: Shape) -> Check:
    """One closure per shape node, built once: validating is then calls, not interpretation."""
    kind = shape[0]
    if kind in _EXACT:
        wanted = _EXACT[kind]
        return lambda value: value if type(value) is wanted else _INVALID
    if kind == "any":
        return lambda value: value
    if kind == "model":
        return _compile_model(shape[1])
    if kind == "union":
        return _compile_union([_compile(option) for option in shape[1] if option[0] != "none"])
    if kind == "literal":  # exact type too: True is not the literal 1
        allowed = {(type(v), v) for v in shape[1]}
        scalars = {type(v) for v in shape[1]}  # hashable; a list or table is never a literal
        return lambda value: (
            value if type(value) in scalars and (type(value), value) in allowed else _INVALID
        )
    if kind in ("list", "dict"):
        return _compile_container(kind, _compile(shape[1]))
    if kind == "check":
        return _compile_check(getattr(units, shape[1]), _compile(shape[2]))
    if kind == "before":
        convert, inner = getattr(units, shape[1]), _compile(shape[2])
        return lambda value: inner(convert(value))
    return lambda value: _INVALID  # "none": TOML has no null; an unknown kind accepts nothing


_EXACT = {"str": str, "int": int, "bool": bool, "float": float}


def _compile_union(options: list[Check]) -> Check:
    if len(options) == 1:  # an optional field (`X | None`): TOML has no null, so just X
        return options[0]

    def check(value: Any) -> Any:
        for option in options:
            result = option(value)
            if result is not _INVALID:
                return result
        return _INVALID

    return check


def _compile_container(kind: str, item: Check) -> Check:
    def check_list(value: Any) -> Any:
        if type(value) is not list:
            return _INVALID
        items = [item(entry) for entry in value]
        return _INVALID if any(entry is _INVALID for entry in items) else items

    def check_dict(value: Any) -> Any:
        if type(value) is not dict or any(type(key) is not str for key in value):
            return _INVALID
        entries = {key: item(entry) for key, entry in value.items()}
        return _INVALID if any(entry is _INVALID for entry in entries.values()) else entries

    return check_list if kind == "list" else check_dict


def _compile_check(parser: Callable[[Any], Any], inner: Check) -> Check:
    def check(value: Any) -> Any:
        result = inner(value)
        if result is _INVALID:
            return _INVALID
        try:
            parser(result)
        except (ValueError, TypeError, OverflowError):
            return _INVALID
        return result

    return check


def _compile_model(fields: dict[str, tuple[Shape, Any]]) -> Check:
    checks = {name: _compile(shape) for name, (shape, _) in fields.items()}
    required = frozenset(name for name, (_, default) in fields.items() if default == "REQUIRED")
    constants: dict[str, Any] = {}  # immutable defaults, shared safely
    factories: dict[str, Callable[[], Any]] = {}  # a table's defaults, lists, dicts: made anew
    for name, (_, default) in fields.items():
        if default == "REQUIRED":
            continue
        if default[0] != "model" and isinstance(default[1], str | int | float | bool | None):
            constants[name] = default[1]
        else:
            factories[name] = _default_maker(default)

    def check(value: Any) -> Any:
        if type(value) is not dict or not value.keys() <= checks.keys():
            return _INVALID
        if not required <= value.keys():
            return _INVALID
        attributes = constants.copy()
        for name, item in value.items():
            result = checks[name](item)
            if result is _INVALID:
                return _INVALID
            attributes[name] = result
        for name, make in factories.items():
            if name not in value:
                attributes[name] = make()
        return SpecNode(**attributes)

    return check


def _default_maker(default: Any) -> Callable[[], Any]:
    """A function giving a field's default: a model with its own defaults, or a fresh value."""
    if default[0] == "model":
        empty = _compile_model(default[1])
        return lambda: empty({})
    value = default[1]
    return lambda: _fresh(value)


def _fresh(value: Any) -> Any:
    """A default's own copy (a default list must not be shared between specs)."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def main() -> None:
    """Regenerate `_shape.py` next to this module."""
    from recspec.generated import write_module

    write_module(Path(__file__).with_name("_shape.py"), generated_source())


if __name__ == "__main__":
    main()
