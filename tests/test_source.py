"""Reading inputs: limits, encodings, discovery order, and offset -> line:column."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recspec.source import (
    MAX_BYTES,
    DecodeProblem,
    LineIndex,
    UnreadableError,
    decode_text,
    find_inputs,
    line_col,
    read_text,
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


# ---- read_text


def test_reads_utf8_unchanged(tmp_path: Path) -> None:
    text = 'name = "é€😀"\r\nx = 1\n'
    assert read_text(write(tmp_path / "a.toml", text)) == text


def test_strips_utf8_bom_only(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", b'\xef\xbb\xbf{"a": 1}')
    assert read_text(path) == '{"a": 1}'


def test_missing_file_is_unreadable_with_resolved_path(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError) as info:
        read_text(tmp_path / "nope.toml")
    assert str(tmp_path.resolve() / "nope.toml") in str(info.value)
    assert "no such file" in str(info.value)
    assert "\n" not in str(info.value)


def test_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError, match="is a directory"):
        read_text(tmp_path)


def test_too_large_is_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path / "big.json", b" " * (MAX_BYTES + 1))
    with pytest.raises(UnreadableError, match="larger than the 4 MiB limit"):
        read_text(path)


def test_exactly_the_limit_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path / "edge.json", b" " * MAX_BYTES)
    assert len(read_text(path)) == MAX_BYTES


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_is_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.toml", "a = 1\n")
    path.chmod(0)
    try:
        with pytest.raises(UnreadableError, match="permission denied"):
            read_text(path)
    finally:
        path.chmod(0o644)


def test_invalid_utf8_is_located_at_first_bad_byte(tmp_path: Path) -> None:
    # line 2: "é" is two bytes in UTF-8 but one code point; the Latin-1 "\xe9" follows it
    path = write(tmp_path / "latin1.toml", 'a = 1\nb = "é'.encode() + b'\xe9"\n')
    with pytest.raises(DecodeProblem) as info:
        read_text(path)
    assert (info.value.line, info.value.column) == (2, 7)
    assert "0xE9" in info.value.message
    assert "not UTF-8" in info.value.message
    assert str(info.value) == info.value.message


def test_nul_byte_is_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "bin.json", b'{\n  "a":\x00 1}')
    with pytest.raises(DecodeProblem) as info:
        read_text(path)
    assert (info.value.line, info.value.column) == (2, 7)
    assert "binary" in info.value.message


def test_earliest_of_nul_and_invalid_utf8_wins() -> None:
    with pytest.raises(DecodeProblem, match="0xFF"):
        decode_text(b"ab\xff\x00")
    with pytest.raises(DecodeProblem, match="NUL"):
        decode_text(b"ab\x00\xff")


def test_utf16_is_reported_as_such() -> None:
    with pytest.raises(DecodeProblem, match="UTF-16") as info:
        decode_text("a = 1".encode("utf-16"))
    assert (info.value.line, info.value.column) == (1, 1)


def test_empty_file_is_empty_text(tmp_path: Path) -> None:
    assert read_text(write(tmp_path / "empty.toml", b"")) == ""


# ---- find_inputs


def test_walks_directories_sorted_and_skips_hidden_and_vendored(tmp_path: Path) -> None:
    for name in [
        "b.toml",
        "a.json",
        "sub/z.toml",
        "sub/deeper/y.json",
        "a/x.toml",
        "notes.txt",
        ".hidden.toml",
        ".git/config.toml",
        ".venv/lib/pkg.json",
        "node_modules/pkg/package.json",
        "__pycache__/x.json",
        "pyproject.toml",
        "recspec.toml",
    ]:
        write(tmp_path / name, "")
    found = find_inputs([str(tmp_path)])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == [
        "a/x.toml",
        "a.json",
        "b.toml",
        "sub/deeper/y.json",
        "sub/z.toml",
    ]


def test_explicit_files_are_kept_whatever_their_suffix(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.txt", "")
    config = write(tmp_path / "pyproject.toml", "")
    assert find_inputs([str(spec), str(config)]) == [str(spec), str(config)]


def test_order_follows_arguments_and_duplicates_are_dropped(tmp_path: Path) -> None:
    first = write(tmp_path / "d/b.toml", "")
    second = write(tmp_path / "d/a.toml", "")
    found = find_inputs([str(first), str(tmp_path / "d"), str(first)])
    assert found == [str(first), str(second)]


def test_suffixes_are_configurable(tmp_path: Path) -> None:
    write(tmp_path / "a.toml", "")
    payload = write(tmp_path / "b.json", "")
    assert find_inputs([str(tmp_path)], suffixes=(".json",)) == [str(payload)]


def test_missing_path_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError, match="no such file or directory"):
        find_inputs([str(tmp_path / "missing")])


def test_a_path_below_a_file_is_missing(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.toml", "")
    with pytest.raises(UnreadableError, match="no such file or directory"):
        find_inputs([str(spec / "child.toml")])


def test_broken_and_looping_symlinks_are_kept_for_reading_to_report(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.symlink_to(tmp_path / "missing.toml")
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    assert find_inputs([str(broken), str(loop)]) == [str(broken), str(loop)]
    with pytest.raises(UnreadableError, match="no such file"):
        read_text(broken)
    with pytest.raises(UnreadableError, match="symbolic links"):
        read_text(loop)


def test_symlinked_directories_are_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "real/a.toml", "")
    (tmp_path / "real/loop").symlink_to(tmp_path / "real", target_is_directory=True)
    found = find_inputs([str(tmp_path / "real")])
    assert [Path(p).name for p in found] == ["a.toml"]


# ---- positions


def test_line_col_counts_code_points_from_one() -> None:
    text = 'name = "é€😀"\nkey = 1\r\nz'
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, text.index("😀")) == (1, 11)
    assert line_col(text, text.index('"', 8)) == (1, 12)
    assert line_col(text, text.index("key")) == (2, 1)
    assert line_col(text, text.index("1")) == (2, 7)
    assert line_col(text, text.index("z")) == (3, 1)
    assert line_col(text, len(text)) == (3, 2)


def test_line_index_round_trips_and_clamps() -> None:
    index = LineIndex("ab\ncd\n")
    assert index.line_count == 3
    assert index.line_col(-5) == (1, 1)
    assert index.line_col(100) == (3, 1)
    assert index.offset(2, 2) == 4
    assert index.line_text(2) == "cd"
    assert index.line_text(9) == ""


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "é", "😀", "\n", "\r", " "]), max_size=40))
def test_line_col_matches_naive_count(text: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        assert index.line_col(offset) == (line, column)
        assert index.offset(line, column) == offset


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_device_stops_at_the_limit() -> None:
    with pytest.raises(UnreadableError, match="larger than the 4 MiB limit"):
        read_text("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_pipe_is_read_to_its_end(tmp_path: Path) -> None:
    fifo = tmp_path / "spec.toml"
    os.mkfifo(fifo)
    text = "a = 1\n" * 30000  # several pipe buffers: read in chunks, not in one call
    writer = threading.Thread(target=lambda: fifo.write_text(text, encoding="utf-8"))
    writer.start()
    try:
        assert read_text(fifo) == text
    finally:
        writer.join(timeout=10)
