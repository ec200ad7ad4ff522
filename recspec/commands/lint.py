"""`recspec lint PATH...`: specs and payloads against every documented constraint."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, replace

import click

from recspec.cli import exit_with
from recspec.commands.common import PathArgument, run_options
from recspec.lint import LintConfig


@click.command("lint")
@click.argument("paths", nargs=-1, required=True, type=PathArgument())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github", "junit"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--select",
    multiple=True,
    help="Only these rules (codes, prefixes like RS3, or names; comma lists).",
)
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes or names).")
@click.option("--strict", is_flag=True, default=None, help="Warnings fail too (exit 1).")
@click.option("--exit-zero", is_flag=True, help="Always exit 0 unless the run itself failed.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    help="Colour text output.",
)
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Use this configuration file for every input (instead of each file's nearest).",
)
@click.option(
    "--stdin-filename",
    help="With `-` as the path: the file name standard input stands for (positions, "
    "configuration lookup, spec or payload).",
)
@run_options
@click.option(
    "--docs-url", default=None, help="Base URL of the rules reference, for links in SARIF/text."
)
def command(
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
    """Lint spec files (.toml) and start payloads (.json); directories are walked.

    `-` reads standard input (name it with --stdin-filename). Each file is checked with the
    configuration nearest to it (recspec.toml, .recspec.toml or [tool.recspec] in
    pyproject.toml); --config names one file for all, --isolated none. --select, --ignore
    and --strict apply on top of it.
    """
    from recspec import __version__
    from recspec.cache import LintCache
    from recspec.commands.common import check_selectors, use_color
    from recspec.config import ConfigError
    from recspec.formats import Report, render
    from recspec.lint import default_jobs, lint_paths, lint_stdin
    from recspec.rules import get_rule
    from recspec.source import UnreadableError

    if "-" in paths and len(paths) > 1:
        raise click.UsageError("`-` (standard input) cannot be mixed with other paths")
    if stdin_filename is not None and paths != ("-",):
        raise click.UsageError("--stdin-filename goes with `-` as the only path")
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
        click.echo(f"recspec: {exc}", err=True)
        exit_with(2)
    except ConfigError as exc:
        click.echo(f"recspec: {exc}", err=True)
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
    click.echo(render(fmt, report), nl=False)
    exit_with(0 if exit_zero else run.exit_code())


@dataclass(frozen=True)
class Overrides:
    """--select, --ignore and --strict: they win over every file's configuration."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    strict: bool | None

    def apply(self, config: LintConfig) -> LintConfig:
        return replace(
            config,
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
            click.echo(f"recspec: {exc}", err=True)
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
