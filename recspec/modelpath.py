"""Walk pydantic model classes along an error `loc` path: "did you mean" and type descriptions.

Shared by the payload structure rules and the spec loader, which both turn pydantic validation
errors into diagnostics with helpful messages.
"""

from __future__ import annotations

import types
import typing
from typing import Any


def unwrap(annotation: Any) -> Any:
    """Strip Annotated / Optional / list / dict wrappers down to the model or scalar type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, dict, types.UnionType, typing.Union):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if hasattr(a, "model_fields")]
            annotation = models[0] if models else args[-1]
        else:
            return annotation


def model_at(root: Any, loc: tuple[Any, ...]) -> Any:
    """The model class that owns the last key of `loc`, or None when the path leaves the models."""
    model: Any = root
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        field = getattr(model, "model_fields", {}).get(step)
        if field is None:
            return None
        model = unwrap(field.annotation)
    return model if hasattr(model, "model_fields") else None


def suggest(key: str, known: list[str]) -> str:
    """'; did you mean `x`?' for a near miss, else the list of known keys."""
    import difflib

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"; did you mean `{close[0]}`?"
    return f"; expected one of: {', '.join(known)}" if known else ""


def type_name(value: Any) -> str:
    """How a JSON/TOML value's type reads in a message (never the value itself: it may be secret)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number with a fraction" if value == value else "NaN"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table/object"
    return "a date/time" if hasattr(value, "isoformat") else type(value).__name__
