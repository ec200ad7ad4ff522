"""Properties of the whole pipeline over generated valid specs (hypothesis).

For any spec built from valid choices: compiling is deterministic, the payload validates against
the strict pydantic models, and linting it finds no error — a compiled payload is lint-clean by
construction.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from recspec.batch import payload_bytes
from recspec.compiler import compile_file
from recspec.diagnostics import Severity
from recspec.payload.models import StartPayload
from recspec.payload.shape import canonical
from recspec.rules import check_payload

PROVIDERS = {
    "s3": 'region = "us-east-1"\nbucket = "b"\naccess_key_id = "${env:K:-AKIAEXAMPLE}"\n'
    'access_key_secret = "${env:S:-secret}"\n',
    "oss": 'region = "oss-cn-hangzhou"\nbucket = "b"\naccess_key_id = "${env:K:-LTAIX}"\n'
    'access_key_secret = "${env:S:-secret}"\n',
    "cos": 'region = "ap-beijing"\nbucket = "b-1250000000"\naccess_key_id = "${env:K:-AKIDX}"\n'
    'access_key_secret = "${env:S:-secret}"\n',
    "kodo": 'region = "z0"\nbucket = "b"\naccess_key_id = "${env:K:-QX}"\naccess_key_secret = "${env:S:-s}"\n',
    "obs": 'region = "cn-north-4"\nbucket = "b"\naccess_key_id = "${env:K:-OX}"\naccess_key_secret = "${env:S:-s}"\n',
    "aliyun-vod": 'region = "cn-shanghai"\naccess_key_id = "${env:K:-LTAIX}"\naccess_key_secret = "${env:S:-s}"\n'
    'title = "t"\nstorage_location = "x.oss-cn-shanghai.aliyuncs.com"\n',
    "tencent-vod": 'region = "ap-shanghai"\naccess_key_id = "${env:K:-AKIDX}"\naccess_key_secret = "${env:S:-s}"\n',
}
RESOLUTIONS = [
    "360p",
    "480p",
    "540p",
    "720p",
    "1080p",
    "1080x1920",
    "720x1280",
    "640x480",
    "1280x720",
]
COMPUTED = ["grid", "speaker", "pip", "side-by-side", "stack", "presentation"]
SERVER = ["zego-grid", "zego-horizontal", "zego-vertical", "zego-floating"]


@st.composite
def specs(draw: st.DrawFn) -> str:
    provider = draw(st.sampled_from(sorted(PROVIDERS)))
    vod = provider.endswith("-vod")
    mixed = draw(st.booleans())
    lines = [
        "version = 1",
        "[room]",
        f'id = "{draw(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True))}"',
        'app_id = "${env:ZEGO_APP_ID:-1234567890}"',
        'access_token = "${env:ZEGO_ACCESS_TOKEN:-dev-token}"',
        "[record]",
        f'mode = "{"mixed" if mixed else "single"}"',
        f'max_idle = "{draw(st.integers(5, 3600))}s"',
        f"max_duration = {draw(st.integers(300, 86400))}",
    ]
    if draw(st.booleans()):
        lines.append(f"fill_blank = {str(mixed).lower()}")
    if mixed:
        preset = draw(st.sampled_from(COMPUTED + SERVER))
        count = draw(st.integers(1, 9))
        streams = ", ".join(f'"s{i}"' for i in range(count))
        lines += ["[layout]", f'preset = "{preset}"']
        if preset in COMPUTED:
            lines.append(f"streams = [{streams}]")
            lines.append(f"gap = {draw(st.sampled_from([0, 2, 4, 8]))}")
            lines.append(f'fit = "{draw(st.sampled_from(["crop", "fit"]))}"')
        lines += [
            "[video]",
            f'resolution = "{draw(st.sampled_from(RESOLUTIONS))}"',
            f"fps = {draw(st.sampled_from([15, 30]))}",
        ]
        if draw(st.booleans()):
            lines.append(f'background = "#{draw(st.integers(0, 0xFFFFFF)):06X}"')
        optional = {
            "background_image": '"https://cdn.example.com/bg.png"',
            "watermark": '"https://cdn.example.com/logo.png"',
            "placeholder_image": '"https://cdn.example.com/away.png"',
            "audio_bitrate": '"64kbps"',
            "stream_id": '"custom-mix"',
        }
        for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
            lines.append(f"{key} = {optional[key]}")
        if preset in SERVER[1:] and draw(st.booleans()):
            lines.insert(lines.index("[video]"), 'focus = "s0"')
    formats = ["mp4", "flv"] if vod else ["mp4", "flv", "hls"] + ([] if mixed else ["jpg"])
    output = draw(st.sampled_from(formats))
    lines += ["[output]", f'format = "{output}"', 'folder = "rec/"']
    if output == "jpg":
        lines.append(f'snapshot_interval = "{draw(st.integers(5, 3600))}s"')
    lines += ["[storage]", f'provider = "{provider}"', PROVIDERS[provider]]
    return "\n".join(lines) + "\n"


@settings(max_examples=120, deadline=None)
@given(specs())
def test_generated_specs_compile_deterministically_to_valid_lint_clean_payloads(text: str) -> None:
    first = compile_file(text=text, env={})
    errors = [d for d in first.diagnostics if d.severity is Severity.ERROR]
    assert not errors, [(d.rule, d.message) for d in errors]
    assert first.payload is not None
    second = compile_file(text=text, env={})
    assert second.payload is not None
    assert payload_bytes(first.payload, False) == payload_bytes(second.payload, False)
    StartPayload.model_validate(first.payload)  # strict models accept it
    # Fields come out in the models' (the reference's) order without a reordering pass.
    assert json.dumps(first.payload) == json.dumps(canonical(first.payload))
    assert not [
        (rule.code, found.message)
        for rule, found in check_payload(json.loads(json.dumps(first.payload)))
        if rule.severity is Severity.ERROR
    ]


#: Valid keys that may or may not do something where they land: warnings included, every
#: finding must sit on its key or its table's header.
EXTRAS = {
    "layout": ['corner = "top-left"', 'strip = "left"', "max_rows = 2", 'tile_aspect = "4:3"'],
    "video": ['bitrate = "9Mbps"', 'bitrate = "200kbps"', "fps = 5", 'resolution = "360p"'],
    "storage": ['title = "t"', "sub_app_id = 12", 'endpoint = "https://s3.example.com"'],
    "record": ["fill_blank = true", 'camera_off = "color"', 'mute_audio = "drop"'],
}


def _with_extras(text: str, extras: list[tuple[str, str]]) -> str:
    lines = text.splitlines()
    for table, line in extras:
        header = f"[{table}]"
        if header not in lines:
            lines += [header]
        key = line.split("=")[0].strip()
        at = lines.index(header) + 1
        lines = [
            existing
            for index, existing in enumerate(lines)
            if not (index >= at and existing.split("=")[0].strip() == key)
        ]  # one definition per key: a later table of the same key is a different table's
        lines.insert(lines.index(header) + 1, line)
    return "\n".join(lines) + "\n"


_EXTRA = st.sampled_from([(table, line) for table, items in EXTRAS.items() for line in items])


@settings(max_examples=150, deadline=None)
@given(specs(), st.lists(_EXTRA, max_size=3, unique_by=lambda e: e[1].split("=")[0]))
def test_every_finding_is_on_its_key_or_its_table_header(
    text: str, extras: list[tuple[str, str]]
) -> None:
    text = _with_extras(text, extras)
    lines = text.splitlines()
    for found in compile_file(text=text, env={}).diagnostics:
        assert found.spec_path, found
        steps = found.spec_path.split(".")
        key = next(step for step in reversed(steps) if not step.isdigit())
        line = lines[found.line - 1].strip()
        on_key = line.split("=")[0].strip() == key
        on_header = line.startswith("[") and line.strip("[]").split(".")[0] == steps[0]
        assert on_key or on_header, (found.rule, found.message, found.line, line)
