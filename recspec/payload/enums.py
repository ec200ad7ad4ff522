"""The integer and string codes of the start request, with readable names.

Shared by both dialects: the legacy snake_case `start` body and the PascalCase `StartRecord`
(v2) body use the same codes; only field names differ, and v2 adds a few codes (storage vendors
8-10, the aac and ogg formats) that `recspec.dialect` marks as v2-only.
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
    """`storage_provider` / `Vendor` (1-7 in both dialects; 8-10 only in StartRecord v2)."""

    S3 = 1
    OSS = 2
    COS = 3
    KODO = 4
    ALIYUN_VOD = 5
    TENCENT_VOD = 6
    OBS = 7
    GCS = 8  #: Google Cloud Storage (v2 only)
    EOS = 9  #: China Mobile Cloud EOS (v2 only)
    S3_COMPATIBLE = 10  #: any S3-protocol service with an EndPoint (v2 only)


class OutputFormat(enum.StrEnum):
    MP4 = "mp4"
    FLV = "flv"
    HLS = "hls"
    JPG = "jpg"  #: screenshots only
    MP3 = "mp3"
    AAC = "aac"  #: v2 only
    OGG = "ogg"  #: v2 only


class OutputFileRule(enum.IntEnum):
    DEFAULT = 1  #: the only documented rule: TaskId_RoomId_..._UTC


class SoundWaveType(enum.IntEnum):
    """`SoundWaveType` (v2): how the per-second volume side file is keyed."""

    STREAM = 0  #: by stream ID
    USER = 1  #: by user ID


class StreamMedia(enum.IntEnum):
    """`StreamConfigList[].StreamType` (v2): one stream's media in a mixed recording."""

    DEFAULT = 0
    AUDIO = 1
    VIDEO = 2
    AUDIO_VIDEO = 3
