"""Spec keys that do nothing for what the spec chose (RS809): said at the key, never silent.

A `corner` under `preset = "speaker"`, a `[video]` table in single-stream mode or a `title` for
Amazon S3 is dropped from the body, so no rule on the body could see it; the spec is the only
place to say so, in the spec's own words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

KeyPath = tuple[str | int, ...]

#: `[storage]` keys only some providers have -> the providers (spec names) that use them.
PROVIDER_ONLY_KEYS: dict[str, tuple[str, ...]] = {
    "bucket": ("s3", "oss", "cos", "kodo", "obs", "gcs", "eos", "s3-compatible"),
    "endpoint": ("s3-compatible",),
    "force_path_style": ("s3-compatible",),
    "title": ("aliyun-vod",),
    "storage_location": ("aliyun-vod",),
    "sub_app_id": ("tencent-vod",),
}

#: `[record]` keys that configure the mixed file only.
_MIXED_ONLY_RECORD_KEYS = ("sound_wave", "stream_media")
_AUDIO_ONLY_FORMATS = ("mp3", "aac", "ogg")


def _or(names: list[str]) -> str:
    quoted = [f'"{name}"' for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _storage(spec: Any) -> Iterator[tuple[KeyPath, str]]:
    provider = spec.storage.provider
    for key, providers in PROVIDER_ONLY_KEYS.items():
        if getattr(spec.storage, key) is not None and provider not in providers:
            yield (
                ("storage", key),
                f'`storage.{key}` has no effect with provider "{provider}": only '
                f"{_or(list(providers))} use{'s' if len(providers) == 1 else ''} it; remove it",
            )


def _layout(spec: Any, written: Mapping[str, Any]) -> Iterator[tuple[KeyPath, str]]:
    from recspec.layout.registry import PRESETS

    preset = PRESETS.get(spec.layout.preset)
    if preset is None:
        return  # an unknown preset is an error of its own
    for key in written:
        if key in preset.reads or key == "focus":  # focus elsewhere is an error (RS807)
            continue
        users = [name for name, other in PRESETS.items() if key in other.reads]
        fix = f"only {_or(users)} read{'s' if len(users) == 1 else ''} it" if users else ""
        yield (
            ("layout", key),
            f'`layout.{key}` has no effect with preset "{preset.name}"'
            + (f": {fix}" if fix else "")
            + "; remove it",
        )


def _single(spec: Any, written: Mapping[str, Any]) -> Iterator[tuple[KeyPath, str]]:
    if spec.record.mode == "single":
        why = '`record.mode` is "single" (a file per stream, nothing is mixed)'
        fix = 'or set `mode = "mixed"` in [record]'
    else:
        why = 'without a [layout] the recording is single-stream (`mode = "single"`)'
        fix = "or add a [layout] to record one mixed file"
    for table in ("layout", "video"):
        if table in written:
            yield (table,), f"[{table}] has no effect: {why}; remove it, {fix}"
    for key in _MIXED_ONLY_RECORD_KEYS:
        if getattr(spec.record, key) is not None:
            yield ("record", key), f"`record.{key}` has no effect: {why}; remove it, {fix}"


def _pictureless(spec: Any, written: Mapping[str, Any]) -> Iterator[tuple[KeyPath, str]]:
    if "layout" not in written:
        return
    if spec.record.media == "audio":
        yield (
            ("layout",),
            '[layout] has no effect: `record.media` is "audio", so the recording has no '
            'picture; remove it, or set `media = "audio+video"` in [record]',
        )
    elif spec.output.format in _AUDIO_ONLY_FORMATS:
        yield (
            ("layout",),
            f'[layout] has no effect: `output.format` "{spec.output.format}" holds sound only; '
            'remove it, or choose `format = "mp4"` in [output]',
        )


def ineffective_keys(
    spec: Any, data: Mapping[str, Any], mixed: bool
) -> Iterator[tuple[KeyPath, str]]:
    """(spec key path, message) for every key or table that has no effect; `data` is the
    spec as written (after `extends`), `mixed` the record mode the compiler chose."""
    yield from _storage(spec)
    layout = data.get("layout")
    if spec.layout is not None and isinstance(layout, dict):
        yield from _layout(spec, layout)
    if mixed:
        yield from _pictureless(spec, data)
    else:
        yield from _single(spec, data)
