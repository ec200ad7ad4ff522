"""What a rule is: metadata (code, name, severity, docs, examples) plus a pure check function.

Rules are data, like yamllint's and ruff's: the catalogue, `recspec explain`, the docs, SARIF
`rules[]` and the metadata-driven tests all read the same `Rule` objects.

A payload rule's `check` receives a `PayloadView` of the canonical start body (a plain dict, as
read from either dialect or as compiled, possibly with wrong types anywhere) and the `Dialect`
whose limits apply, and yields `Finding`s. A check must
never raise on a malformed document: wrong types are the structure rules' business, so every
accessor returns `None` when a value is absent or has the wrong type.
"""

from __future__ import annotations

import builtins
import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

from recspec.diagnostics import Severity, pointer
from recspec.dialect import LEGACY, Dialect
from recspec.values import Value


class Finding(Value):
    """A rule's raw result: where in the payload, and what is wrong.

    `pointer` and `message` use the canonical (legacy) field names, which the dialect edge
    renders in the body's own names; `native` findings (keys of the wrong dialect, found while
    reading a body) are already in the body's names.
    """

    __slots__ = ("message", "native", "pointer")

    def __init__(self, pointer: str, message: str, native: bool = False) -> None:
        self.pointer = pointer
        self.message = message
        self.native = native


CheckFn = Callable[["PayloadView"], Iterator[Finding]]


class Rule(Value):
    """One documented constraint.

    `bad` and `good` are examples: for payload rules, JSON fragments deep-merged into
    `recspec.rules.examples.BASE_PAYLOAD` (a `None` value deletes the key); for spec rules
    (`kind == "spec"`), complete TOML specs. Tests lint both and assert that `bad` fires and
    `good` stays clean.

    Examples are canonical fragments checked as a body of `dialect`.

    `needs` is a payload path the check cannot fire without (it only reads fields at or below
    it, or returns early when it is absent): `check_payload` skips the rule when the document
    has no such key, so most documents run a fraction of the checks. `()`: always run.
    """

    __slots__ = (
        "bad",
        "check",
        "code",
        "default",
        "dialect",
        "family",
        "good",
        "kind",
        "name",
        "needs",
        "needs_any",
        "severity",
        "source",
        "summary",
        "why",
    )

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        summary: str,
        why: str,
        bad: Any,
        good: Any,
        source: str,
        check: CheckFn | None = None,
        kind: str = "payload",
        needs: tuple[str | int, ...] = (),
        needs_any: tuple[tuple[str | int, ...], ...] = (),
        family: str = "",
        dialect: str = "legacy",
        default: bool = True,
    ) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.why = why
        self.bad = bad
        self.good = good
        self.source = source
        self.check = check
        self.kind = kind  # "payload" rules check the start body; "spec" rules come from the loader
        self.needs = needs
        #: like `needs`, for a check that reads any of several keys: skipped when none is present
        self.needs_any = needs_any
        self.family = family  #: set by `recspec.rules` when it gathers the families
        #: the API the examples are checked against ("v2" for rules about v2-only fields)
        self.dialect = dialect
        #: False: runs only when selected by its code or name (`--select RS812`), as ruff's RUF100
        self.default = default


_MISSING: Any = object()


def _lookup(node: Any, path: tuple[str | int, ...]) -> Any:
    """The value at `path` below `node`, or None when any step is missing or not a container.

    The hottest function of a lint run (about sixty calls per document), hence exact type
    checks instead of isinstance: parsed JSON and TOML only hold plain dicts and lists. A null
    is returned like a missing key, and a further step stops there.
    """
    for step in path:
        kind = type(node)
        if kind is dict:
            node = node.get(step)
        elif kind is list and type(step) is int and -len(node) <= step < len(node):
            node = node[step]
        else:
            return None
    return node


T = TypeVar("T")


class _memo(Generic[T]):
    """`functools.cached_property` without its lock: Python 3.11 takes an RLock on each first
    access (~0.8 µs, several times per document), and a view is only ever used by one thread."""

    def __init__(self, derive: Callable[[Any], T]) -> None:
        self.derive = derive
        self.name = derive.__name__
        self.__doc__ = derive.__doc__

    @overload
    def __get__(self, view: None, owner: Any = None) -> _memo[T]: ...

    @overload
    def __get__(self, view: object, owner: Any = None) -> T: ...

    def __get__(self, view: Any, owner: Any = None) -> T | _memo[T]:
        if view is None:  # looked up on the class (help(), documentation tools)
            return self
        value = view.__dict__[self.name] = self.derive(view)  # later reads find it there
        return value


class PayloadView:
    """Read-only, type-safe access to a canonical start body for rule checks."""

    def __init__(
        self, doc: Any, dialect: Dialect = LEGACY, foreign: Sequence[Finding] = ()
    ) -> None:
        self.doc = doc
        #: the API whose limits apply (`recspec.dialect`)
        self.dialect = dialect
        #: keys of the other dialect that reading the body took out (RS108)
        self.foreign = foreign
        #: per-document memo for work several rules share (see `per_document`)
        self.cache: dict[str, Any] = {}

    def get(self, *path: str | int) -> Any:
        """The raw value at `path`, or None when any step is missing or not a container."""
        return _lookup(self.doc, path)

    def has(self, *path: str | int) -> bool:
        parent = _lookup(self.doc, path[:-1])
        last = path[-1]
        if isinstance(last, int):
            return isinstance(parent, list) and -len(parent) <= last < len(parent)
        return isinstance(parent, dict) and last in parent

    def int(self, *path: builtins.str | builtins.int) -> builtins.int | None:
        """An integer (never a bool) at `path`, else None."""
        value = _lookup(self.doc, path)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def str(self, *path: builtins.str | builtins.int) -> builtins.str | None:
        value = _lookup(self.doc, path)
        return value if isinstance(value, str) else None

    def bool(self, *path: builtins.str | builtins.int) -> builtins.bool | None:
        value = _lookup(self.doc, path)
        return value if isinstance(value, bool) else None

    def dict(self, *path: builtins.str | builtins.int) -> builtins.dict[builtins.str, Any] | None:
        value = _lookup(self.doc, path)
        return value if isinstance(value, dict) else None

    def list(self, *path: builtins.str | builtins.int) -> builtins.list[Any] | None:
        value = _lookup(self.doc, path)
        return value if isinstance(value, list) else None

    # Shortcuts for the fields most rules depend on, with the documented defaults applied.
    # Computed once per document: dozens of rules ask for them.

    @_memo
    def record_mode(self) -> builtins.int | None:
        return self.int("record_input_params", "record_mode")

    @_memo
    def stream_type(self) -> builtins.int:
        """`stream_type` defaults to 3 (audio+video) when absent."""
        value = self.get("record_input_params", "stream_type")
        if value is None:
            return 3
        return value if isinstance(value, int) and not isinstance(value, bool) else -1

    @_memo
    def output_format(self) -> builtins.str:
        """`output_file_format` defaults to "mp4" when absent."""
        value = self.get("record_output_params", "output_file_format")
        if value is None:
            return "mp4"
        return value if isinstance(value, str) else ""

    @_memo
    def mix_mode(self) -> builtins.int:
        """`mix_mode` defaults to 2 (grid) when absent."""
        value = self.get("record_input_params", "mix_config", "mix_mode")
        if value is None:
            return 2
        return value if isinstance(value, int) and not isinstance(value, bool) else -1

    @_memo
    def canvas(self) -> tuple[builtins.int, builtins.int] | None:
        """(width, height) of the mixed output when both are valid integers."""
        cfg = ("record_input_params", "mix_config", "mix_output_video_config")
        width, height = self.int(*cfg, "width"), self.int(*cfg, "height")
        if width is None or height is None:
            return None
        return width, height


def finding(path: tuple[str | int, ...] | list[str | int], message: str) -> Finding:
    """Convenience: a Finding at the JSON Pointer built from `path` tokens."""
    return Finding(pointer(*path), message)


def per_document(derive: Callable[[PayloadView], T]) -> Callable[[PayloadView], T]:
    """Memoise `derive(view)` in `view.cache`: worked out once per document, shared by all rules.

    Callers must not modify what it returns (a list of views, say).
    """
    key = f"{derive.__module__}.{derive.__qualname__}"

    @functools.wraps(derive)
    def shared(view: PayloadView) -> T:
        value = view.cache.get(key, _MISSING)
        if value is _MISSING:
            value = view.cache[key] = derive(view)
        return value  # type: ignore[no-any-return]

    return shared
