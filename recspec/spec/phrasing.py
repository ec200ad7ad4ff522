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

from recspec.spec.units import PROVIDERS

KeyPath = tuple[str | int, ...]

#: Body field -> the spec key that sets it, for fields a message may name without provenance:
#: storage fields written only when their key is given (a missing one has none), and
#: containers (only leaves carry provenance).
_SPEC_KEYS: dict[str, KeyPath] = {
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
#: Body fields that hold codes -> the spec key and the spec's word for each code.
_CODED: dict[str, tuple[str, dict[str, str]]] = {
    "record_mode": ("record.mode", _MODES),
    "stream_type": ("record.media", _MEDIA),
    "record_mute_audio": ("record.mute_audio", _MUTE),
    "storage_provider": ("storage.provider", {str(c): f'"{n}"' for n, c in PROVIDERS.items()}),
}
_FIELDS = "|".join(_CODED)
#: "stream_type 2 or 3", "record_mute_audio is 2", "record_mode to 1"
_CODED_VALUES = re.compile(rf"\b({_FIELDS}) (?:(?:is|to) )?\d+(?:,? (?:or|and) \d+)*")
_CODED_ABSENT = re.compile(rf"\b({_FIELDS}) is absent \(default (\d+)\)")
_WORD = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def _spec(path: KeyPath) -> str:
    return "`" + ".".join(str(step) for step in path) + "`"


def _coded(field: str, rest: str) -> str:
    """`record.media` "video" or "audio+video" for "stream_type" + " 2 or 3"."""
    key, words = _CODED[field]
    return f"`{key}`" + re.sub(r"\d+", lambda m: words.get(m[0], m[0]), rest)


def spec_message(message: str, provenance: Mapping[str, KeyPath], key_path: KeyPath) -> str:
    """`message` with body field names and codes replaced by the spec keys and values."""
    if key_path[:1] == ("payload",):
        return message
    message = re.sub(
        r"\bset record_mode to (\d)",
        lambda m: f"set `mode = {_MODES.get(m[1], m[1])}` in [record]",
        message,
    )
    message = _CODED_ABSENT.sub(lambda m: _coded(m[1], f" is absent (default {m[2]})"), message)
    message = _CODED_VALUES.sub(lambda m: _coded(m[1], m[0][len(m[1]) :]), message)
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
        lambda m: _spec(_SPEC_KEYS[m[1]]) if m[1] in _SPEC_KEYS else m[0],
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
    for name, source in _SPEC_KEYS.items():
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
