"""`recspec init`: print (or write) a commented starter spec that compiles and lints clean.

Thin: choose the preset and provider, render `templates/starter.toml.j2` through
`recspec.starter`, then print it or write it atomically. An existing file is never overwritten
without `--force`.
"""

from __future__ import annotations

from pathlib import Path

import click

from recspec.spec.units import PROVIDERS

# Names are listed here (not imported from the registries) so `recspec init --help` stays fast;
# tests/test_init.py checks that they match `PRESETS` and `recspec.spec.models.PROVIDERS`.
PRESET_NAMES = (
    "grid",
    "speaker",
    "pip",
    "side-by-side",
    "stack",
    "presentation",
    "custom",
    "zego-grid",
    "zego-horizontal",
    "zego-vertical",
    "zego-floating",
)
#: `[storage] provider` names (recspec.spec.units is a small data module: cheap to import).
PROVIDER_NAMES = tuple(PROVIDERS)


@click.command(
    "init",
    epilog="Exit codes: 0 printed or written; 2 usage error, the file "
    "exists (without --force), or a template that fails.",
)
@click.option(
    "--preset",
    type=click.Choice(PRESET_NAMES),
    default="grid",
    show_default=True,
    help="Layout preset of the starter.",
)
@click.option(
    "--provider",
    type=click.Choice(PROVIDER_NAMES),
    default="s3",
    show_default=True,
    help="Storage provider of the starter.",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Write the spec to FILE (atomically) instead of printing it.",
)
@click.option(
    "--target",
    type=click.Choice(["v2", "legacy"]),
    default="v2",
    show_default=True,
    help="The API the spec compiles for: StartRecord (v2) or the legacy start.",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it already exists.")
@click.option(
    "--templates",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Folder whose starter.toml.j2 replaces the built-in one (runs in Jinja2's sandbox).",
)
def command(
    preset: str,
    provider: str,
    output: str | None,
    target: str,
    force: bool,
    templates: str | None,
) -> None:
    """Print a commented starter spec; secrets come from ${env:...:-default} references."""
    from recspec.commands.common import exit_with
    from recspec.render.templating import TemplateProblem
    from recspec.starter import V2_ONLY_PROVIDERS, render_starter

    try:
        if target == "legacy" and provider in V2_ONLY_PROVIDERS:
            raise click.UsageError(f"provider {provider} exists only in StartRecord (--target v2)")
        text = render_starter(preset, provider, templates, target)
    except TemplateProblem as exc:
        click.echo(f"recspec: {exc}", err=True)
        exit_with(2)
        return
    if output is None:
        click.echo(text, nl=False)
        return
    destination = Path(output)
    if destination.exists() and not force:
        click.echo(f"recspec: {output} already exists; use --force to overwrite it", err=True)
        exit_with(2)
        return
    from recspec.output import write_atomic

    try:
        write_atomic(destination, text.encode("utf-8"))
    except OSError as exc:
        click.echo(f"recspec: cannot write {output}: {exc.strerror or exc}", err=True)
        exit_with(2)
        return
    click.echo(f"recspec: wrote {output} ({preset}, {provider})", err=True)
