"""`recspec layout SPEC [--counts 1..25] [--format text|json|update-layout]`: rectangles per
participant count.

Compiles the spec (so the canvas, whiteboard and layout are exactly what `compile` would use),
then lays the `[layout]` out once per count with `plans_by_count`: the table an app looks up when
people join or leave, ready to send as `mix_input_list`. JSON output is
`{"<count>": [mix_input_list items...]}`; server-side presets give empty lists.
`update-layout` prints StartRecord's UpdateLayout body per count (`MixMode`, `MixInputList`,
`MixMaxResolutionStreamId`; `TaskId` from `--task-id`, else left for the application), each
checked by the layout rules as the start body would be.

Exit codes: 0 printed, 1 the spec has errors (diagnostics on stderr), 2 unreadable path or a bad
option (including counts the layout cannot hold).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from recspec.commands.common import exit_with

if TYPE_CHECKING:
    from recspec.layout import LayoutPlan, LayoutSpec
    from recspec.redact import Redactor

_RANGE = re.compile(r"^\s*(\d+)\s*(?:\.\.\s*(\d+))?\s*$")
MAX_COUNT = 25


def parse_counts(text: str) -> list[int]:
    """`"1..25"`, `"4"`, `"2,4,6"` or `"1..4,9"` -> counts in order, without duplicates."""
    counts: list[int] = []
    for part in text.split(","):
        match = _RANGE.match(part)
        if not match:
            raise ValueError(f"{part.strip()!r} is not a count or a range like 1..25")
        low = int(match.group(1))
        high = int(match.group(2)) if match.group(2) else low
        if low < 1 or high < low or high > MAX_COUNT:
            raise ValueError(f"{part.strip()!r}: counts run from 1 to {MAX_COUNT}, low..high")
        counts.extend(range(low, high + 1))
    return list(dict.fromkeys(counts))


def _counts_option(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> list[int] | None:
    if value is None:
        return None
    try:
        return parse_counts(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@dataclass(frozen=True, slots=True)
class SpecLayout:
    """What the layout commands need from a compiled spec."""

    payload: dict[str, Any]
    layout: LayoutSpec
    width: int
    height: int
    whiteboard: bool
    redact: Redactor
    """Hides `${env:...}` values (a stream id from the environment) in everything printed."""
    inputs: tuple[str, ...] = ()
    """Every file the spec was read from (itself and its `extends` bases)."""


def load_spec_layout(spec: Path) -> SpecLayout:
    """Compile `spec`; print its diagnostics; exit 2 if unreadable, 1 on errors or no layout.

    A single-stream recording has no mixed picture at all: exit 0 with a note, so drawing every
    example in a docs pipeline does not fail on the audio-only ones.
    """
    from recspec.commands.common import print_diagnostics
    from recspec.compiler import compile_file
    from recspec.lint import display_path
    from recspec.source import UnreadableError
    from recspec.spec.loader import UNSET_FOR_DRAWING

    try:  # drawing needs no credentials: unset ones outside the layout become a placeholder
        compiled = compile_file(display_path(spec), unset_env=UNSET_FOR_DRAWING)
    except UnreadableError as exc:
        click.echo(f"recspec: {exc}", err=True)
        exit_with(2)
    if compiled.diagnostics:
        print_diagnostics(compiled.diagnostics, compiled.sources, [compiled.file])
    payload = compiled.body  # canonical names, whatever the target
    if payload is None:
        exit_with(1)
    assert payload is not None
    layout: LayoutSpec | None = getattr(compiled.spec, "layout", None)
    inputs = payload.get("record_input_params") or {}
    video = (inputs.get("mix_config") or {}).get("mix_output_video_config") or {}
    if inputs.get("record_mode", 2) != 2:  # nothing wrong, nothing mixed: a pipeline goes on
        click.echo(
            f"recspec: {compiled.file} records each stream on its own (no mixed video): "
            "nothing to draw, nothing written",
            err=True,
        )
        exit_with(0)
    if layout is None or "width" not in video or "height" not in video:
        click.echo(
            f"recspec: {compiled.file} has no [layout] for a mixed recording: nothing to lay out",
            err=True,
        )
        exit_with(1)
    assert layout is not None
    from recspec.redact import Redactor

    return SpecLayout(
        redact=Redactor(compiled.loaded.secrets),
        payload=payload,
        layout=layout,
        width=int(video["width"]),
        height=int(video["height"]),
        whiteboard=inputs.get("has_whiteboard") is True,
        inputs=tuple(compiled.loaded.texts),
    )


def default_counts(loaded: SpecLayout) -> list[int]:
    """1..25 (24 with a whiteboard); a custom layout stops at its number of tiles."""
    top = MAX_COUNT - 1 if loaded.whiteboard else MAX_COUNT
    if loaded.layout.preset == "custom":
        top = min(top, len(loaded.layout.tile))
    return list(range(1, max(top, 1) + 1))


def plans_for(loaded: SpecLayout, counts: list[int]) -> dict[int, LayoutPlan]:
    """`plans_by_count`, with a LayoutError reported as a bad option (exit 2)."""
    from recspec.layout import LayoutError, plans_by_count

    try:
        return plans_by_count(
            loaded.layout, loaded.width, loaded.height, counts, whiteboard=loaded.whiteboard
        )
    except LayoutError as exc:
        click.echo(f"recspec: --counts: {exc}", err=True)
        exit_with(2)
        raise  # pragma: no cover - exit_with raises


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def text_table(loaded: SpecLayout, plans: dict[int, LayoutPlan]) -> str:
    """One block per count: a row per view with its edges and size."""
    from recspec.layout import find_preset

    preset = find_preset(loaded.layout.preset)
    head = f"preset {preset.name} on {loaded.width}x{loaded.height}"
    if preset.server_side:
        focus = loaded.layout.focus
        big = f"; big view: {_printable(loaded.redact(focus))}" if focus else ""
        return f"{head}: ZEGO places the views itself (mix_mode {preset.mix_mode}){big}\n"
    lines = [head]
    columns = ("#", "stream", "left", "top", "right", "bottom", "width", "height", "layer", "fit")
    for count, plan in plans.items():
        rows = [columns]
        anonymous = 0
        for index, view in enumerate(plan.views, start=1):
            if view.view_type == 2:
                name = "(whiteboard)"
            elif view.stream_id is None:
                anonymous += 1
                name = f"(join #{anonymous})"
            else:
                name = _printable(loaded.redact(view.stream_id))
            fit = {1: "crop", 2: "fit"}.get(view.fill_mode or 0, "-")
            rows.append(
                (str(index), name, str(view.left), str(view.top), str(view.right),
                 str(view.bottom), str(view.width), str(view.height), str(view.layer), fit)
            )  # fmt: skip
        widths = [max(len(row[col]) for row in rows) for col in range(len(columns))]
        lines.append("")
        lines.append(f"{count} participant{'s' if count != 1 else ''}:")
        for row in rows:
            cells = [
                cell.ljust(width) if col == 1 else cell.rjust(width)
                for col, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


@click.command("layout")
@click.argument("spec", type=click.Path(path_type=Path))
@click.option(
    "--counts",
    callback=_counts_option,
    help="Participant counts: 1..25 (default), 4, 2,4,6 or 1..4,9.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "update-layout"]),
    default="text",
    show_default=True,
    help="text: a table per count; json: {count: mix_input_list}; update-layout: {count: "
    "StartRecord UpdateLayout body}.",
)
@click.option(
    "--task-id",
    help="update-layout: the TaskId to put in every body (default: none; the app adds it).",
)
def command(spec: Path, counts: list[int] | None, output_format: str, task_id: str | None) -> None:
    """Print SPEC's layout rectangles for each participant count."""
    loaded = load_spec_layout(spec)
    plans = plans_for(loaded, counts if counts is not None else default_counts(loaded))
    if output_format == "update-layout":
        from recspec.commands.update_layout import update_layout_bodies

        bodies, ok = update_layout_bodies(loaded, plans, task_id)
        click.echo(json.dumps(bodies, indent=2, ensure_ascii=False))
        exit_with(0 if ok else 1)
    if output_format == "json":
        table = {str(c): loaded.redact.deep(plan.mix_input_list()) for c, plan in plans.items()}
        click.echo(json.dumps(table, indent=2, ensure_ascii=False))
    else:
        click.echo(text_table(loaded, plans), nl=False)
    exit_with(0)
