"""`recspec lint PATH...`: specs and payloads against every documented constraint."""

from __future__ import annotations

import sys
from collections.abc import Callable

from recspec.commands.common import UsageProblem, echo, exit_with
from recspec.commands.surface import RUN_OPTIONS, Param, Surface
from recspec.lint import LintConfig
from recspec.values import Value

SURFACE = Surface(
    "lint",
    """Lint spec files (.toml) and start payloads (.json); directories are walked.

`-` reads standard input (name it with --stdin-filename). Each file is checked with the
configuration nearest to it (recspec.toml, .recspec.toml or [tool.recspec] in
pyproject.toml); --config names one file for all, --isolated none. --select, --ignore
and --strict apply on top of it.""",
    (
        Param("paths", (), "paths"),
        Param(
            "fmt",
            ("--format",),
            "choice",
            "Output format.",
            choices=("text", "json", "sarif", "github", "junit"),
            default="text",
            show_default=True,
        ),
        Param(
            "select",
            ("--select",),
            "texts",
            "Only these rules (codes, prefixes like RS3, or names; comma lists).",
        ),
        Param("ignore", ("--ignore",), "texts", "Skip these rules (codes, prefixes or names)."),
        Param("strict", ("--strict",), "switch", "Warnings fail too (exit 1)."),
        Param("exit_zero", ("--exit-zero",), "flag", "Always exit 0 unless the run itself failed."),
        Param(
            "color",
            ("--color",),
            "choice",
            "Colour text output.",
            choices=("auto", "always", "never"),
            default="auto",
        ),
        Param("isolated", ("--isolated",), "flag", "Ignore configuration files."),
        Param(
            "config_file",
            ("--config",),
            "file",
            "Use this configuration file for every input (instead of each file's nearest).",
        ),
        Param(
            "stdin_filename",
            ("--stdin-filename",),
            "text",
            "With `-` as the path: the file name standard input stands for (positions, "
            "configuration lookup, spec or payload).",
        ),
        *RUN_OPTIONS,
        Param(
            "docs_url",
            ("--docs-url",),
            "text",
            "Base URL of the rules reference, for links in SARIF/text.",
        ),
    ),
)


def run(
    paths: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool | None,
    exit_zero: bool,
    color: str,
    isolated: bool,
    config_file: str | None,
    stdin_filename: str | None,
    no_cache: bool,
    cache_dir: str | None,
    jobs: int | None,
    docs_url: str | None,
) -> None:
    from recspec import __version__
    from recspec.cache import LintCache
    from recspec.commands.common import check_selectors, use_color
    from recspec.config import ConfigError
    from recspec.formats import Report, render
    from recspec.lint import default_jobs, lint_paths, lint_stdin
    from recspec.rules import get_rule
    from recspec.source import UnreadableError

    if "-" in paths and len(paths) > 1:
        raise UsageProblem("`-` (standard input) cannot be mixed with other paths")
    if stdin_filename is not None and paths != ("-",):
        raise UsageProblem("--stdin-filename goes with `-` as the only path")
    overrides = Overrides(
        check_selectors("--select", select), check_selectors("--ignore", ignore), strict
    )
    configs = _configs(isolated, config_file, overrides)
    try:
        if paths == ("-",):
            run = lint_stdin(sys.stdin.read(), stdin_filename or "-", configs)
        else:
            cache = LintCache.open(not no_cache, cache_dir)
            run = lint_paths(paths, configs, cache=cache, jobs=jobs or default_jobs())
            cache.save()
    except UnreadableError as exc:
        echo(f"recspec: {exc}", err=True)
        exit_with(2)
    except ConfigError as exc:
        echo(f"recspec: {exc}", err=True)
        exit_with(2)
    shown = run.diagnostics if fmt == "sarif" else [d for d in run.diagnostics if not d.suppressed]
    report = Report(
        diagnostics=shown,
        files=run.files,
        sources=run.sources,
        rules=get_rule,
        color=fmt == "text" and use_color(color, sys.stdout),
        tool_version=__version__,
        docs_url=docs_url,
    )
    echo(render(fmt, report), nl=False)
    exit_with(0 if exit_zero else run.exit_code())


class Overrides(Value):
    """--select, --ignore and --strict: they win over every file's configuration."""

    __slots__ = ("ignore", "select", "strict")

    def __init__(
        self, select: tuple[str, ...], ignore: tuple[str, ...], strict: bool | None
    ) -> None:
        self.select = select
        self.ignore = ignore
        self.strict = strict

    def apply(self, config: LintConfig) -> LintConfig:
        return config._replace(
            select=self.select or config.select,
            ignore=self.ignore + config.ignore,
            strict=config.strict if self.strict is None else self.strict,
        )


def _configs(
    isolated: bool, config_file: str | None, overrides: Overrides
) -> Callable[[str], LintConfig]:
    """Each file's configuration, the command line's options on top (exit 2 when broken)."""
    from recspec.config import ConfigError, ConfigResolver, read_config

    if isolated or config_file:
        try:
            fixed = read_config(config_file) if config_file and not isolated else LintConfig()
        except ConfigError as exc:
            echo(f"recspec: {exc}", err=True)
            exit_with(2)
        chosen = overrides.apply(fixed)
        return lambda _path: chosen
    resolve = ConfigResolver()
    applied: dict[int, LintConfig] = {}

    def config_of(path: str) -> LintConfig:
        config = resolve(path)
        if id(config) not in applied:
            applied[id(config)] = overrides.apply(config)
        return applied[id(config)]

    return config_of
