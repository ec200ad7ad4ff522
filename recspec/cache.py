"""A cache of clean files keyed by content, like ruff's: unchanged files are not checked again.

Only files that drew no diagnostic at all are remembered (the common case in CI and pre-commit;
a file with findings is simply checked again, so its report and snippets are always fresh).
Each entry is keyed by the file's display path and the SHA-256 of its text, and remembers what
else the verdict depended on: the texts of `extends` bases and the `${env:...}` variables the
spec read (values stored only as hashes, never in clear), plus the digest of the compiled
payload so `compile` can skip specs whose output is already current. Any change to those, to
recspec's version or to the rule catalogue misses. Rule selection is applied after the cache,
so it needs no entries of its own.

The cache lives in the user's cache folder (`$XDG_CACHE_HOME/recspec`, else `~/.cache/recspec`),
one file per working directory, so recspec never writes into the project or an `--out-dir`
(`--cache-dir` or `RECSPEC_CACHE_DIR` move it, `--no-cache` or `RECSPEC_NO_CACHE=1` disable it).
A missing, corrupt or foreign cache file is simply ignored; the cache is written atomically, once
per run, and only when it changed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "RECSPEC_CACHE_DIR"
NO_CACHE_ENV = "RECSPEC_NO_CACHE"


def digest(text: str) -> str:
    import hashlib  # lazily: `--no-cache` runs never pay for OpenSSL

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def digest_bytes(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _settings_key() -> str:
    """Everything global a verdict depends on: recspec's version, catalogue and code.

    The code fingerprint (size and mtime of every module) makes an edited rule miss even
    without a version bump, which matters in development checkouts.
    """
    from recspec import __version__
    from recspec.rules import all_rules

    package = Path(__file__).resolve().parent
    code = sorted(
        f"{p.relative_to(package)}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
        for p in package.rglob("*.py")
    )
    catalogue = "|".join(f"{r.code}:{r.name}:{r.severity}" for r in all_rules())
    return digest("\n".join([__version__, catalogue, *code]))


def _user_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "recspec"


class LintCache:
    """Files known to be clean; a disabled cache never hits or writes."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.entries: dict[str, Any] = {}
        self.dirty = False
        self.key = ""
        if directory is not None:
            self.key = _settings_key()
            self.entries = self._read()

    @classmethod
    def open(cls, enabled: bool = True, directory: str | None = None) -> LintCache:
        """The cache for this run, honouring `--no-cache`/`--cache-dir` and their env variables."""
        if not enabled or os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
            return cls(None)
        chosen = directory or os.environ.get(CACHE_DIR_ENV) or _user_cache_dir()
        return cls(Path(chosen))

    @property
    def path(self) -> Path | None:
        """One cache file per working directory (display paths are relative to it)."""
        if self.directory is None:
            return None
        return self.directory / f"{digest(os.getcwd())[:20]}.json"

    def _read(self) -> dict[str, Any]:
        try:
            assert self.path is not None
            data = json.loads(self.path.read_text(encoding="utf-8"))
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

    def lookup(self, name: str, text: str, env: Mapping[str, str]) -> dict[str, Any] | None:
        """The entry proving `name` with this exact text (and dependencies) is clean, or None."""
        entry = self.entries.get(name)
        if (
            self.directory is None
            or not isinstance(entry, dict)
            or entry.get("hash") != digest(text)
        ):
            return None
        try:
            for dep, dep_hash in entry["deps"]:
                if digest(Path(dep).read_text(encoding="utf-8-sig")) != dep_hash:
                    return None
            for variable, value_hash in entry["env"].items():
                value = env.get(variable)
                if (digest(value) if value is not None else None) != value_hash:
                    return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
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
        previous = self.entries.get(name)
        if payload is None and isinstance(previous, dict) and previous.get("hash") == digest(text):
            return  # already known clean; keep the payload digest `compile` recorded
        self.entries[name] = {
            "hash": digest(text),
            "deps": [[path, digest(dep_text)] for path, dep_text in sorted((deps or {}).items())],
            "env": {
                k: (digest(v) if v is not None else None)
                for k, v in sorted((env_used or {}).items())
            },
            "payload": digest_bytes(payload) if payload is not None else None,
        }
        self.dirty = True

    def forget(self, name: str) -> None:
        if self.entries.pop(name, None) is not None:
            self.dirty = True

    def save(self) -> None:
        """Write the cache if anything changed; a cache that cannot be written is skipped."""
        if self.directory is None or not self.dirty:
            return
        from recspec.output import write_atomic

        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            data = json.dumps({"key": self.key, "files": self.entries}, separators=(",", ":"))
            assert self.path is not None
            write_atomic(self.path, data.encode("utf-8"))
        except OSError:
            pass
