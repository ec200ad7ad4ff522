"""`parse_toml` must behave exactly like `tomllib.loads`, whichever parser does the work."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recspec.spec.toml_reader import _compiled_tomli, parse_toml

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.toml"))

#: TOML 1.1 additions that a newer tomli (2.3+) or rtoml would accept; TOML 1.0 rejects them all.
TOML_1_1_ONLY = [
    "a = {x = 1,\n y = 2}",
    "a = {x = 1, }",
    'a = "\\e"',
    'a = "\\xff"',
    "a = 07:32",
    "a = 1979-05-27T07:32Z",
]


def outcome(loads: Any, text: str) -> tuple[str, Any]:
    try:
        return "ok", repr(loads(text))  # repr: nan == nan, and 1 != 1.0 != True
    except tomllib.TOMLDecodeError as exc:
        return "TOMLDecodeError", str(exc)
    except (ValueError, RecursionError) as exc:
        return type(exc).__name__, None


def test_the_compiled_parser_is_used_when_installed() -> None:
    # tomli is a dependency; on platforms without its compiled wheel this is None and
    # parse_toml is tomllib itself (the other tests still hold).
    fast = _compiled_tomli()
    if fast is None:
        pytest.skip("no compiled tomli 2.1-2.2 here")
    assert fast("a = 1") == {"a": 1}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_parse_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert parse_toml(text) == tomllib.loads(text)


@pytest.mark.parametrize("text", TOML_1_1_ONLY)
def test_toml_1_1_syntax_is_refused_with_tomllibs_message(text: str) -> None:
    assert outcome(parse_toml, text) == outcome(tomllib.loads, text)
    assert outcome(parse_toml, text)[0] == "TOMLDecodeError"


def test_deep_nesting_and_huge_integers_fail_as_in_tomllib() -> None:
    deep = "a = " + "[" * 100_000 + "]" * 100_000
    assert outcome(parse_toml, deep)[0] == outcome(tomllib.loads, deep)[0] == "RecursionError"
    huge = "a = " + "9" * 5000
    assert outcome(parse_toml, huge)[0] == outcome(tomllib.loads, huge)[0] == "ValueError"


def test_a_plain_spec_takes_the_rtoml_path_and_others_do_not() -> None:
    from recspec.spec.toml_reader import rtoml_safe

    assert rtoml_safe('a = "${env:X:-y}"\n[t]\nb = [1, 2]\n# spec 1: x\nr = "16:9"\n')
    others = ["a = 1\r\n", 'a = "é"', "a = {b = 1}", "t = [\n 07:32]", "\x01", "[[a]]", " [a.b]"]
    for text in [*TOML_1_1_ONLY, *others]:
        assert not rtoml_safe(text), text


def test_only_rtoml_safe_texts_reach_rtoml_and_its_refusals_fall_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import recspec.spec.toml_reader as reader

    seen: list[str] = []

    def fake_rtoml(text: str) -> Any:
        seen.append(text)
        if "refuse" in text:
            raise ValueError("rtoml says no")
        return {"from": "rtoml"}

    monkeypatch.setattr(reader, "_rtoml", lambda: fake_rtoml)
    assert parse_toml('a = "plain"\n') == {"from": "rtoml"}
    assert parse_toml("a = {b = 1}\n") == {"a": {"b": 1}}  # not rtoml-safe: never offered to it
    assert parse_toml('refuse = "x"\n') == {"refuse": "x"}  # refused: tomli/tomllib decide
    with pytest.raises(tomllib.TOMLDecodeError):
        parse_toml("refuse = \n")
    assert seen == ['a = "plain"\n', 'refuse = "x"\n', "refuse = \n"]


@pytest.mark.parametrize(
    "text",
    [
        "[[tab.arr]]\n[tab]\narr.a.b = 1\n",  # rtoml accepts it; TOML (and tomllib) do not
        "[x.y]\n[z]\n[x]\nw = 1\n",  # rtoml orders x after z; tomllib keeps x first
        "[_.c]\n[a.b]\n[_]\nb.c = 1\n",
    ],
)
def test_where_rtoml_was_seen_to_differ_tomllib_decides(text: str) -> None:
    assert outcome(parse_toml, text) == outcome(tomllib.loads, text)


_SEEDS = [p.read_text(encoding="utf-8") for p in EXAMPLES]
_EDITS = st.sampled_from(
    [
        *"abc_-.\"'=[]{}#\\\n \t0123456789,+e:$",
        '"""',
        "'''",
        "\\u0041",
        "0x",
        "1_0",
        "inf",
        "nan",
        "[[",
        "]]",
        "${env:A}",
        "\n[t]\n",
        "\\\n",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_SEEDS),
    st.lists(st.tuples(st.integers(0, 2000), _EDITS, st.booleans()), max_size=4),
)
def test_edited_specs_parse_or_fail_exactly_as_tomllib(seed: str, edits: list[Any]) -> None:
    """Real specs with a few characters inserted or overwritten: the same data or error."""
    text = seed
    for position, piece, overwrite in edits:
        at = position % (len(text) + 1)
        text = text[:at] + piece + text[at + (len(piece) if overwrite else 0) :]
    assert outcome(parse_toml, text) == outcome(tomllib.loads, text)


_PIECES = st.sampled_from(
    [
        "a",
        "b.c",
        '"q"',
        " = ",
        "=",
        "1",
        "0x1F",
        "1_000",
        "-0",
        "1.5e3",
        "inf",
        "true",
        '"s"',
        "'lit'",
        '"""m\nl"""',
        "[",
        "]",
        "[[",
        "]]",
        "{",
        "}",
        ",",
        "\n",
        "#c\n",
        " ",
        "\\",
        "\t",
        "1979-05-27",
        "T07:32:00",
        "Z",
        ".",
        "\r\n",
        "é",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text_parses_or_fails_exactly_as_tomllib(text: str) -> None:
    assert outcome(parse_toml, text) == outcome(tomllib.loads, text)
