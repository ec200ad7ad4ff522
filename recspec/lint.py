"""`recspec lint`: specs and payloads in, positioned diagnostics out.

`.toml` files are specs (compiled, then every payload rule runs and problems map back to spec
lines); `.json` files are start payloads checked by the very same rules. Any other file named
explicitly is sniffed: a document starting with `{` is JSON, anything else TOML.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recspec.diagnostics import Diagnostic, Severity
from recspec.positions import Span

if TYPE_CHECKING:
    from recspec.cache import LintCache


@dataclass
class LintConfig:
    """Rule selection from the command line and `[tool.recspec]` / `recspec.toml`."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    strict: bool = False
    #: the API specs without their own `target` compile for
    target: str = "legacy"


@dataclass
class LintRun:
    """Everything a formatter needs: diagnostics, the files checked and their texts."""

    diagnostics: list[Diagnostic]
    files: list[str]
    sources: dict[str, str]

    def exit_code(self, strict: bool = False) -> int:
        worst = Severity.WARNING if strict else Severity.ERROR
        return int(any(d.severity >= worst and not d.suppressed for d in self.diagnostics))


def display_path(path: Path | str) -> str:
    """Paths relative to the working directory with `/`, as users and SARIF want them."""
    text = str(path)
    if not os.path.isabs(text) and ".." not in text:  # already relative: relpath = normpath
        return os.path.normpath(text).replace(os.sep, "/") if text else text
    if ".." in text:  # `link/../a.toml` is where link's target's parent is, as open() finds it
        folder, name = os.path.split(text)
        with contextlib.suppress(OSError, ValueError):
            text = os.path.join(os.path.realpath(folder or "."), name)
    try:
        relative = os.path.relpath(text)
        if not relative.startswith(".."):
            text = relative
    except ValueError:
        pass
    return text.replace(os.sep, "/")


#: Below this many files to check, worker processes cost more than they save.
PARALLEL_THRESHOLD = 200


@dataclass
class FileResult:
    """One file's outcome, plus what the cache needs to remember it when it is clean."""

    name: str
    diagnostics: list[Diagnostic]
    sources: dict[str, str]
    text: str | None = None
    deps: dict[str, str] = field(default_factory=dict)
    env_used: dict[str, str | None] = field(default_factory=dict)
    unreadable: tuple[str, str] | None = None  # UnreadableError's (path, reason)


def lint_file(
    path: Path | str, env: Mapping[str, str] | None = None
) -> tuple[list[Diagnostic], dict[str, str]]:
    """Diagnostics of one file and the texts they point into. Raises UnreadableError."""
    from recspec.source import UnreadableError

    result = _check_path(str(path), display_path(path), _Context(env, None))
    if result.unreadable is not None:
        raise UnreadableError(*result.unreadable)
    return result.diagnostics, result.sources


def check_text(
    name: str, text: str, env: Mapping[str, str] | None = None, target: str = "legacy"
) -> FileResult:
    """Lint one file's text: a payload (either dialect) when it is JSON, else a spec compiled
    for its own `target`, or `target` when it has none."""
    if _is_json(name, text):
        from recspec.locate import payload_diagnostics, payload_redactor
        from recspec.positions.json import parse_json

        document, problems = parse_json(text)
        found = payload_diagnostics(name, text, document, problems)
        if not found:
            return FileResult(name, [], {}, text)
        return FileResult(name, found, {name: payload_redactor(document, text).mask(text)}, text)
    from recspec.compiler import compile_file

    compiled = compile_file(name, text=text, env=env, default_target=target)
    deps = {path: body for path, body in compiled.loaded.texts.items() if path != name}
    sources = compiled.sources if compiled.diagnostics else {}
    return FileResult(name, compiled.diagnostics, sources, text, deps, compiled.loaded.env_used)


def _is_json(name: str, text: str) -> bool:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in (".json", ".toml"):
        return suffix == ".json"
    return text.lstrip().startswith(("{", "["))


def _decode_diagnostic(name: str, exc: Exception) -> Diagnostic:
    from recspec.locate import _diagnostic
    from recspec.rules import get_rule

    line, column = getattr(exc, "line", 1), getattr(exc, "column", 1)
    return _diagnostic(
        get_rule("RS100"), "RS100", name, Span(line, column, line, column + 1), str(exc)
    )


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    config: LintConfig | None = None,
    env: Mapping[str, str] | None = None,
    *,
    cache: LintCache | None = None,
    jobs: int = 1,
) -> LintRun:
    """Lint files and directories (walked recursively). Raises UnreadableError for a bad path.

    Files the cache knows to be clean are skipped; with `jobs > 1` and enough files, forked
    worker processes read and check them (results keep the input order). An unreadable file
    raises once every file is done, for the first such file in input order.
    """
    from recspec.source import UnreadableError, find_inputs

    config = config or LintConfig()
    files = find_inputs([str(p) for p in paths])
    names = [display_path(p) for p in files]
    todo = [(str(path), name) for path, name in zip(files, names, strict=True)]
    results = _check_all(todo, _Context(env, cache, config.target), jobs)
    for result in results:
        if result.unreadable is not None:
            raise UnreadableError(*result.unreadable)
    if cache is not None:
        for result in results:
            if result.text is None:
                continue  # a cache hit, or a file that is not text
            if result.diagnostics:
                cache.forget(result.name)
            else:
                cache.store(result.name, result.text, result.deps, result.env_used)
    keep = _selector(config)
    diagnostics = [d for result in results for d in result.diagnostics if keep(d)]
    sources = {k: v for result in results for k, v in result.sources.items()}
    diagnostics.sort(key=lambda d: d.sort_key)
    return LintRun(diagnostics, names, sources)


@dataclass
class _Context:
    """What every file's check shares: the environment and the cache (inherited by workers)."""

    env: Mapping[str, str] | None
    cache: LintCache | None
    target: str = "legacy"


#: The context of the current parallel run; forked workers inherit it instead of unpickling it.
_context = _Context(None, None)


def _check_all(todo: list[tuple[str, str]], context: _Context, jobs: int) -> list[FileResult]:
    global _context
    if jobs <= 1 or len(todo) < PARALLEL_THRESHOLD:
        return [_check_path(path, name, context) for path, name in todo]
    specs = any(not _is_json(name, "") for _, name in todo)
    if context.cache is not None:
        context.cache.preload(name for _, name in todo)  # read once, shared by the workers
    _context = context
    try:
        results: list[FileResult] = parallel_map(_check_in_worker, todo, jobs, specs=specs)
    finally:
        _context = _Context(None, None)
    return results


def _check_in_worker(item: tuple[str, str]) -> FileResult:
    result = _check_path(*item, _context)
    if _context.cache is None:
        result.text = None  # only the cache needs it back in the parent
    return result


def _check_path(path: str, name: str, context: _Context) -> FileResult:
    """Read and check one file (or find it in the cache). Unreadable: `unreadable` is set."""
    from recspec.source import DecodeProblem, UnreadableError, read_text

    try:
        text = read_text(path)
    except UnreadableError as exc:
        return FileResult(name, [], {}, unreadable=(exc.path, exc.reason))
    except DecodeProblem as exc:
        return FileResult(name, [_decode_diagnostic(name, exc)], {})
    cache = context.cache
    environ = os.environ if context.env is None else context.env
    if cache is not None and cache.lookup(name, text, environ) is not None:
        return FileResult(name, [], {})
    return check_text(name, text, context.env, context.target)


def parallel_map(
    function: Callable[[Any], Any], items: list[Any], jobs: int, *, specs: bool = True
) -> list[Any]:
    """`map` over forked workers, in order (`recspec.parallel.fork_map`).

    The modules the work needs are imported (and the rule catalogue built) before forking, so
    every worker inherits them instead of paying for them again.
    """
    import recspec.rules

    recspec.rules.all_rules()
    if specs:
        import recspec.compiler
        import recspec.layout
        import recspec.spec.shape
        from recspec.spec.shape import fast_validate
        from recspec.spec.toml_reader import parse_toml

        parse_toml("")  # imports rtoml once, before the fork
        fast_validate({})  # imports the generated shape
    from recspec.parallel import fork_map

    return fork_map(function, items, jobs)


def default_jobs() -> int:
    """The number of cores this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _matching(selectors: Iterable[str]) -> set[str]:
    """Codes that selectors (codes, prefixes or names) name."""
    from recspec.rules import all_rules, select_rules

    return {r.code for r in all_rules()} - {r.code for r in select_rules((), tuple(selectors))}


def _selector(config: LintConfig) -> Callable[[Diagnostic], bool]:
    """A predicate that keeps the diagnostics the configuration selects (RS100 always stays)."""
    from recspec.rules import select_rules

    chosen = {rule.code for rule in select_rules(config.select, config.ignore)}
    per_file = {pattern: _matching(codes) for pattern, codes in config.per_file_ignores.items()}

    def keep(diagnostic: Diagnostic) -> bool:
        if diagnostic.rule == "RS100":
            return True
        if diagnostic.rule not in chosen:
            return False
        return not any(
            diagnostic.rule in ignored and fnmatch.fnmatch(diagnostic.file, pattern)
            for pattern, ignored in per_file.items()
        )

    return keep
