"""How a source picture sits in a tile: the size it is drawn at, and how much is cut or barred.

`fill_mode` 1 (crop) scales the picture to cover the tile and cuts the overflow; 2 (fit) scales it
to fit inside and leaves bars. Previews shade these zones; a linter can warn on large shares.
"""

from __future__ import annotations

from fractions import Fraction


def picture_size(
    width: int, height: int, aspect: tuple[int, int], fill_mode: int
) -> tuple[Fraction, Fraction]:
    """The drawn picture's size (centred on the tile) for a source of `aspect` (w, h)."""
    aw, ah = aspect
    wide_w = Fraction(height * aw, ah)  # picture width when its height matches the tile
    tall_h = Fraction(width * ah, aw)  # picture height when its width matches the tile
    if fill_mode == 2:
        return (Fraction(width), tall_h) if tall_h <= height else (wide_w, Fraction(height))
    return (Fraction(width), tall_h) if tall_h >= height else (wide_w, Fraction(height))


def lost_share(width: int, height: int, aspect: tuple[int, int], fill_mode: int) -> Fraction:
    """crop: the share of the picture cut away; fit: the share of the tile left as bars."""
    if width <= 0 or height <= 0:
        return Fraction(0)
    pw, ph = picture_size(width, height, aspect, fill_mode)
    tile = Fraction(width * height)
    if fill_mode == 2:
        return 1 - (pw * ph) / tile
    return 1 - tile / (pw * ph)
