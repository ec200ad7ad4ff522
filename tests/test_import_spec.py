"""`recspec import`'s specs: names and units, credentials, layouts and the `[payload]` residue."""

from __future__ import annotations

import copy
import tomllib
from typing import Any

from import_samples import BODY, V2_BODY

from recspec.compiler import compile_file
from recspec.importer import import_body
from recspec.importer.roundtrip import same


def test_portrait_canvas_odd_bitrate_and_names_for_codes() -> None:
    body = copy.deepcopy(BODY)
    mix = body["record_input_params"]["mix_config"]
    mix["mix_output_video_config"] = {"width": 1080, "height": 1920, "fps": 30, "bitrate": 1234567}
    body["record_input_params"]["fill_frame"] = {
        "frame_fill_mode": 2,
        "frame_fill_color": 0x20212400,
    }
    spec = tomllib.loads(import_body(body).text)
    assert spec["video"]["resolution"] == "1080x1920"
    assert spec["video"]["fps"] == 30
    assert spec["video"]["bitrate"] == 1234567  # no unit spells it exactly
    assert spec["record"]["camera_off"] == "color"
    assert spec["record"]["camera_off_color"] == "#202124"


def test_two_different_credentials_never_share_a_variable() -> None:
    body = copy.deepcopy(V2_BODY)
    body["StorageParams"] = {
        "Vendor": 5,
        "AccessKeyId": "flat-key-1",
        "AlibabaCloudVodParams": {
            "Region": "cn-shanghai",
            "AccessKeyId": "vod-key-2",
            "AccessKeySecret": "vod-secret-3",
            "Title": "t",
            "StorageLocation": "x.oss-cn-shanghai.aliyuncs.com",
        },
    }
    imported = import_body(body)
    assert len(set(imported.variables.values())) == len(imported.variables) == 3
    assert imported.variables["ALIYUN_VOD_ACCESS_KEY"] == "vod-key-2"
    assert imported.exact


def round_trip(body: dict[str, Any]) -> dict[str, Any]:
    imported = import_body(body)
    compiled = compile_file(text=imported.text, env=imported.variables)
    assert compiled.document is not None and imported.exact, imported.text
    from recspec.dialect.names import write

    assert same(write(compiled.document, imported.dialect), body)
    return tomllib.loads(imported.text)


def test_a_literal_env_reference_in_the_body_is_kept_literal(monkeypatch: Any) -> None:
    body = copy.deepcopy(BODY)
    body["room_id"] = "${env:HOME}"
    body["record_output_params"]["output_folder"] = "a/$${env:X:-y}/"
    monkeypatch.setenv("HOME", "/somewhere")
    spec = round_trip(body)
    assert "RECSPEC_LITERAL_DOLLAR" in spec["room"]["id"]


def test_what_the_spec_cannot_say_goes_to_payload_in_the_body_dialect() -> None:
    body = copy.deepcopy(V2_BODY)
    body["RecordInputParams"] = {
        "RecordMode": 2,
        "StreamType": 1,
        "MixConfig": {"MixMode": 2, "MixOutputStreamId": "audio-mix"},  # v2 audio only: no canvas
    }
    body["RecordOutputParams"] = {"OutputFileRule": 1}
    spec = round_trip(body)
    assert spec["record"]["mode"] == "single"  # so nothing builds a canvas; [payload] mixes
    assert spec["payload"]["RecordInputParams"]["RecordMode"] == 2
    assert spec["payload"]["RecordOutputParams"] == {"OutputFileRule": 1}
    assert "record_mode 2 (mixed) under [payload]" in import_body(body).text


def test_server_layouts_keep_focus_and_fit() -> None:
    body = copy.deepcopy(V2_BODY)
    body["RecordInputParams"] = {
        "RecordMode": 2,
        "MixConfig": {
            "MixMode": 3,
            "FillMode": 2,
            "MixMaxResolutionStreamId": "host",
            "MixOutputStreamId": "class-7b-mix",
            "MixOutputVideoConfig": {"Width": 1280, "Height": 720, "Fps": 15, "Bitrate": 1130000},
        },
    }
    spec = round_trip(body)
    assert spec["layout"] == {"preset": "zego-horizontal", "focus": "host", "fit": "fit"}
    assert "video" not in spec and "mode" not in spec.get("record", {})


def test_views_no_preset_makes_become_custom_tiles_or_stay_raw() -> None:
    body = copy.deepcopy(BODY)
    mix = body["record_input_params"]["mix_config"]
    mix["mix_mode"] = 1
    mix["mix_input_list"] = [
        {
            "stream_id": "a",
            "top": 0,
            "left": 0,
            "bottom": 720,
            "right": 640,
            "layer": 1,
            "fill_mode": 1,
        },
        {
            "stream_id": "b",
            "top": 100,
            "left": 700,
            "bottom": 400,
            "right": 1100,
            "layer": 2,
            "fill_mode": 2,
        },
    ]
    spec = round_trip(body)
    assert spec["layout"]["preset"] == "custom"
    assert spec["layout"]["tile"][1] == {
        "stream": "b",
        "left": 700,
        "top": 100,
        "width": 400,
        "height": 300,
        "layer": 2,
        "fit": "fit",
    }
    del mix["mix_input_list"][0]["fill_mode"]  # no preset writes a view without fill_mode
    spec = round_trip(body)
    assert "layout" not in spec and spec["record"]["mode"] == "mixed"
    assert spec["payload"]["record_input_params"]["mix_config"]["mix_mode"] == 1


def test_views_that_spell_out_zego_defaults_stay_raw_with_a_pointer_to_their_layout() -> None:
    from recspec.rules.examples import BASE_PAYLOAD  # a 2x2 grid written with view_type 1

    imported = import_body(BASE_PAYLOAD)
    spec = round_trip(BASE_PAYLOAD)
    assert "layout" not in spec
    assert len(spec["payload"]["record_input_params"]["mix_config"]["mix_input_list"]) == 4
    assert 'Otherwise they are [layout] preset = "grid"' in " ".join(
        line.lstrip("# ") for line in imported.text.splitlines() if line.startswith("#")
    )


def test_a_secret_that_is_also_a_table_key_is_never_written() -> None:
    from import_samples import KEY_ID

    body = copy.deepcopy(V2_BODY)
    body["RecordInputParams"] = {
        "RecordMode": 2,
        "StreamType": 3,
        "MixConfig": {
            "MixMode": 2,
            "MixOutputStreamId": "mix",
            "MixOutputVideoConfig": {"Width": 1280, "Height": 720, "Fps": 15, "Bitrate": 1130000},
            "StreamConfigList": [{"StreamId": KEY_ID, "StreamType": 1}],  # a key in [record]
        },
    }
    imported = import_body(body)
    assert imported.exact and KEY_ID not in imported.text
    assert imported.raw  # stream_media would have made the stream id a table key
