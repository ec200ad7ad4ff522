"""`recspec diff OLD NEW` and `recspec diff --git REF [PATH...]`: what a change does to the body.

Exit codes as diff(1): 0 equal, 1 different, 2 usage error or an unreadable input.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from recspec.cli import PathArgument
from recspec.commands.common import exit_with

if TYPE_CHECKING:
    from recspec.diff import Change

#: (file label or None, its changes)
FileChanges = list[tuple[str | None, list["Change"]]]


@click.command("diff")
@click.argument("paths", nargs=-1, type=PathArgument(), metavar="OLD NEW | --git REF [PATH]...")
@click.option(
    "--git",
    "ref",
    default=None,
    metavar="REF",
    help="Compare the specs at git REF with the working tree (PATHs narrow it down).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def command(paths: tuple[str, ...], ref: str | None, fmt: str) -> None:
    """Show the changed fields between two specs or bodies (OLD NEW), with risk tags."""
    from recspec.diff import DiffError, diff_bodies, display_dialect, load_side, native

    results: FileChanges = []
    try:
        if ref is not None:
            from recspec.gitdiff import GitError, sides_at

            try:
                pairs = sides_at(ref, paths)
            except GitError as exc:
                click.echo(f"recspec: {exc}", err=True)
                exit_with(2)
            for label, old, new in pairs:
                changes = native(diff_bodies(old, new), display_dialect(old, new))
                if changes:
                    results.append((label, changes))
        else:
            if len(paths) != 2:
                raise click.UsageError("diff takes OLD and NEW (or --git REF [PATH...])")
            old, new = load_side(paths[0]), load_side(paths[1])
            changes = native(diff_bodies(old, new), display_dialect(old, new))
            if changes:
                results.append((None, changes))
    except DiffError as exc:
        click.echo(f"recspec: {exc}", err=True)
        exit_with(2)
    click.echo(_render(fmt, results), nl=False)
    exit_with(1 if results else 0)


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _render(fmt: str, results: FileChanges) -> str:
    if fmt == "json":
        rows = [
            {**({"file": label} if label is not None else {}), **change.as_json()}
            for label, changes in results
            for change in changes
        ]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(results)
    lines: list[str] = []
    for label, changes in results:
        if label is not None:
            lines.append(f"{label}:")
        for c in changes:
            old = _value(c.old) if c.kind != "added" else "(absent)"
            new = _value(c.new) if c.kind != "removed" else "(absent)"
            tags = f"  [{', '.join(c.risk)}]" if c.risk else ""
            lines.append(f"{'  ' if label is not None else ''}{c.pointer}: {old} -> {new}{tags}")
    return "".join(f"{line}\n" for line in lines)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _markdown(results: FileChanges) -> str:
    if not results:
        return "No changes to the request bodies.\n"
    with_file = any(label is not None for label, _ in results)
    head = ["File"] if with_file else []
    head += ["Pointer", "Change", "Old", "New", "Risk"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, changes in results:
        for c in changes:
            cells = [f"`{_cell(label or '')}`"] if with_file else []
            cells += [
                f"`{_cell(c.pointer)}`",
                c.kind,
                f"`{_cell(_value(c.old))}`" if c.kind != "added" else "",
                f"`{_cell(_value(c.new))}`" if c.kind != "removed" else "",
                " ".join(f"**{tag}**" for tag in c.risk),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
