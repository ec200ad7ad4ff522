"""Deterministic, realistic corpora of recspec specs (and, via recspec itself, start payloads).

Why a generator and not copies of `examples/`: the benchmark must scale to 10000 distinct files
and cover every preset, provider and recording mode in proportion, and two runs with the same
seed must time the very same bytes. Every spec is written to compile with zero diagnostics
(`run.py` asserts this on a sample), so timings never include error reporting.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from recspec.layout.registry import PRESETS as REGISTERED

PRESETS = tuple(REGISTERED)  # every preset, in the docs' order
PROVIDERS = ("s3", "oss", "cos", "kodo", "aliyun-vod", "tencent-vod", "obs")
#: provider -> (region choices, credential env var prefix)
_STORAGE: dict[str, tuple[tuple[str, ...], str]] = {
    "s3": (("us-east-1", "eu-west-1", "ap-southeast-1"), "AWS"),
    "oss": (("oss-cn-hangzhou", "oss-cn-beijing"), "OSS"),
    "cos": (("ap-beijing", "ap-guangzhou"), "COS"),
    "kodo": (("z0", "z1", "z2"), "QINIU"),
    "aliyun-vod": (("cn-shanghai", "cn-beijing"), "ALIYUN_VOD"),
    "tencent-vod": (("ap-shanghai", "ap-guangzhou"), "TENCENT"),
    "obs": (("cn-north-4", "cn-east-3"), "OBS"),
}
_WORDS = ("standup", "webinar", "class", "podcast", "townhall", "demo", "review", "sync", "show")
_PEOPLE = ("host", "guest", "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi")
#: resolution suffix -> (bitrate at 15 fps, at 25/30 fps), near ZEGO's recommendation (no RS311).
_BITRATES = {
    "540p": ("700kbps", "1Mbps"),
    "720p": ("1.2Mbps", "1.8Mbps"),
    "1080p": ("2Mbps", "3Mbps"),
    "x1920": ("2Mbps", "3Mbps"),
}
#: (mode kind, weight): most real specs are mixed layouts; the rest single, mp3 or jpg.
_KINDS = (("mixed", 6), ("single", 2), ("mp3", 1), ("jpg", 1))


def _streams(rng: random.Random, low: int, high: int) -> list[str]:
    count = rng.randint(low, high)
    return [f"{rng.choice(_PEOPLE)}-{n}" for n in range(1, count + 1)]


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{s}"' for s in items) + "]"


def _layout(rng: random.Random, preset: str, whiteboard: bool) -> list[str]:
    """The `[layout]` table (and `[[layout.tile]]`s) for one preset, with realistic options."""
    lines = ["[layout]", f'preset = "{preset}"']
    if preset == "custom":
        lines.append("")
        tiles = [("0", "0", '"100%"', '"100%"', 1)]
        for n in range(rng.randint(1, 3)):
            tiles.append((f'"{58 + 10 * n}%"', f'"{6 + 30 * n}%"', '"20%"', '"20%"', 2))
        for n, (left, top, width, height, layer) in enumerate(tiles):
            lines += [
                "[[layout.tile]]",
                f'stream = "{_PEOPLE[n]}-{n + 1}"',
                f"left = {left}",
                f"top = {top}",
                f"width = {width}",
                f"height = {height}",
                f"layer = {layer}",
                "",
            ]
        return lines
    if preset.startswith("zego-"):
        streams = _streams(rng, 2, 6)
        if preset != "zego-grid" and rng.random() < 0.5:
            lines.append(f'focus = "{streams[0]}"')
        if rng.random() < 0.5:
            lines.append(f"streams = {_toml_list(streams)}")
        return lines
    streams = _streams(rng, 2, 4 if preset in ("side-by-side", "stack") else 9)
    if whiteboard:
        streams = streams[:4]
    lines.append(f"streams = {_toml_list(streams)}")
    if preset in ("speaker", "presentation"):
        lines.append(f'strip = "{rng.choice(("right", "bottom", "left"))}"')
        lines.append(f'strip_size = "{rng.choice((18, 20, 22))}%"')
        if preset == "speaker" and rng.random() < 0.5:
            lines.append(f'focus = "{streams[-1]}"')
    if preset == "pip":
        lines.append(f'corner = "{rng.choice(("bottom-right", "top-left", "bottom-left"))}"')
    if preset == "grid" and rng.random() < 0.3:
        lines.append(f"tiles = {len(streams) + rng.randint(0, 3)}")
    if preset == "stack":
        lines.append('tile_aspect = "9:16"')
    lines.append(f"gap = {rng.choice((0, 4, 8))}")
    if rng.random() < 0.3:
        lines.append(f"margin = {rng.choice((8, 16))}")
    return lines


def spec_text(index: int, rng: random.Random) -> str:
    """One spec's TOML text; `index` makes room ids unique, `rng` picks everything else."""
    kind = rng.choices([k for k, _ in _KINDS], [w for _, w in _KINDS])[0]
    preset = PRESETS[index % len(PRESETS)] if kind == "mixed" else ""
    provider = PROVIDERS[(index // len(PRESETS)) % len(PROVIDERS)]
    if kind == "mp3" and provider in ("aliyun-vod", "tencent-vod"):
        provider = "cos"  # VOD providers take video only
    if kind == "jpg" and provider in ("aliyun-vod", "tencent-vod"):
        provider = "obs"
    word = rng.choice(_WORDS)
    room = f"{word}-{index:05d}"
    out: list[str] = [
        "#:schema ../schemas/spec.schema.json",
        f"# Generated benchmark spec {index}: {kind} {preset or ''} to {provider}.",
        "version = 1",
        "",
        "[room]",
        f'id = "{room}"',
        'app_id = "${env:ZEGO_APP_ID:-1234567890}"',
        'access_token = "${env:ZEGO_ACCESS_TOKEN:-dev-token}"',
        "",
        "[record]",
    ]
    whiteboard = kind == "mixed" and preset == "presentation"
    if kind == "mixed":
        out.append('mode = "mixed"')
        if rng.random() < 0.5:
            out.append('media = "audio+video"')
        out.append(f'max_idle = "{rng.choice(("30s", "60s", "2m"))}"')
        if rng.random() < 0.5:
            out.append(f'max_duration = "{rng.choice(("1h", "2h", "90m"))}"')
        out.append("fill_blank = true")
        if rng.random() < 0.3:
            out += ['camera_off = "color"', f'camera_off_color = "#{rng.randrange(0x1000000):06X}"']
    elif kind == "single":
        out += [
            'mode = "single"',
            'media = "audio+video"',
            f'max_idle = "{rng.choice(("30s", "60s"))}"',
        ]
        if rng.random() < 0.5:
            out.append(f"streams = {_toml_list(_streams(rng, 1, 3))}")
    elif kind == "mp3":
        out += [
            'mode = "single"',
            'media = "audio"',
            f"streams = {_toml_list(_streams(rng, 1, 3))}",
            'max_idle = "30s"',
            'mute_audio = "drop"',
            f'mute_split = "{rng.choice((5, 10, 30))}s"',
        ]
    else:
        out += ['mode = "single"', 'media = "audio+video"', 'max_idle = "2m"']
    out.append("")
    if whiteboard:
        out += ["[whiteboard]", 'ratio = "16:9"', f'id = "${{env:WHITEBOARD_ID:-wb-{room}}}"', ""]
    if kind == "mixed":
        out += _layout(rng, preset, whiteboard)
        if out[-1] != "":
            out.append("")
        resolution = rng.choice(("720p", "1080p", "540p"))
        if preset == "stack":
            resolution = "1080x1920"
        fps = rng.choice((15, 25, 30))
        out += ["[video]", f'resolution = "{resolution}"', f"fps = {fps}"]
        if rng.random() < 0.4:
            out.append(f'bitrate = "{_BITRATES[resolution[-5:]][fps > 15]}"')
        out.append(f'background = "#{rng.randrange(0x1000000):06X}"')
        if rng.random() < 0.3:
            out.append('watermark = "https://cdn.example.com/brand/watermark.png"')
        out.append("")
    fmt = {"mp3": "mp3", "jpg": "jpg"}.get(kind, rng.choice(("mp4", "mp4", "flv", "hls")))
    if provider in ("aliyun-vod", "tencent-vod"):
        fmt = rng.choice(("mp4", "flv"))
    out += ["[output]", f'format = "{fmt}"']
    if kind == "jpg":
        out.append(f'snapshot_interval = "{rng.choice(("10s", "30s", "1m"))}"')
    if provider not in ("aliyun-vod", "tencent-vod"):
        out.append(f'folder = "{word}/{room}/"')
    if rng.random() < 0.3:
        out.append('callback_url = "https://hooks.example.com/zego/recording"')
    out.append("")
    regions, env = _STORAGE[provider]
    out += ["[storage]", f'provider = "{provider}"', f'region = "{rng.choice(regions)}"']
    if provider not in ("aliyun-vod", "tencent-vod"):
        out.append(f'bucket = "{word}-recordings-{index % 97}"')
    out += [
        f'access_key_id = "${{env:{env}_ACCESS_KEY_ID:-EXAMPLEKEY{index % 10}}}"',
        f'access_key_secret = "${{env:{env}_SECRET_KEY:-example-secret}}"',
    ]
    if provider == "aliyun-vod":
        out += [
            f'title = "{word} {index}"',
            'storage_location = "outin-example.oss-cn-shanghai.aliyuncs.com"',
        ]
    if provider == "tencent-vod":
        out.append(f"sub_app_id = {1500000000 + index % 1000}")
    return "\n".join(out) + "\n"


def write_specs(folder: Path, count: int, seed: int = 42) -> list[Path]:
    """Write `count` specs `spec-NNNNN.toml` into `folder` (only files whose bytes differ)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths: list[Path] = []
    for index in range(count):
        path = folder / f"spec-{index:05d}.toml"
        _write_if_changed(path, spec_text(index, rng))
        paths.append(path)
    return paths


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.write_text(text, encoding="utf-8")


def kinds_summary(paths: list[Path], read: Callable[[Path], str] = lambda p: p.read_text()) -> str:
    """A one-line census of presets and providers, so the report shows what was timed."""
    presets: dict[str, int] = {}
    for path in paths:
        text = read(path)
        for line in text.splitlines():
            if line.startswith("preset = "):
                name = line.split('"')[1]
                presets[name] = presets.get(name, 0) + 1
    single = len(paths) - sum(presets.values())
    parts = [f"{name} {n}" for name, n in sorted(presets.items())]
    return ", ".join([*parts, f"single/mp3/jpg {single}"])
