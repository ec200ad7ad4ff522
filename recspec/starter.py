"""`recspec init`'s starter spec: one commented TOML file per (preset, provider) that compiles
and lints clean exactly as written.

Secrets are never literal: every credential is `${env:NAME:-harmless-default}`, so the file can
be committed, compiles on a laptop with no variables set, and picks up real keys in CI. The text
comes from `templates/starter.toml.j2` (overridable like every docs template); this module only
gathers the data it needs from the preset registry and the per-provider table below.
"""

from __future__ import annotations

import os
import textwrap
import tomllib
from dataclasses import dataclass
from typing import Any

DEFAULT_PRESET = "grid"
DEFAULT_PROVIDER = "s3"
TEMPLATE = "starter.toml.j2"


@dataclass(frozen=True, slots=True)
class Provider:
    """What a starter spec writes in `[storage]` for one provider."""

    title: str
    region: str | None
    key_env: tuple[str, str]
    bucket: str | None = None
    extra: tuple[tuple[str, Any, str], ...] = ()
    """(key, value, comment) lines specific to the provider."""
    extra_commented: tuple[tuple[str, Any, str], ...] = ()
    """Optional keys, written commented out."""

    @property
    def vod(self) -> bool:
        """VOD providers take no bucket and accept only mp4 and flv."""
        return self.bucket is None


PROVIDERS: dict[str, Provider] = {
    "s3": Provider(
        "Amazon S3", "us-east-1", ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"), "recordings"
    ),
    "oss": Provider(
        "Alibaba Cloud OSS (regions keep the oss- prefix)",
        "oss-cn-hangzhou",
        ("ALIYUN_OSS_ACCESS_KEY_ID", "ALIYUN_OSS_ACCESS_KEY_SECRET"),
        "recordings",
    ),
    "cos": Provider(
        "Tencent Cloud COS (bucket names end in -APPID)",
        "ap-beijing",
        ("TENCENT_COS_SECRET_ID", "TENCENT_COS_SECRET_KEY"),
        "recordings-1250000000",
    ),
    "kodo": Provider(
        "Qiniu Kodo (regions: z0, z1, z2, na0, as0)",
        "z0",
        ("QINIU_ACCESS_KEY", "QINIU_SECRET_KEY"),
        "recordings",
    ),
    "aliyun-vod": Provider(
        "Alibaba Cloud VOD (mp4 or flv only)",
        "cn-shanghai",
        ("ALIYUN_VOD_ACCESS_KEY", "ALIYUN_VOD_SECRET_KEY"),
        extra=(
            ("title", "Recording", "video title in the VOD console"),
            (
                "storage_location",
                "outin-example.oss-cn-shanghai.aliyuncs.com",
                "your VOD storage location (VOD console > Storage)",
            ),
        ),
    ),
    "tencent-vod": Provider(
        "Tencent Cloud VOD (mp4 or flv only)",
        "ap-shanghai",
        ("TENCENT_VOD_SECRET_ID", "TENCENT_VOD_SECRET_KEY"),
        extra_commented=(("sub_app_id", 1500000001, "VOD sub-application ID, if you use one"),),
    ),
    "obs": Provider(
        "Huawei Cloud OBS",
        "cn-north-4",
        ("HUAWEI_OBS_ACCESS_KEY_ID", "HUAWEI_OBS_SECRET_ACCESS_KEY"),
        "recordings",
    ),
    "gcs": Provider(
        "Google Cloud Storage, v2 only (an HMAC key; no region)",
        None,
        ("GCS_HMAC_ACCESS_ID", "GCS_HMAC_SECRET"),
        "recordings",
    ),
    "eos": Provider(
        "China Mobile Cloud EOS, v2 only",
        "eos-shanghai-1",
        ("EOS_ACCESS_KEY_ID", "EOS_SECRET_ACCESS_KEY"),
        "recordings",
    ),
    "s3-compatible": Provider(
        "Any S3-compatible service, v2 only (e.g. DigitalOcean Spaces)",
        "nyc3",
        ("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"),
        "recordings",
        extra=(("endpoint", "https://nyc3.digitaloceanspaces.com", "the service's address"),),
        extra_commented=(("force_path_style", True, "path-style bucket addressing"),),
    ),
}
"""Provider name -> starter `[storage]` values; keys match `recspec.spec.models.PROVIDERS`."""

#: Streams a starter lists per preset (the first one is the big tile where there is one).
STREAMS: dict[str, list[str]] = {
    "pip": ["host", "guest"],
    "presentation": ["screen", "alice", "bob", "carol"],
}
DEFAULT_STREAMS = ["alice", "bob", "carol", "dave"]

#: The `custom` starter: a full-canvas host and a corner box for a guest.
CUSTOM_TILES: list[dict[str, Any]] = [
    {"stream": "host", "left": 0, "top": 0, "width": "100%", "height": "100%", "layer": 1},
    {"stream": "guest", "left": "72%", "top": "68%", "width": 320, "height": 180, "layer": 2},
]

COMMENT_COLUMN = 50
"""Where trailing `# comments` start, so the starter reads as two columns."""

#: Keys the template writes itself, so they are not repeated among the commented options.
_WRITTEN = frozenset({"focus", "tile", "streams"})


def _is_toml(text: str) -> bool:
    try:
        tomllib.loads(f"x = {text}")
    except tomllib.TOMLDecodeError:
        return False
    return True


def commented_line(code: str, comment: str) -> str:
    """`code` with `# comment` at COMMENT_COLUMN (or one space after, when code is longer)."""
    return f"{code.ljust(COMMENT_COLUMN - 1)} # {comment}"


def wrapped(text: str, width: int = 96) -> list[str]:
    """A long comment as `# ` lines."""
    return ["# " + line for line in textwrap.wrap(text, width - 2, break_on_hyphens=False)]


#: New specs compile for ZEGO's current API (existing specs without `target` stay legacy).
DEFAULT_TARGET = "v2"
#: Providers only StartRecord (v2) has.
V2_ONLY_PROVIDERS = frozenset({"gcs", "eos", "s3-compatible"})


def context(
    preset_name: str = DEFAULT_PRESET,
    provider_name: str = DEFAULT_PROVIDER,
    target: str = DEFAULT_TARGET,
) -> dict[str, Any]:
    """The starter template's data: plain values only (the template runs in the sandbox)."""
    from recspec.layout import COMMON_OPTIONS, PRESETS
    from recspec.render.escaping import toml_value

    preset = PRESETS[preset_name]
    provider = PROVIDERS[provider_name]
    options = [] if preset.server_side or preset.name == "custom" else list(COMMON_OPTIONS)
    options += list(preset.options)
    seen: set[str] = set()
    commented: list[dict[str, Any]] = []
    for option in options:
        if option.key in _WRITTEN or option.key in seen:
            continue
        seen.add(option.key)
        if _is_toml(option.default):
            line = commented_line(f"# {option.key} = {option.default}", option.doc)
        else:
            line = f"# {option.key}: {option.doc} (default: {option.default})"
        commented.append({"key": option.key, "default": option.default, "line": line})
    streams = [] if preset.server_side else STREAMS.get(preset.name, DEFAULT_STREAMS)
    if preset.name == "custom":
        streams = []
    return {
        "target": target,
        "preset": {
            "name": preset.name,
            "summary": preset.summary,
            "server_side": preset.server_side,
            "uses_focus": preset.uses_focus,
            "custom": preset.name == "custom",
            "options": commented,
        },
        "presets": wrapped("Presets: " + ", ".join(PRESETS) + "."),
        "streams": streams,
        "focus": streams[0] if streams and preset.uses_focus else None,
        "tiles": CUSTOM_TILES if preset.name == "custom" else [],
        "provider": {
            "name": provider_name,
            "title": provider.title,
            "region": provider.region,
            "bucket": provider.bucket,
            "vod": provider.vod,
            "key_id_env": provider.key_env[0],
            "secret_env": provider.key_env[1],
            "extra": [commented_line(f"{k} = {toml_value(v)}", d) for k, v, d in provider.extra],
            "extra_commented": [
                commented_line(f"# {k} = {toml_value(v)}", d)
                for k, v, d in provider.extra_commented
            ],
        },
        "providers": wrapped("Providers: " + ", ".join(PROVIDERS) + "."),
    }


def render_starter(
    preset: str = DEFAULT_PRESET,
    provider: str = DEFAULT_PROVIDER,
    templates: str | os.PathLike[str] | None = None,
    target: str = DEFAULT_TARGET,
) -> str:
    """The starter spec's text. Raises `TemplateProblem` for a broken or refused template."""
    from recspec.render.templating import environment, render

    return render(environment(templates), TEMPLATE, context(preset, provider, target))
