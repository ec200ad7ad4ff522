"""`write_atomic`: whole files or nothing, no rewrite of identical bytes, modes kept."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path, PurePath
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recspec.output import path_stem, pretty_json, write_atomic


def test_new_file_is_written_and_no_temporary_is_left(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    assert write_atomic(target, b"{}\n") is True
    assert target.read_bytes() == b"{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_identical_bytes_are_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    write_atomic(target, b"one\n")
    before = target.stat().st_ino
    assert write_atomic(target, b"one\n") is False
    assert target.stat().st_ino == before  # same inode: never replaced
    assert write_atomic(target, b"two\n") is True
    assert target.read_bytes() == b"two\n"
    assert write_atomic(target, b"two!\n") is True  # same prefix, other size
    assert target.read_bytes() == b"two!\n"


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX modes")
def test_the_replaced_files_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "pipe.json"
    os.mkfifo(target)
    received: list[bytes] = []

    def read() -> None:
        with open(target, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert write_atomic(target, b"{}\n") is True
    reader.join(timeout=10)
    assert received == [b"{}\n"]
    assert stat.S_ISFIFO(target.stat().st_mode)


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="needs /dev/null")
def test_dev_null_stays_a_device() -> None:
    write_atomic("/dev/null", b"{}\n")
    write_atomic("/dev/null", b"{}\n")
    assert Path("/dev/null").is_char_device()


def test_a_directory_in_the_way_is_an_error_and_nothing_is_left(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.mkdir()
    with pytest.raises(OSError):
        write_atomic(target, b"{}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX modes")
def test_new_files_get_the_umask_mode_even_when_the_cheap_temporary_name_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import recspec.output

    monkeypatch.setattr(recspec.output, "_link_new", lambda target, data: False)  # temp path
    umask = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.json"
        write_atomic(fresh, b"1")
        taken = tmp_path / "taken.json"
        leftover = tmp_path / f".taken.json.{os.getpid()}.tmp"
        leftover.write_bytes(b"from a killed run")
        write_atomic(taken, b"2")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    assert stat.S_IMODE(taken.stat().st_mode) == 0o640
    assert taken.read_bytes() == b"2"
    assert leftover.read_bytes() == b"from a killed run"
    assert sorted(p.name for p in tmp_path.iterdir()) == [leftover.name, "fresh.json", "taken.json"]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5) | st.integers(0, 9), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(_JSON)
def test_pretty_json_is_json_dumps_indent_2(value: Any) -> None:
    assert pretty_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_pretty_json_on_the_examples() -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    for path in sorted(examples.rglob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert pretty_json(json.loads(text)) + "\n" == text


def test_new_files_work_without_the_unnamed_file_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where O_TMPFILE is missing or refused, a temporary file and a rename do the same job."""
    import recspec.output

    monkeypatch.setattr(recspec.output, "_link_new", lambda target, data: False)
    target = tmp_path / "a.json"
    assert write_atomic(target, b"{}\n") is True
    assert target.read_bytes() == b"{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="Linux O_TMPFILE")
def test_a_new_file_is_linked_in_whole_without_a_temporary_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import recspec.output

    def no_temporary(target: str) -> Any:
        raise AssertionError("the temporary-file path was used")

    monkeypatch.setattr(recspec.output, "_temporary", no_temporary)
    umask = os.umask(0o027)
    try:
        assert write_atomic(tmp_path / "new.json", b"data") is True
    finally:
        os.umask(umask)
    assert (tmp_path / "new.json").read_bytes() == b"data"
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_a_target_that_appears_meanwhile_is_replaced_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """linkat refuses an existing name: the write falls back to a rename over it."""
    import recspec.output

    target = tmp_path / "race.json"
    real = recspec.output._link_new

    def racing(path: str, data: bytes) -> bool:
        target.write_bytes(b"someone else")
        return real(path, data)

    monkeypatch.setattr(recspec.output, "_link_new", racing)
    assert write_atomic(target, b"ours") is True
    assert target.read_bytes() == b"ours"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race.json"]


@pytest.mark.skipif(os.sep != "/", reason="POSIX path rules")
@given(
    st.lists(
        st.sampled_from(["", ".", "..", "a", "spec.toml", ".env", "x.", "a.b.c", "..toml", " "]),
        min_size=1,
        max_size=5,
    )
)
def test_path_stem_is_pathlibs(parts: list[str]) -> None:
    path = "/".join(parts)
    assert path_stem(path) == PurePath(path).stem
