"""The `recspec` command line: a thin click group whose subcommands load lazily.

Each subcommand lives in `recspec/commands/<name>.py` and exposes `command`; only the one that
runs is imported, so `recspec --version` never pays for pydantic or Jinja2.

Exit codes (the stable contract): 0 no errors, 1 errors found, 2 usage error, unreadable input
or internal error.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
from typing import NoReturn

import click

from recspec import __version__

#: name -> (module, one-line help). The help is here so `recspec --help` imports nothing else.
COMMANDS: dict[str, tuple[str, str]] = {
    "compile": ("recspec.commands.compile", "Compile specs into ZEGO start JSON."),
    "lint": ("recspec.commands.lint", "Lint specs (.toml) and start payloads (.json)."),
    "rules": ("recspec.commands.rules", "List every lint rule."),
    "explain": ("recspec.commands.explain", "Show one rule's full documentation."),
    "layout": ("recspec.commands.layout", "Print layout rectangles per participant count."),
    "preview": ("recspec.commands.preview", "Draw a spec's compiled layout as SVG."),
    "docs": ("recspec.commands.docs", "Render the presets gallery and references."),
    "schema": ("recspec.commands.schema", "Print the JSON Schema of specs or payloads."),
    "init": ("recspec.commands.init", "Print a commented starter spec."),
    "diff": ("recspec.commands.diff", "Show what a change does to the start body, with risks."),
    "import": (
        "recspec.commands.import_",
        "Turn start bodies (JSON) into specs that compile back.",
    ),
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[cmd_name][0])
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


class Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so cleanup runs (no temporary file is left)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the CLI; turn any unexpected exception into one line and exit 2.

    SIGTERM (CI cancelling a job) is handled like Ctrl-C: in-flight writes remove their
    temporary files, then the process exits 143 (130 for SIGINT) without a traceback.
    """
    with contextlib.suppress(ValueError, OSError):  # ValueError: not the main thread
        signal.signal(signal.SIGTERM, _on_sigterm)
    _sturdy_streams()
    try:
        os.getcwd()
    except OSError:
        click.echo("recspec: the working directory no longer exists; cd somewhere first", err=True)
        sys.exit(2)
    try:
        result = cli.main(args=argv, prog_name="recspec", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            click.echo("recspec: interrupted", err=True)
            sys.exit(130)
        click.echo("recspec: aborted", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
    except KeyboardInterrupt:
        click.echo("recspec: interrupted", err=True)
        sys.exit(130)
    except Terminated:
        click.echo("recspec: terminated", err=True)
        sys.exit(143)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:  # stdout on /dev/full, a vanished disk: one line, not a traceback
        with contextlib.suppress(OSError, ValueError):
            click.echo(f"recspec: cannot write the output: {exc.strerror or exc}", err=True)
        sys.exit(2)
    except Exception as exc:
        click.echo(f"recspec: internal error, please report: {_describe(exc)}", err=True)
        sys.exit(2)
    sys.exit(result if isinstance(result, int) else 0)


def _sturdy_streams() -> None:
    """Standard streams that cannot crash a run: a closed one (`>&-`) becomes /dev/null, and
    text the terminal's encoding cannot show (`PYTHONIOENCODING=latin-1`, a non-UTF-8 file
    name) is written as backslash escapes instead of raising."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
            continue
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")


def entry() -> NoReturn:
    """The `recspec` command: `main()`, then leave without tearing the interpreter down.

    Freeing every module and object at exit costs ~8 ms of a 55 ms run and does nothing for a
    CLI whose files are all closed and whose output is flushed here; mypy exits the same way.
    `main()` itself still raises SystemExit, for tests and callers that catch it.
    """
    code = 0
    try:
        main()
    except SystemExit as exc:  # main() always ends here, with an integer code
        code = exc.code if isinstance(exc.code, int) else 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):  # a closed pipe or stream
            stream.flush()
    os._exit(code)


def _describe(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def exit_with(code: int) -> NoReturn:
    """Leave a command with an exit code through click (keeps CliRunner and main() in step)."""
    raise click.exceptions.Exit(code)
