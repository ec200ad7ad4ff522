"""`recspec compile SPEC... [-o FILE | --out-dir DIR]`: specs -> exact start JSON.

A spec with any error writes nothing and exits 1; the others are still written (unless
--fail-fast). Outputs are written atomically and only when their bytes change. Payloads hold the
real credential values (that is what ZEGO needs) except on a terminal, which is human-facing:
there, and with --redact anywhere, credentials print as `***`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from recspec.cli import exit_with
from recspec.commands.common import PathArgument, run_options
from recspec.diagnostics import Diagnostic

if TYPE_CHECKING:
    from recspec.cache import LintCache


def payload_bytes(payload: dict[str, Any], redact: bool, secrets: Collection[str] = ()) -> bytes:
    """The payload as stable, pretty JSON (2-space indent, UTF-8, final newline).

    Redacting hides credential fields and every value that came from `${env:...}` (`secrets`),
    wherever it ended up (a stream id, the derived `<room id>-mix`).
    """
    if redact:
        from recspec.locate import Redactor

        numbers = {s.strip() for s in secrets if len(s.strip()) >= 4}  # `app_id` from an env var
        payload = Redactor(secrets).deep(redact_payload(payload, numbers))
    from recspec.output import pretty_json

    return (pretty_json(payload) + "\n").encode("utf-8")


def redact_payload(node: Any, numbers: Collection[str] = ()) -> Any:
    """A copy with every credential field's value replaced by `***`, and every integer that
    came from `${env:...}` (`numbers`, as written there) too."""
    from recspec.spec.loader import CREDENTIAL_FIELDS

    if isinstance(node, dict):
        return {
            k: "***"
            if k in CREDENTIAL_FIELDS and isinstance(v, str)
            else redact_payload(v, numbers)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [redact_payload(v, numbers) for v in node]
    if type(node) is int and numbers and str(node) in numbers:
        return "***"
    return node


@click.command("compile")
@click.argument("specs", nargs=-1, required=True, type=PathArgument())
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the payload to FILE.",
)
@click.option(
    "--out-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write DIR/<spec stem>.json per spec.",
)
@click.option(
    "--redact", is_flag=True, help="Write *** instead of credential values (for sharing)."
)
@click.option("--show-secrets", is_flag=True, help="Print real credentials even on a terminal.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first spec with errors.")
@click.option("-v", "--verbose", is_flag=True, help="Say which outputs were written or unchanged.")
@click.option(
    "--target",
    "api",
    type=click.Choice(["legacy", "v2"]),
    help="The API to compile for: legacy start or StartRecord (v2). Wins over the spec's "
    "`target` key and the configuration's `target` (default legacy).",
)
@run_options
def command(
    specs: tuple[str, ...],
    output: Path | None,
    out_dir: Path | None,
    redact: bool,
    show_secrets: bool,
    fail_fast: bool,
    verbose: bool,
    api: str | None,
    no_cache: bool,
    cache_dir: str | None,
    jobs: int | None,
) -> None:
    """Compile SPECS into ZEGO start JSON (stdout for one spec, or -o / --out-dir)."""
    from recspec.cache import LintCache
    from recspec.commands.common import print_diagnostics
    from recspec.lint import default_jobs, display_path

    if output and out_dir:
        raise click.UsageError("use either -o/--output or --out-dir, not both")
    global _api
    _api = (api, _configured_target())
    specs = _distinct(specs)
    if len(specs) > 1 and out_dir is None:
        raise click.UsageError("several specs need --out-dir DIR")
    if output is None and out_dir is None:
        _to_stdout(specs[0], redact or (sys.stdout.isatty() and not show_secrets))
        return
    if output is not None and not show_secrets:
        from recspec.output import is_terminal

        redact = redact or is_terminal(str(output))  # `-o /dev/tty` is as human-facing as stdout
    jobs_ = jobs or default_jobs()
    pairs = _targets(specs, output, out_dir)
    _refuse_overwriting_inputs(pairs, [spec for spec, _ in pairs])
    items = [(display_path(spec), _read(spec), target, redact) for spec, target in pairs]
    # lint's key when --target is not given: both commands share the cache of clean files
    settings = f"target={api}!" if api else f"target={_api[1]}"
    cache = LintCache.open(not no_cache, cache_dir, settings)
    failed = 0
    for result in _build_all(items, cache, 1 if fail_fast else jobs_):
        if result.diagnostics:
            print_diagnostics(result.diagnostics, result.sources, [result.name])
        if result.write_error:
            click.echo(f"recspec: {result.write_error}", err=True)
            exit_with(2)
        if not result.ok:
            failed += 1
            if fail_fast:
                break
        elif verbose:
            click.echo(
                f"{'wrote' if result.changed else 'unchanged'} {display_path(result.target)}",
                err=True,
            )
    cache.save()
    exit_with(1 if failed else 0)


#: (the command line's --target, the configuration's target), inherited by forked workers
_api: tuple[str | None, str] = (None, "legacy")


def _configured_target() -> str:
    """The nearest configuration's `target` ("legacy" without one); a bad one is exit 2."""
    from recspec.config import ConfigError, load_config

    try:
        return load_config().target
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def _compile(name: str, text: str | None) -> Any:
    from recspec.compiler import compile_file

    target, default = _api
    if text is None:
        return compile_file(name, target=target, default_target=default)
    return compile_file(name, text=text, target=target, default_target=default)


def _read(spec: str) -> str | None:
    """The spec's text (None when it is not text: the compiler reports RS100 for it).

    An unreadable spec stops the run before anything is written (exit 2).
    """
    from recspec.source import DecodeProblem, UnreadableError, read_text

    try:
        return read_text(spec)
    except UnreadableError as exc:
        click.echo(f"recspec: {exc}", err=True)
        exit_with(2)
    except DecodeProblem:
        return None


def _targets(
    specs: tuple[str, ...], output: Path | None, out_dir: Path | None
) -> list[tuple[str, str]]:
    """(spec, output file) pairs; refuses two specs writing the same file (exit 2)."""
    from recspec.output import path_stem, safe_output_name

    if out_dir is None:
        assert output is not None
        return [(specs[0], str(output))]
    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(f"--out-dir {out_dir} is not a directory")
    folder = str(out_dir)
    writers: dict[str, str] = {}  # output file name -> the spec that writes it
    for spec in specs:
        name = safe_output_name(path_stem(spec)) + ".json"
        if name in writers:
            target = os.path.join(folder, name)
            raise click.UsageError(f"{writers[name]} and {spec} would both write {target}")
        writers[name] = spec
    return [(spec, os.path.join(folder, name)) for name, spec in writers.items()]


def _distinct(specs: tuple[str, ...]) -> tuple[str, ...]:
    """The specs without repeats (`a.toml ./a.toml`, or two links to one file), as `lint` does."""
    from recspec.output import file_identity

    seen: set[object] = set()
    kept = []
    for spec in specs:
        key = file_identity(spec) or os.path.normpath(os.path.abspath(spec))
        if key not in seen:
            seen.add(key)
            kept.append(spec)
    return tuple(kept)


def _refuse_overwriting_inputs(pairs: list[tuple[str, str]], inputs: list[str]) -> None:
    """Exit 2 when an output is one of the run's inputs, by file identity (not by name)."""
    from recspec.output import file_identity

    read = {key: name for name in inputs if (key := file_identity(name)) is not None}
    for _, target in pairs:
        key = file_identity(target)
        if key is not None and key in read:
            raise click.UsageError(
                f"{target} is an input of this run ({read[key]}); not overwriting it"
            )


def _to_stdout(spec: str, hide: bool) -> None:
    from recspec.commands.common import print_diagnostics
    from recspec.lint import display_path

    text = _read(spec)
    name = display_path(spec)
    compiled = _compile(name, text)
    if compiled.diagnostics:
        print_diagnostics(compiled.diagnostics, compiled.sources, [compiled.file])
    if compiled.payload is None:
        exit_with(1)
    assert compiled.payload is not None
    click.echo(
        payload_bytes(compiled.payload, hide, compiled.loaded.secrets).decode("utf-8"), nl=False
    )


@dataclass
class Built:
    """One spec's compile outcome (sent back from a worker process)."""

    name: str
    target: str
    ok: bool
    changed: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    write_error: str = ""
    payload: bytes | None = None
    deps: dict[str, str] = field(default_factory=dict)
    env_used: dict[str, str | None] = field(default_factory=dict)


#: Per run (reset by `_build_all`, inherited by workers): output folders already made sure of
#: (one mkdir per folder, not per spec), and whether the cache wants the payload bytes back.
_made_folders: set[str] = set()
_send_payload = True


def build(item: tuple[str, str | None, str, bool]) -> Built:
    """Compile one spec and write its payload atomically (runs in a worker for large runs)."""
    from recspec.lint import display_path
    from recspec.output import write_atomic

    name, text, target, redact = item
    compiled = _compile(name, text)
    sources = compiled.sources if compiled.diagnostics else {}
    if compiled.payload is None:
        return Built(name, target, False, diagnostics=compiled.diagnostics, sources=sources)
    data = payload_bytes(compiled.payload, redact, compiled.loaded.secrets if redact else ())
    from recspec.output import file_identity

    written = file_identity(target)
    if written is not None and any(
        file_identity(path) == written for path in compiled.loaded.texts
    ):
        why = "is an input of this run (an `extends` base); not overwriting it"
        return Built(name, target, False, write_error=f"{display_path(target)} {why}")
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


def _build_all(
    items: list[tuple[str, str | None, str, bool]], cache: LintCache, jobs: int
) -> Iterator[Built]:
    """Build every item, skipping specs whose output the cache proves current."""
    global _send_payload
    _made_folders.clear()
    _send_payload = cache.directory is not None

    from recspec.lint import PARALLEL_THRESHOLD, parallel_map

    todo: list[tuple[str, str | None, str, bool]] = []
    for name, text, target, redact in items:
        entry = None if redact or text is None else cache.lookup(name, text, os.environ)
        if entry is not None and entry.payload and _digest_of(Path(target)) == entry.payload:
            continue  # unchanged spec, current output: nothing to do
        todo.append((name, text, target, redact))
    skipped = {(i[0], i[2]) for i in items} - {(t[0], t[2]) for t in todo}
    for name, _, target, _ in items:
        if (name, target) in skipped:
            yield Built(name, target, True, changed=False)

    results = (
        parallel_map(build, todo, jobs)
        if jobs > 1 and len(todo) >= PARALLEL_THRESHOLD
        else map(build, todo)
    )
    texts = {(name, target): text for name, text, target, _ in todo}
    for result in results:
        text = texts[(result.name, result.target)]
        if result.ok and not result.diagnostics and result.payload is not None and text is not None:
            cache.store(result.name, text, result.deps, result.env_used, result.payload)
        yield result


def _digest_of(path: Path) -> str | None:
    from recspec.cache import digest_bytes
    from recspec.source import read_regular

    data = read_regular(path)  # `-o /dev/stdout | cat`: never read back from a pipe
    return digest_bytes(data) if data is not None else None
