"""Findings on a spec name its keys and the accepted forms, one finding per key, at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recspec.compiler import compile_file

GOOD = (Path(__file__).resolve().parent.parent / "examples" / "grid-4-720p-s3.toml").read_text()

CASES = [
    # (replace, with, key named, words the message must hold)
    ("fps = 15", 'fps = "30fps"', "video.fps", ["write 30"]),
    ("fps = 15", "fps = 30.0", "video.fps", ["write 30"]),
    ('resolution = "720p"', 'resolution = "720"', "video.resolution", ['"720p"', '"1280x720"']),
    ('resolution = "720p"', "resolution = 720", "video.resolution", ['"1280x720"']),
    ("[video]", "[video]\nbitrate = 1.5", "video.bitrate", ['"1.5Mbps"', "1500000"]),
    ("[video]", "[video]\nbitrate = true", "video.bitrate", ['"1.5Mbps"']),
    ('background = "#1A1A1A"', 'background = "black"', "video.background", ['"#RRGGBB"']),
    ("[video]", "[video]\ninput_timeout = true", "video.input_timeout", ['"500ms"']),
    ("[record]", "[record]\ncamera_off_color = 3", "record.camera_off_color", ['"#RRGGBB"']),
    ("[record]", "[record]\nmute_split = true", "record.mute_split", ['"90s"', "seconds"]),
    (
        "[record]",
        '[record]\nclient_task_id = "x"\nsound_wave = 1',
        "record.sound_wave",
        ["must be"],
    ),
    ('provider = "s3"', 'provider = "amazn"', "storage.provider", ['did you mean "s3"']),
    ('provider = "s3"', 'provider = "aliyun-os"', "storage.provider", ['did you mean "oss"']),
    ('provider = "s3"', 'provider = "qinu"', "storage.provider", ['did you mean "kodo"']),
    ('provider = "s3"', 'provider = "Huawei-OBS-"', "storage.provider", ['did you mean "obs"']),
    ('provider = "s3"', 'provider = "tencnet"', "storage.provider", ['did you mean "cos"']),
]


@pytest.mark.parametrize(("old", "new", "key", "words"), CASES)
def test_one_finding_per_key_with_the_accepted_forms(
    old: str, new: str, key: str, words: list[str]
) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    found = [d for d in compile_file("s.toml", text=text, env={}).diagnostics if d.rule == "RS802"]
    assert len(found) == 1, [d.message for d in found]
    message = found[0].message
    assert f"`{key}`" in message
    for word in words:
        assert word in message, message
    for internal in (".int", ".str", "function-after", "Input should", "literal["):
        assert internal not in message, message
    line = text.splitlines()[found[0].line - 1]
    assert line.split("=")[0].strip() == key.rsplit(".", 1)[-1], (line, message)


ALIASES = [
    ("aws", "s3", "us-east-1"),
    ("S3", "s3", "us-east-1"),
    ("Amazon S3", "s3", "us-east-1"),
    ("aliyun", "oss", "oss-cn-hangzhou"),
    ("Alibaba Cloud OSS", "oss", "oss-cn-hangzhou"),
    ("OSS", "oss", "oss-cn-hangzhou"),
    ("tencent", "cos", "ap-beijing"),
    ("qiniu", "kodo", "z0"),
    ("huawei", "obs", "cn-north-4"),
    ("Huawei_Cloud_OBS", "obs", "cn-north-4"),
]


@pytest.mark.parametrize(("typed", "meant", "region"), ALIASES)
def test_provider_aliases_and_any_case_compile_like_the_spec_name(
    typed: str, meant: str, region: str
) -> None:
    spec = GOOD.replace('region = "us-east-1"', f'region = "{region}"')
    aliased = compile_file(
        "s.toml", text=spec.replace('provider = "s3"', f'provider = "{typed}"'), env={}
    )
    named = compile_file(
        "s.toml", text=spec.replace('provider = "s3"', f'provider = "{meant}"'), env={}
    )
    assert aliased.diagnostics == named.diagnostics
    assert aliased.payload == named.payload is not None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('resolution = "720p"', 'resolution = "720P"'),
        ('format = "mp4"', 'format = "MP4"'),
        ('media = "audio+video"', 'media = "Audio+Video"'),
        ('preset = "grid"', 'preset = "Grid"'),
        ('preset = "grid"', 'preset = "Speaker"\nstrip = " Left "'),
    ],
)
def test_names_are_read_case_insensitively(old: str, new: str) -> None:
    """Each spelling compiles exactly as its lower-case, trimmed form does."""
    assert old in GOOD
    lower = re.sub(r'"\s*([^"]*?)\s*"', lambda m: f'"{m[1].lower()}"', new)
    upper = compile_file("s.toml", text=GOOD.replace(old, new, 1), env={})
    assert upper.diagnostics == []
    assert upper.payload == compile_file("s.toml", text=GOOD.replace(old, lower, 1), env={}).payload


def test_compile_of_many_specs_prints_one_honest_summary(tmp_path: Path) -> None:
    import subprocess
    import sys

    for name, text in (("a", GOOD), ("b", GOOD), ("c", GOOD.replace("fps = 15", "fps = 60"))):
        (tmp_path / f"{name}.toml").write_text(text)
    (tmp_path / "d.json").write_text("{}")

    def compile_all() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "recspec", "compile", "--no-cache", "a.toml", "b.toml",
             "c.toml", "d.json", "--out-dir", "out"],
            cwd=tmp_path, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    first = compile_all()
    assert first.returncode == 1
    assert first.stderr.count("checked") == 1 and "Found" not in first.stderr
    assert (
        "4 specs checked: 2 written, 0 unchanged, 2 refused (1 error, 0 warnings)." in first.stderr
    )
    second = compile_all()
    assert "4 specs checked: 0 written, 2 unchanged, 2 refused" in second.stderr
