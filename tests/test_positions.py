"""Position maps for JSON and TOML, strict JSON problems, tomllib errors, suppressions."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import tomllib
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recspec.positions import Located, Span
from recspec.positions.json import MAX_DEPTH, JsonProblem, json_positions, parse_json
from recspec.positions.toml import suppressions, toml_error_position, toml_positions
from recspec.source import LineIndex

FAST = settings(max_examples=80, deadline=None)


def cut(text: str, span: Span) -> str:
    """The source text a span covers."""
    index = LineIndex(text)
    return text[index.offset(span.line, span.column) : index.offset(span.end_line, span.end_column)]


# ============================================================================================
# JSON positions


def test_json_positions_spans_and_escaped_pointers() -> None:
    text = '{"a~/b": [1, {"c": null}],\n "é€😀": "x", "z": true}'
    positions = json_positions(text)
    assert set(positions) == {"", "/a~0~1b", "/a~0~1b/0", "/a~0~1b/1", "/a~0~1b/1/c", "/é€😀", "/z"}
    assert positions[""] == Located(None, Span(1, 1, 2, 24))
    assert positions["/a~0~1b"].key == Span(1, 2, 1, 8)
    assert cut(text, positions["/a~0~1b"].value) == '[1, {"c": null}]'
    assert positions["/a~0~1b/0"] == Located(None, Span(1, 11, 1, 12))
    assert cut(text, positions["/a~0~1b/1/c"].value) == "null"
    # code points: the emoji key is 3 columns wide plus its quotes
    assert positions["/é€😀"].key == Span(2, 2, 2, 7)
    assert positions["/z"].key == Span(2, 14, 2, 17)
    assert positions["/z"].value == Span(2, 19, 2, 23)
    assert positions["/z"].anchor == positions["/z"].key
    assert positions[""].anchor == positions[""].value


def test_json_positions_follow_last_duplicate_and_forget_stale_children() -> None:
    text = '{"a": {"old": 1}, "a": {"new": 2}}'
    positions = json_positions(text)
    assert set(positions) == {"", "/a", "/a/new"}
    assert positions["/a"].key == Span(1, 19, 1, 22)


def test_json_positions_best_effort_on_invalid_json() -> None:
    positions = json_positions('{"a": 1, "b": [1, 2,, "c": 3}')
    assert {"", "/a", "/b", "/b/0", "/b/1"} <= set(positions)
    assert json_positions("") == {}
    assert json_positions("{") == {"": Located(None, Span(1, 1, 1, 2))}


def test_json_positions_survive_deep_nesting() -> None:
    positions = json_positions("[" * 10_000 + "]" * 10_000)
    assert len(positions) == 10_000


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=25,
)


def json_pointers(
    value: Any, pointer: str = "", key: str | None = None
) -> Iterator[tuple[str, tuple[Any, str | None]]]:
    """(pointer, (value, member name or None)) for every value, root first."""
    yield pointer, (value, key)
    if isinstance(value, dict):
        for name, child in value.items():
            token = name.replace("~", "~0").replace("/", "~1")
            yield from json_pointers(child, f"{pointer}/{token}", name)
    elif isinstance(value, list):
        for position, child in enumerate(value):
            yield from json_pointers(child, f"{pointer}/{position}")


@FAST
@given(json_values, st.randoms(use_true_random=False))
def test_json_positions_agree_with_json_loads(value: Any, rnd: random.Random) -> None:
    text = json.dumps(
        value,
        indent=rnd.choice([None, 0, 2, "\t"]),
        ensure_ascii=rnd.random() < 0.5,
        separators=rnd.choice([None, (",", ":"), (" , ", " : ")]),
    )
    assert parse_json(text) == (value, [])
    positions = json_positions(text)
    expected = dict(json_pointers(value))
    assert set(positions) == set(expected)
    for pointer, (child, name) in expected.items():
        located = positions[pointer]
        assert json.loads(cut(text, located.value)) == child
        if name is None:
            assert located.key is None
        else:
            assert located.key is not None
            assert json.loads(cut(text, located.key)) == name


# ============================================================================================
# parse_json problems

SEED_EXAMPLE = """{
"app_id": 0000,
"access_token": "xxxx",
"room_id": "xxxx"
}"""


def only_problem(text: str) -> JsonProblem:
    document, problems = parse_json(text)
    assert document is None
    assert len(problems) == 1
    return problems[0]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (SEED_EXAMPLE, 2, 11, "numbers cannot have leading zeros"),
        ('{"a": 1,\n  "b": 2,\n}', 2, 9, "trailing comma"),
        ("[1, 2 ,]", 1, 7, "trailing comma"),
        ('{\n\u00a0\u00a0"a": 1}', 2, 1, "U+00A0 NO-BREAK SPACE is not JSON whitespace"),
        ('{"a":\u200b1}', 1, 6, "U+200B ZERO WIDTH SPACE is not JSON whitespace"),
        ('{"a": NaN}', 1, 7, "NaN is not valid JSON"),
        ("[1,\n Infinity]", 2, 2, "Infinity is not valid JSON"),
        ('{"x": -Infinity}', 1, 7, "-Infinity is not valid JSON"),
        ("", 1, 1, "empty document"),
        ("  \n ", 1, 1, "empty document"),
        ('{"a": 1', 1, 8, "unexpected end of document"),
        ('{"a": 1\n\n', 1, 8, "unexpected end of document"),
        ('["a', 1, 2, "unterminated string"),
        ('{"a": True}', 1, 7, "True is not JSON: use true"),
        ('{"a": None}', 1, 7, "use null"),
        ("{'a': 1}", 1, 2, "double quotes"),
        ("{a: 1}", 1, 2, 'object keys must be strings in double quotes: "a"'),
        ('{"a" = 1}', 1, 6, "use ':'"),
        ('{"a": 1\n "b": 2}', 2, 2, "expected ',' or '}'"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ('{"a": 1}}', 1, 9, "unmatched '}'"),
        ("{} {}", 1, 4, "after the end of the JSON document"),
        ('["\\q"]', 1, 3, "invalid escape '\\q'"),
        ('["\\u12"]', 1, 3, "invalid \\u escape"),
        ('["a\nb"]', 1, 4, "line break inside a string"),
        ('["a\tb"]', 1, 4, "tab character inside a string"),
        ("[1.]", 1, 3, "a decimal point must be followed by digits"),
        ("[1e]", 1, 3, "an exponent must be followed by digits"),
        ("[0x1F]", 1, 2, "hexadecimal"),
        ("[-01]", 1, 2, "leading zeros"),
        ("[+1]", 1, 2, "cannot start with '+'"),
        ("[.5]", 1, 2, "write 0.5"),
        ("[-]", 1, 2, "expected digits after '-'"),
        ("// note\n{}", 1, 1, "comments are not allowed"),
        ('{"a": 1, /* x */ "b": 2}', 1, 10, "comments are not allowed"),
        ('{"a": [1, , 2]}', 1, 11, "expected a value before ','"),
        ('{"a": }', 1, 7, "expected a value before '}'"),
        ('{"a": hello}', 1, 7, "unexpected word 'hello'"),
        ('{"a": "x", "é€😀": NaN}', 1, 19, "NaN"),
    ],
)
def test_parse_json_syntax_problems(text: str, line: int, column: int, message: str) -> None:
    document, problems = parse_json(text)
    assert document is None and problems
    problem = problems[0]
    assert problem.kind == "syntax"
    assert (problem.line, problem.column) == (line, column), problem.message
    assert message in problem.message


def test_parse_json_reports_duplicates_and_keeps_the_last_value() -> None:
    text = '{\n  "a": 1,\n  "b": {"x": 1, "x": 2},\n  "a": 3\n}'
    document, problems = parse_json(text)
    assert document == {"a": 3, "b": {"x": 2}}
    assert [(p.kind, p.pointer, p.line, p.column) for p in problems] == [
        ("duplicate-key", "/b/x", 3, 17),
        ("duplicate-key", "/a", 4, 3),
    ]
    assert (problems[1].end_line, problems[1].end_column) == (4, 6)
    assert 'duplicate key "a" (first at 2:3)' in problems[1].message


def test_parse_json_depth_limit() -> None:
    assert parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH)[1] == []
    problem = only_problem("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert (problem.line, problem.column) == (1, MAX_DEPTH + 1)
    assert "deeper than 64" in problem.message
    # far beyond the interpreter's recursion limit: still a problem, not a RecursionError
    assert "deeper" in only_problem('{"a": ' * 50_000 + "1" + "}" * 50_000).message


def test_parse_json_brackets_inside_strings_do_not_count_as_depth() -> None:
    text = json.dumps({"s": "[" * 500, "t": "{" * 500})
    assert parse_json(text) == ({"s": "[" * 500, "t": "{" * 500}, [])


def test_parse_json_ignores_a_bom_but_keeps_columns() -> None:
    assert parse_json('\ufeff{"a": 1}') == ({"a": 1}, [])
    problem = only_problem('\ufeff{"a": NaN}')
    assert (problem.line, problem.column) == (1, 8)


@FAST
@given(
    st.text(
        alphabet=st.sampled_from(list('{}[]",:0123456789.-+eE ntrufalsNIy\\\n\u00a0')), max_size=30
    )
)
def test_parse_json_never_raises(text: str) -> None:
    document, problems = parse_json(text)
    json_positions(text)
    line_count = text.count("\n") + 1
    for problem in problems:
        assert 1 <= problem.line <= line_count
        assert problem.column >= 1
    if problems and problems[0].kind == "syntax":
        assert document is None


# ============================================================================================
# TOML positions

SPEC = """\
# a spec
version = 1
name = "é€😀"  # unicode before a key on the next line
after = true
"quoted key" = 'literal'
a.b."c.d" = 2

[room]
id = "class-101"

[layout]
streams = [
  "a",  # first
  ["b", 2],
]
inline = {x = 1, y.z = {w = [1, 2]}}
text = \"\"\"
line "" two
\"\"\"
raw = '''it's'''
when = 1979-05-27 07:32:00

[[layout.tile]]
left = 0

[layout.tile.border]
width = 2

[[layout.tile]]
left = 640

[ deep . "er" ]
"""


def test_toml_positions_cover_every_construct() -> None:
    assert tomllib.loads(SPEC)  # the fixture is valid TOML
    positions = toml_positions(SPEC)

    def key_at(path: tuple[str | int, ...]) -> tuple[int, int]:
        key = positions[path].key
        assert key is not None
        return key.line, key.column

    def value_text(path: tuple[str | int, ...]) -> str:
        return cut(SPEC, positions[path].value)

    assert key_at(("version",)) == (2, 1)
    assert positions[("name",)].value == Span(3, 8, 3, 13)  # 3 code points + quotes
    assert key_at(("after",)) == (4, 1)
    assert value_text(("after",)) == "true"
    assert value_text(("quoted key",)) == "'literal'"
    assert key_at(("a", "b", "c.d")) == (6, 5)
    assert key_at(("a",)) == (6, 1)
    assert value_text(("a",)) == 'a.b."c.d" = 2'  # an implicit table spans its key/value pair
    assert value_text(("room",)) == "[room]"  # a table maps to its header
    assert key_at(("room",)) == (8, 2)
    assert key_at(("room", "id")) == (9, 1)
    assert value_text(("layout", "streams")) == '[\n  "a",  # first\n  ["b", 2],\n]'
    assert positions[("layout", "streams", 0)].key is None
    assert value_text(("layout", "streams", 1, 1)) == "2"
    assert value_text(("layout", "inline")) == "{x = 1, y.z = {w = [1, 2]}}"
    assert value_text(("layout", "inline", "y", "z", "w", 1)) == "2"
    assert key_at(("layout", "inline", "y", "z")) == (16, 20)
    assert value_text(("layout", "text")).startswith('"""\nline')
    assert positions[("layout", "text")].value.end_line == 19
    assert value_text(("layout", "raw")) == "'''it's'''"
    assert value_text(("layout", "when")) == "1979-05-27 07:32:00"
    assert value_text(("layout", "tile")) == "[[layout.tile]]"
    assert positions[("layout", "tile", 0)].value.line == 23
    assert positions[("layout", "tile", 1)].value.line == 29
    assert key_at(("layout", "tile", 0, "left")) == (24, 1)
    assert key_at(("layout", "tile", 0, "border", "width")) == (27, 1)
    assert value_text(("layout", "tile", 0, "border")) == "[layout.tile.border]"
    assert key_at(("layout", "tile", 1, "left")) == (30, 1)
    assert key_at(("deep", "er")) == (32, 10)
    assert set(positions) == set(toml_paths(tomllib.loads(SPEC)))


def test_toml_explicit_super_table_replaces_implicit_mention() -> None:
    text = "[a.b]\nx = 1\n[a]\ny = 2\n"
    positions = toml_positions(text)
    assert cut(text, positions[("a",)].value) == "[a]"


def test_toml_escaped_and_literal_keys() -> None:
    text = '"tab\\there" = 1\n\'C:\\x\' = 2\n"\\u00e9" = 3\n'
    assert set(toml_positions(text)) == {(k,) for k in tomllib.loads(text)}


def test_toml_multiline_string_quotes_next_to_the_closing_delimiter() -> None:
    text = "a = \"\"\"x\"\"\"\"\nb = '''y'''''\nc = 1\n"
    assert tomllib.loads(text) == {"a": 'x"', "b": "y''", "c": 1}
    positions = toml_positions(text)
    assert cut(text, positions[("a",)].value) == '"""x""""'
    assert cut(text, positions[("b",)].value) == "'''y'''''"
    assert positions[("c",)].key == Span(3, 1, 3, 2)


def test_toml_crlf_line_endings() -> None:
    text = "a = 1\r\n[t]\r\nb = [\r\n  2,\r\n]\r\n"
    positions = toml_positions(text)
    assert positions[("t", "b", 0)].value == Span(4, 3, 4, 4)


@pytest.mark.parametrize(
    "text",
    [
        "a = ",
        "a = [1, 2",
        'a = "unterminated\nb = 2\n',
        'a = """never closed',
        "[table\nb = 1\n",
        "= 1\nb = 2\n",
        "a = {x = 1\nb = 2\n",
        "a = 1 2\nb = 3\n",
        "a = " + "[" * 5000,
        "a = " + "{b = " * 3000,
        "[[]]\n[.]\n'x\n",
        "\x00\ufeff#\r",
    ],
)
def test_toml_positions_never_crash_and_recover(text: str) -> None:
    positions = toml_positions(text)
    if "\nb = " in text and not text.startswith("[table"):
        assert ("b",) in positions or any(path[-1] == "b" for path in positions)


@FAST
@given(st.text(alphabet=st.sampled_from(list("ab.=[]{}\"'#,\n \t\\123")), max_size=40))
def test_toml_scanner_never_raises_on_garbage(text: str) -> None:
    toml_positions(text)
    suppressions(text + "\n# recspec: ignore[RS1]\n")


# ---- a small TOML writer for property tests: the same document in many styles

KEYS = ["a", "b", "id", "left", "x-y", "k_2", "1", "é", "a b", "a.b", 'q"t', "it's", "", "😀"]
SAFE_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x7f"), max_size=8
)
toml_scalars = (
    st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | SAFE_TEXT
    | st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1))
)
toml_tables = st.recursive(
    st.dictionaries(
        st.sampled_from(KEYS), toml_scalars | st.lists(toml_scalars, max_size=3), max_size=3
    ),
    lambda inner: st.dictionaries(
        st.sampled_from(KEYS),
        inner | st.lists(inner, min_size=1, max_size=2) | toml_scalars,
        max_size=4,
    ),
    max_leaves=12,
)

BARE = re.compile(r"[A-Za-z0-9_-]+")


def toml_key(key: str, rnd: random.Random) -> str:
    if BARE.fullmatch(key) and rnd.random() < 0.8:
        return key
    if "'" not in key and rnd.random() < 0.5:
        return f"'{key}'"
    return json.dumps(key, ensure_ascii=False)


def toml_string(value: str, rnd: random.Random) -> str:
    style = rnd.random()
    plain = not any(ord(c) < 32 for c in value)
    if style < 0.2 and plain and "'" not in value:
        return f"'{value}'"
    if style < 0.4 and plain and "'''" not in value and not value.endswith("'"):
        return f"'''{value}'''"
    if style < 0.6:
        return '"""' + json.dumps(value, ensure_ascii=False)[1:-1] + '"""'
    return json.dumps(value, ensure_ascii=False)


def toml_inline(value: Any, rnd: random.Random, multiline: bool = True) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:_}" if rnd.random() < 0.2 else str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value, rnd)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=rnd.choice("T "))
    if isinstance(value, list):
        items = [toml_inline(item, rnd, multiline) for item in value]
        if multiline and items and rnd.random() < 0.3:
            return "[\n" + "".join(f"  {item},  # item\n" for item in items) + "]"
        return "[" + ", ".join(items) + "]"
    pairs = [f"{toml_key(k, rnd)} = {toml_inline(v, rnd, False)}" for k, v in value.items()]
    return "{" + ", ".join(pairs) + "}"


def is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def dotted_lines(prefix: list[str], table: dict[str, Any], rnd: random.Random) -> list[str]:
    lines: list[str] = []
    for key, value in table.items():
        path = [*prefix, toml_key(key, rnd)]
        if isinstance(value, dict) and value and rnd.random() < 0.7:
            lines.extend(dotted_lines(path, value, rnd))
        else:
            separator = rnd.choice([".", " . "])
            lines.append(f"{separator.join(path)} = {toml_inline(value, rnd)}")
    return lines


def emit_table(
    lines: list[str], header: list[str], table: dict[str, Any], rnd: random.Random, *, array: bool
) -> None:
    simple: list[str] = []
    nested: list[tuple[str, str, Any]] = []
    for key, value in table.items():
        written = toml_key(key, rnd)
        if isinstance(value, dict):
            style = rnd.choice(["table", "dotted", "inline"] if value else ["table", "inline"])
            if style == "inline":
                simple.append(f"{written} = {toml_inline(value, rnd)}")
            elif style == "dotted":
                simple.extend(dotted_lines([written], value, rnd))
            else:
                nested.append(("table", written, value))
        elif is_table_array(value) and rnd.random() < 0.7:
            nested.append(("array", written, value))
        else:
            simple.append(f"{written} = {toml_inline(value, rnd)}")
    if header:
        joined = rnd.choice([".", " . "]).join(header)
        if array:
            lines.append(f"[[{joined}]]")
        elif simple or not nested or rnd.random() < 0.6:  # else leave the table implicit
            lines.append(f"[{joined}]" + rnd.choice(["", "  # table"]))
    for line in simple:
        lines.append(line + rnd.choice(["", "", "  # note"]))
        if rnd.random() < 0.1:
            lines.append("")
    for kind, written, value in nested:
        if kind == "table":
            emit_table(lines, [*header, written], value, rnd, array=False)
        else:
            for element in value:
                emit_table(lines, [*header, written], element, rnd, array=True)


def write_toml(document: dict[str, Any], rnd: random.Random) -> str:
    lines: list[str] = []
    emit_table(lines, [], document, rnd, array=False)
    return "\n".join(lines) + "\n"


def toml_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if path:
        yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from toml_paths(child, (*path, key))
    elif isinstance(value, list):
        for position, child in enumerate(value):
            yield from toml_paths(child, (*path, position))


def lookup(document: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


@settings(max_examples=150, deadline=None)
@given(toml_tables, st.randoms(use_true_random=False))
def test_toml_positions_agree_with_tomllib(document: dict[str, Any], rnd: random.Random) -> None:
    text = write_toml(document, rnd)
    parsed = tomllib.loads(text)
    assert parsed == document, text  # the test writer itself is right
    positions = toml_positions(text)
    paths = list(toml_paths(parsed))
    assert set(positions) == set(paths), text
    lines = text.split("\n")
    for path in paths:
        located = positions[path]
        if isinstance(path[-1], str):
            assert located.key is not None, path
            key_text = cut(text, located.key)
            assert key_text in lines[located.key.line - 1]
            assert list(tomllib.loads(f"{key_text} = 1")) == [path[-1]], (path, key_text)
        value = lookup(parsed, path)
        if not isinstance(value, dict | list) or (
            isinstance(value, list) and not is_table_array(value)
        ):
            value_text = cut(text, located.value)
            assert tomllib.loads(f"v = {value_text}")["v"] == value, (path, value_text)


# ============================================================================================
# tomllib errors


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a = 1\nb = \n", 2, 5, "invalid value"),
        ('name = "é€😀" x\n', 1, 14, "expected newline or end of document after a statement"),
        ("a = [1,\n  2\n", 2, 4, "unclosed array"),
        ("a = [1,\n  2\n\n\n", 2, 4, "unclosed array"),
        ("", 1, 1, ""),
    ],
)
def test_toml_error_position(text: str, line: int, column: int, message: str) -> None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        assert toml_error_position(exc, text) == (line, column, message)
    else:
        assert text == ""


def test_toml_error_position_unknown_format_points_at_start() -> None:
    exc = tomllib.TOMLDecodeError("Something odd")
    assert toml_error_position(exc, "a = 1\n") == (1, 1, "something odd")


# ============================================================================================
# suppressions

SUPPRESSED = """\
# recspec: ignore-file[RS5, secret-in-spec] reviewed with security
version = 1

# recspec: ignore[RS301]
[storage]   # recspec: ignore[RS9]
a = "# recspec: ignore[RS1] inside a string is no comment"
b = [  # recspec: ignore[RS1]
  1,
  # recspec: ignore[RS2]
  2,
]  # recspec: ignore[RS4] - long reason
# recspec: ignore[mix-config-required, RS7]

c = 1
# recspec: ignore
# recspec: bogus[RS1]
[next]
d = 1 # recspec: ignore[]
# recspec: ignore[RS8]
"""


def test_suppression_scopes() -> None:
    found = suppressions(SUPPRESSED)
    assert found.lines == [
        (1, ("RS5", "secret-in-spec")),
        (4, ("RS301",)),
        (5, ("RS9",)),
        (7, ("RS1",)),
        (9, ("RS2",)),
        (11, ("RS4",)),
        (12, ("mix-config-required", "RS7")),
        (19, ("RS8",)),
    ]
    by_line = {entry.line: entry for entry in found}
    assert by_line[1].scope == "file"
    assert by_line[1].reason == "reviewed with security"
    assert (by_line[4].scope, by_line[4].first_line, by_line[4].last_line) == ("next", 5, 16)
    assert (by_line[5].scope, by_line[5].first_line, by_line[5].last_line) == ("line", 5, 5)
    assert (by_line[7].first_line, by_line[7].last_line) == (7, 7)
    assert (by_line[9].scope, by_line[9].first_line, by_line[9].last_line) == ("next", 10, 10)
    # trailing the last line of a multi-line value covers the whole key/value
    assert (by_line[11].first_line, by_line[11].last_line) == (7, 11)
    assert by_line[11].reason == "long reason"
    # own-line, blank line before the key: still the next key
    assert (by_line[12].first_line, by_line[12].last_line) == (14, 14)
    # nothing follows: covers nothing (a future "unused suppression" rule reports it)
    assert by_line[19].first_line > by_line[19].last_line
    assert [(m.line, m.column) for m in found.malformed] == [(15, 1), (16, 1), (18, 7)]


def test_is_suppressed_matches_codes_prefixes_and_names() -> None:
    found = suppressions(SUPPRESSED)
    assert found.is_suppressed("RS301", "any", 5)  # own-line before a header: whole table
    assert found.is_suppressed("RS301", "any", 14)
    assert not found.is_suppressed("RS301", "any", 17)  # next table
    assert not found.is_suppressed("RS302", "any", 5)
    assert found.is_suppressed("RS901", "any", 5)  # prefix RS9, trailing the header line
    assert not found.is_suppressed("RS901", "any", 6)
    assert not found.is_suppressed("RS101", "any", 6)  # the one inside a string is not a comment
    assert found.is_suppressed("RS503", "anything", 2)  # ignore-file with a prefix
    assert found.is_suppressed("RS999", "secret-in-spec", 17)  # ignore-file with a rule name
    assert found.is_suppressed("RS201", "mix-config-required", 14)
    assert found.is_suppressed("rs701", "x", 14)
    assert found.find("RS4", "x", 9) == next(e for e in found if e.line == 11)
    assert found.find("RS4", "x", 12) is None


def test_no_suppressions_fast_path() -> None:
    found = suppressions("a = 1\n# just a comment\n")
    assert len(found) == 0
    assert found.lines == []
    assert not found.is_suppressed("RS101", "x", 1)


def test_parse_json_reports_every_repairable_slip_in_one_pass() -> None:
    # The seed's own Aliyun VOD sample: a leading-zero app_id and a trailing comma.
    text = '{\n  "app_id": 0000,\n  "p": {"a": 1,},\n\u00a0"b": [1, 2,]\n}'
    document, problems = parse_json(text)
    assert document is None
    assert [(p.line, p.column) for p in problems] == [(2, 13), (3, 15), (4, 1), (4, 12)]
    assert "leading zeros" in problems[0].message and "trailing comma" in problems[1].message


def test_parse_json_stops_at_an_unrepairable_error() -> None:
    document, problems = parse_json('{"a": 00, "b": tru}')
    assert document is None
    assert len(problems) == 2  # the leading zero, then the bad literal; nothing after it


_KEYS = st.sampled_from(["a", "b", 'q":', "c d", "é", "\\"])


def _render(node: Any, draw: Any) -> str:
    """JSON text for nested pair lists (keys may repeat), with random spaces around ':'."""
    if isinstance(node, tuple):  # an object as pairs
        parts = [
            json.dumps(key) + draw(st.sampled_from(["", " ", "\n\t"])) + ":" + _render(value, draw)
            for key, value in node
        ]
        return "{" + ",".join(parts) + "}"
    if isinstance(node, list):
        return "[" + ",".join(_render(item, draw) for item in node) + "]"
    return json.dumps(node)


_TREES = st.recursive(
    st.integers() | st.text(alphabet='a":\\ {}', max_size=6) | st.booleans(),
    lambda inner: (
        st.lists(inner, max_size=3).map(list)
        | st.lists(st.tuples(_KEYS, inner), max_size=4).map(tuple)
    ),
    max_leaves=12,
)


def _has_duplicate(node: Any) -> bool:
    if isinstance(node, tuple):
        keys = [key for key, _ in node]
        return len(set(keys)) != len(keys) or any(_has_duplicate(v) for _, v in node)
    if isinstance(node, list):
        return any(_has_duplicate(item) for item in node)
    return False


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_duplicate_keys_are_found_exactly(data: st.DataObject) -> None:
    tree = data.draw(_TREES.filter(lambda t: isinstance(t, tuple)))
    text = _render(tree, data.draw)
    document, problems = parse_json(text)
    assert document == json.loads(text)
    found = [p for p in problems if p.kind == "duplicate-key"]
    assert bool(found) == _has_duplicate(tree), text


def test_an_integer_too_long_for_int_is_a_positioned_problem() -> None:
    text = '{"app_id":\n  ' + "9" * 5000 + "}"
    document, problems = parse_json(text)
    assert document is None
    assert (problems[0].line, problems[0].column) == (2, 3)
    assert "5000 digits" in problems[0].message
