"""Every rule as a spec writer meets it: a bad spec, a good spec, and the message recspec prints.

Rules are written once, against the start body; their own examples are body fragments. A person
who writes TOML specs should see the rule in spec keys, so each rule also has a spec form: an
edit of one base spec (`EDITS`, in spec keys), or, for a body field no spec key sets, the same
fragment through the `[payload]` escape hatch. The message is never written here: it is what
compiling the bad spec prints, so the docs cannot drift from the product.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from recspec.rules.base import Rule

BASE: dict[str, Any] = {
    "version": 1,
    "room": {
        "id": "class-101",
        "app_id": "${env:ZEGO_APP_ID:-1234567890}",
        "access_token": "${env:ZEGO_ACCESS_TOKEN:-dev-token}",
    },
    "layout": {"preset": "grid", "streams": ["alice", "bob"]},
    "storage": {
        "provider": "s3",
        "region": "us-east-1",
        "bucket": "recordings",
        "access_key_id": "${env:AWS_ACCESS_KEY_ID:-AKIAEXAMPLE}",
        "access_key_secret": "${env:AWS_SECRET_ACCESS_KEY:-example-secret}",
    },
}
_V2 = {"target": "v2", "room": {"app_id": None, "access_token": None}}
_SINGLE = {"record": {"mode": "single"}, "layout": None}
_VOD_KEYS = {"bucket": None, "access_key_id": "${env:VOD_ID:-id}"}

#: (bad edit, good edit) of BASE in spec keys; None deletes a key or table.
EDITS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "RS101": ({"room": {"app_id": None}}, {}),
    "RS106": ({"room": {"app_id": "1180591620717411303424"}}, {}),
    "RS109": ({"record": {"client_task_id": "t-1"}}, {**_V2, "record": {"client_task_id": "t-1"}}),
    "RS110": ({"room": {"access_token": ""}}, {}),
    "RS201": ({"record": {"max_idle": 2}}, {"record": {"max_idle": "60s"}}),
    "RS202": ({"record": {"max_duration": "48h"}}, {"record": {"max_duration": "24h"}}),
    "RS204": ({"payload": {"record_input_params": {"record_mode": 1}}}, _SINGLE),
    "RS205": ({"record": {"streams": ["alice"]}}, {}),
    "RS206": (
        {**_SINGLE, "record": {"mode": "single", "streams": ["alice", "alice"]}},
        {**_SINGLE, "record": {"mode": "single", "streams": ["alice", "bob"]}},
    ),
    "RS207": (
        {**_SINGLE, "record": {"mode": "single", "camera_off": "color"}},
        {"record": {"camera_off": "color"}},
    ),
    "RS210": ({"record": {"mute_audio": "drop"}}, {}),
    "RS211": ({"record": {"mute_split": "10s"}}, {}),
    "RS212": (
        {
            **_SINGLE,
            "record": {"mode": "single", "media": "audio", "mute_split": "10s"},
            "output": {"format": "mp3"},
        },
        {
            **_SINGLE,
            "record": {
                "mode": "single",
                "media": "audio",
                "mute_split": "10s",
                "mute_audio": "drop",
            },
            "output": {"format": "mp3"},
        },
    ),
    "RS214": (
        {**_SINGLE, "record": {"mode": "single", "media": "video", "fill_blank": True}},
        {"record": {"fill_blank": True}},
    ),
    "RS215": ({**_V2, "record": {"resume_without_interruption": True}}, _V2),
    "RS303": ({"video": {"resolution": "2560x1440"}}, {"video": {"resolution": "1080p"}}),
    "RS304": ({"video": {"resolution": "1920x1920"}}, {"video": {"resolution": "1080x1920"}}),
    "RS305": ({"video": {"fps": 60}}, {"video": {"fps": 30}}),
    "RS306": ({"video": {"bitrate": 0}}, {"video": {"bitrate": "1.5Mbps"}}),
    "RS307": ({"video": {"audio_bitrate": -1}}, {"video": {"audio_bitrate": "64kbps"}}),
    "RS309": (
        {"video": {"background_image": "file:///srv/bg.png"}},
        {"video": {"background_image": "https://cdn.example.com/bg.png"}},
    ),
    "RS311": ({"video": {"bitrate": "200kbps"}}, {"video": {"bitrate": "1.2Mbps"}}),
    "RS312": (
        {"video": {"resolution": "1280x721"}, "layout": {"align": 1}},
        {"video": {"resolution": "1280x720"}, "layout": {"align": 1}},
    ),
    "RS402": (
        {"payload": {"record_input_params": {"mix_config": {"mix_mode": 2}}}},
        {"layout": {"preset": "zego-grid"}},
    ),
    "RS603": ({"output": {"snapshot_interval": "10s"}}, {}),
    "RS604": (
        {**_SINGLE, "record": {"mode": "single", "media": "audio"}, "output": {"format": "jpg"}},
        {**_SINGLE, "record": {"mode": "single", "media": "video"}, "output": {"format": "jpg"}},
    ),
    "RS605": (
        {"output": {"callback_url": "example.com/zego/callback"}},
        {"output": {"callback_url": "https://example.com/zego/callback"}},
    ),
    "RS606": (
        {"record": {"media": "separate"}, "output": {"format": "hls"}},
        {"record": {"media": "separate"}, "output": {"format": "mp4"}},
    ),
    "RS701": ({"storage": {"bucket": None}}, {}),
    "RS702": (
        {
            "storage": {
                "provider": "aliyun-vod",
                "region": "cn-shanghai",
                **_VOD_KEYS,
                "access_key_secret": None,
            }
        },
        {
            "storage": {
                "provider": "aliyun-vod",
                "region": "cn-shanghai",
                **_VOD_KEYS,
                "title": "lecture",
                "storage_location": "x.oss-cn-shanghai.aliyuncs.com",
            }
        },
    ),
    "RS703": (
        {
            "storage": {
                "provider": "tencent-vod",
                "region": "ap-shanghai",
                **_VOD_KEYS,
                "access_key_secret": None,
            }
        },
        {"storage": {"provider": "tencent-vod", "region": "ap-shanghai", **_VOD_KEYS}},
    ),
    "RS704": (
        {
            "storage": {"provider": "tencent-vod", "region": "ap-shanghai", **_VOD_KEYS},
            "output": {"format": "hls"},
        },
        {
            "storage": {"provider": "tencent-vod", "region": "ap-shanghai", **_VOD_KEYS},
            "output": {"format": "mp4"},
        },
    ),
    "RS706": (
        {"storage": {"provider": "oss", "region": "cn-hangzhou"}},
        {"storage": {"provider": "oss", "region": "oss-cn-hangzhou"}},
    ),
    "RS707": (
        {"storage": {"provider": "cos", "region": "ap-beijing"}},
        {"storage": {"provider": "cos", "region": "ap-beijing", "bucket": "rec-1250000000"}},
    ),
}

#: Rules no spec can trigger, and why: recspec writes that part of the body itself.
UNREACHABLE: dict[str, str] = {
    "RS107": "a spec always compiles to a JSON object",
    "RS203": "recspec always writes mix_config in mixed mode",
    "RS301": "recspec always writes mix_output_stream_id (from [video] stream_id or the room id)",
    "RS302": "recspec always writes the canvas from [video] resolution",
    "RS401": "a computed preset always writes its views",
    "RS105": "TOML itself refuses a key defined twice, so a spec gets RS100 (invalid syntax)",
    "RS404": "recspec refuses `focus` with a whiteboard on ZEGO's own layouts (RS807 at "
    "layout.focus) before the body is written",
}


@dataclass(frozen=True)
class SpecForm:
    """A rule in spec terms: the specs, and what the bad one prints (None: no spec can)."""

    bad: str
    good: str
    message: str | None
    unreachable: str = ""
    #: what the bad and good specs change in the example spec (BASE), for the docs
    bad_excerpt: str = ""
    good_excerpt: str = ""


def spec_form(rule: Rule) -> SpecForm | None:
    """The rule's spec form; None for rules about other files (configuration). Complete
    specs (to compile) and excerpts (what they change in the example spec, to read)."""
    if rule.kind == "config":
        return None
    if rule.code in UNREACHABLE:
        return SpecForm("", "", None, UNREACHABLE[rule.code])
    if rule.kind == "spec":
        bad, good = str(rule.bad), str(rule.good)
        return SpecForm(bad, good, _message(rule, bad), "", bad, good)
    if rule.kind == "file":  # the rule's own examples are JSON; a spec breaks as TOML does
        good = toml_text(BASE)
        bad = good.replace("[layout]", "[layout")
        return SpecForm(bad, good, _message(rule, bad), "", "[layout\n", "[layout]\n")
    if rule.code in EDITS:
        bad_spec, good_spec = (_edited(BASE, edit) for edit in EDITS[rule.code])
    else:
        bad_spec, good_spec = _through_payload(rule, rule.bad), _through_payload(rule, rule.good)
    bad = toml_text(bad_spec)
    return SpecForm(
        bad,
        toml_text(good_spec),
        _message(rule, bad),
        "",
        _excerpt(bad_spec),
        _excerpt(good_spec),
    )


def _through_payload(rule: Rule, fragment: Any) -> dict[str, Any]:
    """BASE with `fragment` (canonical names) in `[payload]`, in the names of its dialect."""
    from recspec.dialect.names import write

    spec = _edited(BASE, _V2) if rule.dialect == "v2" else _edited(BASE, {})
    fragment = _without_nulls(fragment)  # TOML has no null: a key left out stays as compiled
    spec["payload"] = write(fragment, rule.dialect) if rule.dialect == "v2" else fragment
    return spec


def _without_nulls(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_nulls(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_without_nulls(item) for item in node]
    return node


def _excerpt(spec: dict[str, Any]) -> str:
    """What `spec` changes in BASE: the tables it adds or edits, and what it removes."""
    changed: dict[str, Any] = {}
    removed: list[str] = []
    for key in BASE.keys() | spec.keys():
        old, new = BASE.get(key), spec.get(key)
        if new == old:
            continue
        if new is None:
            removed.append(f"[{key}]" if isinstance(old, dict) else key)
        elif isinstance(old, dict) and isinstance(new, dict):
            edits = {k: v for k, v in new.items() if old.get(k) != v}
            if edits:
                changed[key] = edits
            removed += [f"{key}.{k}" for k in old if k not in new]
        else:
            changed[key] = new
    ordered = {key: changed[key] for key in [*BASE, *spec] if key in changed}
    lines = [f"# without {name}" for name in sorted(removed)]
    text = toml_text(ordered).strip("\n") if ordered else ""
    if not lines and not text:
        return "# the example spec as it is\n"
    return "\n".join([*lines, text] if text else lines) + "\n"


def _message(rule: Rule, text: str) -> str | None:
    from recspec.compiler import compile_file

    compiled = compile_file("spec.toml", text=text, env={}, report_unused=True)
    found = [d for d in compiled.diagnostics if d.rule == rule.code]
    if not found:
        return None
    message = found[0].message.replace(os.path.join(os.getcwd(), ""), "")  # same in any folder
    return f"spec.toml:{found[0].line}:{found[0].column}: {message}"


def _edited(base: dict[str, Any], edit: dict[str, Any]) -> dict[str, Any]:
    """A copy of `base` with `edit` merged in as rule examples are (None deletes a key)."""
    from recspec.rules.examples import deep_merge

    return deep_merge(json.loads(json.dumps(base)), edit)


def toml_text(spec: dict[str, Any]) -> str:
    """A spec dict as TOML, in the shape `recspec import` writes (recspec.importer)."""
    from recspec.importer.toml_writer import dumps

    return dumps(spec)
