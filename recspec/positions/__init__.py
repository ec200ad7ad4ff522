"""Source positions for parsed documents, which `tomllib` and `json` do not keep.

`recspec.positions.json` maps RFC 6901 pointers to spans and parses JSON strictly;
`recspec.positions.toml` maps TOML key paths to spans and reads suppression comments.
Both scanners run only for files that have problems, so the happy path never pays for them.

Coordinates are 1-based lines and 1-based columns in Unicode code points; an end column is
exclusive (the column just after the last character).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Mapping
from typing import TypeVar

from recspec.values import Value

__all__ = ["Located", "Offsets", "Span", "spans_from_offsets"]

_K = TypeVar("_K", bound=Hashable)

#: (key start, key end) or None, value start, value end: str offsets, ends exclusive.
Offsets = tuple[tuple[int, int] | None, int, int]


class Span(Value):
    """A source range: 1-based start, exclusive end, columns in code points."""

    __slots__ = ("column", "end_column", "end_line", "line")

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column

    @property
    def start(self) -> tuple[int, int]:
        return (self.line, self.column)

    @property
    def end(self) -> tuple[int, int]:
        return (self.end_line, self.end_column)


class Located(Value):
    """Where a value sits: the token naming it (`None` for array items and the root) and itself.

    For a TOML table defined by a header, `value` is the whole header (``[a.b]``) and `key` its
    last key segment, so a diagnostic about the table underlines the header.
    """

    __slots__ = ("key", "value")

    def __init__(self, key: Span | None, value: Span) -> None:
        self.key = key
        self.value = value

    @property
    def anchor(self) -> Span:
        """The span a diagnostic about this entry should point at first: the key if any."""
        return self.key if self.key is not None else self.value

    @property
    def whole(self) -> Span:
        """`key = value` from the key's first character to the value's last (a table: its
        header), so that carets under a finding about the value cover the value too."""
        key, value = self.key, self.value
        if key is None or (value.line, value.column) <= (key.line, key.column):
            return value
        return Span(key.line, key.column, value.end_line, value.end_column)


def spans_from_offsets(entries: Mapping[_K, Offsets], text: str) -> dict[_K, Located]:
    """Turn the scanners' str offsets into spans.

    The bisects are inlined: this loop is most of the cost of building a position map.
    """
    from recspec.source import LineIndex

    starts = LineIndex(text).line_starts
    located: dict[_K, Located] = {}
    for path, (key, start, end) in entries.items():
        line = bisect_right(starts, start)
        end_line = bisect_right(starts, end, line - 1)
        value = Span(line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1)
        if key is None:
            located[path] = Located(None, value)
            continue
        key_start, key_end = key
        line = bisect_right(starts, key_start)
        end_line = bisect_right(starts, key_end, line - 1)
        key_span = Span(
            line, key_start - starts[line - 1] + 1, end_line, key_end - starts[end_line - 1] + 1
        )
        located[path] = Located(key_span, value)
    return located
