"""How a finding on a spec says what a key accepts, in the spec's own units and words.

One finding per key that lists the accepted forms with an example ("`video.bitrate`: 1.5 is not
a bitrate; write 1500000 (bps) or "1.5Mbps""), instead of the validator's union branches; and
a provider name that is neither a spec name nor an alias (`recspec.spec.units`) pointed to the
nearest one.
"""

from __future__ import annotations

from typing import Any

#: The accepted forms of each unit, by the spec key's last name (keys share units by name).
_FORMS = {
    "bitrate": 'a bitrate; write 1500000 (bps) or "1.5Mbps" / "800kbps"',
    "duration": 'a duration; write "90s", "5m", "1h30m" or a whole number of seconds',
    "milliseconds": 'a duration; write "500ms", "3s" or a whole number of milliseconds',
    "resolution": 'a resolution; write "360p", "480p", "540p", "720p", "1080p" or "1280x720"',
    "colour": 'a colour; write "#RRGGBB", e.g. "#1A1A1A"',
    "ratio": 'an aspect ratio; write "16:9"',
    "count": "a whole number; write e.g. 30",
    "flag": "true or false",
}
_UNITS = {
    "bitrate": "bitrate",
    "audio_bitrate": "bitrate",
    "max_idle": "duration",
    "max_duration": "duration",
    "mute_split": "duration",
    "snapshot_interval": "duration",
    "fragment": "duration",
    "input_timeout": "milliseconds",
    "resolution": "resolution",
    "size": "resolution",
    "background": "colour",
    "camera_off_color": "colour",
    "ratio": "ratio",
    "fps": "count",
    "ppt_animation_fps": "count",
    "time_watermark_size": "count",
    "gap": "count",
    "margin": "count",
    "align": "count",
    "tiles": "count",
    "fill_blank": "flag",
    "ppt_animation": "flag",
    "always_mix": "flag",
    "realtime_upload": "flag",
    "short_fragment_path": "flag",
    "force_path_style": "flag",
    "resume_without_interruption": "flag",
}


def accepted_forms(loc: tuple[str | int, ...]) -> str:
    """The accepted forms of the key at `loc`, or "" when it has no unit of its own."""
    last = next((step for step in reversed(loc) if isinstance(step, str)), "")
    unit = _UNITS.get(last)
    return _FORMS[unit] if unit else ""


def provider_hint(loc: tuple[str | int, ...], got: Any, options: list[str]) -> str:
    """'; did you mean "s3"?' for `provider = "aws"` or `"S3"`, else ""."""
    if loc[-1:] != ("provider",) or not isinstance(got, str):
        return ""
    from difflib import get_close_matches

    from recspec.spec.units import PROVIDER_ALIASES, provider_name

    word = str(provider_name(got))
    close = get_close_matches(word, [*options, *PROVIDER_ALIASES], n=1, cutoff=0.75)
    meant = PROVIDER_ALIASES.get(close[0], close[0]) if close else None
    return f'; did you mean "{meant}"?' if meant in options else ""


def shown(value: Any) -> str:
    """A value as the user wrote it in TOML: strings quoted, booleans lower case."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return repr(value)
