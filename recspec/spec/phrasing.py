"""Payload-rule messages in the spec's words (issue 13).

Rules are written once, against the start body, and say `bucket_name` or `record_mode 1`. A
person who wrote a TOML spec should read the keys they wrote: `storage.bucket`, `record.mode`
"single". This layer rewrites a rule's message for a spec finding; the body's pointer stays in
the finding's `pointer` field, and `.json` payloads keep the rules' own messages. Findings on
the `[payload]` escape hatch keep payload names: that is what the user wrote there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

KeyPath = tuple[str | int, ...]

#: storage fields the compiler writes only when the spec key is given, so a missing one has no
#: provenance: body field name -> the spec key that sets it.
_STORAGE_KEYS: dict[str, KeyPath] = {
    "bucket_name": ("storage", "bucket"),
    "region": ("storage", "region"),
    "access_key_id": ("storage", "access_key_id"),
    "access_key_secret": ("storage", "access_key_secret"),
    "access_key": ("storage", "access_key_id"),
    "secret_key": ("storage", "access_key_secret"),
    "end_point": ("storage", "endpoint"),
    "s3_force_path_style": ("storage", "force_path_style"),
    "sub_app_id": ("storage", "sub_app_id"),
    "storage_location": ("storage", "storage_location"),
    "title": ("storage", "title"),
}
#: body containers a spec sets through one key (containers have no provenance of their own)
_CONTAINERS: dict[str, KeyPath] = {
    "record_stream_list": ("record", "streams"),
    "mix_input_list": ("layout", "streams"),
    "app_id": ("room", "app_id"),
    "access_token": ("room", "access_token"),
    "room_id": ("room", "id"),
    "fill_frame": ("record", "camera_off"),
    "output_file_format": ("output", "format"),
    "record_mute_audio": ("record", "mute_audio"),
}
_MUTE = {"1": '"record"', "2": '"drop"'}
_MODES = {"1": '"single"', "2": '"mixed"'}
_MEDIA = {"1": '"audio"', "2": '"video"', "3": '"audio+video"', "4": '"separate"'}
_WORD = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def missing_key(ptr: str) -> KeyPath | None:
    """The spec key that would have set the absent body field at `ptr`, if one would."""
    tokens = ptr.strip("/").split("/")
    if tokens[0] == "storage_params" and tokens[-1] in _STORAGE_KEYS:
        return _STORAGE_KEYS[tokens[-1]]
    return None


def _spec(path: KeyPath) -> str:
    return "`" + ".".join(str(step) for step in path) + "`"


def spec_message(message: str, provenance: Mapping[str, KeyPath], key_path: KeyPath) -> str:
    """`message` with body field names and codes replaced by the spec keys and values."""
    if key_path[:1] == ("payload",):
        return message
    from recspec.spec.units import PROVIDERS

    provider_names = {str(code): name for name, code in PROVIDERS.items()}
    message = re.sub(
        r"\bstorage_provider (\d+)",
        lambda m: f'`storage.provider` "{provider_names.get(m[1], m[1])}"',
        message,
    )
    message = re.sub(
        r"\bset record_mode to (\d)",
        lambda m: f"set `mode = {_MODES.get(m[1], m[1])}` in [record]",
        message,
    )
    message = re.sub(
        r"\brecord_mode (\d)", lambda m: f"`record.mode` {_MODES.get(m[1], m[1])}", message
    )
    message = re.sub(
        r"\bstream_type is (\d)", lambda m: f"`record.media` is {_MEDIA.get(m[1], m[1])}", message
    )
    message = re.sub(
        r"\brecord_mute_audio (is|to) (\d)",
        lambda m: f"`record.mute_audio` {m[1]} {_MUTE.get(m[2], m[2])}",
        message,
    )
    message = message.replace(
        "record_mute_audio is absent (default 1)",
        '`record.mute_audio` is absent (default "record")',
    )
    message = message.replace("mix_input_list[].stream_id", "`layout.streams`")
    message = message.replace(" is required in the payload", " is required")
    message = re.sub(
        r"\bstream_type (\d)((?:,? (?:or|and) \d)*)",
        lambda m: (
            "`record.media` " + " or ".join(_MEDIA.get(d, d) for d in re.findall(r"\d", m[0]))
        ),
        message,
    )
    message = re.sub(
        r"\b(?:aliyun_vod|tencentyun_vod)_params\.(\w+)",
        lambda m: _spec(_STORAGE_KEYS[m[1]]) if m[1] in _STORAGE_KEYS else m[0],
        message,
    )
    if key_path[:1] == ("storage",):  # one-word storage fields the snake-case pass cannot see
        message = re.sub(
            r"(?<![`.\w])\b(region|title)\b(?![`\w])", lambda m: _spec(("storage", m[1])), message
        )
    # containers are traced to whichever key created them first: only leaves name a spec key
    parents = {ptr.rsplit("/", 1)[0] for ptr in provenance}
    names: dict[str, KeyPath] = {}
    for ptr, source in provenance.items():
        last = ptr.rsplit("/", 1)[-1]
        if source and source[:1] != ("payload",) and not last.isdigit() and ptr not in parents:
            names.setdefault(last, source)
    for name, source in (*_STORAGE_KEYS.items(), *_CONTAINERS.items()):
        names.setdefault(name, source)

    def rename(match: re.Match[str]) -> str:
        word = match[0]
        before = message[max(0, match.start() - 1) : match.start()]
        after = message[match.end() : match.end() + 1]
        if word in names and (before not in ("`", ".") or before + after == "``"):
            return _spec(names[word])[1:-1] if before == "`" else _spec(names[word])
        return word

    return _named(_WORD.sub(rename, message), key_path)


def _named(message: str, key_path: KeyPath) -> str:
    """Lead with the spec key when the rule spoke of a bare field: "fps is 60" -> "`video.fps`
    is 60"; "canvas width is 2560" -> "`video.resolution`: canvas width is 2560"."""
    if len(key_path) < 2 or not isinstance(key_path[-1], str) or "`" in message:
        return message
    key = _spec(key_path)
    leaf = key_path[-1]
    if message.startswith(leaf + " "):
        return key + message[len(leaf) :]
    return f"{key}: {message}"
