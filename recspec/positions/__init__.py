"""Source positions for parsed documents, which `tomllib` and `json` do not keep.

`recspec.positions.json` maps RFC 6901 pointers to spans and parses JSON strictly;
`recspec.positions.toml` maps TOML key paths to spans and reads suppression comments.
Both scanners run only for files that have problems, so the happy path never pays for them.

Coordinates are 1-based lines and 1-based columns in Unicode code points; an end column is
exclusive (the column just after the last character).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Located", "Span"]


@dataclass(frozen=True, slots=True)
class Span:
    """A source range: 1-based start, exclusive end, columns in code points."""

    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def start(self) -> tuple[int, int]:
        return (self.line, self.column)

    @property
    def end(self) -> tuple[int, int]:
        return (self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class Located:
    """Where a value sits: the token naming it (`None` for array items and the root) and itself.

    For a TOML table defined by a header, `value` is the whole header (``[a.b]``) and `key` its
    last key segment, so a diagnostic about the table underlines the header.
    """

    key: Span | None
    value: Span

    @property
    def anchor(self) -> Span:
        """The span a diagnostic about this entry should point at first: the key if any."""
        return self.key if self.key is not None else self.value
