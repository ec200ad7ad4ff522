"""Writing output files so that nothing is ever half-written or needlessly rewritten.

A write goes to a temporary file in the target's folder, then is renamed over the target
(atomic on POSIX): a reader sees the old bytes or the new ones, never a mix, and an interrupted
run leaves no partial file. A new file on Linux is written unnamed (O_TMPFILE) and linked in when
complete: the same guarantee in one directory operation instead of two (1000 new files: 207 ->
202 ms into tmpfs, fewer and shorter stalls on this VM's disk). There is no fsync, as in ruff, black and compilers: outputs are
build artifacts that a rerun regenerates, and an fsync per file made a fresh 1000-spec compile
2.4x slower (7 ms per file on this machine's disk). When the target already holds the same
bytes nothing is written at all, which is faster still and kinder to tools that watch mtimes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring as _quote
from typing import Any

#: Where names stand for descriptors and devices: written into, never replaced or read back.
_STREAM_ROOTS = ("/dev/", "/proc/")


def is_stream(path: str) -> bool:
    """Whether writing `path` means streaming into something that is not a plain file:
    a device, a FIFO, a terminal, `/dev/std*` and `/proc/self/fd/*` (even when they lead to a
    regular file, as `-o /dev/stdout > payload.json` does)."""
    return _resolve(path)[0]


def _resolve(path: str) -> tuple[bool, str, os.stat_result | None]:
    """(stream?, the path to write, its stat): one lstat for a plain file, the common case."""
    if path.startswith(_STREAM_ROOTS) or os.path.abspath(path).startswith(_STREAM_ROOTS):
        return True, path, None
    try:
        info = os.lstat(path)
    except (OSError, ValueError):
        return False, path, None
    if stat.S_ISLNK(info.st_mode):  # written through: the file it names, the link stays
        path = os.path.realpath(path)
        if path.startswith(_STREAM_ROOTS):
            return True, path, None
        try:
            info = os.stat(path)
        except OSError:
            return False, path, None
    mode = info.st_mode
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)), path, info


def is_terminal(path: str) -> bool:
    """Whether `path` is a terminal (`-o /dev/tty`, `-o /dev/stdout` on a terminal).

    Only a character device is opened to ask: opening (and closing) a FIFO would end the
    reader waiting at its other side.
    """
    try:
        if not stat.S_ISCHR(os.stat(path).st_mode):
            return False
    except (OSError, ValueError):
        return False
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def stream_write(path: str, data: bytes) -> None:
    """Write into a device, FIFO or descriptor name as it is (no temporary file, no read)."""
    with open(path, "wb") as handle:
        handle.write(data)


def identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of an existing file, or None: what `os.path.samefile` compares."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def input_clash(targets: Iterable[str], inputs: Iterable[str]) -> tuple[str, str] | None:
    """The first (target, input) that name one file, by identity: each path is stat'ed once,
    so a run over thousands of files stays linear."""
    by_identity: dict[tuple[int, int], str] = {}
    for path in inputs:
        key = identity(path)
        if key is not None:
            by_identity.setdefault(key, path)
    for target in targets:
        key = identity(target)
        if key is not None and key in by_identity:
            return target, by_identity[key]
    return None


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one existing file (by identity, not by spelling)."""
    key = identity(a)
    return key is not None and key == identity(b)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> bool:
    """Write `data` to `path` atomically. Returns False when the file already had these bytes.

    A symlink is written through (the file it names is replaced, the link stays); a device,
    FIFO, terminal or descriptor name is streamed into (`is_stream`).
    """
    stream, target, info = _resolve(os.fspath(path))  # plain strings, no pathlib objects
    if stream:
        stream_write(target, data)
        return True
    kind = info.st_mode if info is not None else 0
    same_size = info is not None and stat.S_ISREG(kind) and info.st_size == len(data)
    if same_size and _holds(target, data):
        return False
    if info is None and _link_new(target, data):
        return True
    with _signals_deferred():
        fd, tmp = _temporary(target)
        try:
            if stat.S_ISREG(kind) and hasattr(os, "fchmod"):  # keep the replaced file's mode
                os.fchmod(fd, stat.S_IMODE(kind))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    return True


def _link_new(target: str, data: bytes) -> bool:
    """Create the absent `target` from an unnamed file (Linux O_TMPFILE, then linkat).

    The name appears only once the content is complete, as with a rename, but in one directory
    operation instead of two; an interrupted write leaves nothing behind (the kernel frees an
    unnamed file), so unlike the rename path it needs no signals held (~3 µs a file). False
    when the system or file system cannot, or `target` appeared meanwhile: the caller then
    writes a temporary file and renames it.
    """
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag:
        return False
    try:
        fd = os.open(os.path.dirname(target) or ".", flag | os.O_WRONLY, 0o666)
    except OSError:
        return False
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N names the unnamed file; CPython uses
        # linkat only when a dir fd is given (ignored here: the source path is absolute).
        os.link(f"/proc/self/fd/{fd}", target, src_dir_fd=fd, follow_symlinks=True)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def _temporary(target: str) -> tuple[int, str]:
    """A new file beside `target`, with the mode a plain open() would give (0666 - umask).

    `.<name>.<pid>.tmp` with O_EXCL is the cheap path (mkstemp's random names cost ~15 µs a
    file); a leftover of a killed process with the same pid falls back to mkstemp.
    """
    folder, base = os.path.split(target)
    folder = folder or "."
    # the temporary name must fit the 255-byte file-name limit too
    base = os.fsencode(base)[:150].decode("utf-8", "ignore") if len(base) > 50 else base
    name = os.path.join(folder, f".{base}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        return os.open(name, flags, 0o666), name
    except FileExistsError:
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=folder)
    if hasattr(os, "fchmod"):  # mkstemp makes 0600 files
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
    return fd, tmp


def _holds(target: str, data: bytes) -> bool:
    """True when `target` has exactly these bytes (one open, one read on a plain descriptor).

    O_NONBLOCK: should it have become a FIFO since the stat, opening it must not wait.
    """
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        return os.read(fd, len(data) + 1) == data  # +1: a file that grew is not equal
    except OSError:
        return False
    finally:
        os.close(fd)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while one file is written, so an interruption can never land between
    creating the temporary file and cleaning it up; a pending signal fires right after."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):  # no pthread_sigmask (Windows)
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def path_stem(path: str) -> str:
    """`PurePath(path).stem` without building a path object (~4 µs each, per spec on a run).

    The last component that is not empty or `.`, less its final suffix; a leading dot or a
    trailing one is not a suffix (`.env`, `spec.`), exactly as pathlib decides.
    """
    if os.sep != "/" or os.altsep:  # drives and two separators: leave them to pathlib
        from pathlib import PurePath

        return PurePath(path).stem
    name = next((part for part in reversed(path.split("/")) if part not in ("", ".")), "")
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def safe_output_name(stem: str) -> str:
    """A file name that cannot leave its folder: separators and control characters become '_',
    leading dots go (`..toml` -> `_`; a spec named `a\\nb.toml` writes no newline in a name)."""
    if stem.isprintable() and "/" not in stem and "\\" not in stem and ":" not in stem:
        cleaned = stem.strip()  # the common name: nothing to replace (no per-character pass)
    else:
        cleaned = "".join("_" if ch in "/\\\0:" or not ch.isprintable() else ch for ch in stem)
        cleaned = cleaned.strip()
    cleaned = cleaned.lstrip(".") or "_"
    return cleaned


def pretty_json(value: Any) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte, about 5x faster.

    What `_pretty` leaves (floats, non-string keys, other types) goes to `json.dumps` itself.
    orjson wrote payloads in ~4 µs instead of ~15 µs, but importing it costs ~12 ms (it brings
    dataclasses, inspect and uuid): more than it saves below ~1000 payloads per process, which
    is every run (one spec to stdout, or a bulk run split over the cores).
    """
    try:
        return _pretty(value, "\n")
    except _Unusual:
        import json

        return json.dumps(value, indent=2, ensure_ascii=False)


class _Unusual(Exception):
    """A value `_pretty` leaves to `json.dumps` (floats, non-string keys, other types)."""


def _pretty(value: Any, newline: str) -> str:
    kind = type(value)
    if kind is str:
        return str(_quote(value))
    if kind is dict:
        if not value:
            return "{}"
        inner = newline + "  "
        parts = []
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            parts.append(f"{_quote(key)}: {_pretty(item, inner)}")
        return "{" + inner + ("," + inner).join(parts) + newline + "}"
    if kind is list:
        if not value:
            return "[]"
        inner = newline + "  "
        return "[" + inner + ("," + inner).join(_pretty(i, inner) for i in value) + newline + "]"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    raise _Unusual
