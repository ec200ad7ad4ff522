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
from typing import TYPE_CHECKING, Any

from recspec.diagnostics import Diagnostic, Severity
from recspec.positions import Span
from recspec.values import Value

if TYPE_CHECKING:
    from pathlib import Path

    from recspec.cache import LintCache


class LintConfig(Value):
    """Rule selection from the command line and `[tool.recspec]` / `recspec.toml`."""

    __slots__ = ("ignore", "per_file_ignores", "root", "select", "source", "strict", "target")

    def __init__(
        self,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        per_file_ignores: dict[str, tuple[str, ...]] | None = None,
        strict: bool = False,
        target: str = "legacy",
        root: str = "",
        source: str = "",
    ) -> None:
        self.select = select
        self.ignore = ignore
        self.per_file_ignores: dict[str, tuple[str, ...]] = (
            {} if per_file_ignores is None else per_file_ignores
        )  # read, never changed
        self.strict = strict
        #: the API specs without their own `target` compile for
        self.target = target
        #: the folder `per-file-ignores` patterns are relative to ("": the working directory)
        self.root = root
        #: the configuration file this came from ("": defaults or the command line)
        self.source = source


class LintRun(Value):
    """Everything a formatter needs: diagnostics, the files checked and their texts."""

    __slots__ = ("diagnostics", "files", "sources", "strict_files")

    def __init__(
        self,
        diagnostics: list[Diagnostic],
        files: list[str],
        sources: dict[str, str],
        strict_files: frozenset[str] = frozenset(),
    ) -> None:
        self.diagnostics = diagnostics
        self.files = files
        self.sources = sources
        #: files whose configuration says `strict` (their warnings fail the run too)
        self.strict_files = strict_files

    def exit_code(self, strict: bool = False) -> int:
        """1 when an error (or, with `strict` or in a strict file, a warning) is unsuppressed."""

        def fails(d: Diagnostic) -> bool:
            worst = Severity.WARNING if strict or d.file in self.strict_files else Severity.ERROR
            return d.severity >= worst and not d.suppressed

        return int(any(fails(d) for d in self.diagnostics))


def display_path(path: Path | str) -> str:
    """Paths relative to the working directory with `/`, as users and SARIF want them.

    `..` steps are resolved the way the operating system does, after following symlinks
    (`link/../spec.toml` with `link -> ../real/sub` is `real/spec.toml`), never by plain text
    arithmetic, which could name another file; the final component itself is kept as written.
    """
    text = str(path)
    if not os.path.isabs(text) and ".." not in text:  # already relative: relpath = normpath
        return printable(os.path.normpath(text).replace(os.sep, "/")) if text else text
    if ".." in text:
        folder, name = os.path.split(text)
        with contextlib.suppress(OSError, ValueError):
            text = os.path.join(os.path.realpath(folder or "."), name)
    try:
        relative = os.path.relpath(text)
        if not relative.startswith(".."):
            text = relative
    except (OSError, ValueError):
        pass
    return printable(text.replace(os.sep, "/"))


def printable(text: str) -> str:
    """`text` safe for a terminal, a log and any output encoding: control characters (an
    escape sequence in a file name or key) and undecodable file-name bytes become backslash
    escapes (`\\x1b`, `\\xff`); everything else is kept. Plain text is returned as is."""
    if text.isprintable() and text.isascii():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
            out.append(f"\\x{code - 0xDC00:02x}")
        elif not ch.isprintable() or 0xD800 <= code <= 0xDFFF:
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


#: Below this many files to check, worker processes cost more than they save.
PARALLEL_THRESHOLD = 200


class FileResult(Value):
    """One file's outcome, plus what the cache needs to remember it when it is clean."""

    __slots__ = (
        "broken",
        "cache_key",
        "deps",
        "diagnostics",
        "env_used",
        "name",
        "sources",
        "text",
        "unreadable",
    )

    def __init__(
        self,
        name: str,
        diagnostics: list[Diagnostic],
        sources: dict[str, str],
        text: str | None = None,
        deps: dict[str, str] | None = None,
        env_used: dict[str, str | None] | None = None,
        unreadable: tuple[str, str] | None = None,
        cache_key: str = "",
        broken: bool = False,
    ) -> None:
        self.name = name
        self.diagnostics = diagnostics
        self.sources = sources
        self.text = text
        self.deps: dict[str, str] = {} if deps is None else deps  # read, never changed
        self.env_used: dict[str, str | None] = {} if env_used is None else env_used
        self.unreadable = unreadable  # UnreadableError's (path, reason)
        self.cache_key = cache_key  # the name the cache knows it by ("": not cacheable)
        #: the file could not be parsed or built: its errors stand whatever rules are selected
        self.broken = broken


def lint_file(
    path: Path | str, env: Mapping[str, str] | None = None
) -> tuple[list[Diagnostic], dict[str, str]]:
    """Diagnostics of one file and the texts they point into. Raises UnreadableError."""
    from recspec.source import UnreadableError

    result = _check_path(str(path), display_path(path), "legacy", False, _Context(env, None))
    if result.unreadable is not None:
        raise UnreadableError(*result.unreadable)
    return result.diagnostics, result.sources


def check_text(
    name: str,
    text: str,
    env: Mapping[str, str] | None = None,
    target: str = "legacy",
    report_unused: bool = False,
) -> FileResult:
    """Lint one file's text: a payload (either dialect) when it is JSON, else a spec compiled
    for its own `target`, or `target` when it has none."""
    if _is_json(name, text):
        from recspec.locate import payload_diagnostics
        from recspec.positions.json import parse_json

        document, problems = parse_json(text)
        found = payload_diagnostics(name, text, document, problems)
        if not found:
            return FileResult(name, [], {}, text)
        from recspec.redact import payload_redactor

        sources = {name: payload_redactor(document, text).mask(text)}
        broken = any(problem.kind == "syntax" for problem in problems)
        return FileResult(name, found, sources, text, broken=broken)
    from recspec.compiler import compile_file

    compiled = compile_file(
        name, text=text, env=env, default_target=target, report_unused=report_unused
    )
    deps = {path: body for path, body in compiled.loaded.texts.items() if path != name}
    sources = compiled.sources if compiled.diagnostics else {}
    return FileResult(
        name,
        compiled.diagnostics,
        sources,
        text,
        deps,
        compiled.loaded.env_used,
        broken=compiled.document is None,
    )


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
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    config: LintConfig | Callable[[str], LintConfig] | None = None,
    env: Mapping[str, str] | None = None,
    *,
    cache: LintCache | None = None,
    jobs: int = 1,
) -> LintRun:
    """Lint files and directories (walked recursively). Raises UnreadableError for a bad path.

    `config` is one configuration for every file, or a function giving each file's own (the
    CLI's `ConfigResolver`: the nearest configuration file). Files the cache knows to be clean
    are skipped; with `jobs > 1` and enough files, forked worker processes read and check them
    (results keep the input order). An unreadable file raises once every file is done, for the
    first such file in input order. One path alone (a `str` or `Path`) is one path, not the
    characters of its name.
    """
    from recspec.source import UnreadableError, find_inputs

    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    files = find_inputs([str(p) for p in paths])
    names = [display_path(p) for p in files]
    configs = [config_for(config, path) for path in files]
    unused = {id(conf): _reports_unused(conf) for conf in configs}  # once per configuration
    todo = [
        (str(path), name, conf.target, unused[id(conf)])
        for path, name, conf in zip(files, names, configs, strict=True)
    ]
    walked = _special_walked_files(paths, files)
    results = _check_all([t for t in todo if t[0] not in walked], _Context(env, cache), jobs)
    if walked:  # refused without opening: reading a FIFO would wait for a writer forever
        by_path = iter(results)
        results = [
            _special_result(name) if path in walked else next(by_path) for path, name, _, _ in todo
        ]
    for result in results:
        if result.unreadable is not None:
            raise UnreadableError(*result.unreadable)
    if cache is not None:
        for result in results:
            if result.text is None or not result.cache_key:
                continue  # a cache hit, a file that is not text, a configuration file
            if result.diagnostics:
                cache.forget(result.cache_key)
            else:
                cache.store(result.cache_key, result.text, result.deps, result.env_used)
    selectors: dict[int, Callable[[Diagnostic], bool]] = {}
    diagnostics: list[Diagnostic] = []
    for result, conf in zip(results, configs, strict=True):
        keep = selectors.get(id(conf))
        if keep is None:
            keep = selectors[id(conf)] = _selector(conf)
        diagnostics.extend(
            d
            for d in result.diagnostics
            if keep(d) or (result.broken and d.severity is Severity.ERROR)
        )
    sources = {k: v for result in results for k, v in result.sources.items()}
    diagnostics.sort(key=lambda d: d.sort_key)
    strict = frozenset(name for name, conf in zip(names, configs, strict=True) if conf.strict)
    return LintRun(diagnostics, names, sources, strict)


def _reports_unused(config: LintConfig) -> bool:
    """Whether RS812 (unused suppressions, off unless selected) is selected for a file."""
    from recspec.rules import selected_codes

    return "RS812" in selected_codes(config.select, config.ignore)


def _special_walked_files(paths: Iterable[str | os.PathLike[str]], files: list[str]) -> set[str]:
    """Files a directory walk found that are not regular files (FIFOs, devices, sockets)."""
    import stat

    explicit = {os.fspath(p) for p in paths}
    special = set()
    for path in files:
        if path in explicit:
            continue  # named on the command line (`/dev/stdin`, `<(cmd)`): the user asked
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                special.add(path)
        except OSError:
            pass  # reading it reports the problem
    return special


def _special_result(name: str) -> FileResult:
    from recspec.locate import _diagnostic
    from recspec.rules import get_rule

    message = "not a regular file (a FIFO, device or socket); refused without opening it"
    return FileResult(
        name, [_diagnostic(get_rule("RS100"), "RS100", name, Span(1, 1, 1, 2), message)], {}
    )


def config_for(config: LintConfig | Callable[[str], LintConfig] | None, path: str) -> LintConfig:
    """The configuration `path` is checked with (a configuration file: the defaults)."""
    if isinstance(config, LintConfig):
        return config
    from recspec.config import is_config_file

    return LintConfig() if config is None or is_config_file(path) else config(path)


def lint_stdin(
    text: str,
    filename: str = "-",
    config: LintConfig | Callable[[str], LintConfig] | None = None,
    env: Mapping[str, str] | None = None,
) -> LintRun:
    """Lint text held in memory (standard input, an editor buffer) as the file `filename`.

    The name decides spec or payload (`.json` / `.toml`, else the text is sniffed), where
    positions are reported, which configuration applies and where `extends` bases are found;
    the file itself is never read. No cache: the text has no file to be current with.
    """
    from recspec.config import is_config_file

    conf = config_for(config, filename)
    name = display_path(filename) if filename != "-" else "-"
    if is_config_file(filename):
        from recspec.configcheck import check_config_text

        result = FileResult(name, check_config_text(name, text), {name: text})
    else:
        result = check_text(name, text, env, conf.target, _reports_unused(conf))
    keep = _selector(conf)
    diagnostics = sorted(
        (
            d
            for d in result.diagnostics
            if keep(d) or (result.broken and d.severity is Severity.ERROR)
        ),
        key=lambda d: d.sort_key,
    )
    return LintRun(diagnostics, [name], result.sources, frozenset({name} if conf.strict else ()))


class _Context(Value):
    """What every file's check shares: the environment and the cache (inherited by workers)."""

    __slots__ = ("cache", "env")

    def __init__(self, env: Mapping[str, str] | None, cache: LintCache | None) -> None:
        self.env = env
        self.cache = cache


#: The context of the current parallel run; forked workers inherit it instead of unpickling it.
_context = _Context(None, None)


Todo = tuple[str, str, str, bool]  # (path, display name, default target, report unused)


def _check_all(todo: list[Todo], context: _Context, jobs: int) -> list[FileResult]:
    global _context
    if jobs <= 1 or len(todo) < PARALLEL_THRESHOLD:
        return [_check_path(*item, context) for item in todo]
    specs = any(not _is_json(name, "") for _, name, _, _ in todo)
    if context.cache is not None:
        context.cache.preload(cache_name(name, target) for _, name, target, _ in todo)
    _context = context
    try:
        results: list[FileResult] = parallel_map(_check_in_worker, todo, jobs, specs=specs)
    finally:
        _context = _Context(None, None)
    return results


def _check_in_worker(item: Todo) -> FileResult:
    """One file's result, without its text unless the parent's cache will want it.

    The text is most of a pickled result: a `--no-cache` run (a disabled cache, not None) sent
    it back for every file, ~1.2 KB per payload.
    """
    result = _check_path(*item, _context)
    if _context.cache is None or _context.cache.directory is None:
        return result._replace(text=None)  # only the cache needs it back in the parent
    return result


def cache_name(name: str, target: str) -> str:
    """The cache key of a file checked with `target` as its default API (legacy: the name)."""
    return name if target == "legacy" else f"{name}\x00target={target}"


def _check_path(
    path: str, name: str, target: str, report_unused: bool, context: _Context
) -> FileResult:
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
    if cache is not None and cache.lookup(cache_name(name, target), text, environ) is not None:
        return FileResult(name, [], {})
    from recspec.config import is_config_file

    if is_config_file(path):
        from recspec.configcheck import check_config_text

        return FileResult(name, check_config_text(name, text), {name: text})
    result = check_text(name, text, context.env, target, report_unused)
    return result._replace(cache_key=cache_name(name, target) if not report_unused else "")


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


def _relative_to(file: str, root: str) -> str:
    """`file` (a display path) relative to the configuration's folder, with `/`."""
    if not root:
        return file
    relative = os.path.relpath(os.path.abspath(file), root)
    return relative.replace(os.sep, "/")


def _matching(selectors: Iterable[str]) -> set[str]:
    """Codes that selectors (codes, prefixes or names) name."""
    from recspec.rules import all_rules, select_rules

    return {r.code for r in all_rules()} - {r.code for r in select_rules((), tuple(selectors))}


def _selector(config: LintConfig) -> Callable[[Diagnostic], bool]:
    """A predicate that keeps the diagnostics the configuration selects (RS100 always stays)."""
    from recspec.rules import selected_codes

    chosen = selected_codes(config.select, config.ignore)
    per_file = {pattern: _matching(codes) for pattern, codes in config.per_file_ignores.items()}

    def keep(diagnostic: Diagnostic) -> bool:
        if diagnostic.rule == "RS100":
            return True
        if diagnostic.rule not in chosen:
            return False
        if not per_file:
            return True
        where = _relative_to(diagnostic.file, config.root)
        return not any(
            diagnostic.rule in ignored and fnmatch.fnmatch(where, pattern)
            for pattern, ignored in per_file.items()
        )

    return keep
