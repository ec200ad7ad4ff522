"""Fuzzing what surrounds the contents: file names, special files, the environment and
suppression comments (issue: reliability round 2). Same oracle as test_fuzz: no crash, no
leak, exit codes 0/1/2, strict JSON out."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from fuzz_harness import ENV, SECRET_MARK, check_spec_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import SPEC_SEEDS

from recspec.compiler import compile_file
from recspec.lint import lint_paths

_PROFILE = settings.default
assert _PROFILE is not None
SURROUNDINGS = settings(
    _PROFILE,
    max_examples=max(20, _PROFILE.max_examples),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: File-name characters that have broken tools: controls, separators' look-alikes, bidi marks,
#: quotes, spaces, dots, non-BMP characters and undecodable bytes.
_NAME_CHARS = st.sampled_from(
    ["a", "Z", "0", " ", ".", "-", "_", "\x1b", "\x07", "\n", "\t", "\u202e", "'", '"', "\\",
     "é", "\U0001f600", "%", "$", "{", "*", os.fsdecode(b"\xff"), os.fsdecode(b"\xc3")]
)  # fmt: skip
_NAMES = st.text(_NAME_CHARS, min_size=1, max_size=40).filter(lambda n: n not in (".", ".."))


@SURROUNDINGS
@given(name=_NAMES, seed=st.sampled_from(SPEC_SEEDS), special=st.booleans())
def test_odd_file_names_and_special_files(name: str, seed: str, special: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        try:
            spec = root / f"{name}.toml"
            spec.write_text(seed, encoding="utf-8")
            if special:
                os.mkfifo(root / f"fifo-{name}.toml")
        except (OSError, ValueError):
            return  # the file system refuses the name: nothing to lint
        run = lint_paths([folder], env=ENV)  # a FIFO found by the walk must not block
        for diagnostic in run.diagnostics:
            assert diagnostic.file.isprintable(), diagnostic.file
            assert "\x1b" not in diagnostic.message
        json.dumps([d.to_json() for d in run.diagnostics]).encode("utf-8")


_VALUES = st.one_of(
    st.just(""),
    st.text(max_size=30),
    st.text(st.sampled_from(["\x00", "\n", "\x1b", "$", "{", "}", ":", "-", "0"]), max_size=12),
    st.integers(-(2**70), 2**70).map(str),
    st.just(SECRET_MARK + "-env"),
)


@SURROUNDINGS
@given(
    seed=st.sampled_from(SPEC_SEEDS), values=st.dictionaries(st.sampled_from(sorted(ENV)), _VALUES)
)
def test_hostile_environment_values(seed: str, values: dict[str, str]) -> None:
    env = {**ENV, **{k: v.replace("\x00", "") for k, v in values.items()}}
    compiled = compile_file("fuzz.toml", text=seed, env=env)
    if compiled.payload is not None:  # strict JSON, and no empty credential slipped through
        json.dumps(compiled.payload, allow_nan=False)
        assert compiled.payload.get("access_token", "x").strip() != ""
    check_spec_text(seed, env)


_COMMENTS = st.one_of(
    st.sampled_from(["# recspec: ignore-file[RS1]", "# recspec: ignore-file[RS8]",
                     "# recspec: ignore[ALL]", "# recspec: ignore[RS3O5]", "# recspec: ignore",
                     "# recspec: ignore-file[RS100, RS806]", "# recspec:", "# recspec: nope[RS1]"]),
    st.text(max_size=30).map(lambda t: "# recspec: " + t.replace("\n", " ")),
)  # fmt: skip


@SURROUNDINGS
@given(
    seed=st.sampled_from(SPEC_SEEDS),
    comment=_COMMENTS,
    where=st.integers(0, 200),
    cut=st.integers(0, 40),
)
def test_suppression_comments_never_hide_a_broken_file(
    seed: str, comment: str, where: int, cut: int
) -> None:
    lines = seed.splitlines()
    lines.insert(where % (len(lines) + 1), comment)
    text = "\n".join(lines[: max(1, len(lines) - cut)]) + "\n"  # maybe truncated: broken
    compiled = compile_file("fuzz.toml", text=text, env=ENV)
    if compiled.document is None:  # cannot be built: it must fail, whatever the comments say
        assert compiled.payload is None
        assert any(d.severity.label == "error" and not d.suppressed for d in compiled.diagnostics)
    check_spec_text(text)
