"""`recspec lint PATH...`: specs and payloads against every documented constraint."""

from __future__ import annotations

import sys

import click

from recspec.cli import exit_with
from recspec.commands.common import PathArgument, run_options


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
    no_cache: bool,
    cache_dir: str | None,
    jobs: int | None,
    docs_url: str | None,
) -> None:
    """Lint spec files (.toml) and start payloads (.json); directories are walked."""
    from recspec import __version__
    from recspec.cache import LintCache
    from recspec.commands.common import check_selectors, use_color
    from recspec.config import ConfigError, load_config
    from recspec.formats import Report, render
    from recspec.lint import LintConfig, default_jobs, lint_paths
    from recspec.rules import get_rule
    from recspec.source import UnreadableError

    try:
        config = LintConfig() if isolated else load_config()
    except ConfigError as exc:
        click.echo(f"recspec: {exc}", err=True)
        exit_with(2)
    config.select = check_selectors("--select", select) or check_selectors("select", config.select)
    config.ignore = check_selectors("--ignore", ignore) + check_selectors("ignore", config.ignore)
    if strict is not None:
        config.strict = strict
    try:
        cache = LintCache.open(not no_cache, cache_dir, f"target={config.target}")
        run = lint_paths(paths, config, cache=cache, jobs=jobs or default_jobs())
        cache.save()
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
