"""Findings on specs in the spec's words, at the spec's lines (issue 13): a table of bad specs,
each with the line expected, the spec key the message names, and no payload field names or
validator union branches in the message."""

from __future__ import annotations

import re

import pytest

from recspec.compiler import compile_file

HEAD = """version = 1

[room]
id = "r1"
app_id = 1
access_token = "${env:TOK:-abcdefgh}"
"""
STORAGE = """[storage]
provider = "oss"
region = "oss-cn-hangzhou"
bucket = "b"
access_key_id = "${env:A:-aaaaa}"
access_key_secret = "${env:B:-bbbbbbb}"
"""
#: body words a spec writer never typed
PAYLOAD_WORDS = re.compile(
    r"\b(storage_provider|bucket_name|record_mode|stream_type|mix_config|"
    r"storage_params|aliyun_vod_params|tencentyun_vod_params|record_input_params|"
    r"secret_key|end_point|mix_output_video_config)\b|\.int\b|\.str\b"
)


def _missing(provider: str) -> str:
    return f"""[storage]
provider = "{provider}"
region = "r"
access_key_id = "${{env:A:-aaaaa}}"
access_key_secret = "${{env:B:-bbbbbbb}}"
"""


def _vod(provider: str) -> str:
    return f"""[storage]
provider = "{provider}"
region = "cn-shanghai"
access_key_id = "${{env:A:-aaaaa}}"
"""


# (name, body after HEAD, rule, line, spec key named in the message)
CASES = [
    *[
        (f"missing-{p}", _missing(p), "RS701", 9, "storage.bucket")
        for p in ("s3", "oss", "cos", "kodo", "obs")
    ],
    ("missing-aliyun-vod", _vod("aliyun-vod"), "RS702", 10, "storage.access_key_secret"),
    ("missing-tencent-vod", _vod("tencent-vod"), "RS703", 11, "storage.access_key_secret"),
    ("bitrate", "[video]\nbitrate = 1.5\n\n" + STORAGE, "RS802", 9, "video.bitrate"),
    ("fps-unit", '[video]\nfps = "30fps"\n\n' + STORAGE, "RS802", 9, "video.fps"),
    ("resolution", '[video]\nresolution = "720x"\n\n' + STORAGE, "RS802", 9, "video.resolution"),
    ("duration", "[record]\nmax_idle = true\n\n" + STORAGE, "RS802", 9, "record.max_idle"),
    ("colour", '[video]\nbackground = "red"\n\n' + STORAGE, "RS802", 9, "video.background"),
    (
        "gap",
        '[layout]\npreset = "grid"\nstreams = ["a", "b"]\ngap = "8px"\n\n' + STORAGE,
        "RS802",
        11,
        "layout.gap",
    ),
    (
        "streams",
        '[layout]\npreset = "grid"\nstreams = "a"\n\n' + STORAGE,
        "RS802",
        10,
        "layout.streams",
    ),
    ("provider-alias", STORAGE.replace('"oss"', '"aws"'), "RS802", 9, "storage.provider"),
]


@pytest.mark.parametrize(("name", "body", "rule", "line", "key"), CASES, ids=[c[0] for c in CASES])
def test_bad_spec_speaks_the_spec(name: str, body: str, rule: str, line: int, key: str) -> None:
    compiled = compile_file(text=HEAD + "\n" + body, env={})
    found = [d for d in compiled.diagnostics if d.rule == rule and key in d.message]
    assert found, [(d.rule, d.line, d.message) for d in compiled.diagnostics]
    for diagnostic in compiled.diagnostics:
        assert not PAYLOAD_WORDS.search(diagnostic.message), diagnostic.message
    assert found[0].line == line


def test_payload_escape_hatch_keeps_payload_names() -> None:
    from recspec.spec.phrasing import spec_message

    message = "storage_provider 1 (Amazon S3) needs bucket_name; bucket_name is missing"
    assert spec_message(message, {}, ("payload", "storage_params")) == message
    spoken = spec_message(message, {}, ("storage", "provider"))
    assert spoken == (
        '`storage.provider` "s3" (Amazon S3) needs `storage.bucket`; `storage.bucket` is missing'
    )


def test_mode_and_media_are_named_in_spec_values() -> None:
    from recspec.spec.phrasing import spec_message

    assert spec_message("set record_mode to 2", {}, ("record",)) == (
        'set `mode = "mixed"` in [record]'
    )
    assert spec_message("use stream_type 2 or 3", {}, ("record",)) == (
        'use `record.media` "video" or "audio+video"'
    )
