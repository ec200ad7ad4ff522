"""Issue 13's table: bad specs, each with the line the finding must be on (given by its text),
the spec key the message must name, and no payload field names or validator union branches in
any message. Every provider's required fields, every unit kind, ranges, no-op keys, typos."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recspec.compiler import compile_file

LEGACY = 'version = 1\n\n[room]\nid = "r1"\napp_id = 1\naccess_token = "${env:TOK:-abcdefgh}"\n'
V2 = 'version = 1\ntarget = "v2"\n\n[room]\nid = "r1"\n'
OSS = (
    '[storage]\nprovider = "oss"\nregion = "oss-cn-hangzhou"\nbucket = "b"\n'
    'access_key_id = "${env:A:-aaaaa}"\naccess_key_secret = "${env:B:-bbbbbbb}"\n'
)
GRID = '[layout]\npreset = "grid"\nstreams = ["a", "b"]\n'
#: body words a spec writer never typed, and validator internals
PAYLOAD_WORDS = re.compile(
    r"\b(storage_provider|bucket_name|record_mode|stream_type|mix_config|storage_params|"
    r"aliyun_vod_params|tencentyun_vod_params|record_input_params|record_output_params|"
    r"secret_key|end_point|mix_output_video_config|mix_input_list|output_file_format|"
    r"max_idle_time|max_record_time|Vendor|StorageParams|RecordInputParams)\b"
    r"|\.int\b|\.str\b|function-after|Input should|literal\["
)


def _storage(provider: str, **keys: str) -> str:
    lines = [f'[storage]\nprovider = "{provider}"']
    lines += [f'{key} = "{value}"' for key, value in keys.items()]
    return "\n".join(lines) + "\n"


KEYS = {"access_key_id": "${env:A:-aaaaa}", "access_key_secret": "${env:B:-bbbbbbb}"}

# (name, spec text, rule, text of the line the finding is on, spec key the message names)
CASES: list[tuple[str, str, str, str, str]] = [
    # every provider's required fields
    *[
        (
            f"{p}-no-bucket",
            LEGACY + _storage(p, region="r", **KEYS),
            "RS701",
            f'provider = "{p}"',
            "storage.bucket",
        )
        for p in ("s3", "oss", "cos", "kodo", "obs")
    ],
    (
        "s3-no-key-id",
        LEGACY + _storage("s3", region="r", bucket="b", access_key_secret="${env:B:-bbbbbbb}"),
        "RS701",
        'provider = "s3"',
        "storage.access_key_id",
    ),
    (
        "oss-no-region",
        LEGACY + _storage("oss", bucket="b", **KEYS),
        "RS701",
        'provider = "oss"',
        "storage.region",
    ),
    (
        "gcs-no-bucket",
        V2 + _storage("gcs", **KEYS),
        "RS701",
        'provider = "gcs"',
        "storage.bucket",
    ),
    (
        "eos-no-region",
        V2 + _storage("eos", bucket="b", **KEYS),
        "RS701",
        'provider = "eos"',
        "storage.region",
    ),
    (
        "s3-compatible-no-endpoint",
        V2 + _storage("s3-compatible", region="r", bucket="b", **KEYS),
        "RS701",
        'provider = "s3-compatible"',
        "storage.endpoint",
    ),
    (
        "aliyun-vod-no-secret",
        LEGACY + _storage("aliyun-vod", region="cn-shanghai", access_key_id="${env:A:-aaaaa}"),
        "RS702",
        'provider = "aliyun-vod"',
        "storage.access_key_secret",
    ),
    (
        "tencent-vod-no-secret",
        LEGACY + _storage("tencent-vod", region="ap-beijing", access_key_id="${env:A:-aaaaa}"),
        "RS703",
        'provider = "tencent-vod"',
        "storage.access_key_secret",
    ),
    # every unit kind
    ("bitrate", LEGACY + GRID + "[video]\nbitrate = 1.5\n" + OSS, "RS802", "bitrate = 1.5", "video.bitrate"),
    ("audio-bitrate", LEGACY + GRID + '[video]\naudio_bitrate = "loud"\n' + OSS, "RS802", 'audio_bitrate = "loud"', "video.audio_bitrate"),
    ("fps-unit", LEGACY + GRID + '[video]\nfps = "30fps"\n' + OSS, "RS802", 'fps = "30fps"', "video.fps"),
    ("resolution", LEGACY + GRID + '[video]\nresolution = "720x"\n' + OSS, "RS802", 'resolution = "720x"', "video.resolution"),
    ("duration", LEGACY + "[record]\nmax_idle = true\n" + OSS, "RS802", "max_idle = true", "record.max_idle"),
    ("duration-words", LEGACY + '[record]\nmax_duration = "two hours"\n' + OSS, "RS802", 'max_duration = "two hours"', "record.max_duration"),
    ("colour", LEGACY + GRID + '[video]\nbackground = "red"\n' + OSS, "RS802", 'background = "red"', "video.background"),
    ("gap", LEGACY + GRID + 'gap = "8px"\n' + OSS, "RS802", 'gap = "8px"', "layout.gap"),
    ("streams", LEGACY + '[layout]\npreset = "grid"\nstreams = "a"\n' + OSS, "RS802", 'streams = "a"', "layout.streams"),
    ("ratio", LEGACY + GRID + '[whiteboard]\nratio = "16/9"\n' + OSS, "RS802", 'ratio = "16/9"', "whiteboard.ratio"),
    ("milliseconds", V2 + GRID + '[video]\ninput_timeout = "soon"\n' + OSS, "RS802", 'input_timeout = "soon"', "video.input_timeout"),
    ("flag", LEGACY + '[record]\nfill_blank = "yes"\n' + OSS, "RS802", 'fill_blank = "yes"', "record.fill_blank"),
    ("enum", LEGACY + '[record]\nmode = "mixd"\n' + OSS, "RS802", 'mode = "mixd"', "record.mode"),
    ("provider-not-a-name", LEGACY + _storage("s3", region="r", bucket="b", **KEYS).replace('"s3"', "3"), "RS802", "provider = 3", "storage.provider"),
    ("preset-not-a-name", LEGACY + '[layout]\npreset = 7\nstreams = ["a"]\n' + OSS, "RS802", "preset = 7", "layout.preset"),
    ("provider-typo", LEGACY + _storage("amazn", region="r", bucket="b", **KEYS), "RS802", 'provider = "amazn"', "storage.provider"),
    # ranges
    ("fps-range", LEGACY + GRID + "[video]\nfps = 60\n" + OSS, "RS305", "fps = 60", "video.fps"),
    ("canvas-range", LEGACY + GRID + '[video]\nresolution = "2560x1440"\n' + OSS, "RS303", 'resolution = "2560x1440"', "video.resolution"),
    ("bitrate-range", LEGACY + GRID + '[video]\nbitrate = "100Mbps"\n' + OSS, "RS311", 'bitrate = "100Mbps"', "video.bitrate"),
    ("gap-range", LEGACY + GRID + "gap = 2000\n" + OSS, "RS807", "gap = 2000", "gap"),
    ("margin-range", LEGACY + GRID + "margin = 400\n" + OSS, "RS807", "margin = 400", "margin"),
    ("too-many-streams", LEGACY + '[layout]\npreset = "grid"\ntiles = 30\n' + OSS, "RS807", "tiles = 30", "tiles"),
    ("preset-typo", LEGACY + '[layout]\npreset = "gird"\nstreams = ["a"]\n' + OSS, "RS807", 'preset = "gird"', "grid"),
    # keys that do nothing
    ("corner-with-speaker", LEGACY + GRID.replace("grid", "speaker") + 'corner = "top-left"\n' + OSS, "RS809", 'corner = "top-left"', "layout.corner"),
    ("strip-with-grid", LEGACY + GRID + 'strip = "left"\n' + OSS, "RS809", 'strip = "left"', "layout.strip"),
    ("title-with-oss", LEGACY + OSS + 'title = "lecture"\n', "RS809", 'title = "lecture"', "storage.title"),
    ("sub-app-with-oss", LEGACY + OSS + "sub_app_id = 12\n", "RS809", "sub_app_id = 12", "storage.sub_app_id"),
    ("video-in-single-mode", LEGACY + "[video]\nfps = 20\n" + OSS, "RS809", "[video]", "[video]"),
    ("layout-with-single-mode", LEGACY + '[record]\nmode = "single"\n' + GRID + OSS, "RS809", "[layout]", "[layout]"),
    ("layout-audio-only", LEGACY + '[record]\nmedia = "audio"\n' + GRID + OSS, "RS809", "[layout]", 'media = "audio+video"'),
    # typos and structure
    ("unknown-key", LEGACY + GRID + "[video]\nfsp = 20\n" + OSS, "RS801", "fsp = 20", "video.fsp"),
    ("unknown-table", LEGACY + "[vidoe]\nfps = 20\n" + OSS, "RS801", "[vidoe]", "vidoe"),
    ("missing-room-id", 'version = 1\n\n[room]\napp_id = 1\naccess_token = "t"\n' + OSS, "RS806", "[room]", "room.id"),
    ("snapshot-audio", LEGACY + '[record]\nmedia = "audio"\n[output]\nformat = "jpg"\n' + OSS, "RS604", 'format = "jpg"', 'media'),
    ("unknown-suppression", LEGACY + GRID + "[video]\nfps = 20  # recspec: ignore[RS3O5]\n" + OSS, "RS811", "fps = 20  # recspec: ignore[RS3O5]", "RS3O5"),
]  # fmt: skip


def _line_of(text: str, wanted: str) -> int:
    lines = text.splitlines()
    assert lines.count(wanted) == 1, (wanted, text)
    return lines.index(wanted) + 1


@pytest.mark.parametrize(("name", "text", "rule", "line", "key"), CASES, ids=[c[0] for c in CASES])
def test_bad_spec_is_reported_in_spec_words_at_its_line(
    name: str, text: str, rule: str, line: str, key: str
) -> None:
    compiled = compile_file("s.toml", text=text, env={})
    found = [d for d in compiled.diagnostics if d.rule == rule]
    assert found, [(d.rule, d.line, d.message) for d in compiled.diagnostics]
    assert key in found[0].message, found[0].message
    assert found[0].line == _line_of(text, line), (found[0].line, found[0].message)
    for diagnostic in compiled.diagnostics:
        assert not PAYLOAD_WORDS.search(diagnostic.message), diagnostic.message
        assert diagnostic.line > 1 or diagnostic.rule == "RS806", diagnostic


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 40


def test_a_typo_a_unit_error_and_a_range_error_in_one_run() -> None:
    text = LEGACY + GRID + '[video]\nfsp = 20\nfps = 60\nbitrate = "fast"\n' + OSS
    found = {d.rule: d for d in compile_file("s.toml", text=text, env={}).diagnostics}
    assert {"RS801", "RS802", "RS305"} <= found.keys(), found
    assert found["RS801"].line == _line_of(text, "fsp = 20")
    assert found["RS802"].line == _line_of(text, 'bitrate = "fast"')
    assert found["RS305"].line == _line_of(text, "fps = 60")


def test_a_missing_table_names_the_table_to_add() -> None:
    found = compile_file("s.toml", text=LEGACY, env={}).diagnostics
    assert [d.rule for d in found] == ["RS806"]
    assert "[storage]" in found[0].message and "provider" in found[0].message


def test_a_value_error_underlines_the_value() -> None:
    text = LEGACY + GRID + '[video]\nfps = "30fps"\n' + OSS
    (found,) = [d for d in compile_file("s.toml", text=text, env={}).diagnostics]
    assert (found.column, found.end_column) == (1, len('fps = "30fps"') + 1)


def test_a_base_problem_is_reported_in_the_base_naming_the_spec(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "specs" / "team").mkdir(parents=True)
    base = "version = 1\n\n[video]\nfps = 60\n\n" + OSS
    (tmp_path / "shared" / "base.toml").write_text(base)
    spec = tmp_path / "specs" / "team" / "a.toml"
    spec.write_text(
        'version = 1\nextends = "../../shared/base.toml"\n\n[room]\nid = "r1"\napp_id = 1\n'
        'access_token = "${env:T:-abcdefgh}"\n\n' + GRID
    )
    (found,) = compile_file(spec, env={}).diagnostics
    assert (found.rule, found.line) == ("RS305", _line_of(base, "fps = 60"))
    assert Path(found.file) == tmp_path / "shared" / "base.toml"
    assert ".." not in found.file
    assert f"inherited by {spec}" in found.message


def test_a_suppressed_value_error_still_fails_the_spec_built_around_it() -> None:
    """The spec is built without the failed key to report more problems; a comment must not
    turn that partial build into a written payload with the key silently left out."""
    text = LEGACY + GRID + '[video]\nfps = "abc"  # recspec: ignore[RS802]\n' + OSS
    compiled = compile_file("s.toml", text=text, env={})
    assert [d.rule for d in compiled.diagnostics if not d.suppressed] == ["RS802"]
    assert compiled.payload is None
