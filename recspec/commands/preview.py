"""`recspec preview SPEC [-o layout.svg] [--count N] [--format svg|text]`: a picture of the layout.

The picture is drawn from the compiled payload, so it shows exactly what ZEGO will receive.
`--count N` swaps in the layout for N participants (as `recspec layout` computes it). Crop and
letterbox zones are shaded for `--source-aspect` (default: the spec's `tile_aspect`, else the
canvas aspect). `-o` writes atomically: a temporary file in the same folder, then a rename.

Exit codes: 0 drawn, 1 the spec has errors, 2 unreadable path, bad option or unwritable output.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import click

from recspec.commands.common import exit_with


def _aspect(text: str) -> tuple[int, int]:
    from recspec.layout import LayoutError
    from recspec.layout.units import parse_aspect

    try:
        return parse_aspect(text, ("layout", "tile_aspect"))
    except LayoutError as exc:
        raise click.BadParameter(str(exc)) from None


def _aspect_option(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[int, int] | None:
    return None if value is None else _aspect(value)


def with_plan(
    payload: dict[str, Any], mix_mode: int, items: list[dict[str, object]]
) -> dict[str, Any]:
    """A copy of the payload whose mix_config carries another layout."""
    out = copy.deepcopy(payload)
    mix = out["record_input_params"]["mix_config"]
    mix["mix_mode"] = mix_mode
    if items:
        mix["mix_input_list"] = items
    else:
        mix.pop("mix_input_list", None)
    return out


@click.command("preview")
@click.argument("spec", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the drawing to FILE instead of stdout.",
)
@click.option("--count", type=click.IntRange(1, 25), help="Draw the layout for N participants.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["svg", "text"]),
    default="svg",
    show_default=True,
    help="svg: a standalone SVG; text: a terminal sketch.",
)
@click.option(
    "--source-aspect",
    callback=_aspect_option,
    help='Aspect of the source video for crop/letterbox shading, e.g. "16:9" or "9:16".',
)
def command(
    spec: Path,
    output: Path | None,
    count: int | None,
    output_format: str,
    source_aspect: tuple[int, int] | None,
) -> None:
    """Draw SPEC's compiled layout as SVG (or a text sketch)."""
    from recspec.commands.layout import load_spec_layout, plans_for
    from recspec.render.ascii import render_ascii
    from recspec.render.svg import render_svg

    loaded = load_spec_layout(spec)
    payload = loaded.payload
    if count is not None:
        plan = plans_for(loaded, [count])[count]
        payload = with_plan(payload, plan.mix_mode, plan.mix_input_list())
    if source_aspect is None:
        declared = loaded.layout.tile_aspect or f"{loaded.width}:{loaded.height}"
        source_aspect = _aspect(declared)
    payload = loaded.redact.deep(payload)  # stream ids from ${env:...} are drawn as ***
    if output_format == "text":
        drawing = render_ascii(payload)
    else:
        drawing = render_svg(payload, source_aspect=source_aspect)
    if output is None:
        click.echo(drawing, nl=False)
    else:
        _write(output, drawing, loaded.inputs)
    exit_with(0)


def _write(output: Path, drawing: str, inputs: tuple[str, ...] = ()) -> None:
    """Write atomically; an unwritable target, or one that is an input, is exit 2."""
    from recspec.lint import display_path
    from recspec.output import same_file, write_atomic

    clash = next((path for path in inputs if same_file(str(output), path)), None)
    if clash is not None:
        click.echo(
            f"recspec: refusing to write {display_path(output)}: it is {clash}, an input",
            err=True,
        )
        exit_with(2)
    try:
        write_atomic(output, drawing.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        click.echo(f"recspec: cannot write {display_path(output)}: {reason}", err=True)
        exit_with(2)
