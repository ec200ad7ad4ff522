"""`recspec import` on bodies that are not valid: they still import where they parse.

Damaged examples (the fuzz suite's mutations) and random objects of body-like keys never crash
the import, always give TOML that recspec reads, keep every credential out of the text, and
give a spec whose compiled document is the body exactly whenever the spec can say it.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recspec.compiler import compile_file
from recspec.dialect.names import read
from recspec.importer import import_body
from recspec.importer.roundtrip import same
from recspec.positions.json import parse_json
from recspec.redact import credential_values

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
from mutations import mutated_payloads

_REFERENCE = re.compile(r"\$\{env:[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}")
KEYS = [
    "room_id",
    "app_id",
    "access_token",
    "record_input_params",
    "record_mode",
    "mix_config",
    "mix_mode",
    "mix_input_list",
    "mix_output_video_config",
    "width",
    "fps",
    "whiteboard",
    "storage_params",
    "storage_provider",
    "access_key_id",
    "aliyun_vod_params",
    "RoomId",
    "RecordInputParams",
    "StorageParams",
    "AccessKeySecret",
]
JSON: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner),
    max_leaves=20,
)


def strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in strings(v)]
    return []


def check(document: dict[str, Any]) -> None:
    imported = import_body(document)
    spec = tomllib.loads(imported.text)
    values = [_REFERENCE.sub("", s) for s in strings(spec)]
    for secret in credential_values(document):
        if len(secret) >= 4:
            assert not any(secret in value for value in values), secret
    compiled = compile_file(text=imported.text, env=imported.variables)
    if imported.exact:
        canonical, _ = read(document, imported.dialect)
        assert compiled.document is not None and same(compiled.document, canonical)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(mutated_payloads())
def test_damaged_bodies_still_import(text: str) -> None:
    document, problems = parse_json(text)
    if not isinstance(document, dict) or any(p.kind == "syntax" for p in problems):
        return
    check(document)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(KEYS), JSON, max_size=6))
def test_random_objects_still_import(document: dict[str, Any]) -> None:
    check(json.loads(json.dumps(document)))
