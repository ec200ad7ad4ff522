"""Parsing the human units of a layout spec (`"16:9"`, `"25%"`, `0.2`, `320`) into exact numbers.

Everything stays a `Fraction` until the last moment, then is rounded once to a multiple of
`align` with round-half-up, so the same spec always gives the same pixels.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from recspec.layout.plan import LayoutError, SpecPath

_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
_ASPECT = re.compile(r"^\s*(\d+)\s*[:/x]\s*(\d+)\s*$")


def parse_aspect(text: str, path: SpecPath) -> tuple[int, int]:
    """`"16:9"` -> (16, 9), reduced. Also accepts `16/9` and `16x9`."""
    match = _ASPECT.match(text)
    if not match or int(match.group(1)) == 0 or int(match.group(2)) == 0:
        raise LayoutError(
            f'tile_aspect {text!r} is not an aspect ratio: write "W:H", e.g. "16:9" or "9:16"',
            path,
        )
    width, height = int(match.group(1)), int(match.group(2))
    divisor = math.gcd(width, height)
    return width // divisor, height // divisor


def parse_percent(text: str, path: SpecPath) -> Fraction:
    """`"33.5%"` -> Fraction(67, 200).

    Built from the digits (335 / 1000): parsing the decimal string with `Fraction()` and then
    dividing costs eight times as much, and custom layouts parse four percentages per tile.
    """
    match = _PERCENT.match(text)
    if not match:
        raise LayoutError(f'{text!r} is not a percentage: write e.g. "50%" or "33.25%"', path)
    whole, _, decimals = match.group(1).partition(".")
    return Fraction(int(whole + decimals), 100 * 10 ** len(decimals))


def resolve_length(value: int | float | str, whole: int, path: SpecPath) -> Fraction:
    """A size relative to `whole` px: int = px, float in (0, 1] = fraction, `"N%"` = percentage."""
    if isinstance(value, bool):
        raise LayoutError("expected pixels, a fraction or a percentage, not true/false", path)
    if isinstance(value, int):
        if value <= 0:
            raise LayoutError(f"{value} px must be positive", path)
        return Fraction(value)
    if isinstance(value, float):
        if not 0 < value <= 1:
            raise LayoutError(
                f"{value} is not a fraction in (0, 1]: write pixels as an int (e.g. 240) "
                'or a percentage such as "20%"',
                path,
            )
        return Fraction(str(value)) * whole
    share = parse_percent(value, path)
    if not 0 < share <= 1:
        raise LayoutError(f"{value!r} must be more than 0% and at most 100%", path)
    return share * whole


def round_to(value: Fraction | int, align: int) -> int:
    """Round to the nearest multiple of `align`; exact halves round up.

    Integer arithmetic on numerator and denominator (an int has them too):
    floor(n / (d * align) + 1/2) == (2n + d * align) // (2 * d * align), without building
    Fractions on the hot path.
    """
    n, d = value.numerator, value.denominator
    return (2 * n + d * align) // (2 * d * align) * align


def floor_to(value: Fraction | int, align: int) -> int:
    """Round down to a multiple of `align`."""
    return value.numerator // (value.denominator * align) * align
