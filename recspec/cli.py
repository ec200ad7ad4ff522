"""The `recspec` command line as click sees it: a group whose subcommands load lazily.

Each subcommand lives in `recspec/commands/<name>.py` and exposes either `command` (a click
command) or `SURFACE` and `run` (a table of its parameters, from which click's command is built
here, and which `recspec.launch` reads without click for everyday command lines). Only the
subcommand that runs is imported, so `recspec --version` never pays for pydantic or Jinja2.

Exit codes (the stable contract): 0 no errors, 1 errors found, 2 usage error, unreadable input
or internal error.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from recspec import __version__
from recspec.commands import COMMANDS
from recspec.commands.common import UsageProblem
from recspec.commands.surface import Param, Surface
from recspec.launch import entry, run

__all__ = ["COMMANDS", "PathArgument", "cli", "entry", "main", "run_click"]


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


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[cmd_name][0])
        if hasattr(module, "SURFACE"):
            return to_click(module.SURFACE, module.run)
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_text) for name, (_, help_text) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="recspec")
def cli() -> None:
    """Compile short TOML specs into ZEGO cloud-recording start payloads, and lint them."""


def to_click(surface: Surface, action: Callable[..., None]) -> click.Command:
    """The click command for a parameter table; `UsageProblem` becomes click's usage error."""

    def callback(**values: Any) -> None:
        try:
            action(**values)
        except UsageProblem as exc:
            raise click.UsageError(str(exc)) from None

    params = [_click_param(param) for param in surface.params]
    return click.Command(surface.name, params=params, callback=callback, help=surface.help)


def _click_param(param: Param) -> click.Parameter:
    if param.kind == "paths":
        return click.Argument([param.dest], nargs=-1, required=True, type=PathArgument())
    declared = [*param.flags, param.dest]
    if param.kind in ("flag", "switch"):
        default = None if param.kind == "switch" else False
        return click.Option(declared, is_flag=True, default=default, help=param.help)
    types: dict[str, Any] = {
        "texts": None,
        "text": None,
        "choice": click.Choice(param.choices),
        "count": click.IntRange(min=1),
        "file": click.Path(dir_okay=False),
        "folder": click.Path(file_okay=False),
    }
    return click.Option(
        declared,
        type=types[param.kind],
        multiple=param.kind == "texts",
        default=param.default,
        show_default=param.show_default,
        help=param.help,
    )


def show_usage_problem(name: str, message: str) -> int:
    """Print a usage problem found by a fast-path run exactly as click prints its own; 2."""
    parent = click.Context(cli, info_name="recspec")
    command = cli.get_command(parent, name)
    assert command is not None
    click.UsageError(message, click.Context(command, info_name=name, parent=parent)).show()
    return 2


def run_click(args: list[str]) -> int:
    """Run a command line through click; click's own exceptions become exit codes here."""
    try:
        result = cli.main(args=args, prog_name="recspec", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            raise KeyboardInterrupt from None
        click.echo("recspec: aborted", err=True)
        return 2
    except click.ClickException as exc:
        exc.show()
        return 2 if isinstance(exc, click.UsageError) else exc.exit_code
    return result if isinstance(result, int) else 0


def main(argv: list[str] | None = None) -> NoReturn:
    """Run a command line like the `recspec` command does, and raise SystemExit with its code."""
    sys.exit(run(argv))
