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
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from recspec.commands.common import UsageProblem, echo, exit_with
from recspec.commands.surface import RUN_OPTIONS, Param, Surface
from recspec.diagnostics import Diagnostic

if TYPE_CHECKING:
    from recspec.cache import LintCache


def payload_bytes(payload: dict[str, Any], redact: bool, secrets: Collection[str] = ()) -> bytes:
    """The payload as stable, pretty JSON (2-space indent, UTF-8, final newline).

    Redacting hides credential fields and every value that came from `${env:...}` (`secrets`),
    wherever it ended up (a stream id, the derived `<room id>-mix`).
    """
    if redact:
        from recspec.redact import Redactor

        payload = Redactor(secrets).deep(redact_payload(payload))
    from recspec.output import pretty_json

    return (pretty_json(payload) + "\n").encode("utf-8")


def redact_payload(node: Any) -> Any:
    """A copy with every credential field's value replaced by `***`."""
    from recspec.spec.loader import CREDENTIAL_FIELDS

    if isinstance(node, dict):
        return {
            k: "***" if k in CREDENTIAL_FIELDS and isinstance(v, str) else redact_payload(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [redact_payload(v) for v in node]
    return node


SURFACE = Surface(
    "compile",
    """Compile SPECS into ZEGO request JSON (stdout for one spec, or -o / --out-dir).

`-` reads the spec from standard input (--stdin-filename names it).""",
    (
        Param("specs", (), "paths"),
        Param("output", ("-o", "--output"), "file", "Write the payload to FILE."),
        Param("out_dir", ("--out-dir",), "folder", "Write DIR/<spec stem>.json per spec."),
        Param(
            "redact", ("--redact",), "flag", "Write *** instead of credential values (for sharing)."
        ),
        Param(
            "show_secrets",
            ("--show-secrets",),
            "flag",
            "Print real credentials even on a terminal.",
        ),
        Param("fail_fast", ("--fail-fast",), "flag", "Stop at the first spec with errors."),
        Param(
            "verbose", ("-v", "--verbose"), "flag", "Say which outputs were written or unchanged."
        ),
        Param(
            "api",
            ("--target",),
            "choice",
            "The API to compile for: legacy start or StartRecord (v2). Wins over the spec's "
            "`target` key and the configuration's `target` (default legacy).",
            choices=("legacy", "v2"),
        ),
        Param(
            "stdin_filename",
            ("--stdin-filename",),
            "text",
            "With `-` as the spec: the file name standard input stands for (positions, "
            "configuration lookup, `extends` bases).",
        ),
        *RUN_OPTIONS,
    ),
)


def run(
    specs: tuple[str, ...],
    output: str | None,
    out_dir: str | None,
    redact: bool,
    show_secrets: bool,
    fail_fast: bool,
    verbose: bool,
    api: str | None,
    stdin_filename: str | None,
    no_cache: bool,
    cache_dir: str | None,
    jobs: int | None,
) -> None:
    from recspec.cache import LintCache
    from recspec.commands.common import print_diagnostics
    from recspec.lint import default_jobs, display_path

    if output is not None and out_dir is not None:
        raise UsageProblem("use either -o/--output or --out-dir, not both")
    if len(specs) > 1 and out_dir is None:
        raise UsageProblem("several specs need --out-dir DIR")
    bodies = [
        s for s in specs if ((stdin_filename or "-") if s == "-" else s).lower().endswith(".json")
    ]
    for body in bodies:  # a file that is not a spec: exit 1 like any file that does not parse
        echo(
            f"recspec: {body} is a request body (JSON), not a spec; compile turns TOML specs "
            f"into bodies — to check a body, run `recspec lint {body}`",
            err=True,
        )
    specs = tuple(s for s in specs if s not in bodies)
    if not specs:
        exit_with(1)
    specs = _unique(specs)
    global _stdin
    _stdin = None
    if "-" in specs:
        if specs != ("-",) or out_dir is not None:
            raise UsageProblem("`-` (standard input) is one spec, printed or written with -o")
        _stdin = sys.stdin.read()
        specs = (stdin_filename or "-",)
    elif stdin_filename is not None:
        raise UsageProblem("--stdin-filename goes with `-` as the spec")
    global _api
    names = {spec: display_path(spec) for spec in specs}
    _api = (api, {} if api else _configured_targets(names))  # --target wins over any file
    if output is None and out_dir is None:
        _to_stdout(specs[0], redact or (sys.stdout.isatty() and not show_secrets))
        return
    jobs_ = jobs or default_jobs()
    pairs = _targets(specs, output, out_dir)
    from recspec.output import input_clash

    clash = input_clash((target for _, target in pairs), specs)
    if clash is not None:
        raise UsageProblem(f"refusing to write {clash[0]}: it is {clash[1]}, an input of this run")
    from recspec.output import is_terminal

    items = [  # a terminal shows `***` for credentials, as plain stdout does
        (
            names[spec],
            _read(spec),
            target,
            redact or (is_terminal(target) and not show_secrets),
        )
        for spec, target in pairs
    ]
    cache = LintCache.open(not no_cache, cache_dir)
    tally = Tally()
    many = len(items) > 1
    for result in _build_all(items, cache, 1 if fail_fast else jobs_):
        tally.add(result)
        if result.diagnostics:
            print_diagnostics(result.diagnostics, result.sources, [result.name], summary=not many)
        if result.write_error:
            echo(f"recspec: {result.write_error}", err=True)
            exit_with(2)
        if not result.ok and fail_fast:
            break
        if result.ok and verbose:
            echo(
                f"{'wrote' if result.changed else 'unchanged'} {display_path(result.target)}",
                err=True,
            )
    cache.save()
    if many or bodies:
        echo(tally.line(len(items) + len(bodies), len(bodies)), err=True)
    exit_with(1 if tally.refused or bodies else 0)


class Tally:
    """What a multi-spec compile did, for its one summary line."""

    def __init__(self) -> None:
        self.written = self.unchanged = self.refused = self.errors = self.warnings = 0

    def add(self, result: Built) -> None:
        shown = [d for d in result.diagnostics if not d.suppressed]
        self.errors += sum(d.severity.label == "error" for d in shown)
        self.warnings += sum(d.severity.label == "warning" for d in shown)
        if not result.ok:
            self.refused += 1
        elif result.changed:
            self.written += 1
        else:
            self.unchanged += 1

    def line(self, checked: int, bodies: int) -> str:
        refused = self.refused + bodies
        return (
            f"{checked} spec{'s' if checked != 1 else ''} checked: {self.written} written, "
            f"{self.unchanged} unchanged, {refused} refused "
            f"({self.errors} error{'s' if self.errors != 1 else ''}, "
            f"{self.warnings} warning{'s' if self.warnings != 1 else ''})."
        )


#: The spec text read from standard input (`recspec compile -`), if any.
_stdin: str | None = None

#: (the command line's --target, each spec's configured default target), inherited by workers
_api: tuple[str | None, dict[str, str]] = (None, {})


def _configured_targets(names: dict[str, str]) -> dict[str, str]:
    """Each spec's nearest configuration's `target` (display name -> target); exit 2 if broken.

    `names`: spec path -> display name."""
    from recspec.config import ConfigError, ConfigResolver

    resolve = ConfigResolver()
    try:
        return {
            name: resolve(spec if spec != "-" else "stdin").target for spec, name in names.items()
        }
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None


def _target_of(name: str) -> str:
    """The API `name` is compiled for as far as the command line and configuration say."""
    forced, defaults = _api
    return forced or defaults.get(name, "legacy")


def _compile(name: str, text: str | None) -> Any:
    from recspec.compiler import compile_file

    target, defaults = _api
    default = defaults.get(name, "legacy")
    if text is None:
        return compile_file(name, target=target, default_target=default)
    return compile_file(name, text=text, target=target, default_target=default)


def _unique(specs: tuple[str, ...]) -> tuple[str, ...]:
    """The specs without repeats (`a.toml ./a.toml`, a link and its file), as lint
    de-duplicates its inputs: by real path, resolved once per folder plus one lstat per spec
    (realpath per spec lstats every component: 10.6 -> 3.4 ms for 1000 specs)."""
    seen: set[str] = set()
    folders: dict[str, str] = {}
    out = []
    for spec in specs:
        key = _real_path(spec, folders) if spec != "-" else spec
        if key not in seen:
            seen.add(key)
            out.append(spec)
    return tuple(out)


def _real_path(path: str, folders: dict[str, str]) -> str:
    """`normcase(realpath(path))`, with each folder's real path computed once in `folders`."""
    import stat

    folder, base = os.path.split(path)
    if folder not in folders:
        folders[folder] = os.path.realpath(folder or os.curdir)
    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
    except (OSError, ValueError):
        link = False
    real = os.path.realpath(path) if link or base in ("", os.curdir, os.pardir) else None
    return os.path.normcase(real or os.path.join(folders[folder], base))


def _read(spec: str) -> str | None:
    """The spec's text (None when it is not text: the compiler reports RS100 for it).

    An unreadable spec stops the run before anything is written (exit 2).
    """
    from recspec.source import DecodeProblem, UnreadableError, read_text

    if _stdin is not None:
        return _stdin
    try:
        return read_text(spec)
    except UnreadableError as exc:
        echo(f"recspec: {exc}", err=True)
        exit_with(2)
    except DecodeProblem:
        return None


def _targets(
    specs: tuple[str, ...], output: str | None, out_dir: str | None
) -> list[tuple[str, str]]:
    """(spec, output file) pairs; refuses two specs writing the same file (exit 2)."""
    from recspec.output import path_stem, safe_output_name

    if out_dir is None:
        assert output is not None
        return [(specs[0], str(Path(output)))]
    if Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise UsageProblem(f"--out-dir {Path(out_dir)} is not a directory")
    folder = str(Path(out_dir))
    writers: dict[str, str] = {}  # output file name -> the spec that writes it
    for spec in specs:
        name = safe_output_name(path_stem(spec)) + ".json"
        if name in writers:
            target = os.path.join(folder, name)
            raise UsageProblem(f"{writers[name]} and {spec} would both write {target}")
        writers[name] = spec
    return [(spec, os.path.join(folder, name)) for name, spec in writers.items()]


def _to_stdout(spec: str, hide: bool) -> None:
    from recspec.commands.common import print_diagnostics
    from recspec.lint import display_path

    text = _read(spec)
    name = display_path(spec)
    compiled = _compile(name, text)
    if compiled.diagnostics:
        print_diagnostics(compiled.diagnostics, compiled.sources, [compiled.file])
    payload = compiled.payload  # a property that writes the dialect: read it once
    if payload is None:
        exit_with(1)
    echo(payload_bytes(payload, hide, compiled.loaded.secrets).decode("utf-8"), nl=False)


class Built(NamedTuple):
    """One spec's compile outcome (sent back from a worker process)."""

    name: str
    target: str
    ok: bool
    changed: bool = False
    diagnostics: list[Diagnostic] = []  # noqa: RUF012  # read, never changed
    sources: dict[str, str] = {}  # noqa: RUF012
    write_error: str = ""
    payload: bytes | None = None
    deps: dict[str, str] = {}  # noqa: RUF012
    env_used: dict[str, str | None] = {}  # noqa: RUF012


#: Per run (reset by `_build_all`, inherited by workers): output folders already made sure of
#: (one mkdir per folder, not per spec), and whether the cache wants the payload bytes back.
_made_folders: set[str] = set()
_send_payload = True


def build(item: tuple[str, str | None, str, bool]) -> Built:
    """Compile one spec and write its payload atomically (runs in a worker for large runs)."""
    from recspec.lint import display_path
    from recspec.output import same_file, write_atomic

    name, text, target, redact = item
    compiled = _compile(name, text)
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


def _build_all(
    items: list[tuple[str, str | None, str, bool]], cache: LintCache, jobs: int
) -> Iterator[Built]:
    """Build every item, skipping specs whose output the cache proves current."""
    global _send_payload
    _made_folders.clear()
    _send_payload = cache.directory is not None

    from recspec.lint import PARALLEL_THRESHOLD, cache_name, parallel_map

    todo: list[tuple[str, str | None, str, bool]] = []
    for name, text, target, redact in items:
        key = cache_name(name, _target_of(name))
        entry = None if redact or text is None else cache.lookup(key, text, os.environ)
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
            key = cache_name(result.name, _target_of(result.name))
            cache.store(key, text, result.deps, result.env_used, result.payload)
        yield result


def _digest_of(path: Path) -> str | None:
    """The output's digest, or None: a stream (`-o /dev/stdout`, a FIFO) is never read back."""
    from recspec.cache import digest_bytes
    from recspec.output import is_stream

    if is_stream(str(path)):
        return None
    try:
        return digest_bytes(path.read_bytes())
    except OSError:
        return None
