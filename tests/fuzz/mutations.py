"""Hypothesis strategies that damage the shipped examples the way people and tools do.

Each strategy draws a seed text (a shipped `examples/*.toml` or `*.json`) and applies one to four
mutations: delete, duplicate or swap lines, flip or insert characters (control characters and
odd Unicode included), replace a value with one of another type (tables, arrays, huge or
non-finite numbers, negative zero, dates, secrets), insert lines, truncate.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import strategies as st

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SPEC_SEEDS = tuple(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.toml")))
PAYLOAD_SEEDS = tuple(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.json")))

ODD_TEXT = st.sampled_from(
    [
        "\x00",
        "\x01",
        "\x1b[31m",
        "\x7f",
        "\r",
        "\n",
        "\t",
        "\u2028",
        "\u202e",
        "\ufeff",
        "\ud7ff",
        "\U0001f600",
        "é",
        "\u0301",
        "${",
        "${env:",
        "${env:FUZZ_SECRET}",
        "}",
        "]",
        "[",
        "{",
        '"',
        "'",
        "\\",
        "#",
        "=",
        ".",
        ",",
        "..",
        "/",
        "~",
        "%",
        "<",
        "&",
        "]]>",
    ]
)

TOML_VALUES = st.sampled_from(
    [
        "{}",
        "{ a = 1 }",
        "{ preset = 'grid' }",
        "[]",
        "[1, 2]",
        '["a", 1]',
        "[[]]",
        "[{}]",
        "0",
        "-1",
        "-0",
        "+0",
        "1",
        "25",
        "26",
        "65535",
        "2147483648",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "1" + "0" * 40,
        "0x7fffffff",
        "0b1",
        "0o777",
        "1_000",
        "nan",
        "+nan",
        "-nan",
        "inf",
        "-inf",
        "-0.0",
        "0.0",
        "1e308",
        "1e-320",
        "3.5",
        "true",
        "false",
        "1979-05-27T07:32:00Z",
        "1979-05-27",
        "07:32:00",
        '""',
        '" "',
        '"x"',
        '"720p"',
        '"99999x99999"',
        '"0x0"',
        '"-1280x720"',
        '"1.5Mbps"',
        '"1e400bps"',
        '"-5s"',
        '"99999999999999999999h"',
        '"#GGGGGG"',
        '"s3"',
        '"grid"',
        '"${env:FUZZ_SECRET}"',
        '"${env:NOT_SET_ANYWHERE}"',
        '"${env:FUZZ_SECRET:-x}"',
        '"\\u0000"',
        '"\\u001b[2J"',
        '"\\u202e\\u0301"',
        '"\\U0001F600"',
        "'literal'",
        '"""multi\nline"""',
        '"' + "x" * 5000 + '"',
        "[" * 70 + "]" * 70,
        "{ a = " * 70 + "1" + " }" * 70,
    ]
)

JSON_VALUES = st.sampled_from(
    [
        "{}",
        "[]",
        "null",
        "true",
        "false",
        "0",
        "-0",
        "-0.0",
        "1",
        "-1",
        "3.5",
        "1e400",
        "-1e400",
        "1e-400",
        "NaN",
        "Infinity",
        "-Infinity",
        "2147483648",
        "9223372036854775808",
        "1" + "0" * 40,
        '""',
        '"x"',
        '"\\u0000"',
        '"\\ud800"',
        '"\\udc00\\ud800"',
        '"\\u202e"',
        '"PLANTEDsecret-in-json"',
        '{"a": 1, "a": 2}',
        '[1, "a", {}]',
        "[" * 70 + "]" * 70,
        '{"k":' * 70 + "1" + "}" * 70,
        '"' + "y" * 5000 + '"',
        "01",
        "1.",
        ".5",
        "+1",
        "'x'",
    ]
)

_TOML_VALUE = re.compile(r"^(\s*[A-Za-z0-9_.\"'-]+\s*=\s*)(.*)$")
_JSON_VALUE = re.compile(r'^(\s*"[^"]*"\s*:\s*)(.*?)(,?\s*)$')
_INSERTED_LINES = st.sampled_from(
    [
        "[room]",
        "[layout]",
        "[[layout.tile]]",
        "[payload]",
        "[payload.record_input_params]",
        "[storage]",
        "[video]",
        "[record]",
        "[output]",
        "[whiteboard]",
        "[unknown_table]",
        "extends = 'base-s3.toml'",
        "extends = '.'",
        "extends = '/'",
        "extends = '/dev/null'",
        "extends = 'nope.toml'",
        "extends = ['a.toml', 'a.toml']",
        "extends = 3",
        "version = 2",
        "fps = 60",
        "tiles = 26",
        "tiles = 0",
        "streams = []",
        "gap = -8",
        "preset = 'custom'",
        "resolution = '7680x4320'",
        "access_token = 'PLANTEDsecret-literal'",
        "x.y.z = 1",
        '"quoted key" = 1',
        "a = 1\na = 2",
        "[room]\n[room]",
    ]
)


@st.composite
def _mutate(
    draw: st.DrawFn, text: str, values: st.SearchStrategy[str], value_re: re.Pattern[str]
) -> str:
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        kind = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "swap",
                    "flip",
                    "insert_text",
                    "replace_value",
                    "replace_value",
                    "replace_value",
                    "insert_line",
                    "truncate",
                ]
            )
        )
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if kind == "delete" and lines:
            del lines[i]
        elif kind == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif kind == "swap" and lines:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "insert_line" and values is TOML_VALUES:
            lines.insert(i, draw(_INSERTED_LINES))
        elif kind == "replace_value":
            candidates = [n for n, line in enumerate(lines) if value_re.match(line)]
            if candidates:
                n = draw(st.sampled_from(candidates))
                match = value_re.match(lines[n])
                assert match is not None
                tail = match.group(3) if value_re.groups >= 3 else ""
                lines[n] = match.group(1) + draw(values) + tail
        else:
            joined = "\n".join(lines)
            k = draw(st.integers(0, len(joined)))
            if kind == "flip" and k < len(joined):
                joined = joined[:k] + draw(ODD_TEXT | st.characters()) + joined[k + 1 :]
            elif kind == "truncate":
                joined = joined[:k]
            else:
                insert = draw(ODD_TEXT | st.text(max_size=6) | values)
                joined = joined[:k] + insert + joined[k:]
            lines = joined.split("\n")
        text = "\n".join(lines)
    return text


def mutated_specs() -> st.SearchStrategy[str]:
    """A shipped example spec with one to four mutations."""
    return st.sampled_from(SPEC_SEEDS).flatmap(lambda seed: _mutate(seed, TOML_VALUES, _TOML_VALUE))


def mutated_payloads() -> st.SearchStrategy[str]:
    """A shipped example payload with one to four mutations."""
    return st.sampled_from(PAYLOAD_SEEDS).flatmap(
        lambda seed: _mutate(seed, JSON_VALUES, _JSON_VALUE)
    )
