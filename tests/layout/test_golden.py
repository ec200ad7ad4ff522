"""Golden rectangles for common cases, so any change to the geometry shows up as a diff.

Each case is a JSON file in `tests/layout/golden/`: the layout options, the canvas, and per
participant count the exact `mix_input_list`. To regenerate after an intended change, run

    RECSPEC_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/layout/test_golden.py

and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from recspec.layout import LayoutSpec, plans_by_count

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("RECSPEC_UPDATE_GOLDEN") == "1"
COMMON = [*range(1, 10), 16, 25]

CASES: dict[str, tuple[dict[str, Any], int, int, list[int], bool]] = {
    "grid-1280x720": ({}, 1280, 720, COMMON, False),
    "grid-1920x1080": ({}, 1920, 1080, COMMON, False),
    "grid-1080x1920": ({}, 1080, 1920, COMMON, False),
    "grid-gap8-margin16-1280x720": ({"gap": 8, "margin": 16}, 1280, 720, COMMON, False),
    "grid-cell-1280x720": ({"tile_shape": "cell"}, 1280, 720, COMMON, False),
    "grid-portrait-sources-1280x720": ({"tile_aspect": "9:16"}, 1280, 720, COMMON, False),
    "speaker-1280x720": ({"preset": "speaker"}, 1280, 720, list(range(1, 10)), False),
    "speaker-bottom-1080x1920": (
        {"preset": "speaker", "strip": "bottom"},
        1080,
        1920,
        list(range(1, 10)),
        False,
    ),
    "pip-1280x720": ({"preset": "pip"}, 1280, 720, list(range(1, 6)), False),
    "pip-1080x1920": ({"preset": "pip", "corner": "top-right"}, 1080, 1920, [1, 2, 3], False),
    "presentation-whiteboard-1280x720": (
        {"preset": "presentation"},
        1280,
        720,
        list(range(1, 6)),
        True,
    ),
    "side-by-side-1280x720": ({"preset": "side-by-side"}, 1280, 720, [1, 2, 3, 4], False),
    "stack-1080x1920": ({"preset": "stack", "gap": 4}, 1080, 1920, [1, 2, 3, 4], False),
}


def render(options: dict[str, Any], width: int, height: int, counts: list[int], board: bool) -> str:
    """One view per line, so diffs read like a table."""
    plans = plans_by_count(LayoutSpec(**options), width, height, counts, whiteboard=board)
    lines = [
        "{",
        f'  "layout": {json.dumps(options, sort_keys=True)},',
        f'  "canvas": [{width}, {height}],',
        f'  "whiteboard": {json.dumps(board)},',
        '  "plans": {',
    ]
    for position, (count, plan) in enumerate(plans.items()):
        items = [json.dumps(item) for item in plan.mix_input_list()]
        body = ",\n      ".join(items)
        tail = "," if position < len(plans) - 1 else ""
        lines.append(f'    "{count}": [\n      {body}\n    ]{tail}')
    lines += ["  }", "}", ""]
    return "\n".join(lines)


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    text = render(*CASES[name])
    path = GOLDEN / f"{name}.json"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden {path.name}: run with RECSPEC_UPDATE_GOLDEN=1"
    assert json.loads(text) == json.loads(path.read_text(encoding="utf-8"))
