"""Sample bodies the import tests share (a legacy mixed body and a v2 single-stream one)."""

from __future__ import annotations

from typing import Any

TOKEN, KEY_ID, SECRET = "tok-SECRET-0001", "AKIASECRETKEYID9", "sk-VERY-secret/KEY+42"
BODY: dict[str, Any] = {
    "app_id": 1234567890,
    "access_token": TOKEN,
    "room_id": "standup-42",
    "record_input_params": {
        "record_mode": 2,
        "stream_type": 3,
        "fill_blank": True,
        "max_idle_time": 90,
        "max_record_time": 7200,
        "mix_config": {
            "mix_mode": 2,
            "mix_output_stream_id": "standup-42-mix",
            "mix_output_video_config": {
                "width": 1280,
                "height": 720,
                "fps": 15,
                "bitrate": 1500000,
            },
            "mix_output_background_color": 0x1A1A1A00,
        },
    },
    "record_output_params": {"output_file_format": "mp4", "output_folder": "record/"},
    "storage_params": {
        "storage_provider": 1,
        "region": "us-east-1",
        "bucket_name": "recordings",
        "access_key_id": KEY_ID,
        "access_key_secret": SECRET,
    },
}
V2_BODY = {
    "RoomId": "class-7b",
    "RecordInputParams": {"RecordMode": 1, "StreamType": 1, "MaxIdleTime": 300},
    "StorageParams": {
        "Vendor": 2,
        "Region": "oss-cn-hangzhou",
        "Bucket": "b",
        "AccessKeyId": KEY_ID,
        "AccessKeySecret": SECRET,
    },
}
