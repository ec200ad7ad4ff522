"""Human units -> API integers."""

from __future__ import annotations

import pytest

from recspec.spec import units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("360p", (640, 360)),
        ("480p", (848, 480)),
        ("540p", (960, 540)),
        ("720p", (1280, 720)),
        ("1080p", (1920, 1080)),
        ("1080x1920", (1080, 1920)),
        (" 1280 X 720 ", (1280, 720)),
        ("720P", (1280, 720)),
    ],
)
def test_resolutions(text: str, expected: tuple[int, int]) -> None:
    assert units.parse_resolution(text) == expected


@pytest.mark.parametrize("text", ["720", "hd", "1280x", "x720", "1280*720", ""])
def test_bad_resolutions_say_what_is_accepted(text: str) -> None:
    with pytest.raises(ValueError, match="WIDTHxHEIGHT"):
        units.parse_resolution(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5Mbps", 1_500_000),
        ("800kbps", 800_000),
        ("48kbps", 48_000),
        ("2 Mbps", 2_000_000),
        ("1500000bps", 1_500_000),
        (1_130_000, 1_130_000),
        ("0.5mbps", 500_000),
    ],
)
def test_bitrates(text: str | int, expected: int) -> None:
    assert units.parse_bitrate(text) == expected


@pytest.mark.parametrize("text", ["fast", "1.5", "1.5 Gbps", "Mbps", "1.5bps"])
def test_bad_bitrates(text: str) -> None:
    with pytest.raises(ValueError, match="bitrate"):
        units.parse_bitrate(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90s", 90),
        ("5m", 300),
        ("1h30m", 5400),
        ("2h", 7200),
        ("1h30m15s", 5415),
        (60, 60),
        ("0s", 0),
    ],
)
def test_durations(text: str | int, expected: int) -> None:
    assert units.parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "90", "1d", "30m1h", "-5s", "1.5h"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        units.parse_duration(text)


def test_colors_are_rrggbb00() -> None:
    assert units.parse_color("#1A1A1A") == 0x1A1A1A00
    assert units.parse_color("#ffffff") == 0xFFFFFF00 == 4294967040
    for bad in ("1A1A1A", "#FFF", "#GGGGGG", "#1A1A1A00"):
        with pytest.raises(ValueError, match="RRGGBB"):
            units.parse_color(bad)


def test_ratio() -> None:
    assert units.parse_ratio("16:9") == (16, 9)
    for bad in ("16/9", "0:9", "16:"):
        with pytest.raises(ValueError, match="ratio"):
            units.parse_ratio(bad)
