"""One problem found in one file: the unit every stage produces and every formatter consumes.

A diagnostic always names a stable rule code, a severity, a 1-based position in the file the user
edits (the spec for `.toml`, the payload for `.json`) and an RFC 6901 pointer into the start payload
(`""` for the whole document), so tools can script against it.
"""

from __future__ import annotations

import enum
import functools

from recspec.values import Value


class Severity(enum.IntEnum):
    """Ordered so that `max()` of a run gives its worst severity."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


class Diagnostic(Value):
    """A finding with its position. `line`/`column` are 1-based code-point positions."""

    __slots__ = (
        "column",
        "end_column",
        "end_line",
        "file",
        "line",
        "message",
        "name",
        "pointer",
        "rule",
        "severity",
        "spec_path",
        "suppressed",
    )

    def __init__(
        self,
        file: str,
        line: int,
        column: int,
        rule: str,
        name: str,
        severity: Severity,
        message: str,
        pointer: str = "",
        spec_path: str = "",
        end_line: int | None = None,
        end_column: int | None = None,
        suppressed: bool = False,
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.rule = rule
        self.name = name
        self.severity = severity
        self.message = message
        self.pointer = pointer
        self.spec_path = spec_path
        self.end_line = end_line
        self.end_column = end_column
        self.suppressed = suppressed

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def to_json(self) -> dict[str, object]:
        """The public `--format json` item. Fields may be added, never renamed."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column if self.end_column is not None else self.column,
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "pointer": self.pointer,
            "spec_path": self.spec_path,
        }


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Stable output order: by file, position, then rule code."""
    return sorted(diagnostics, key=lambda d: d.sort_key)


def escape_pointer_token(token: str | int) -> str:
    """RFC 6901: `~` becomes `~0` and `/` becomes `~1`."""
    return str(token).replace("~", "~0").replace("/", "~1")


@functools.lru_cache(maxsize=4096, typed=True)
def pointer(*tokens: str | int) -> str:
    """Build a JSON Pointer from path tokens: pointer("a", 0, "b") == "/a/0/b".

    Cached: the compiler and the rules build the same few hundred pointers for every spec.
    """
    return "".join(
        "/" + t
        if type(t) is str and "~" not in t and "/" not in t  # the common case, ~3x faster
        else "/" + escape_pointer_token(t)
        for t in tokens
    )


def pointer_tokens(ptr: str) -> list[str]:
    """Split a JSON Pointer into unescaped tokens ("" gives [])."""
    if not ptr:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in ptr[1:].split("/")]


def dotted(path: tuple[str | int, ...]) -> str:
    """A spec key path as users write it: ("layout", "tile", 0, "left") -> "layout.tile[0].left"."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text
