"""Differential fuzzing of `parse_toml` (rtoml / tomli / tomllib) against `tomllib.loads`.

Documents are drawn from a small TOML grammar with few names, so tables get reopened, keys
repeated and dotted keys collide: where parsers disagree. The result (by repr, so key order and
1 vs 1.0 vs True count) or the error must be exactly tomllib's. `RECSPEC_FUZZ=long` soaks.
"""

from __future__ import annotations

import tomllib
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from recspec.spec.toml_reader import parse_toml

NAMES = st.sampled_from(["a", "b", "c", "t", '"a"', "'b'", "a-b", "1", "_", '"x.y"'])
KEYS = st.lists(NAMES, min_size=1, max_size=3).map(".".join)
SCALARS = st.sampled_from(
    [
        "0",
        "1",
        "-5",
        "9223372036854775807",
        "9223372036854775808",
        "1_000",
        "0x1F",
        "0o17",
        "0b11",
        "+3",
        "1.5",
        "-0.0",
        "1e3",
        "inf",
        "nan",
        "true",
        "false",
        '"s"',
        "'lit'",
        '"""m\nl"""',
        '"\\u0041\\t"',
        '"${env:X:-d}"',
        "'''x\\y'''",
        '"a\\\n b"',
        '"1.2Mbps"',
        '"https://x.y/z"',
        "07:32:00",
        "1979-05-27",
        '"\\e"',
        "{}",
        "{a = 1}",
    ]
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.tuples(st.lists(inner, max_size=3), st.booleans()).map(
        lambda parts: "[" + ", ".join(parts[0]) + ("," if parts[1] else "") + "]"
    ),
    max_leaves=5,
)
SPACE = st.sampled_from(["", " ", "\t"])
LINES = st.one_of(
    st.tuples(SPACE, SPACE, KEYS, SPACE, st.sampled_from(["", " # c.1"])).map(
        lambda p: f"{p[0]}[{p[1]}{p[2]}{p[3]}]{p[4]}"
    ),
    KEYS.map(lambda k: f"[[{k}]]"),
    st.tuples(KEYS, st.sampled_from(["=", " = "]), VALUES).map("".join),
    st.sampled_from(["", "# comment", "  "]),
)
DOCUMENTS = st.tuples(
    st.lists(LINES, min_size=1, max_size=8), st.sampled_from(["", "\n", "\r\n"])
).map(lambda parts: parts[1].join(parts[0]) + parts[1])


def outcome(loads: Any, text: str) -> tuple[str, str]:
    try:
        return "ok", repr(loads(text))
    except tomllib.TOMLDecodeError as exc:
        return "TOMLDecodeError", str(exc)
    except (ValueError, RecursionError) as exc:
        return type(exc).__name__, ""


@given(DOCUMENTS)
def test_parse_toml_is_tomllib(text: str) -> None:
    assert outcome(parse_toml, text) == outcome(tomllib.loads, text)
