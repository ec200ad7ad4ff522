"""Human units in specs -> the API's integers: resolutions, bitrates, durations, colours.

Each parser raises `ValueError` with a message that shows the accepted forms; the spec models
turn it into a positioned diagnostic.
"""

from __future__ import annotations

import re

#: Named resolutions (landscape). 480p is ZEGO's 848x480 from the recommended-bitrate table.
RESOLUTIONS: dict[str, tuple[int, int]] = {
    "360p": (640, 360),
    "480p": (848, 480),
    "540p": (960, 540),
    "720p": (1280, 720),
    "1080p": (1920, 1080),
}

#: `[storage] provider` names -> storage_params.storage_provider codes.
PROVIDERS: dict[str, int] = {
    "s3": 1,
    "oss": 2,
    "cos": 3,
    "kodo": 4,
    "aliyun-vod": 5,
    "tencent-vod": 6,
    "obs": 7,
    "gcs": 8,  #: v2 only
    "eos": 9,  #: v2 only
    "s3-compatible": 10,  #: v2 only
}

#: What people type for a provider -> the `[storage] provider` they mean, after `provider_name`
#: lower-cases it and turns spaces and underscores into hyphens. OSS-minded names go to object
#: storage (`oss`), never to video on demand; the v2 page's provider names are here too.
PROVIDER_ALIASES: dict[str, str] = {
    "aws": "s3",
    "amazon": "s3",
    "amazon-s3": "s3",
    "aws-s3": "s3",
    "aliyun": "oss",
    "alibaba": "oss",
    "alicloud": "oss",
    "aliyun-oss": "oss",
    "alibaba-oss": "oss",
    "alibaba-cloud": "oss",
    "alibaba-cloud-oss": "oss",
    "tencent": "cos",
    "tencent-cos": "cos",
    "tencent-cloud": "cos",
    "tencent-cloud-cos": "cos",
    "qcloud": "cos",
    "qiniu": "kodo",
    "qiniu-kodo": "kodo",
    "qiniu-cloud": "kodo",
    "qiniu-cloud-kodo": "kodo",
    "huawei": "obs",
    "huawei-obs": "obs",
    "huawei-cloud": "obs",
    "huawei-cloud-obs": "obs",
    "alibaba-cloud-vod": "aliyun-vod",
    "alibabacloud-vod": "aliyun-vod",
    "tencent-cloud-vod": "tencent-vod",
    "tencentcloud-vod": "tencent-vod",
    "google": "gcs",
    "gcp": "gcs",
    "google-cloud": "gcs",
    "google-cloud-storage": "gcs",
    "china-mobile": "eos",
    "china-mobile-eos": "eos",
    "china-mobile-cloud-eos": "eos",
    "s3-protocol": "s3-compatible",
    "digitalocean": "s3-compatible",
    "minio": "s3-compatible",
    "r2": "s3-compatible",
}

_SIZE = re.compile(r"^\s*(\d{1,5})\s*[xX\u00d7]\s*(\d{1,5})\s*$")
_BITRATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(bps|kbps|mbps)\s*$", re.IGNORECASE)
_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
_COLOR = re.compile(r"^#([0-9a-fA-F]{6})$")
_RATIO = re.compile(r"^\s*(\d{1,4})\s*:\s*(\d{1,4})\s*$")

_BITRATE_SCALE = {"bps": 1, "kbps": 1000, "mbps": 1_000_000}


def parse_resolution(value: str) -> tuple[int, int]:
    """'720p' -> (1280, 720); '1080x1920' -> (1080, 1920) (portrait is just W < H)."""
    named = RESOLUTIONS.get(value.strip().lower())
    if named:
        return named
    match = _SIZE.match(value)
    if not match:
        names = ", ".join(RESOLUTIONS)
        raise ValueError(f"resolution {value!r} is not {names} or WIDTHxHEIGHT (e.g. 1080x1920)")
    return int(match[1]), int(match[2])


def parse_bitrate(value: str | int) -> int:
    """'1.5Mbps' -> 1500000; '800kbps' -> 800000; an integer is bps already."""
    if isinstance(value, int):
        return value
    match = _BITRATE.match(value)
    if not match:
        raise ValueError(f'bitrate {value!r} is not like "1.5Mbps", "800kbps" or an integer (bps)')
    number, unit = match[1], match[2].lower()
    bps = round(float(number) * _BITRATE_SCALE[unit])
    if unit == "bps" and "." in number:
        raise ValueError(f"bitrate {value!r}: bps must be a whole number")
    return bps


def parse_duration(value: str | int) -> int:
    """'90s' -> 90; '5m' -> 300; '1h30m' -> 5400; an integer is seconds already."""
    if isinstance(value, int):
        return value
    text = value.strip().lower()
    match = _DURATION.match(text)
    if not text or not match:
        raise ValueError(
            f'duration {value!r} is not like "90s", "5m", "1h30m" or an integer (seconds)'
        )
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def parse_milliseconds(value: str | int) -> int:
    """'500ms' -> 500; '3s' (any duration) -> 3000; an integer is milliseconds already."""
    if isinstance(value, int):
        return value
    text = value.strip().lower()
    if text.endswith("ms") and text[:-2].strip().isdigit():
        return int(text[:-2])
    try:
        return parse_duration(text) * 1000
    except ValueError:
        raise ValueError(
            f'duration {value!r} is not like "500ms", "3s" or an integer (milliseconds)'
        ) from None


def parse_color(value: str) -> int:
    """'#1A1A1A' -> 0x1A1A1A00, the API's 0xRRGGBB00 unsigned integer."""
    match = _COLOR.match(value.strip())
    if not match:
        raise ValueError(f'colour {value!r} is not like "#RRGGBB" (e.g. "#1A1A1A")')
    return int(match[1], 16) << 8


def parse_ratio(value: str) -> tuple[int, int]:
    """'16:9' -> (16, 9)."""
    match = _RATIO.match(value)
    if not match or int(match[1]) == 0 or int(match[2]) == 0:
        raise ValueError(f'ratio {value!r} is not like "16:9" (two positive integers)')
    return int(match[1]), int(match[2])


def word(value: object) -> object:
    """Names in a spec are read case-insensitively: "MP4", " Mixed " -> "mp4", "mixed"."""
    return value.strip().lower() if isinstance(value, str) else value


def provider_name(value: object) -> object:
    """A provider as people type it -> its spec name: "AWS" -> "s3", "Huawei OBS" -> "obs"."""
    if not isinstance(value, str):
        return value
    name = "-".join(value.strip().lower().replace("_", " ").split())
    return PROVIDER_ALIASES.get(name, name)


def digits_to_int(value: object) -> object:
    """IDs often come from the environment, where everything is a string: "123" -> 123."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value
