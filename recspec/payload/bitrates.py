"""ZEGO's recommended mixed-output bitrates (reference §1.5, "communication" column).

Used twice: the compiler's default bitrate when a spec gives none, and the lint warning for a
bitrate far from the recommendation. Sizes not in the table are interpolated on pixel count
among rows of the nearest frame rate, so portrait canvases get their landscape twin's value.
"""

from __future__ import annotations

from bisect import bisect_left

#: (width, height, fps) -> recommended bps
RECOMMENDED: dict[tuple[int, int, int], int] = {
    (160, 120, 15): 65_000,
    (120, 120, 15): 50_000,
    (320, 180, 15): 140_000,
    (180, 180, 15): 100_000,
    (240, 180, 15): 120_000,
    (320, 240, 15): 200_000,
    (240, 240, 15): 140_000,
    (424, 240, 15): 220_000,
    (640, 360, 15): 400_000,
    (360, 360, 15): 260_000,
    (640, 360, 30): 600_000,
    (360, 360, 30): 400_000,
    (480, 360, 15): 320_000,
    (480, 360, 30): 490_000,
    (640, 480, 15): 500_000,
    (480, 480, 15): 400_000,
    (640, 480, 30): 750_000,
    (480, 480, 30): 600_000,
    (848, 480, 15): 610_000,
    (848, 480, 30): 930_000,
    (640, 480, 10): 400_000,
    (1280, 720, 15): 1_130_000,
    (1280, 720, 30): 1_710_000,
    (960, 720, 15): 910_000,
    (960, 720, 30): 1_380_000,
    (1920, 1080, 15): 2_080_000,
    (1920, 1080, 30): 3_150_000,
}


def recommended_bitrate(width: int, height: int, fps: int) -> int:
    """The table value for (width, height, fps), else an interpolation rounded to 10 kbps."""
    exact = RECOMMENDED.get((width, height, fps)) or RECOMMENDED.get((height, width, fps))
    if exact:
        return exact
    rates = sorted({f for (_, _, f) in RECOMMENDED})
    nearest_fps = min(rates, key=lambda f: (abs(f - fps), -f))
    points = sorted(
        {w * h: bps for (w, h, f), bps in RECOMMENDED.items() if f == nearest_fps}.items()
    )
    pixels = width * height
    areas = [area for area, _ in points]
    index = bisect_left(areas, pixels)
    if index == 0:
        value = points[0][1] * pixels / points[0][0]
    elif index == len(points):
        value = points[-1][1] * pixels / points[-1][0]
    else:
        (a0, b0), (a1, b1) = points[index - 1], points[index]
        value = b0 + (b1 - b0) * (pixels - a0) / (a1 - a0)
    return max(10_000, round(value / 10_000) * 10_000)
