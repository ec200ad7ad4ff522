"""The example payload every rule's `bad`/`good` fragment is merged into.

`BASE_PAYLOAD` is a complete, realistic and lint-clean legacy `start` body: a 2x2 custom layout
of four cameras on a 1280x720 canvas at 15 fps and 1130000 bps (the communication bitrate ZEGO's
mixed-stream guide recommends for that size), stored on Amazon S3 as mp4. Rule examples stay small
because they only say what differs from it.
"""

from __future__ import annotations

import copy
from typing import Any


def _view(stream_id: str, top: int, left: int, bottom: int, right: int) -> dict[str, Any]:
    return {
        "stream_id": stream_id,
        "view_type": 1,
        "top": top,
        "left": left,
        "bottom": bottom,
        "right": right,
        "layer": 1,
    }


BASE_PAYLOAD: dict[str, Any] = {
    "app_id": 1234567890,
    "access_token": "example-access-token",
    "room_id": "class-101",
    "record_input_params": {
        "record_mode": 2,
        "stream_type": 3,
        "max_idle_time": 60,
        "mix_config": {
            "mix_mode": 1,
            "mix_input_list": [
                _view("alice", 0, 0, 360, 640),
                _view("bob", 0, 640, 360, 1280),
                _view("carol", 360, 0, 720, 640),
                _view("dave", 360, 640, 720, 1280),
            ],
            "mix_output_stream_id": "class-101-mix",
            "mix_output_video_config": {
                "width": 1280,
                "height": 720,
                "fps": 15,
                "bitrate": 1130000,
            },
        },
    },
    "record_output_params": {
        "output_file_format": "mp4",
        "output_folder": "record/",
    },
    "storage_params": {
        "storage_provider": 1,
        "region": "us-east-1",
        "bucket_name": "recordings",
        "access_key_id": "AKIAIOSFODNN7EXAMPLE",
        "access_key_secret": "example-secret-key",
    },
}


def deep_merge(base: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    """Merge `fragment` into `base` in place: dicts merge, None deletes, the rest replaces."""
    for key, value in fragment.items():
        if value is None:
            base.pop(key, None)
        elif isinstance(value, dict):
            target = base.get(key)
            if not isinstance(target, dict):
                target = base[key] = {}
            deep_merge(target, value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def base_payload(dialect: str = "legacy") -> dict[str, Any]:
    """A fresh copy of BASE_PAYLOAD as a canonical body of `dialect` (v2 has no app_id and
    access_token in its body)."""
    base = copy.deepcopy(BASE_PAYLOAD)
    if dialect == "v2":
        del base["app_id"], base["access_token"]
    return base


def apply_example(fragment: dict[str, Any] | str, dialect: str = "legacy") -> Any:
    """A fresh copy of the base payload with `fragment` deep-merged in (lists replace).

    A string is a whole JSON document instead (for rules about documents that are not objects).
    """
    if isinstance(fragment, str):
        import json

        return json.loads(fragment)
    return deep_merge(base_payload(dialect), fragment)
