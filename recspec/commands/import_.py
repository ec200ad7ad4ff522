"""`recspec import BODY... [-o SPEC | --out-dir DIR]`: start bodies (JSON) -> idiomatic specs.

One body prints its spec to stdout (or `-o`); several, or a folder, need `--out-dir`, which gets
`<stem>.toml` per body, written atomically like `compile`'s outputs. The body's lint findings
go to stderr beside it, and so do the environment variables its credentials now come from; a
credential's value is printed nowhere. Exit codes: 0 clean, 1 a body has errors or is not a
JSON object (that one writes nothing), 2 usage error or an unreadable path.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from recspec.cli import PathArgument
from recspec.commands.common import exit_with

if TYPE_CHECKING:
    from recspec.importer import Imported


@dataclass
class Body:
    """One input: where it comes from, its text, and where its spec goes (None: stdout)."""

    path: str
    name: str
    text: str | None = None
    target: str | None = None
    problems: list[str] = field(default_factory=list)
    written: bool = False


@click.command("import")
@click.argument("bodies", nargs=-1, required=True, type=PathArgument(), metavar="BODY...")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the spec to FILE.",
)
@click.option(
    "--out-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write DIR/<body stem>.toml per body (folders are walked for *.json).",
)
def command(bodies: tuple[str, ...], output: Path | None, out_dir: Path | None) -> None:
    """Turn start bodies (legacy or v2 JSON) into specs that compile back to them exactly.

    Credentials become `${env:...}` references: stderr names the variables to set, beside the
    body's lint findings. `-` reads one body from standard input. Exit 0 clean, 1 a body with
    errors or that is not a JSON object (nothing written for it), 2 usage error or unreadable
    path.
    """
    from recspec.lint import display_path
    from recspec.source import UnreadableError, find_inputs

    if output and out_dir:
        raise click.UsageError("use either -o/--output or --out-dir, not both")
    if "-" in bodies and (len(bodies) > 1 or out_dir is not None):
        raise click.UsageError("`-` (standard input) is one body, printed or written with -o")
    try:
        files = [b for b in bodies if b == "-"] or find_inputs(bodies, (".json",))
    except UnreadableError as exc:
        click.echo(f"recspec: {exc}", err=True)
        exit_with(2)
    folders = any(b != "-" and os.path.isdir(b) for b in bodies)
    if (len(files) > 1 or folders) and out_dir is None:
        raise click.UsageError("several bodies (or a folder) need --out-dir DIR")
    inputs = [Body(path, "-" if path == "-" else display_path(path)) for path in files]
    _plan_outputs(inputs, output, out_dir)
    from recspec.lint import _special_walked_files

    special = _special_walked_files(bodies, files)  # a FIFO in a folder would block the read
    for body in inputs:
        if body.path in special:
            body.problems.append("not a regular file (a FIFO, device or socket); refused")
        else:
            body.text = _read(body)
    failed = False
    for body in inputs:
        failed = _import_one(body, many=len(inputs) > 1) or failed
    if len(inputs) > 1:
        written = sum(b.written for b in inputs)
        troubled = sum(bool(b.problems) for b in inputs)
        click.echo(
            f"{len(inputs)} bodies: {written} imported, {len(inputs) - written} not imported; "
            f"{troubled} with problems.",
            err=True,
        )
    elif not inputs:
        click.echo("recspec: no *.json bodies found", err=True)
    exit_with(1 if failed else 0)


def _plan_outputs(inputs: list[Body], output: Path | None, out_dir: Path | None) -> None:
    """Each body's output file; refuses an output that is an input, or two bodies per file."""
    from recspec.output import input_clash, path_stem, safe_output_name

    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            raise click.UsageError(f"--out-dir {out_dir} is not a directory")
        writers: dict[str, str] = {}
        for body in inputs:
            name = safe_output_name(path_stem(body.path)) + ".toml"
            if name in writers:
                target = os.path.join(str(out_dir), name)
                raise click.UsageError(f"{writers[name]} and {body.name} would both write {target}")
            writers[name] = body.name
            body.target = os.path.join(str(out_dir), name)
    elif output is not None:
        inputs[0].target = str(output)
    names = {body.path: body.name for body in inputs}
    targets = [body.target for body in inputs if body.target]
    clash = input_clash(targets, names)
    if clash is not None:
        raise click.UsageError(
            f"refusing to write {clash[0]}: it is {names[clash[1]]}, an input of this run"
        )


def _read(body: Body) -> str | None:
    """The body's text; None when it is not text (reported as a problem). Unreadable: exit 2."""
    from recspec.source import DecodeProblem, UnreadableError, read_text

    if body.path == "-":
        return sys.stdin.read()
    try:
        return read_text(body.path)
    except UnreadableError as exc:
        click.echo(f"recspec: {exc}", err=True)
        exit_with(2)
    except DecodeProblem as exc:
        body.problems.append(f"not UTF-8 text ({exc})")
        return None


def _import_one(body: Body, many: bool) -> bool:
    """Import, report and write one body; True when it had problems."""
    from recspec.commands.common import print_diagnostics
    from recspec.diagnostics import Severity
    from recspec.importer import NotABody, import_body
    from recspec.locate import payload_diagnostics
    from recspec.positions.json import parse_json
    from recspec.redact import payload_redactor

    if body.text is None:
        click.echo(f"recspec: {body.name}: {body.problems[0]}; nothing written", err=True)
        return True
    document, problems = parse_json(body.text)
    found = payload_diagnostics(body.name, body.text, document, problems)
    if found:
        sources = {body.name: payload_redactor(document, body.text).mask(body.text)}
        print_diagnostics(found, sources, [body.name], summary=not many)
    if any(d.severity is Severity.ERROR for d in found):
        body.problems.append("errors")
    try:
        if any(problem.kind == "syntax" for problem in problems):
            raise NotABody("not valid JSON")
        name = None if body.path == "-" else body.name
        imported = import_body(document, name, _default_target(body))
    except NotABody as exc:
        body.problems.append(str(exc))
        click.echo(f"recspec: {body.name}: {exc}; nothing written", err=True)
        return True
    if not _write(body, imported.text):
        exit_with(2)
    body.written = True
    _tell(body, imported)
    return bool(body.problems)


def _default_target(body: Body) -> str:
    """The `target` the configuration nearest to the spec's place gives specs without one."""
    from recspec.config import ConfigError, ConfigResolver

    try:
        return ConfigResolver()(body.target or "stdin").target
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def _write(body: Body, text: str) -> bool:
    from recspec.lint import display_path
    from recspec.output import write_atomic

    if body.target is None:
        click.echo(text, nl=False)
        return True
    try:
        folder = os.path.dirname(body.target) or "."
        os.makedirs(folder, exist_ok=True)
        write_atomic(body.target, text.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        click.echo(f"recspec: cannot write {display_path(body.target)}: {reason}", err=True)
        return False
    return True


def _tell(body: Body, imported: Imported) -> None:
    """The variables to set, and what does not round-trip, on stderr (never a value)."""
    where = f"{body.name}: " if body.path != "-" else ""
    if imported.variables:
        names = ", ".join(imported.variables)
        click.echo(
            f"recspec: {where}the spec reads the body's credentials from the environment; "
            f"set {names} before compiling it",
            err=True,
        )
    if imported.embedded:
        names = ", ".join(imported.embedded)
        click.echo(
            f"recspec: {where}a credential's value also appears in other fields, which read "
            f"it from {names} too, so that it is written nowhere",
            err=True,
        )
    if not imported.exact:
        why = "it has errors" if body.problems else "please report this"
        click.echo(
            f"recspec: {where}the spec does not compile back to exactly this body ({why})",
            err=True,
        )
        body.problems.append("inexact")
