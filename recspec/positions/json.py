"""Strict JSON parsing with precise problems, and RFC 6901 pointer -> source span maps.

`parse_json` is the payload reader. Python's `json` module accepts things RFC 8259 forbids
(``NaN``, ``Infinity``, duplicate keys) and its error messages are terse ("Expecting value"), so
the happy path runs `json.loads` at C speed and only a failure pays for a hand-written scanner
that explains the error at its exact line and column.

`json_positions` is that scanner's other use: it maps every value in a document to its span so
payload diagnostics can point at the offending key. It is iterative (no recursion limit) and
never raises; on invalid input it returns what it found before the error.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, Final, Literal

from recspec.positions import Located, Span, spans_from_offsets
from recspec.source import LineIndex
from recspec.values import Value

try:  # the C implementation json.loads itself uses, so both agree on every string
    from _json import scanstring
except ImportError:  # pragma: no cover - interpreters without the C accelerator
    from json.decoder import py_scanstring as scanstring  # type: ignore[attr-defined,no-redef]

__all__ = [
    "MAX_DEPTH",
    "JsonProblem",
    "Located",
    "Span",
    "json_positions",
    "parse_json",
]

#: Deepest nesting accepted. A start payload is about 5 levels deep; the limit keeps recursive
#: consumers (pydantic, rules, formatters) far from Python's recursion limit.
MAX_DEPTH: Final = 64

ProblemKind = Literal["syntax", "duplicate-key"]


class JsonProblem(Value):
    """One problem in a JSON text, at a 1-based line and code-point column.

    `kind` is ``"syntax"`` (the document could not be read; also used for NaN/Infinity and
    too-deep nesting) or ``"duplicate-key"`` (readable, the last value wins). `pointer` is the
    RFC 6901 pointer of the affected member, when there is one.
    """

    __slots__ = ("column", "end_column", "end_line", "kind", "line", "message", "pointer")

    def __init__(
        self,
        line: int,
        column: int,
        message: str,
        kind: ProblemKind,
        pointer: str = "",
        end_line: int | None = None,
        end_column: int | None = None,
    ) -> None:
        self.line = line
        self.column = column
        self.message = message
        self.kind = kind
        self.pointer = pointer
        self.end_line = end_line
        self.end_column = end_column


# --------------------------------------------------------------------------------------------
# parse_json


class _NonFiniteNumber(ValueError):
    """Raised from `parse_constant` to stop `json.loads` at NaN/Infinity."""


def _reject_constant(token: str) -> Any:
    raise _NonFiniteNumber(token)


class _Objects:
    """`object_pairs_hook`: builds each object as json does (the last of a repeated key wins, at
    the first one's place) and notes whether any key repeated, so a clean document is known to
    have no duplicate without a second look at its text."""

    repeated = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        built = dict(pairs)
        if len(built) != len(pairs):
            self.repeated = True
        return built


_OBJECTS: Final = _Objects()
#: One decoder for every document: `json.loads` with keyword arguments builds one per call.
_DECODER: Final = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_OBJECTS)


def _loads(body: str) -> tuple[Any, bool]:
    """The document, and whether an object in it repeated a key."""
    _OBJECTS.repeated = False
    if body.startswith("\ufeff"):  # json.loads refuses a (second) BOM with its own message
        document = json.loads(body, parse_constant=_reject_constant, object_pairs_hook=_OBJECTS)
    else:
        document = _DECODER.decode(body)
    return document, _OBJECTS.repeated


#: An integer literal too long for `int()` (past `sys.get_int_max_str_digits()`).
_HUGE_INTEGER: Final = re.compile(rf"-?[0-9]{{{max(sys.get_int_max_str_digits(), 1)},}}")


def parse_json(text: str) -> tuple[Any, list[JsonProblem]]:
    """Parse `text` as strict RFC 8259 JSON.

    Returns ``(document, problems)``. A syntax problem (including NaN/Infinity and nesting
    deeper than `MAX_DEPTH`) gives ``(None, [that one problem])``. Duplicate keys keep the last
    value and give one ``"duplicate-key"`` problem per repeated key, at its second occurrence.
    A leading byte-order mark is ignored.
    """
    body = text[1:] if text.startswith("\ufeff") else text
    try:  # json's C scanner; one Python call per object, none per value
        document, repeated = _loads(body)
    except _NonFiniteNumber as exc:
        scan = _scan(text)
        offset = scan.non_finite if scan.non_finite is not None else 0
        return None, [_problem_at(text, offset, _non_finite_message(str(exc)), "syntax")]
    except json.JSONDecodeError as exc:
        return None, _syntax_problems(text, body, exc)
    except RecursionError:  # json's C scanner guards its own recursion: far too deep
        return None, [_too_deep_problem(text)]
    except ValueError:  # int() refused an integer with thousands of digits
        match = _HUGE_INTEGER.search(text)
        token = match.group() if match else ""
        message = f"integer with {len(token.lstrip('-'))} digits: far too large for any field"
        return None, [_problem_at(text, match.start() if match else 0, message, "syntax")]
    if "\\u" in body and _has_lone_surrogate(document):
        return None, [_lone_surrogate_problem(text)]
    # A cheap count first: only documents with more than MAX_DEPTH containers can be too deep.
    if body.count("{") + body.count("[") > MAX_DEPTH and _deeper_than(document, MAX_DEPTH):
        return None, [_too_deep_problem(text)]

    if not repeated:
        return document, []
    index = LineIndex(text)
    problems = []
    for duplicate in _scan(text).duplicates:
        first_line, first_column = index.line_col(duplicate.first_offset)
        line, column = index.line_col(duplicate.offset)
        end_line, end_column = index.line_col(duplicate.end)
        problems.append(
            JsonProblem(
                line,
                column,
                f"duplicate key {json.dumps(duplicate.name, ensure_ascii=False)} (first at "
                f"{first_line}:{first_column}): the earlier value is ignored, the last one wins",
                "duplicate-key",
                pointer=duplicate.pointer,
                end_line=end_line,
                end_column=end_column,
            )
        )
    return document, problems


#: A `\\uD800`-`\\uDFFF` escape that is not half of a high+low pair.
_LONE_SURROGATE: Final = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<![89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _has_lone_surrogate(document: Any) -> bool:
    """True when a key or string decodes to a lone UTF-16 surrogate (not encodable as UTF-8)."""
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _lone_surrogate_problem(text: str) -> JsonProblem:
    """A lone surrogate escape is no Unicode character: no server can read it as text, and
    echoing it would make every output unencodable."""
    match = _LONE_SURROGATE.search(text)
    escape = match.group() if match else "\\uD800"
    message = f"{escape} is half of a UTF-16 surrogate pair, not a character (RFC 8259 8.2)"
    return _problem_at(text, match.start() if match else 0, message, "syntax")


#: At most this many syntax problems are reported per document.
MAX_SYNTAX_PROBLEMS = 20


def _syntax_problems(text: str, body: str, first: json.JSONDecodeError) -> list[JsonProblem]:
    """The first syntax error, then any later ones found by repairing and re-parsing.

    Only length-preserving repairs are made (a trailing comma, the extra digits of a
    leading-zero number or a foreign space becomes a plain space), so every later position is
    still a position in the original text. ZEGO's own samples have several such slips in one
    body; users fix them all in one pass instead of one per run.
    """
    shift = len(text) - len(body)
    problems: list[JsonProblem] = []
    seen: set[int] = set()
    error: json.JSONDecodeError | None = first
    while error is not None and len(problems) < MAX_SYNTAX_PROBLEMS:
        offset, message = _explain(text, error.pos + shift, error.msg)
        if offset in seen:
            break
        seen.add(offset)
        problems.append(_problem_at(text, offset, message, "syntax"))
        repaired = _repair(body, offset - shift)
        if repaired is None:
            break
        body = repaired
        try:
            json.loads(body, parse_constant=_reject_constant)
            error = None
        except json.JSONDecodeError as exc:
            error = exc
        except (ValueError, RecursionError):
            break
    return problems


def _repair(body: str, offset: int) -> str | None:
    """A same-length fix for the slip at `offset`, or None when there is no safe one."""
    if not 0 <= offset < len(body):
        return None
    char = body[offset]
    if char == "," or _is_foreign_space(char):
        return body[:offset] + " " + body[offset + 1 :]
    if char == "0" and offset + 1 < len(body) and body[offset + 1].isdigit():
        end = offset + 1
        while end < len(body) and body[end].isdigit():
            end += 1
        return body[: offset + 1] + " " * (end - offset - 1) + body[end:]
    return None


def _deeper_than(document: Any, limit: int) -> bool:
    """Whether containers nest more than `limit` levels (iterative: no recursion limit)."""
    if not isinstance(document, dict | list):
        return False
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return False


def _too_deep_problem(text: str) -> JsonProblem:
    scan = _scan(text, stop_when_too_deep=True)
    offset = scan.too_deep if scan.too_deep is not None else 0
    return _problem_at(text, offset, _too_deep_message(), "syntax")


def _too_deep_message() -> str:
    return f"nesting is deeper than {MAX_DEPTH} levels"


def _non_finite_message(token: str) -> str:
    return f"{token} is not valid JSON (RFC 8259 has no NaN or infinity); use a number or null"


def _problem_at(text: str, offset: int, message: str, kind: ProblemKind) -> JsonProblem:
    line, column = LineIndex(text).line_col(offset)
    return JsonProblem(line, column, message, kind)


# --------------------------------------------------------------------------------------------
# explaining json.loads errors

_WORD: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PYTHON_WORDS: Final = {"True": "true", "False": "false", "None": "null", "undefined": "null"}
_NON_JSON_SPACE_NAMES: Final = {"\x0b": "LINE TABULATION", "\x0c": "FORM FEED"}


def _explain(text: str, offset: int, msg: str) -> tuple[int, str]:
    """Turn a `JSONDecodeError` (message, offset) into a precise offset and a helpful message."""
    n = len(text)
    if not text.strip(" \t\n\r\ufeff"):
        return 0, "empty document: expected a JSON value"
    if msg.startswith("Unterminated string"):
        return offset, "unterminated string: the closing '\"' is missing"
    if msg.startswith("Invalid control character"):
        return offset, _control_character_message(text[offset] if offset < n else "")
    if msg.startswith("Invalid \\uXXXX"):
        if text[offset - 1 : offset] == "\\":  # point at the backslash, not at the 'u'
            offset -= 1
        return offset, "invalid \\u escape: \\u must be followed by four hexadecimal digits"
    if msg.startswith("Invalid \\escape"):
        escaped = text[offset + 1 : offset + 2]
        return offset, (
            f"invalid escape '\\{escaped}' in string; "
            'JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX'
        )
    rest = text[offset:].lstrip(" \t\n\r")
    if not rest:
        end = len(text.rstrip(" \t\n\r"))
        if msg.startswith("Expecting ',' delimiter"):
            return end, "unexpected end of document: an object or array is not closed"
        return end, "unexpected end of document: expected a value"
    offset = n - len(rest)
    char = text[offset]

    if _is_foreign_space(char):
        return offset, f"{_describe_char(char)} is not JSON whitespace"
    if text.startswith(("//", "/*"), offset) or char == "#":
        return offset, "comments are not allowed in JSON"
    if char == "'":
        return offset, "strings and keys must use double quotes, not single quotes"

    previous = _previous_significant(text, offset)
    if char in "}]" and previous is not None and text[previous] == ",":
        return previous, f"trailing comma: remove this ',' before '{char}'"
    if msg.startswith("Illegal trailing comma"):  # Python >= 3.13 reports the comma itself
        return offset, "trailing comma: remove this ','"

    if msg.startswith("Expecting property name"):
        word = _WORD.match(text, offset)
        if word:
            return offset, f'object keys must be strings in double quotes: "{word.group()}"'
        return offset, "expected a key in double quotes"
    if msg.startswith("Expecting value"):
        return offset, _unexpected_value_message(text, offset)
    if msg.startswith("Expecting ':'"):
        if char == "=":
            return offset, "use ':' between a key and its value, not '='"
        return offset, "expected ':' after the key"
    if msg.startswith("Expecting ','"):
        number_start = _number_start_before(text, offset)
        if number_start is not None:
            found = _number_followup_message(text, number_start, offset)
            if found is not None:
                return found
        close = _innermost_close(text, offset)
        return offset, f"expected ',' or '{close}' here (a ',' is missing?)"
    if msg.startswith("Extra data"):
        if char in "}]":
            return offset, f"unmatched '{char}'"
        return offset, "unexpected content after the end of the JSON document"
    return offset, msg[:1].lower() + msg[1:]


def _is_foreign_space(char: str) -> bool:
    if char in " \t\n\r":
        return False
    return char.isspace() or char in "\ufeff\u200b\u200c\u200d\u2060"


def _describe_char(char: str) -> str:
    import unicodedata

    name = unicodedata.name(char, "") or _NON_JSON_SPACE_NAMES.get(char, "control character")
    return f"U+{ord(char):04X} {name}"


def _control_character_message(char: str) -> str:
    if char == "\n":
        return "line break inside a string: write it as \\n"
    if char == "\t":
        return "tab character inside a string: write it as \\t"
    return f"control character U+{ord(char or chr(0)):04X} inside a string must be escaped as \\u"


def _unexpected_value_message(text: str, offset: int) -> str:
    char = text[offset]
    if char == "+":
        return "numbers cannot start with '+'"
    if char == "." and text[offset + 1 : offset + 2].isdigit():
        return "numbers must start with a digit: write 0.5, not .5"
    if char == "-":
        return "expected digits after '-'"
    word = _WORD.match(text, offset)
    if word:
        token = word.group()
        if token in _PYTHON_WORDS:
            return f"{token} is not JSON: use {_PYTHON_WORDS[token]}"
        if token.lower() in {"nan", "inf", "infinity"}:
            return _non_finite_message(token)
        return f"unexpected word '{token}': strings must be in double quotes"
    if char == ",":
        return "expected a value before ','"
    if char in "}]":
        return f"expected a value before '{char}'"
    return f"expected a value, found {_describe_char(char)}"


def _previous_significant(text: str, offset: int) -> int | None:
    stripped = text[:offset].rstrip(" \t\n\r")
    return len(stripped) - 1 if stripped else None


_NUMBER_BEFORE: Final = re.compile(r"-?[0-9][0-9.eE+-]*\Z")


def _number_start_before(text: str, offset: int) -> int | None:
    """Start of a number token ending exactly at `offset`, if there is one."""
    match = _NUMBER_BEFORE.search(text, max(0, offset - 64), offset)
    if match is None:
        return None
    start = match.start()
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in '_".'):
        return None
    return start


def _number_followup_message(text: str, start: int, offset: int) -> tuple[int, str] | None:
    token = text[start:offset]
    char = text[offset]
    digits = token.lstrip("-")
    if char.isdigit() and digits == "0":
        return start, "numbers cannot have leading zeros"
    if char in "xX" and digits == "0":
        return start, "hexadecimal numbers are not allowed in JSON"
    if char == ".":
        return offset, "a decimal point must be followed by digits"
    if char in "eE":
        return offset, "an exponent must be followed by digits"
    return None


def _innermost_close(text: str, offset: int) -> str:
    scan = _scan(text[:offset])
    return "}" if scan.open_object else "]"


# --------------------------------------------------------------------------------------------
# the scanner behind json_positions and the problem locators

_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")


def _skip_whitespace(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


# json's C scanner accepts ASCII digits only, hence [0-9] rather than \d.
_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERALS: Final = ("true", "false", "null")
_NON_FINITE: Final = ("NaN", "Infinity", "-Infinity")

_VALUE, _KEY, _AFTER = 0, 1, 2

# (key start, key end) or None, value start, value end; all str offsets, ends exclusive
_Entry = tuple[tuple[int, int] | None, int, int]


class _Frame:
    """An open object or array while scanning (plain class: no dataclass cost at import)."""

    __slots__ = ("count", "is_object", "key", "keys", "pointer", "start")

    def __init__(self, is_object: bool, pointer: str, start: int, key: tuple[int, int] | None):
        self.is_object = is_object
        self.pointer = pointer
        self.start = start
        self.key = key
        self.count = 0
        self.keys: dict[str, int] = {}


class _Duplicate:
    """A repeated key: its name, pointer, span (str offsets) and first occurrence."""

    __slots__ = ("end", "first_offset", "name", "offset", "pointer")

    def __init__(self, name: str, pointer: str, offset: int, end: int, first_offset: int):
        self.name = name
        self.pointer = pointer
        self.offset = offset
        self.end = end
        self.first_offset = first_offset


class _Scan:
    """What one pass over a JSON text found."""

    __slots__ = ("duplicates", "entries", "non_finite", "open_object", "too_deep")

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.duplicates: list[_Duplicate] = []
        self.non_finite: int | None = None
        self.too_deep: int | None = None
        self.open_object = False


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _scan(text: str, *, stop_when_too_deep: bool = False) -> _Scan:
    """Walk a JSON text once, recording spans, duplicate keys, NaN and nesting depth.

    Stops quietly at the first syntax error, closing any open containers at that point, and,
    if asked, as soon as the nesting passes `MAX_DEPTH` (pointers grow with depth, so a hostile
    document would otherwise cost time quadratic in its depth).
    """
    result = _Scan()
    entries = result.entries
    skip = _skip_whitespace
    n = len(text)
    pos = 1 if text.startswith("\ufeff") else 0
    stack: list[_Frame] = []
    pointer = ""
    key: tuple[int, int] | None = None
    state = _VALUE
    while True:
        pos = skip(text, pos)
        if pos >= n:
            break
        char = text[pos]
        if state == _VALUE:
            if char in "{[":
                if len(stack) >= MAX_DEPTH and result.too_deep is None:
                    result.too_deep = pos
                    if stop_when_too_deep:
                        break
                frame = _Frame(char == "{", pointer, pos, key)
                entries[pointer] = (key, pos, pos + 1)  # placeholder keeps document order
                stack.append(frame)
                pos = skip(text, pos + 1)
                if pos < n and text[pos] == ("}" if frame.is_object else "]"):
                    entries[pointer] = (key, frame.start, pos + 1)
                    stack.pop()
                    pos += 1
                    state = _AFTER
                elif frame.is_object:
                    state = _KEY
                else:
                    pointer, key, frame.count = pointer + "/0", None, 1
                continue
            end = _scalar_end(text, pos, result)
            if end < 0:
                break
            entries[pointer] = (key, pos, end)
            pos = end
            state = _AFTER
        elif state == _KEY:
            if char != '"':
                break
            try:
                name, end = scanstring(text, pos + 1, True)
            except ValueError:
                break
            frame = stack[-1]
            key = (pos, end)
            pointer = frame.pointer + "/" + _escape(name)
            first = frame.keys.get(name)
            if first is not None:
                result.duplicates.append(_Duplicate(name, pointer, pos, end, first))
                _forget(entries, pointer)
            frame.keys[name] = pos
            pos = skip(text, end)
            if pos >= n or text[pos] != ":":
                break
            pos += 1
            state = _VALUE
        else:
            if not stack:
                break
            frame = stack[-1]
            if char == ",":
                pos += 1
                if frame.is_object:
                    state = _KEY
                else:
                    pointer, key = f"{frame.pointer}/{frame.count}", None
                    frame.count += 1
                    state = _VALUE
            elif char == ("}" if frame.is_object else "]"):
                entries[frame.pointer] = (frame.key, frame.start, pos + 1)
                stack.pop()
                pos += 1
            else:
                break
    end = min(pos, n)
    for frame in stack:  # unterminated containers end where the scan stopped
        entries[frame.pointer] = (frame.key, frame.start, end)
    result.open_object = bool(stack) and stack[-1].is_object
    return result


def _scalar_end(text: str, pos: int, result: _Scan) -> int:
    """End offset of the scalar at `pos`, or -1 if there is none."""
    char = text[pos]
    if char == '"':
        try:
            return scanstring(text, pos + 1, True)[1]
        except ValueError:
            return -1
    match = _NUMBER.match(text, pos)
    if match:
        return match.end()
    for literal in _LITERALS:
        if text.startswith(literal, pos):
            return pos + len(literal)
    for literal in _NON_FINITE:
        if text.startswith(literal, pos):
            if result.non_finite is None:
                result.non_finite = pos
            return pos + len(literal)
    return -1


def _forget(entries: dict[str, _Entry], pointer: str) -> None:
    """Drop a duplicated member and its children, so the map matches the last-wins document."""
    prefix = pointer + "/"
    for stale in [p for p in entries if p == pointer or p.startswith(prefix)]:
        del entries[stale]


def json_positions(text: str) -> dict[str, Located]:
    """Map the RFC 6901 pointer of every value in `text` to its key and value spans.

    ``""`` is the root. For duplicate keys the last occurrence wins, as in `parse_json`. On
    invalid JSON the map holds what was found before the first error.
    """
    return spans_from_offsets(_scan(text).entries, text)
