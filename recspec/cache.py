"""A cache of clean files keyed by content, like ruff's: unchanged files are not checked again.

Only files that drew no diagnostic at all are remembered (the common case in CI and pre-commit;
a file with findings is simply checked again, so its report and snippets are always fresh).
Each entry is keyed by the file's display path and the SHA-256 of its text, and remembers what
else the verdict depended on: the texts of `extends` bases and the `${env:...}` variables the
spec read (values stored only as hashes, never in clear), plus the digest of the compiled
payload so `compile` can skip specs whose output is already current. Any change to those, to
recspec's version or code misses. Rule selection is applied after the cache,
so it needs no entries of its own.

The cache lives in the user's cache folder (`$XDG_CACHE_HOME/recspec`, else `~/.cache/recspec`),
one folder per working directory, so recspec never writes into the project or an `--out-dir`
(`--cache-dir` or `RECSPEC_CACHE_DIR` move it, `--no-cache` or `RECSPEC_NO_CACHE=1` disable it).
In that folder the entries are spread over 256 small files by a hash of the file's name, read only
when a file of theirs is looked up: a pre-commit run on one file of a repository with 10000 clean
files reads one ~20 KB bucket, where one cache file meant parsing 4 MB (~24 ms, slower than
checking the file). A missing, corrupt or foreign bucket is simply ignored; buckets are written
atomically, at the end of the run, and only those that changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

CACHE_DIR_ENV = "RECSPEC_CACHE_DIR"
NO_CACHE_ENV = "RECSPEC_NO_CACHE"


def digest(text: str) -> str:
    import hashlib  # lazily: `--no-cache` runs never pay for OpenSSL

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def digest_bytes(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


#: Hex digits of a name's hash that choose its bucket: 2 -> 256 buckets.
BUCKET_DIGITS = 2


#: A bucket larger than this is not recspec's (256 buckets of ~20000 entries stay far below).
_MAX_BUCKET = 64 * 1024 * 1024


def _read_regular(path: str) -> str:
    """A cache file's text; OSError for anything but a regular file of sane size (a FIFO or a
    link to /dev/zero put in its place must not hang or exhaust the run)."""
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BUCKET:
            raise OSError(f"{path} is not a cache file")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8")
    finally:
        os.close(fd)


def _settings_key() -> str:
    """Everything global a verdict depends on: recspec's version and code.

    The code fingerprint (size and mtime of every module, the rules among them) makes an edited
    rule miss even without a version bump, which matters in development checkouts.
    """
    from recspec import __version__

    package = os.path.dirname(os.path.abspath(__file__))
    code = []
    for folder, dirnames, filenames in os.walk(package):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in filenames:
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                relative = os.path.relpath(os.path.join(folder, name), package)
                code.append(f"{relative}:{info.st_size}:{info.st_mtime_ns}")
    return digest("\n".join([__version__, *sorted(code)]))


def _user_cache_dir() -> Path:
    from pathlib import Path

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "recspec"


#: Separates an entry's fields: no path and no environment variable's name can hold it.
_SEP = "\0"


class Entry:
    """What a clean file's verdict depended on, stored as one string per file.

    One string, not a JSON object: a bucket's entries then parse ~7x faster (20000 entries:
    ~3 ms instead of ~20), which is most of what a cached run costs. Fields, joined by NUL:
    text hash, payload digest ("" when none), the number of `extends` bases, each base's path
    and hash, then each environment variable's name and value hash ("" when unset).
    """

    __slots__ = ("deps", "env", "hash", "payload")

    def __init__(
        self, text_hash: str, payload: str, deps: list[tuple[str, str]], env: list[tuple[str, str]]
    ) -> None:
        self.hash = text_hash
        self.payload = payload
        self.deps = deps
        self.env = env

    def encode(self) -> str:
        fields = [self.hash, self.payload, str(len(self.deps))]
        for pair in (*self.deps, *self.env):
            fields.extend(pair)
        return _SEP.join(fields)

    @classmethod
    def decode(cls, record: str) -> Entry:
        """The entry a record holds; ValueError when it is not one (a damaged cache)."""
        fields = record.split(_SEP)
        count = int(fields[2]) if len(fields) >= 3 else -1
        pairs = fields[3:]
        if count < 0 or len(pairs) % 2 or 2 * count > len(pairs):
            raise ValueError("not a cache entry")
        couples = list(zip(pairs[::2], pairs[1::2], strict=True))
        return cls(fields[0], fields[1], couples[:count], couples[count:])


class LintCache:
    """Files known to be clean; a disabled cache never hits or writes."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        #: One folder per working directory (display paths are relative to it).
        self.folder = directory / digest(os.getcwd())[:20] if directory is not None else None
        self._buckets: dict[str, dict[str, Any]] = {}  # bucket -> its entries, once read
        self._changed: set[str] = set()
        self._key: str | None = None

    @classmethod
    def open(cls, enabled: bool = True, directory: str | None = None) -> LintCache:
        """The cache for this run, honouring `--no-cache`/`--cache-dir` and their env variables.

        A file checked with another default target is another entry (`recspec.lint.cache_name`).
        """
        if not enabled or os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
            return cls(None)
        from pathlib import Path  # here: a run without the cache never needs pathlib

        chosen = directory or os.environ.get(CACHE_DIR_ENV) or _user_cache_dir()
        return cls(Path(chosen))

    @property
    def key(self) -> str:
        """The settings key every bucket must carry (worked out when first needed)."""
        if self._key is None:
            self._key = _settings_key()
        return self._key

    def preload(self, names: Iterable[str]) -> None:
        """Read the buckets of these names now (before forking, so workers share them)."""
        if self.directory is not None:
            for name in names:
                self._entries(name)

    def _entries(self, name: str) -> tuple[str, dict[str, Any]]:
        """The bucket `name` belongs in, and its entries (read from disk on first use)."""
        bucket = digest(name)[:BUCKET_DIGITS]
        entries = self._buckets.get(bucket)
        if entries is None:
            entries = self._buckets[bucket] = self._read(bucket)
        return bucket, entries

    def _read(self, bucket: str) -> dict[str, Any]:
        import json  # here, not at the top: a run without the cache never needs it

        try:
            assert self.folder is not None
            data = json.loads(_read_regular(str(self.folder / f"{bucket}.json")))
        except (OSError, ValueError, AssertionError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("key") != self.key
            or not isinstance(data.get("files"), dict)
        ):
            return {}
        files: dict[str, Any] = data["files"]
        return files

    def lookup(self, name: str, text: str, env: Mapping[str, str]) -> Entry | None:
        """The entry proving `name` with this exact text (and dependencies) is clean, or None."""
        if self.directory is None:
            return None
        record = self._entries(name)[1].get(name)
        if not isinstance(record, str) or not record.startswith(digest(text) + _SEP):
            return None
        from pathlib import Path

        try:
            entry = Entry.decode(record)
            for dep, dep_hash in entry.deps:
                if digest(Path(dep).read_text(encoding="utf-8-sig")) != dep_hash:
                    return None
        except (OSError, ValueError):
            return None
        for variable, value_hash in entry.env:
            value = env.get(variable)
            if (digest(value) if value is not None else "") != value_hash:
                return None
        return entry

    def store(
        self,
        name: str,
        text: str,
        deps: Mapping[str, str] | None = None,
        env_used: Mapping[str, str | None] | None = None,
        payload: bytes | None = None,
    ) -> None:
        """Remember that `name` is clean. `deps`: other files it read (path -> text)."""
        if self.directory is None:
            return
        bucket, entries = self._entries(name)
        text_hash = digest(text)
        previous = entries.get(name)
        if payload is None and isinstance(previous, str) and previous.startswith(text_hash + _SEP):
            return  # already known clean; keep the payload digest `compile` recorded
        entries[name] = Entry(
            text_hash,
            digest_bytes(payload) if payload is not None else "",
            [(path, digest(dep_text)) for path, dep_text in sorted((deps or {}).items())],
            [(k, digest(v) if v is not None else "") for k, v in sorted((env_used or {}).items())],
        ).encode()
        self._changed.add(bucket)

    def forget(self, name: str) -> None:
        if self.directory is None:
            return
        bucket, entries = self._entries(name)
        if entries.pop(name, None) is not None:
            self._changed.add(bucket)

    def save(self) -> None:
        """Write the buckets that changed; a cache that cannot be written is skipped."""
        if self.folder is None or not self._changed:
            return
        import json

        from recspec.output import write_atomic

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for bucket in sorted(self._changed):
                document = {"key": self.key, "files": self._buckets[bucket]}
                data = json.dumps(document, separators=(",", ":"))
                write_atomic(self.folder / f"{bucket}.json", data.encode("utf-8"))
        except OSError:
            pass
        self._changed.clear()
