"""Pins what the loader's single walk (interpolation + credential keys) must keep doing."""

from __future__ import annotations

from recspec.spec.env import Interpolation, interpolate
from recspec.spec.loader import CREDENTIAL_FIELDS, load_spec

SPEC = """\
access_token = "top-level-literal"
[room]
id = "r"
app_id = 1
access_token = "${env:TOKEN:-dev-token}"
[storage]
provider = "s3"
access_key_id = "literal-id"
access_key_secret = ""
[payload.StreamConfig]
secret_key = "payload-literal"
access_key = ["not", "a", "string"]
[[payload.List]]
access_key = "in-an-array"
"""


def test_interpolate_fills_tables_in_place_and_keeps_watched_strings_as_written() -> None:
    data = {"a": {"b": ["${env:X}", 1, {"token": "${env:Y:-y}"}]}, "token": "plain"}
    inner = data["a"]
    result = Interpolation(watch=frozenset({"token"}))
    assert interpolate(data, {"X": "x"}, result) is data
    assert data == {"a": {"b": ["x", 1, {"token": "y"}]}, "token": "plain"}
    assert data["a"] is inner
    assert result.watched == [(("a", "b", 2, "token"), "${env:Y:-y}"), (("token",), "plain")]
    assert result.inserted == {"x", "y"}
    assert interpolate("${env:X}!", {"X": "x"}, Interpolation()) == "x!"


def test_literal_credentials_anywhere_draw_rs805_in_key_path_order_and_are_secrets() -> None:
    loaded = load_spec(text=SPEC, env={})
    rs805 = [p.path for p in loaded.problems if p.code == "RS805"]
    assert rs805 == [
        ("access_token",),
        ("payload", "List", 0, "access_key"),
        ("payload", "StreamConfig", "secret_key"),
        ("storage", "access_key_id"),
    ]
    assert {"top-level-literal", "literal-id", "payload-literal", "in-an-array"} <= loaded.secrets
    assert "dev-token" in loaded.secrets  # inserted from a default, so redacted too
    assert loaded.data["room"]["access_token"] == "dev-token"
    assert "extends" not in loaded.data


def test_credential_fields_cover_the_specs_own_credential_keys() -> None:
    assert {"access_token", "access_key_id", "access_key_secret"} <= CREDENTIAL_FIELDS


def test_plain_ascii_is_the_printable_ascii_tab_newline_character_class() -> None:
    import re

    from recspec.spec.toml_reader import _plain_ascii

    unusual = re.compile(r"[^\t\n\x20-\x7e]")  # the class rtoml_safe used to scan with
    for code in range(0x110000):
        char = chr(code)
        assert _plain_ascii(f"a = 1{char}\n") == (unusual.search(char) is None), hex(code)
