"""`recspec docs`: render the presets gallery, rules reference and spec reference from templates.

Thin on purpose: parse options, call `recspec.render.docs`, report, pick the exit code. Jinja2
is imported only when the command runs (through `recspec.render.templating`).
"""

from __future__ import annotations

import click

EPILOG = """\b
Regenerate the committed Markdown docs with:
  recspec docs -o docs --format markdown

\b
Overrides (--templates DIR): a file there replaces the built-in template of the same name
(index, presets, rules, spec as .md.j2 / .html.j2, base.html.j2, starter.toml.j2); any
other file is an error. Every page template receives: page, title, format, ext, pages,
presets (and its keys layouts, canvas, counts, max_views, common_options,
common_tie_rules), families, rules, sections, rule_count, key_count.

\b
Exit codes: 0 written (or already up to date); 1 a spec's layout cannot be built;
2 usage error, unreadable input, or a template that fails or is refused by the sandbox
(for example one that reaches for {{ ''.__class__ }}).
"""


@click.command("docs", epilog=EPILOG)
@click.argument("specs", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-o",
    "--out-dir",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder to write index, presets, rules and spec pages into (created if missing).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html"]),
    default="markdown",
    show_default=True,
    help="markdown: pages plus img/*.svg; html: self-contained pages with inline SVG.",
)
@click.option(
    "--templates",
    "templates",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Folder of Jinja2 templates that override the built-ins by name "
    "(e.g. rules.md.j2); they run in Jinja2's sandbox.",
)
def command(specs: tuple[str, ...], out_dir: str, fmt: str, templates: str | None) -> None:
    """Render the docs into the -o folder; SPECS (files or folders) add their layouts."""
    from recspec.commands.common import exit_with
    from recspec.render.docs import SpecLayoutProblem, build_docs, write_docs
    from recspec.render.templating import TemplateProblem
    from recspec.source import UnreadableError

    try:
        files, notes = build_docs(fmt, specs, templates)
    except TemplateProblem as exc:
        click.echo(f"recspec: {exc}", err=True)
        exit_with(2)
        return
    except UnreadableError as exc:
        click.echo(f"recspec: {exc}", err=True)
        exit_with(2)
        return
    except SpecLayoutProblem as exc:
        for line in exc.lines:
            click.echo(line, err=True)
        click.echo("recspec: nothing written: fix the layouts above", err=True)
        exit_with(1)
        return
    for note in notes:
        click.echo(f"recspec: note: {note}", err=True)
    try:
        result = write_docs(out_dir, files)
    except OSError as exc:
        click.echo(f"recspec: cannot write to {out_dir}: {exc.strerror or exc}", err=True)
        exit_with(2)
        return
    summary = f"recspec: {len(result.written)} written, {len(result.unchanged)} unchanged"
    if result.removed:
        summary += f", {len(result.removed)} stale removed"
    click.echo(f"{summary} in {out_dir}", err=True)
