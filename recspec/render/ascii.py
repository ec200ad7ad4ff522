"""A terminal sketch of a layout, drawn from the compiled start payload.

Each view is a box numbered by its position in `mix_input_list` (1-based); a legend below maps
numbers to stream ids, rectangles and layers, because ids rarely fit inside small boxes. Higher
layers are drawn over lower ones. Characters a terminal could interpret (escape sequences,
control characters) are replaced by `?`.
"""

from __future__ import annotations

from typing import Any

from recspec.layout.drawing import SERVER_LAYOUTS, Tile, read_drawing, tile_label

DEFAULT_COLUMNS = 64


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _scale(value: int, whole: int, cells: int) -> int:
    """Map a pixel coordinate to a character cell, rounding half up."""
    return (2 * value * cells + whole) // (2 * whole)


def _box(grid: list[list[str]], tile: Tile, number: int, width: int, height: int) -> None:
    cols, rows = len(grid[0]) - 1, len(grid) - 1
    x0, x1 = _scale(tile.left, width, cols), _scale(tile.right, width, cols)
    y0, y1 = _scale(tile.top, height, rows), _scale(tile.bottom, height, rows)
    x0, y0 = max(0, min(x0, cols)), max(0, min(y0, rows))
    x1, y1 = max(x0, min(x1, cols)), max(y0, min(y1, rows))
    for y in range(y0, y1 + 1):
        for x in range(x0, x1 + 1):
            edge_x, edge_y = x in (x0, x1), y in (y0, y1)
            grid[y][x] = "+" if edge_x and edge_y else "|" if edge_x else "-" if edge_y else " "
    label = str(number)
    if y1 - y0 >= 2 and x1 - x0 - 1 >= len(label):
        row = (y0 + y1) // 2
        start = x0 + 1 + (x1 - x0 - 1 - len(label)) // 2
        grid[row][start : start + len(label)] = list(label)


def render_ascii(payload: dict[str, Any], *, columns: int = DEFAULT_COLUMNS) -> str:
    """A box drawing of the payload's layout plus a legend. Raises ValueError if malformed."""
    drawing = read_drawing(payload)
    rows = max(4, _scale(drawing.height * columns, drawing.width * 2, 1))
    grid = [[" "] * (columns + 1) for _ in range(rows + 1)]
    outline = Tile(-1, 0, 0, drawing.width, drawing.height, 0, None, False, 1)
    _box(grid, outline, 0, drawing.width, drawing.height)
    header = f"canvas {drawing.width}x{drawing.height}, mix_mode {drawing.mix_mode}"
    legend: list[str] = []
    if not drawing.tiles:
        name = SERVER_LAYOUTS.get(drawing.mix_mode, "unknown")
        text = f"ZEGO {name} layout"
        middle = rows // 2
        start = max(1, (columns - len(text)) // 2)
        grid[middle][start : start + len(text)] = list(text[: columns - 1])
        legend.append("ZEGO places the views itself (server-side layout).")
        if drawing.big_view is not None:
            legend.append(f"big view: {_printable(drawing.big_view)}")
    for tile in drawing.in_paint_order():
        _box(grid, tile, tile.index + 1, drawing.width, drawing.height)
    for tile in drawing.tiles:
        fill = "" if tile.whiteboard else (" fit" if tile.fill_mode == 2 else " crop")
        legend.append(
            f"{tile.index + 1:>2}  {_printable(tile_label(tile, drawing))}  "
            f"{tile.width}x{tile.height} at ({tile.left},{tile.top})  layer {tile.layer}{fill}"
        )
    picture = ["".join(row).rstrip() for row in grid]
    return "\n".join([header, *picture, *legend]) + "\n"
