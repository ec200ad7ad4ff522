"""Pieces every command shares: option types, diagnostics printing, colour decisions."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from recspec.diagnostics import Diagnostic

F = TypeVar("F", bound=Callable[..., Any])


class PathArgument(click.ParamType):  # type: ignore[type-arg]  # generic only in click 8.2+
    """A file or folder argument taken as given, as a plain string.

    `click.Path` stats every argument even when it need not exist, and a `pathlib.Path` costs
    ~4 µs to build: with 1000 specs on a command line that was 10 ms, then 4 ms, before any
    work. recspec reports unreadable paths itself (exit 2).
    """

    name = "path"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return os.fsdecode(value)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[Any]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="file")]


def run_options(function: F) -> F:
    """`--no-cache`, `--cache-dir` and `-j/--jobs`, shared by `lint` and `compile`."""
    options = (
        click.option("--no-cache", is_flag=True, help="Check every file, even those known clean."),
        click.option(
            "--cache-dir", default=None, help="Where the cache lives (default ~/.cache/recspec)."
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=1),
            default=None,
            help="Processes that share runs of 200+ files (default: the number of cores).",
        ),
    )
    for option in reversed(options):
        function = option(function)
    return function


def use_color(choice: str, stream: object = None) -> bool:
    """--color auto|always|never; auto means a terminal and no NO_COLOR."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    target = stream if stream is not None else sys.stdout
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def check_selectors(option: str, selectors: Iterable[str]) -> tuple[str, ...]:
    """Split comma lists and reject selectors that name no rule (a usage error, exit 2)."""
    from recspec.rules import is_known_selector, suggest

    out: list[str] = []
    for chunk in selectors:
        for selector in (s.strip() for s in chunk.split(",")):
            if not selector:
                continue
            if not is_known_selector(selector):
                near = suggest(selector)
                hint = f"; did you mean {', '.join(near)}?" if near else "; see `recspec rules`"
                raise click.UsageError(f"{option}: unknown rule {selector!r}{hint}")
            out.append(selector)
    return tuple(out)


def print_diagnostics(
    diagnostics: list[Diagnostic], sources: dict[str, str], files: list[str], summary: bool = True
) -> None:
    """Human text report on stderr (used by commands whose stdout carries data); without
    `summary`, the caller prints one summary for the whole run."""
    from recspec import __version__
    from recspec.formats import Report, render
    from recspec.rules import get_rule

    shown = [d for d in diagnostics if not d.suppressed]
    report = Report(
        diagnostics=shown,
        files=files,
        sources=sources,
        rules=get_rule,
        color=use_color("auto", sys.stderr),
        tool_version=__version__,
    )
    text = render("text", report)
    if not summary:
        text = text.rstrip("\n").rsplit("\n", 1)[0] + "\n" if "\n" in text.rstrip("\n") else ""
    click.echo(text, err=True, nl=False)
