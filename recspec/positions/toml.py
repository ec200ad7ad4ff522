"""TOML key path -> source span maps, `tomllib` error positions, and suppression comments.

`tomllib` keeps no positions (cpython#115516), so a small tolerant scanner re-reads the text:
tables, arrays of tables, dotted and quoted keys, inline tables, (multi-line) strings and arrays,
comments. It runs only for specs that have problems and never raises: on invalid TOML it skips
to the next line and keeps going, returning what it found.

Key paths are tuples as `tomllib` builds them: ``("room", "id")``, ``("layout", "streams", 1)``
for array items, ``("layout", "tile", 0, "left")`` inside ``[[layout.tile]]`` arrays of tables.
"""

from __future__ import annotations

import contextlib
import re
import sys
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Final, Literal

from recspec.positions import Located, Span, spans_from_offsets
from recspec.source import LineIndex
from recspec.values import Value

__all__ = [
    "KeyPath",
    "Located",
    "MalformedSuppression",
    "Span",
    "Suppression",
    "Suppressions",
    "suppressions",
    "toml_error_position",
    "toml_positions",
]

KeyPath = tuple[str | int, ...]

#: Nesting of arrays / inline tables beyond which the scanner gives up on a value (tomllib itself
#: would hit the recursion limit long before a real spec gets there).
_MAX_NESTING: Final = 100

# Permissive on purpose: an invalid bare key still gets a position (tomllib reports the error).
_BARE_KEY: Final = re.compile(r"""[^\s=.\[\]"'#,{}]+""")
_BASIC_STRING: Final = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL_STRING: Final = re.compile(r"'[^'\n]*'")
_ML_BASIC_STRING: Final = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:"{1,2})?', re.DOTALL)
# A local date-time may use a space instead of "T": the one scalar that contains a space.
_DATE_TIME: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?"
)
_SCALAR: Final = re.compile(r"[^\s,\]}#=\[{]+")
_ESCAPE: Final = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_SIMPLE_ESCAPES: Final = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"'}

# (key start, key end) or None, value start, value end: str offsets, ends exclusive
_Entry = tuple[tuple[int, int] | None, int, int]
_KeyPart = tuple[str, int, int]


class _Syntax(Exception):
    """Internal: the current statement cannot be scanned; recover at the next line."""


def _decode_basic(body: str) -> str:
    """Unescape the inside of a TOML basic string (unknown escapes are kept as written)."""
    if "\\" not in body:
        return body

    def replace(match: re.Match[str]) -> str:
        short, long, char = match.groups()
        code = short or long
        if code is not None:
            value = int(code, 16)
            return chr(value) if value <= sys.maxunicode else match.group()
        if char == "\\":
            return "\\"
        return _SIMPLE_ESCAPES.get(char, match.group())

    return _ESCAPE.sub(replace, body)


class _Statement:
    """A key/value pair or table header: str offsets of its start and end (before comments)."""

    __slots__ = ("end", "is_header", "start")

    def __init__(self, start: int, end: int, is_header: bool) -> None:
        self.start = start
        self.end = end
        self.is_header = is_header


class _Scanner:
    """One pass over a TOML text; results are str offsets, converted to spans by the callers.

    A plain class rather than a dataclass: nothing to build at import time.
    """

    __slots__ = ("array_lengths", "comments", "entries", "implicit", "pos", "statements", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.entries: dict[KeyPath, _Entry] = {}
        self.implicit: set[KeyPath] = set()
        self.array_lengths: dict[KeyPath, int] = {}
        self.comments: list[int] = []
        self.statements: list[_Statement] = []

    # ---- driver

    def run(self) -> _Scanner:
        text = self.text
        n = len(text)
        table: KeyPath = ()
        while True:
            self.skip_blank()
            if self.pos >= n:
                return self
            start = self.pos
            is_header = text[start] == "["
            try:
                if is_header:
                    table = self.header()
                else:
                    self.keyval(table, 0)
                end = self.pos
                self.end_of_line()
            except _Syntax:
                end = max(self.pos, start + 1)
                newline = text.find("\n", self.pos)
                self.pos = n if newline == -1 else newline + 1
            self.statements.append(_Statement(start, min(end, n), is_header))

    # ---- whitespace and comments

    def skip_spaces(self) -> None:
        text, n = self.text, len(self.text)
        while self.pos < n and text[self.pos] in " \t":
            self.pos += 1

    def skip_comment(self) -> None:
        self.comments.append(self.pos)
        newline = self.text.find("\n", self.pos)
        self.pos = len(self.text) if newline == -1 else newline

    def skip_blank(self) -> None:
        """Spaces, line breaks and comments: what may separate statements and array items."""
        text, n = self.text, len(self.text)
        while self.pos < n:
            char = text[self.pos]
            if char in " \t\r\n":
                self.pos += 1
            elif char == "#":
                self.skip_comment()
            else:
                return

    def end_of_line(self) -> None:
        self.skip_spaces()
        text, n = self.text, len(self.text)
        if self.pos < n and text[self.pos] == "#":
            self.skip_comment()
        if self.pos >= n:
            return
        if text.startswith("\r\n", self.pos):
            self.pos += 2
        elif text[self.pos] == "\n":
            self.pos += 1
        else:
            raise _Syntax

    # ---- keys and tables

    def key(self) -> list[_KeyPart]:
        text, n = self.text, len(self.text)
        parts: list[_KeyPart] = []
        while True:
            self.skip_spaces()
            start = self.pos
            if start >= n:
                raise _Syntax
            char = text[start]
            if char == '"':
                match = _BASIC_STRING.match(text, start)
                if match is None:
                    raise _Syntax
                name = _decode_basic(text[start + 1 : match.end() - 1])
            elif char == "'":
                match = _LITERAL_STRING.match(text, start)
                if match is None:
                    raise _Syntax
                name = text[start + 1 : match.end() - 1]
            else:
                match = _BARE_KEY.match(text, start)
                if match is None:
                    raise _Syntax
                name = match.group()
            self.pos = match.end()
            parts.append((name, start, self.pos))
            self.skip_spaces()
            if self.pos < n and text[self.pos] == ".":
                self.pos += 1
                continue
            return parts

    def define(self, path: KeyPath, entry: _Entry, *, explicit: bool) -> None:
        """Record a table; an explicit definition replaces an implicit (first-mention) one."""
        if path not in self.entries:
            self.entries[path] = entry
            if not explicit:
                self.implicit.add(path)
        elif explicit and path in self.implicit:
            self.entries[path] = entry
            self.implicit.discard(path)

    def header(self) -> KeyPath:
        text = self.text
        start = self.pos
        is_array = text.startswith("[[", start)
        self.pos += 2 if is_array else 1
        parts = self.key()
        closing = "]]" if is_array else "]"
        if not text.startswith(closing, self.pos):
            raise _Syntax
        self.pos += len(closing)
        end = self.pos
        resolved: KeyPath = ()
        for position, (name, key_start, key_end) in enumerate(parts):
            resolved = (*resolved, name)
            key_span = (key_start, key_end)
            last = position == len(parts) - 1
            if last and is_array:
                index = self.array_lengths.get(resolved, 0)
                self.array_lengths[resolved] = index + 1
                self.define(resolved, (key_span, start, end), explicit=False)
                resolved = (*resolved, index)
                self.define(resolved, (key_span, start, end), explicit=True)
            elif last:
                self.define(resolved, (key_span, start, end), explicit=True)
            else:
                self.define(resolved, (key_span, start, end), explicit=False)
                length = self.array_lengths.get(resolved)
                if length:  # a path through an array of tables means its last element
                    resolved = (*resolved, length - 1)
        return resolved

    def keyval(self, table: KeyPath, depth: int) -> None:
        parts = self.key()
        text = self.text
        if self.pos >= len(text) or text[self.pos] != "=":
            raise _Syntax
        self.pos += 1
        self.skip_spaces()
        names = tuple(name for name, _, _ in parts)
        start = parts[0][1]
        created: list[tuple[KeyPath, tuple[int, int]]] = []
        for position in range(len(parts) - 1):
            parent = table + names[: position + 1]
            if parent not in self.entries:
                span = (parts[position][1], parts[position][2])
                self.define(parent, (span, start, self.pos), explicit=False)
                created.append((parent, span))
        try:
            self.value(table + names, (parts[-1][1], parts[-1][2]), depth)
        finally:
            for parent, span in created:  # dotted-key tables span their whole key/value pair
                self.entries[parent] = (span, start, self.pos)

    # ---- values

    def value(self, path: KeyPath, key: tuple[int, int] | None, depth: int) -> None:
        if depth > _MAX_NESTING:
            raise _Syntax
        text, n = self.text, len(self.text)
        start = self.pos
        if start >= n:
            raise _Syntax
        char = text[start]
        if char == "[":
            self.array(path, key, depth)
            return
        if char == "{":
            self.inline_table(path, key, depth)
            return
        if text.startswith('"""', start):
            match = _ML_BASIC_STRING.match(text, start)
            end = match.end() if match else -1
        elif text.startswith("'''", start):
            close = text.find("'''", start + 3)
            end = -1 if close == -1 else close + 3
            extra = 0
            while end != -1 and extra < 2 and text.startswith("'", end):
                end += 1
                extra += 1
        elif char == '"':
            match = _BASIC_STRING.match(text, start)
            end = match.end() if match else -1
        elif char == "'":
            match = _LITERAL_STRING.match(text, start)
            end = match.end() if match else -1
        else:
            match = _DATE_TIME.match(text, start) or _SCALAR.match(text, start)
            end = match.end() if match else -1
        if end == -1:  # unterminated string or no value at all
            raise _Syntax
        self.entries[path] = (key, start, end)
        self.pos = end

    def array(self, path: KeyPath, key: tuple[int, int] | None, depth: int) -> None:
        text, n = self.text, len(self.text)
        start = self.pos
        self.entries[path] = (key, start, start + 1)
        self.pos += 1
        index = 0
        try:
            while True:
                self.skip_blank()
                if self.pos >= n:
                    raise _Syntax
                if text[self.pos] == "]":
                    self.pos += 1
                    return
                self.value((*path, index), None, depth + 1)
                index += 1
                self.skip_blank()
                if self.pos < n and text[self.pos] == ",":
                    self.pos += 1
                elif self.pos < n and text[self.pos] == "]":
                    self.pos += 1
                    return
                else:
                    raise _Syntax
        finally:
            self.entries[path] = (key, start, self.pos)

    def inline_table(self, path: KeyPath, key: tuple[int, int] | None, depth: int) -> None:
        text, n = self.text, len(self.text)
        start = self.pos
        self.entries[path] = (key, start, start + 1)
        self.pos += 1
        try:
            while True:
                self.skip_spaces()  # TOML 1.0: no line breaks between the braces
                if self.pos >= n:
                    raise _Syntax
                if text[self.pos] == "}":
                    self.pos += 1
                    return
                self.keyval(path, depth + 1)
                self.skip_spaces()
                if self.pos < n and text[self.pos] == ",":
                    self.pos += 1
                elif self.pos < n and text[self.pos] == "}":
                    self.pos += 1
                    return
                else:
                    raise _Syntax
        finally:
            self.entries[path] = (key, start, self.pos)


def _scan(text: str) -> _Scanner:
    scanner = _Scanner(text)
    with contextlib.suppress(RecursionError):  # _MAX_NESTING keeps the stack shallow anyway
        scanner.run()
    return scanner


def toml_positions(text: str) -> dict[KeyPath, Located]:
    """Map every key path of a TOML document to the spans of its key and value.

    A table defined by a header maps to that header; a table only implied (by ``[a.b]`` or
    ``a.b = 1``) maps to where it is first mentioned. Best effort on invalid TOML.
    """
    return spans_from_offsets(_scan(text).entries, text)


# --------------------------------------------------------------------------------------------
# tomllib errors

_AT_POSITION: Final = re.compile(r"(?s)(.*) \(at line (\d+), column (\d+)\)\Z")
_AT_END: Final = re.compile(r"(?s)(.*) \(at end of document\)\Z")


def toml_error_position(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int, int, str]:
    """Line, column and message (without tomllib's "(at ...)" suffix) of a TOML syntax error.

    An error "at end of document" points just after the last non-blank character, so the
    caret lands on a real line rather than past the final line break.
    """
    raw = str(exc)
    match = _AT_POSITION.match(raw)
    if match:
        return int(match.group(2)), int(match.group(3)), _lower_first(match.group(1))
    match = _AT_END.match(raw)
    if match is None:  # an unknown message format: keep it whole, point at the start
        return 1, 1, _lower_first(raw)
    line, column = LineIndex(text).line_col(len(text.rstrip()))
    return line, column, _lower_first(match.group(1))


def _lower_first(message: str) -> str:
    return message[:1].lower() + message[1:]


# --------------------------------------------------------------------------------------------
# suppressions

_DIRECTIVE: Final = re.compile(r"#\s*recspec\s*:\s*(?P<rest>.*)")
_DIRECTIVE_BODY: Final = re.compile(
    r"(?P<kind>ignore-file|file-ignore|ignore)(?![\w-])\s*(?:\[(?P<codes>[^\]]*)\])?\s*(?P<reason>.*)"
)
_CODE_SEPARATOR: Final = re.compile(r"[\s,]+")

Scope = Literal["line", "next", "file"]


class Suppression(Value):
    """One ``# recspec: ignore[...]`` comment and the lines it covers (inclusive)."""

    __slots__ = ("codes", "column", "first_line", "last_line", "line", "reason", "scope")

    def __init__(
        self,
        line: int,
        column: int,
        codes: tuple[str, ...],
        reason: str,
        scope: Scope,
        first_line: int,
        last_line: int,
    ) -> None:
        self.line = line
        self.column = column
        self.codes = codes
        self.reason = reason
        self.scope = scope
        self.first_line = first_line
        self.last_line = last_line

    def covers(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line

    def matches(self, rule_code: str, rule_name: str) -> bool:
        """A code (``RS301``), a code prefix (``RS3``) or a rule name selects the rule."""
        code = rule_code.upper()
        name = rule_name.lower()
        return any(code.startswith(sel.upper()) or sel.lower() == name for sel in self.codes)


class MalformedSuppression(Value):
    """A ``# recspec:`` comment that could not be read, for a rule to report."""

    __slots__ = ("column", "line", "message")

    def __init__(self, line: int, column: int, message: str) -> None:
        self.line = line
        self.column = column
        self.message = message


class Suppressions:
    """All suppression comments of one spec; answers "is this diagnostic suppressed?"."""

    __slots__ = ("entries", "malformed")

    def __init__(
        self,
        entries: tuple[Suppression, ...] = (),
        malformed: tuple[MalformedSuppression, ...] = (),
    ) -> None:
        self.entries = entries
        self.malformed = malformed

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Suppression]:
        return iter(self.entries)

    def find(self, rule_code: str, rule_name: str, line: int) -> Suppression | None:
        """The first suppression that silences this rule on this line (for unused tracking)."""
        for entry in self.entries:
            if entry.covers(line) and entry.matches(rule_code, rule_name):
                return entry
        return None

    def is_suppressed(self, rule_code: str, rule_name: str, line: int) -> bool:
        return self.find(rule_code, rule_name, line) is not None

    @property
    def lines(self) -> list[tuple[int, tuple[str, ...]]]:
        """``(comment line, codes)`` for every suppression, in file order."""
        return [(entry.line, entry.codes) for entry in self.entries]


def suppressions(text: str) -> Suppressions:
    """Read the ``# recspec: ignore[...]`` / ``# recspec: ignore-file[...]`` comments of a spec.

    * trailing a statement: covers that line (all lines of a multi-line key/value that ends
      there);
    * on its own line: covers the next key/value, or for a table header the whole table up to
      the next header; inside a multi-line array, the next item line;
    * ``ignore-file`` (alias ``file-ignore``), anywhere: covers the whole file.

    Only real comments count (not ``#`` inside strings). An optional reason may follow the
    bracket. Unreadable directives are collected in `Suppressions.malformed`.
    """
    if "recspec" not in text:
        return Suppressions()
    scanner = _scan(text)
    index = LineIndex(text)
    statements = scanner.statements
    starts = [index.line_col(statement.start)[0] for statement in statements]
    ends = [index.line_col(statement.end)[0] for statement in statements]
    header_starts = [line for line, s in zip(starts, statements, strict=True) if s.is_header]
    comment_offsets = set(scanner.comments)
    last_line = index.line_count

    entries: list[Suppression] = []
    malformed: list[MalformedSuppression] = []
    for offset in scanner.comments:
        directive = _DIRECTIVE.match(text, offset)
        if directive is None:
            continue
        line, column = index.line_col(offset)
        body = _DIRECTIVE_BODY.match(directive.group("rest").rstrip())
        if body is None:
            malformed.append(
                MalformedSuppression(line, column, "expected 'ignore[...]' or 'ignore-file[...]'")
            )
            continue
        raw_codes = body.group("codes")
        codes = tuple(c for c in _CODE_SEPARATOR.split(raw_codes or "") if c)
        if not codes:
            malformed.append(
                MalformedSuppression(line, column, "name the rules to ignore: ignore[RS301]")
            )
            continue
        reason = body.group("reason").strip().lstrip("-:—").strip()
        own_line = not index.line_text(line)[: column - 1].strip()
        if body.group("kind") != "ignore":
            scope: Scope = "file"
            first, last = 1, last_line
        elif not own_line:
            scope = "line"
            first = last = line
            position = bisect_left(ends, line)
            while position < len(ends) and ends[position] == line:
                first = min(first, starts[position])
                position += 1
        else:
            scope = "next"
            first, last = _next_target(
                line, starts, ends, statements, header_starts, index, comment_offsets
            )
        entries.append(Suppression(line, column, codes, reason, scope, first, last))
    return Suppressions(tuple(entries), tuple(malformed))


def _next_target(
    line: int,
    starts: list[int],
    ends: list[int],
    statements: list[_Statement],
    header_starts: list[int],
    index: LineIndex,
    comment_offsets: set[int],
) -> tuple[int, int]:
    """Lines covered by an own-line suppression on `line`; (line + 1, line) when nothing."""
    position = bisect_right(starts, line)
    inside_value = position > 0 and ends[position - 1] > line  # e.g. within a multi-line array
    if inside_value:
        for candidate in range(line + 1, index.line_count + 1):
            content = index.line_text(candidate)
            stripped = content.lstrip(" \t")
            if not stripped:
                continue
            offset = index.offset(candidate, len(content) - len(stripped) + 1)
            if offset in comment_offsets:
                continue
            return candidate, candidate
        return line + 1, line
    if position >= len(statements):
        return line + 1, line
    target = statements[position]
    first = starts[position]
    if not target.is_header:
        return first, ends[position]
    following = bisect_right(header_starts, first)
    last = header_starts[following] - 1 if following < len(header_starts) else index.line_count
    return first, last
