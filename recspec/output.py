"""Writing output files so that nothing is ever half-written or needlessly rewritten.

A write goes to a temporary file in the target's folder, is fsynced, then renamed over the
target (atomic on POSIX). When the target already holds the same bytes nothing is written at
all, which is both faster (see the benchmark) and kinder to build tools that watch mtimes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: bytes) -> bool:
    """Write `data` to `path` atomically. Returns False when the file already had these bytes."""
    target = Path(path)
    try:
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    with _signals_deferred():
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
        try:
            if hasattr(os, "fchmod"):  # POSIX; Windows has no such modes to keep
                os.fchmod(fd, _mode_for(target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    return True


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


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, else what a plain open() would give (0666 - umask).

    mkstemp creates 0600 files; without this a rewrite would silently change an output's mode.
    """
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def safe_output_name(stem: str) -> str:
    """A file name that cannot leave its folder: separators and control characters become '_',
    leading dots go (`..toml` -> `_`; a spec named `a\\nb.toml` writes no newline in a name)."""
    cleaned = "".join("_" if ch in "/\\\0:" or not ch.isprintable() else ch for ch in stem).strip()
    cleaned = cleaned.lstrip(".") or "_"
    return cleaned
