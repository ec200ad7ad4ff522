"""The two dialects of the start request, and what differs between them beyond names.

Everything inside recspec works on one canonical body (`recspec.payload.models`: the legacy
field names plus StartRecord's own fields). Only the edges know a dialect: `recspec.dialect.names`
reads a body of either dialect into the canonical form and writes it back, and a `Dialect` is the
data a rule consults where the reference gives the two APIs different limits (rules never ask
"which dialect is this?", only "what does this API accept?").
"""

from __future__ import annotations

from typing import Any

from recspec.values import Value

__all__ = ["DIALECTS", "LEGACY", "V2", "Dialect", "detect", "get"]


class Dialect(Value):
    """One API's name and its limits where the two APIs differ (reference §1, §2)."""

    __slots__ = (
        "hls_limited",
        "max_idle_time",
        "name",
        "title",
        "video_config_stream_types",
        "vod_formats",
    )

    def __init__(
        self,
        name: str,
        title: str,
        max_idle_time: int,
        vod_formats: tuple[tuple[int, tuple[str, ...]], ...],
        video_config_stream_types: frozenset[int],
        hls_limited: bool,
    ) -> None:
        self.name = name  #: "legacy" or "v2": the spec's `target`, the CLI's `--target`
        self.title = title  #: how messages name the API
        self.max_idle_time = max_idle_time  #: upper bound of max_idle_time (rule 43)
        #: output formats each VOD provider accepts (rules 46, 47)
        self.vod_formats = vod_formats
        #: stream types for which a mixed task needs mix_output_video_config (rule 3)
        self.video_config_stream_types = video_config_stream_types
        #: hls without stream_type 4 and single-stream whiteboards (legacy guide, rule 13)
        self.hls_limited = hls_limited


LEGACY = Dialect(
    name="legacy",
    title="the legacy start API",
    max_idle_time=4294967295,
    vod_formats=((5, ("mp4", "flv")), (6, ("mp4", "flv"))),
    video_config_stream_types=frozenset({1, 2, 3, 4}),
    hls_limited=True,
)
V2 = Dialect(
    name="v2",
    title="StartRecord (v2)",
    max_idle_time=86400,
    vod_formats=((5, ("mp4", "flv")), (6, ("mp4", "flv", "jpg", "mp3"))),
    video_config_stream_types=frozenset({2, 3, 4}),
    hls_limited=False,
)
DIALECTS = {LEGACY.name: LEGACY, V2.name: V2}

_LEGACY_TOP = frozenset(
    {
        "app_id",
        "access_token",
        "room_id",
        "record_input_params",
        "record_output_params",
        "storage_params",
    }
)
_V2_TOP = frozenset({"RoomId", "RecordInputParams", "RecordOutputParams", "StorageParams"})


def detect(doc: Any) -> Dialect:
    """The dialect a body is written in: the one most of its top-level keys belong to.

    Ties (and documents that are not objects) are legacy, so a legacy body with one stray
    PascalCase key is still linted as legacy, and a v2 body with a stray `room_id` as v2.
    """
    if not isinstance(doc, dict):
        return LEGACY
    keys = doc.keys()
    return V2 if len(_V2_TOP & keys) > len(_LEGACY_TOP & keys) else LEGACY


def get(name: str) -> Dialect:
    """The dialect called `name` ("legacy" or "v2"); KeyError otherwise."""
    return DIALECTS[name]
