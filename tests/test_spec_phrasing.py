"""The rewriting of payload-rule messages into spec words (the table of bad specs is in
test_spec_findings_table.py)."""

from __future__ import annotations


def test_payload_escape_hatch_keeps_payload_names() -> None:
    from recspec.spec.phrasing import spec_message

    message = "storage_provider 1 (Amazon S3) needs bucket_name; bucket_name is missing"
    assert spec_message(message, {}, ("payload", "storage_params")) == message
    spoken = spec_message(message, {}, ("storage", "provider"))
    assert spoken == (
        '`storage.provider` "s3" (Amazon S3) needs `storage.bucket`; `storage.bucket` is missing'
    )


def test_mode_and_media_are_named_in_spec_values() -> None:
    from recspec.spec.phrasing import spec_message

    assert spec_message("set record_mode to 2", {}, ("record",)) == (
        'set `mode = "mixed"` in [record]'
    )
    assert spec_message("use stream_type 2 or 3", {}, ("record",)) == (
        'use `record.media` "video" or "audio+video"'
    )
