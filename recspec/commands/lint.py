"""`recspec lint PATH...`: specs and payloads against every documented constraint."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from recspec.cli import exit_with
from recspec.commands.common import PathArgument, run_options

if TYPE_CHECKING:
    from recspec.config import NearestConfig
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
    default=None,
    metavar="FILE",
    help="Use this configuration file for every input instead of the nearest one.",
)
@click.option(
    "--stdin-filename",
    default=None,
    metavar="NAME",
    help="With PATH `-`: the name stdin is linted as (positions, configuration, spec or JSON).",
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

    Each file uses the configuration nearest to it (recspec.toml, .recspec.toml or
    [tool.recspec] in pyproject.toml); `-` reads standard input.
    """
    from pathlib import Path

    from recspec import __version__
    from recspec.cache import LintCache
    from recspec.commands.common import check_selectors, use_color
    from recspec.config import ConfigError, NearestConfig, load_config_file
    from recspec.formats import Report, render
    from recspec.lint import CONFIG_NAMES, LintConfig, default_jobs, lint_paths, lint_text
    from recspec.rules import get_rule
    from recspec.source import UnreadableError

    def adjust(config: LintConfig) -> LintConfig:
        """The command line's --select/--ignore/--strict on top of a file's configuration."""
        config.select = check_selectors("--select", select) or check_selectors(
            "select", config.select
        )
        config.ignore = check_selectors("--ignore", ignore) + check_selectors(
            "ignore", config.ignore
        )
        if strict is not None:
            config.strict = strict
        return config

    use_stdin = paths == ("-",)
    if stdin_filename is not None and not use_stdin:
        raise click.UsageError("--stdin-filename needs `-` as the only PATH")
    nearest = NearestConfig(adjust)
    try:
        if isolated:
            fixed: LintConfig | None = adjust(LintConfig())
        elif config_file is not None:
            fixed = adjust(load_config_file(Path(config_file)))
        else:
            fixed = None
        config = fixed or _working_config(nearest)
        if use_stdin:
            name = stdin_filename or "-"
            text = sys.stdin.read()
            is_config = os.path.basename(name) in CONFIG_NAMES
            run = lint_text(name, text, fixed or (config if is_config else nearest(name)))
        else:
            cache = LintCache.open(not no_cache, cache_dir, f"target={config.target}")
            run = lint_paths(
                paths,
                config,
                cache=cache,
                jobs=jobs or default_jobs(),
                config_for=None if fixed else nearest,
            )
            cache.save()
    except ConfigError as exc:
        click.echo(f"recspec: {exc}", err=True)
        exit_with(2)
    except UnreadableError as exc:
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
    exit_with(0 if exit_zero else run.exit_code(config.strict))


def _working_config(nearest: NearestConfig) -> LintConfig:
    """The working directory's configuration: it decides `strict` and keys the cache.

    A broken one is reported when a file under it is checked (or as findings when the file
    itself is linted), so here it falls back to the defaults.
    """
    from recspec.config import ConfigError
    from recspec.lint import LintConfig

    try:
        return nearest(os.path.join(os.getcwd(), "-"))
    except ConfigError:
        return LintConfig()
