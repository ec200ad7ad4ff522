"""Pieces every command shares without click: output, exits, usage problems, colour, selectors,
diagnostics printing."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from recspec.diagnostics import Diagnostic


class UsageProblem(Exception):
    """A command line that cannot work (exit 2): click shows it with the command's usage."""


def exit_with(code: int) -> NoReturn:
    """Leave a command with an exit code (the same in the click path, the fast path and tests)."""
    raise SystemExit(code)


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """Write to stdout or stderr and flush, like `click.echo` without click (colour is decided
    by the caller: `--color always` keeps its escapes in a pipe too)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n" if nl else text)
    stream.flush()


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
                raise UsageProblem(f"{option}: unknown rule {selector!r}{hint}")
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
    echo(text, err=True, nl=False)
