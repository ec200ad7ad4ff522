"""API integers -> the spec's human units (`1500000` -> `"1.5Mbps"`), the reverse of
`recspec.spec.units`.

Every spelling is checked by parsing it back with the spec's own parser, so a value that no
unit spells exactly (a bitrate of 1234567.5 kbps does not exist) falls back to the plain
integer the spec also accepts, and an import never changes a number.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeGuard

from recspec.spec import units


def is_int(value: object) -> TypeGuard[int]:
    """A JSON integer that TOML can hold (64-bit; and not a bool, which Python counts as one)."""
    return type(value) is int and -(2**63) <= value < 2**63


def _checked(spelling: str, value: int, parser: Callable[[str], object]) -> bool:
    try:
        return parser(spelling) == value
    except ValueError:
        return False


def bitrate(bps: int) -> str | int:
    """`1500000` -> `"1.5Mbps"`, `800000` -> `"800kbps"`, `48000` -> `"48kbps"`; else the int."""
    if bps <= 0:
        return bps
    for unit, scale, decimals in (("Mbps", 1_000_000, 2), ("kbps", 1000, 1)):
        if bps >= scale:
            text = format((Decimal(bps) / scale).normalize(), "f")
            spelled = f"{text}{unit}"
            fraction = text.partition(".")[2]
            if len(fraction) <= decimals and _checked(spelled, bps, units.parse_bitrate):
                return spelled
    return bps


def duration(seconds: int) -> str | int:
    """`90` -> `"90s"`, `300` -> `"5m"`, `7200` -> `"2h"`; negative numbers stay integers."""
    if seconds < 0:
        return seconds
    if seconds and seconds % 3600 == 0:
        spelled = f"{seconds // 3600}h"
    elif seconds > 60 and seconds % 60 == 0:
        spelled = f"{seconds // 60}m"
    else:
        spelled = f"{seconds}s"
    return spelled if _checked(spelled, seconds, units.parse_duration) else seconds


def milliseconds(ms: int) -> str | int:
    """`3000` -> `"3s"`, `500` -> `"500ms"`."""
    if ms < 0:
        return ms
    if ms and ms % 1000 == 0:
        spelled = duration(ms // 1000)
        if isinstance(spelled, str) and _checked(spelled, ms, units.parse_milliseconds):
            return spelled
    spelled = f"{ms}ms"
    return spelled if _checked(spelled, ms, units.parse_milliseconds) else ms


def color(value: object) -> str | None:
    """`0x1A1A1A00` -> `"#1A1A1A"`; None when the value is not a 0xRRGGBB00 colour."""
    if type(value) is not int or not 0 <= value < 2**32 or value & 0xFF:
        return None
    spelled = f"#{value >> 8:06X}"
    return spelled if _checked(spelled, value, units.parse_color) else None


def resolution(width: int, height: int, *, named: bool = True) -> str | None:
    """`(1280, 720)` -> `"720p"` (or `"1280x720"` without `named`); None for what no
    resolution spells (negative or six-digit sizes)."""
    if named:
        for name, size in units.RESOLUTIONS.items():
            if size == (width, height):
                return name
    spelled = f"{width}x{height}"
    try:
        ok = units.parse_resolution(spelled) == (width, height)
    except ValueError:
        ok = False
    return spelled if ok else None


def ratio(horizontal: object, vertical: object) -> str | None:
    """`(16, 9)` -> `"16:9"`; None when the spec's ratio cannot say it."""
    if not is_int(horizontal) or not is_int(vertical):
        return None
    spelled = f"{horizontal}:{vertical}"
    try:
        ok = units.parse_ratio(spelled) == (horizontal, vertical)
    except ValueError:
        ok = False
    return spelled if ok else None
