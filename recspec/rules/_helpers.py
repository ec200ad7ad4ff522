"""Small shared pieces for the payload rule families: paths, views, ranges, colours, URLs.

Everything here is defensive in the same way as `PayloadView`: a value of the wrong type is
treated as absent, because wrong types are the structure rules' business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from recspec.dialect import Dialect
from recspec.rules.base import CheckFn, Finding, PayloadView, finding, per_document
from recspec.values import Value

Path = tuple[str | int, ...]

INPUT: Path = ("record_input_params",)
MIX: Path = (*INPUT, "mix_config")
VIDEO: Path = (*MIX, "mix_output_video_config")
VIEWS: Path = (*MIX, "mix_input_list")
WHITEBOARD: Path = (*INPUT, "whiteboard")
OUTPUT: Path = ("record_output_params",)
STORAGE: Path = ("storage_params",)

#: The largest value a 32-bit unsigned colour can hold with its low byte 0 (white, 0xFFFFFF00).
MAX_COLOR = 0xFFFFFF00


def as_int(value: Any) -> int | None:
    """`value` when it is an int (never a bool), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def present(value: Any) -> bool:
    """True when a string field carries something: not absent, not blank."""
    return isinstance(value, str) and value.strip() != ""


def mix_ignored(v: PayloadView) -> bool:
    """mix_config does nothing in single-stream mode; RS204 already says so once for the object."""
    return v.record_mode == 1


class View(Value):
    """One `mix_input_list` entry whose four corners are integers (`position`: its index)."""

    __slots__ = ("bottom", "layer", "left", "position", "raw", "right", "top")

    def __init__(
        self,
        position: int,
        top: int,
        left: int,
        bottom: int,
        right: int,
        layer: int | None,
        raw: dict[str, Any],
    ) -> None:
        self.position = position
        self.top = top
        self.left = left
        self.bottom = bottom
        self.right = right
        self.layer = layer
        self.raw = raw

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def path(self) -> Path:
        return (*VIEWS, self.position)

    @property
    def label(self) -> str:
        """'view 2 (bob)': 1-based like a person counts, with the stream when there is one."""
        stream = self.raw.get("stream_id")
        return f"view {self.position + 1}" + (f" ({stream})" if present(stream) else "")

    @property
    def is_whiteboard(self) -> bool:
        return as_int(self.raw.get("view_type")) == 2


@per_document
def view_entries(v: PayloadView) -> list[tuple[int, dict[str, Any]]]:
    """(index, entry) for every dict in mix_input_list."""
    return [(i, entry) for i, entry in enumerate(v.list(*VIEWS) or []) if isinstance(entry, dict)]


@per_document
def views(v: PayloadView) -> list[View]:
    """Every view with four integer corners (others are left to the structure rules)."""
    found = []
    for index, entry in view_entries(v):
        top, left = as_int(entry.get("top")), as_int(entry.get("left"))
        bottom, right = as_int(entry.get("bottom")), as_int(entry.get("right"))
        if top is None or left is None or bottom is None or right is None:
            continue
        found.append(View(index, top, left, bottom, right, as_int(entry.get("layer")), entry))
    return found


def range_check(
    path: Path, low: int, high: int | Callable[[Dialect], int], unit: str = ""
) -> CheckFn:
    """A check that an integer at `path`, when present, lies in [low, high].

    `high` may depend on the API (`Dialect`), e.g. max_idle_time's 86400 in StartRecord.
    """
    name = str(path[-1])
    suffix = f" {unit}" if unit else ""

    def check(v: PayloadView) -> Iterator[Finding]:
        value = v.int(*path)
        top = high if isinstance(high, int) else high(v.dialect)
        if value is None or low <= value <= top:
            return
        who = "ZEGO" if isinstance(high, int) else v.dialect.title
        fix = f"use {top} or less" if value > top else f"use {low} or more"
        yield finding(
            path, f"{name} is {value}{suffix}; {who} accepts {low} to {top}{suffix} — {fix}"
        )

    return check


def color_problem(name: str, value: int) -> str | None:
    """Why an integer is not a valid 0xRRGGBB00 colour, or None when it is fine."""
    if value < 0 or value > 0xFFFFFFFF:
        return (
            f"{name} is {value}, outside unsigned 32 bits; colours are 0xRRGGBB00 "
            f"(0 for black to {MAX_COLOR} for white)"
        )
    if value & 0xFF:
        hint = ""
        if value <= 0xFFFFFF:
            shifted = value << 8
            hint = f"; if you meant #{value:06X}, write {shifted} (0x{shifted:08X})"
        else:
            fixed = value & ~0xFF
            hint = f"; the nearest valid value is {fixed} (0x{fixed:08X})"
        return (
            f"{name} is {value} (0x{value:08X}) but its low byte must be 0: colours are "
            f"0xRRGGBB00{hint}"
        )
    return None


def http_url_problem(name: str, value: str, use: str = "downloads it") -> str | None:
    """Why `value` is not an absolute http(s) URL, or None when it is one.

    `use` says what ZEGO does with the URL, for the message ("downloads it", "calls it").
    """
    if not value.strip():
        return f"{name} is an empty string; give an http(s) URL or remove the key"
    from urllib.parse import urlsplit  # only for bodies that hold an image URL

    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return f"{name} {value!r} is not a valid URL; give an http:// or https:// URL"
    if parts.scheme.lower() not in {"http", "https"}:
        scheme = f"'{parts.scheme}' URL" if parts.scheme else "relative reference"
        return (
            f"{name} {value!r} is a {scheme}; ZEGO {use} over HTTP — "
            "give an http:// or https:// URL"
        )
    if not parts.netloc:
        return f"{name} {value!r} has no host; give a full http(s)://host/path URL"
    return None


def canvas_size(v: PayloadView) -> tuple[int, int] | None:
    """(width, height) of the mixed canvas when both are integers (`PayloadView.canvas`)."""
    return v.canvas
