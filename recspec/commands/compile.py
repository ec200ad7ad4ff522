"""`recspec compile SPEC... [-o FILE | --out-dir DIR]`: specs -> exact start JSON.

A spec with any error writes nothing and exits 1; the others are still written (unless
--fail-fast). Outputs are written atomically and only when their bytes change. Payloads hold the
real credential values (that is what ZEGO needs) except on a terminal, which is human-facing:
there, and with --redact anywhere, credentials print as `***`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Any

import click

from recspec.cli import exit_with


def payload_bytes(payload: dict[str, Any], redact: bool, secrets: Collection[str] = ()) -> bytes:
    """The payload as stable, pretty JSON (2-space indent, UTF-8, final newline).

    Redacting hides credential fields and every value that came from `${env:...}` (`secrets`),
    wherever it ended up (a stream id, the derived `<room id>-mix`).
    """
    if redact:
        from recspec.locate import Redactor

        payload = Redactor(secrets).deep(redact_payload(payload))
    return (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def redact_payload(node: Any) -> Any:
    """A copy with every credential field's value replaced by `***`."""
    from recspec.spec.loader import CREDENTIAL_FIELDS

    if isinstance(node, dict):
        return {
            k: "***" if k in CREDENTIAL_FIELDS and isinstance(v, str) else redact_payload(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [redact_payload(v) for v in node]
    return node


@click.command("compile")
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the payload to FILE.",
)
@click.option(
    "--out-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write DIR/<spec stem>.json per spec.",
)
@click.option(
    "--redact", is_flag=True, help="Write *** instead of credential values (for sharing)."
)
@click.option("--show-secrets", is_flag=True, help="Print real credentials even on a terminal.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first spec with errors.")
@click.option("-v", "--verbose", is_flag=True, help="Say which outputs were written or unchanged.")
def command(
    specs: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    redact: bool,
    show_secrets: bool,
    fail_fast: bool,
    verbose: bool,
) -> None:
    """Compile SPECS into ZEGO start JSON (stdout for one spec, or -o / --out-dir)."""
    from recspec.commands.common import print_diagnostics
    from recspec.compiler import compile_file
    from recspec.lint import display_path
    from recspec.output import safe_output_name, write_atomic
    from recspec.source import UnreadableError

    if output and out_dir:
        raise click.UsageError("use either -o/--output or --out-dir, not both")
    if len(specs) > 1 and out_dir is None:
        raise click.UsageError("several specs need --out-dir DIR")
    targets: dict[Path, Path] = {}
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            raise click.UsageError(f"--out-dir {out_dir} is not a directory")
        writers: dict[Path, Path] = {}  # output -> the spec that writes it
        for spec in specs:
            target = out_dir / (safe_output_name(spec.stem) + ".json")
            if target in writers:
                raise click.UsageError(f"{writers[target]} and {spec} would both write {target}")
            writers[target] = spec
            targets[spec] = target

    failed = 0
    for spec in specs:
        try:
            compiled = compile_file(display_path(spec))
        except UnreadableError as exc:
            click.echo(f"recspec: {exc}", err=True)
            exit_with(2)
        if compiled.diagnostics:
            print_diagnostics(compiled.diagnostics, compiled.sources, [compiled.file])
        payload = compiled.payload
        if payload is None:
            failed += 1
            if fail_fast:
                break
            continue
        if spec in targets or output is not None:
            destination = targets.get(spec) or output
            assert destination is not None  # one of them is set on this branch
            try:  # -o into a missing folder creates it, as --out-dir does
                destination.parent.mkdir(parents=True, exist_ok=True)
                changed = write_atomic(
                    destination, payload_bytes(payload, redact, compiled.loaded.secrets)
                )
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                click.echo(f"recspec: cannot write {display_path(destination)}: {reason}", err=True)
                exit_with(2)
            if verbose:
                click.echo(
                    f"{'wrote' if changed else 'unchanged'} {display_path(destination)}", err=True
                )
        else:
            hide = redact or (sys.stdout.isatty() and not show_secrets)
            text = payload_bytes(payload, hide, compiled.loaded.secrets).decode("utf-8")
            click.echo(text, nl=False)
    exit_with(1 if failed else 0)
