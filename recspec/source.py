"""Reading input files safely, and turning string offsets into 1-based line:column positions.

Two failure classes, because they lead to different exit codes:

* `UnreadableError` - the tool cannot run on this path at all (missing, a directory, no
  permission, too large). The CLI prints the one-line message and exits 2.
* `DecodeProblem` - the file was read but is not UTF-8 text (invalid bytes, NUL bytes, UTF-16).
  That is the user's content being wrong, so the linter reports it as a diagnostic (exit 1) at
  the line and column of the first offending byte.

Positions everywhere in recspec are 1-based lines and 1-based columns counted in Unicode code
points (not bytes, not UTF-16 units). Only ``"\\n"`` starts a new line, the same convention as
`tomllib` and `json` error messages, so ``"\\r\\n"`` files get the same line numbers.
"""

from __future__ import annotations

import os
import stat
from bisect import bisect_right
from collections.abc import Collection, Iterable
from functools import lru_cache

__all__ = [
    "DEFAULT_SKIPPED_DIRS",
    "DEFAULT_SKIPPED_FILES",
    "MAX_BYTES",
    "DecodeProblem",
    "LineIndex",
    "UnreadableError",
    "find_inputs",
    "line_col",
    "read_text",
]

#: Largest input accepted. A start payload or spec is a few KiB; anything this big is a mistake
#: (a video, a log) and reading it would only waste memory and time.
MAX_BYTES = 4 * 1024 * 1024

#: Directory names never entered when walking a directory (hidden ones are skipped as well).
DEFAULT_SKIPPED_DIRS: frozenset[str] = frozenset(
    {"node_modules", "__pycache__", "venv", "site-packages"}
)

#: File names that are never specs or payloads even though their suffix matches: recspec's own
#: configuration files. Naming one explicitly on the command line still includes it.
DEFAULT_SKIPPED_FILES: frozenset[str] = frozenset({"pyproject.toml", "recspec.toml"})

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class UnreadableError(Exception):
    """The path cannot be read at all; `str(exc)` is a one-line message naming the path."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class DecodeProblem(Exception):
    """The file's bytes are not UTF-8 text; `line`/`column` locate the first bad byte.

    `str(exc)` is the message alone, ready to be a diagnostic's message; the position is in the
    attributes.
    """

    def __init__(self, line: int, column: int, message: str) -> None:
        self.line = line
        self.column = column
        self.message = message
        super().__init__(message)


def _resolved(path: str | os.PathLike[str]) -> str:
    """The absolute path for messages; never fails (a broken symlink still resolves)."""
    from pathlib import Path

    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # RuntimeError: symlink loop on older Pythons
        return os.path.abspath(path)


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 file (a leading BOM is dropped); nothing else is normalised.

    Raises `UnreadableError` when the file cannot be read and `DecodeProblem` when its content is
    not text. At most `MAX_BYTES + 1` bytes are read, so a special file such as ``/dev/zero``
    cannot exhaust memory.
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        raise UnreadableError(_resolved(path), "no such file or directory") from None
    except IsADirectoryError:
        raise UnreadableError(_resolved(path), "is a directory") from None
    except PermissionError:
        raise UnreadableError(_resolved(path), "permission denied") from None
    except OSError as exc:
        raise UnreadableError(_resolved(path), exc.strerror or str(exc)) from None
    try:
        data = _read_bytes(fd, path)
    except OSError as exc:
        raise UnreadableError(_resolved(path), exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    return decode_text(data)


#: Plain descriptors, not `open()`: its buffered file object costs more than the read itself
#: (1000 specs: 7.5 -> 3.8 ms), and a spec is read whole in one call anyway.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 64 * 1024


def _read_bytes(fd: int, path: str | os.PathLike[str]) -> bytes:
    """Up to `MAX_BYTES` bytes of an open file; `UnreadableError` past that limit.

    A regular file is read in one call of the size fstat saw (+1, to notice growth; asking for
    MAX_BYTES would allocate 4 MiB per read), and a shorter result means its end was reached.
    Anything else (a pipe, a device) is read in chunks up to the limit.
    """
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableError(_resolved(path), "is a directory")
    regular = stat.S_ISREG(info.st_mode)
    if regular and info.st_size > MAX_BYTES:
        raise UnreadableError(_resolved(path), _too_large(info.st_size))
    want = info.st_size + 1 if regular else _CHUNK
    data = os.read(fd, want)
    if not (regular and len(data) < want):  # still growing, or not a file: read on to the end
        parts = [data]
        size = len(data)
        while size <= MAX_BYTES and (chunk := os.read(fd, min(_CHUNK, MAX_BYTES + 1 - size))):
            parts.append(chunk)
            size += len(chunk)
        data = b"".join(parts)
    if len(data) > MAX_BYTES:
        raise UnreadableError(_resolved(path), _too_large(None))
    return data


def _too_large(size: int | None) -> str:
    actual = f" ({size} bytes)" if size is not None else ""
    return f"file is larger than the {MAX_BYTES // (1024 * 1024)} MiB limit{actual}"


def decode_text(data: bytes) -> str:
    """Decode input bytes as UTF-8, or raise `DecodeProblem` at the first byte that is not text."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    elif data.startswith(_UTF16_BOMS):
        raise DecodeProblem(1, 1, "file is UTF-16 encoded; save it as UTF-8")
    nul = data.find(b"\x00")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if nul == -1 or exc.start < nul:
            line, column = _byte_position(data, exc.start)
            bad = data[exc.start]
            raise DecodeProblem(
                line,
                column,
                f"invalid UTF-8 byte 0x{bad:02X}; the file is not UTF-8 text "
                "(saved as Latin-1 or Windows-1252?)",
            ) from None
        text = ""  # the NUL comes first; reported below
    if nul != -1:
        line, column = _byte_position(data, nul)
        raise DecodeProblem(line, column, "NUL byte: this is a binary file, not text")
    return text


def _byte_position(data: bytes, byte_offset: int) -> tuple[int, int]:
    """Line and code-point column of a byte offset whose prefix is valid UTF-8."""
    prefix = data[:byte_offset].decode("utf-8", errors="replace")
    return line_col(prefix, len(prefix))


def find_inputs(
    paths: Iterable[str | os.PathLike[str]],
    suffixes: Collection[str] = (".toml", ".json"),
    *,
    skip_dirs: Collection[str] = DEFAULT_SKIPPED_DIRS,
    skip_files: Collection[str] = DEFAULT_SKIPPED_FILES,
) -> list[str]:
    """Expand command-line paths into the files to lint, in a deterministic order.

    A file named explicitly is kept whatever its suffix (the user asked for it). A directory is
    walked recursively for files with one of `suffixes`, skipping hidden files and directories
    (``.git``, ``.venv``, ``.recspec.toml``), `skip_dirs` and `skip_files`; symlinked directories
    are not followed, so cycles cannot happen. Files come out sorted by path components within
    each directory argument, arguments keep their order and duplicates are dropped.
    A path that does not exist raises `UnreadableError`. Paths stay strings, one stat each: a
    pre-commit run names every file, and path objects cost more than the stat (1000 files: 7 ms).
    """
    wanted = tuple(suffixes)
    given = [os.fspath(raw) for raw in paths]
    if len(given) == 1:  # nothing can repeat: a folder's walk never yields a file twice
        return _walk(given[0], wanted, skip_dirs, skip_files) if _is_dir(given[0]) else given
    found: list[str] = []
    seen: set[str] = set()
    cwd = os.getcwd()  # once: os.path.abspath asks the system for it on every call

    def add(candidate: str) -> None:
        key = os.path.normcase(os.path.normpath(os.path.join(cwd, candidate)))
        if key not in seen:
            seen.add(key)
            found.append(candidate)

    for path in given:
        if _is_dir(path):
            for candidate in _walk(path, wanted, skip_dirs, skip_files):
                add(candidate)
        else:
            add(path)
    return found


def _is_dir(path: str) -> bool:
    """Whether `path` is a directory; `UnreadableError` when nothing is there at all.

    A broken symlink is something: reading it reports the problem, with the other files.
    """
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError as exc:
        if os.path.islink(path):
            return False
        missing = isinstance(exc, FileNotFoundError | NotADirectoryError)
        reason = "no such file or directory" if missing else exc.strerror or str(exc)
        raise UnreadableError(_resolved(path), reason) from None


def _walk(
    root: str, suffixes: tuple[str, ...], skip_dirs: Collection[str], skip_files: Collection[str]
) -> list[str]:
    matches: list[tuple[tuple[str, ...], str]] = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in skip_dirs]
        relative = os.path.relpath(directory, root)
        parts = () if relative == os.curdir else tuple(relative.split(os.sep))
        for name in filenames:
            if name.startswith(".") or name in skip_files or not name.endswith(suffixes):
                continue
            matches.append(((*parts, name), os.path.join(directory, name)))
    matches.sort(key=lambda item: item[0])
    return [path for _, path in matches]


class LineIndex:
    """Offsets <-> 1-based (line, column) for one text, by bisecting precomputed line starts."""

    __slots__ = ("line_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        self.line_starts = starts

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and code-point column of a str offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        """The str offset of a 1-based (line, column), clamped to the text."""
        line = max(1, min(line, len(self.line_starts)))
        return max(0, min(self.line_starts[line - 1] + column - 1, len(self.text)))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        if not 1 <= line <= len(self.line_starts):
            return ""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


@lru_cache(maxsize=8)
def _index_for(text: str) -> LineIndex:
    return LineIndex(text)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of `offset` in `text`.

    The index of recently used texts is cached, so calling this for many offsets in one
    text costs one scan plus a bisect per call.
    """
    return _index_for(text).line_col(offset)
