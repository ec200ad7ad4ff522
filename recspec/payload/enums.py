"""The integer and string codes of the start request, with readable names.

Shared by every dialect: the legacy snake_case `start` body and (later) the PascalCase
`StartRecord` body use the same codes; only field names differ.
"""

from __future__ import annotations

import enum


class RecordMode(enum.IntEnum):
    SINGLE = 1  #: each stream to its own file(s)
    MIXED = 2  #: all streams (and the whiteboard) mixed into one file


class StreamType(enum.IntEnum):
    AUDIO = 1
    VIDEO = 2
    AUDIO_VIDEO = 3  #: the documented default
    SEPARATE = 4  #: audio and video in separate files (audio as .aac)


class MixMode(enum.IntEnum):
    CUSTOM = 1  #: positions from mix_input_list
    GRID = 2  #: the documented default: equal tiles
    HORIZONTAL = 3
    VERTICAL = 4
    FLOATING = 5


class ViewType(enum.IntEnum):
    AUDIO_VIDEO = 1
    WHITEBOARD = 2


class FillMode(enum.IntEnum):
    CROP = 1  #: scale to cover the view, cut the overflow
    FIT = 2  #: scale to fit, black borders


class FrameFillMode(enum.IntEnum):
    LAST_FRAME = 1
    COLOR = 2
    NONE = 3


class MuteAudio(enum.IntEnum):
    RECORD = 1  #: keep audio frames while muted
    DROP = 2  #: drop muted audio frames


class StorageProvider(enum.IntEnum):
    """`storage_provider` of the legacy API (1-7; 8-10 exist only in the newer API)."""

    S3 = 1
    OSS = 2
    COS = 3
    KODO = 4
    ALIYUN_VOD = 5
    TENCENT_VOD = 6
    OBS = 7


class OutputFormat(enum.StrEnum):
    MP4 = "mp4"
    FLV = "flv"
    HLS = "hls"
    JPG = "jpg"  #: screenshots only
    MP3 = "mp3"


class OutputFileRule(enum.IntEnum):
    DEFAULT = 1  #: the only documented rule: TaskId_RoomId_..._UTC
