"""Compile a batch of specs and write their payloads: one item per spec, the same code in the
parent and in forked workers.

`compile` sets the run's targets (`set_targets`) before any work; forked workers inherit them,
with the folders already made, instead of receiving them pickled.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any

from recspec.compiler import Compiled, compile_file
from recspec.lint import PARALLEL_THRESHOLD, cache_name, display_path, parallel_map
from recspec.output import pretty_json, same_file, write_atomic
from recspec.values import Value

if TYPE_CHECKING:
    from recspec.cache import LintCache
    from recspec.diagnostics import Diagnostic

#: One spec to build: (display name, its text or None when it is not text, output path, redact?)
Item = tuple[str, str | None, str, bool]


def payload_bytes(payload: dict[str, Any], redact: bool, secrets: Collection[str] = ()) -> bytes:
    """The payload as stable, pretty JSON (2-space indent, UTF-8, final newline).

    Redacting hides credential fields and every value that came from `${env:...}` (`secrets`),
    wherever it ended up (a stream id, the derived `<room id>-mix`).
    """
    if redact:
        from recspec.redact import Redactor, blank_credentials

        payload = Redactor(secrets).deep(blank_credentials(payload))
    return (pretty_json(payload) + "\n").encode("utf-8")


#: (the command line's --target, each spec's configured default target), inherited by workers
_targets: tuple[str | None, dict[str, str]] = (None, {})


def set_targets(forced: str | None, configured: dict[str, str]) -> None:
    """The run's `--target` (None: not given) and each spec's configured default target."""
    global _targets
    _targets = (forced, configured)


def target_of(name: str) -> str:
    """The API `name` is compiled for as far as the command line and configuration say."""
    forced, defaults = _targets
    return forced or defaults.get(name, "legacy")


def compile_one(name: str, text: str | None) -> Compiled:
    """Compile one spec for the run's target (`text` None: the compiler reads the file)."""
    target, defaults = _targets
    return compile_file(name, text=text, target=target, default_target=defaults.get(name, "legacy"))


class Built(Value):
    """One spec's compile outcome (sent back from a worker process)."""

    __slots__ = (
        "changed",
        "deps",
        "diagnostics",
        "env_used",
        "name",
        "ok",
        "payload",
        "sources",
        "target",
        "write_error",
    )

    def __init__(
        self,
        name: str,
        target: str,
        ok: bool,
        changed: bool = False,
        diagnostics: list[Diagnostic] | None = None,
        sources: dict[str, str] | None = None,
        write_error: str = "",
        payload: bytes | None = None,
        deps: dict[str, str] | None = None,
        env_used: dict[str, str | None] | None = None,
    ) -> None:
        self.name = name
        self.target = target
        self.ok = ok
        self.changed = changed
        self.diagnostics: list[Diagnostic] = (
            [] if diagnostics is None else diagnostics
        )  # read, never changed
        self.sources: dict[str, str] = {} if sources is None else sources
        self.write_error = write_error
        self.payload = payload
        self.deps: dict[str, str] = {} if deps is None else deps
        self.env_used: dict[str, str | None] = {} if env_used is None else env_used


#: Per run (reset by `build_all`, inherited by workers): output folders already made sure of
#: (one mkdir per folder, not per spec), and whether the cache wants the payload bytes back.
_made_folders: set[str] = set()
_send_payload = True


def build(item: Item) -> Built:
    """Compile one spec and write its payload atomically (runs in a worker for large runs)."""
    name, text, target, redact = item
    compiled = compile_one(name, text)
    sources = compiled.sources if compiled.diagnostics else {}
    payload = compiled.payload  # a property that writes the dialect: read it once
    if payload is None:
        return Built(name, target, False, diagnostics=compiled.diagnostics, sources=sources)
    # The spec itself was checked against every output before the run (`input_clash`).
    inputs = [path for path in compiled.loaded.texts if path != name and same_file(target, path)]
    if inputs:  # the spec's own `extends` base: writing would destroy an input
        why = f"refusing to write {display_path(target)}: it is {inputs[0]}, an input of this run"
        return Built(name, target, False, write_error=why)
    data = payload_bytes(payload, redact, compiled.loaded.secrets if redact else ())
    try:  # -o into a missing folder creates it, as --out-dir does
        folder = os.path.dirname(target) or "."
        if folder not in _made_folders:
            os.makedirs(folder, exist_ok=True)
            _made_folders.add(folder)
        changed = write_atomic(target, data)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return Built(
            name, target, False, write_error=f"cannot write {display_path(target)}: {reason}"
        )
    deps = {path: body for path, body in compiled.loaded.texts.items() if path != name}
    return Built(
        name,
        target,
        True,
        changed,
        compiled.diagnostics,
        sources,
        payload=None if redact or not _send_payload else data,
        deps=deps,
        env_used=compiled.loaded.env_used,
    )


def build_all(items: list[Item], cache: LintCache, jobs: int) -> Iterator[Built]:
    """Build every item, skipping specs whose output the cache proves current."""
    global _send_payload
    _made_folders.clear()
    _send_payload = cache.directory is not None
    todo: list[Item] = []
    for item in items:
        name, text, target, redact = item
        key = cache_name(name, target_of(name))
        entry = None if redact or text is None else cache.lookup(key, text, os.environ)
        if entry is not None and entry.payload and _digest_of(target) == entry.payload:
            yield Built(name, target, True, changed=False)  # current output: nothing to do
        else:
            todo.append(item)

    results = (
        parallel_map(build, todo, jobs)
        if jobs > 1 and len(todo) >= PARALLEL_THRESHOLD
        else map(build, todo)
    )
    texts = {(name, target): text for name, text, target, _ in todo}
    for result in results:
        text = texts[(result.name, result.target)]
        if result.ok and not result.diagnostics and result.payload is not None and text is not None:
            key = cache_name(result.name, target_of(result.name))
            cache.store(key, text, result.deps, result.env_used, result.payload)
        yield result


def _digest_of(path: str) -> str | None:
    """The output's digest, or None: a stream (`-o /dev/stdout`, a FIFO) is never read back."""
    from recspec.cache import digest_bytes
    from recspec.output import is_stream

    if is_stream(path):
        return None
    try:
        with open(path, "rb") as handle:
            return digest_bytes(handle.read())
    except OSError:
        return None
