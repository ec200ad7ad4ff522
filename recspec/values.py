"""`Value`: the base of recspec's small value classes (a span, a view, a rule, a diagnostic).

Each class names its fields in `__slots__` and takes them in a plain, typed `__init__`; this
base gives equality and hashing by those fields, a readable repr and `_replace` (values are
never changed in place). Why not dataclasses or `typing.NamedTuple`: a command imports a few
dozen of these classes before doing any work, and defining a dataclass costs ~0.5 ms, a
NamedTuple ~0.2 ms (the process's first one ~1.3 ms: its first `compile()`), a plain class
~0.01 ms. Measured on one cold lint: 15 ms with dataclasses, 5 ms with NamedTuples. Modules
only other commands import (diff, import, docs, previews) keep dataclasses: those commands load
pydantic or Jinja2 anyway.
"""

from __future__ import annotations

from typing import Any, Self


class Value:
    """Equality, hash, repr and `_replace` from the fields listed in `__slots__`."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Value)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def _replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (as `NamedTuple._replace` and `dataclasses.replace`)."""
        unknown = changes.keys() - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        copy = object.__new__(type(self))
        for name in self.__slots__:
            setattr(copy, name, changes[name] if name in changes else getattr(self, name))
        return copy
