"""Specs generated from the models' own keys, with values of every TOML type.

Unlike the mutations (which stay close to real specs), these explore the key space: every table
and key the spec language knows, plus unknown ones, each holding a random well-typed value, a
value of the wrong type, or a `${env:...}` reference (some of them secrets).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel

from recspec.layout.spec import CustomTile
from recspec.spec.models import Spec


def _keys(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


TABLES: dict[str, list[str]] = {}
for _name, _field in Spec.model_fields.items():
    _annotation = _field.annotation
    for _candidate in getattr(_annotation, "__args__", (_annotation,)):
        if isinstance(_candidate, type) and issubclass(_candidate, BaseModel):
            TABLES[_name] = _keys(_candidate)
TILE_KEYS = _keys(CustomTile)

WORDS = st.sampled_from(
    [
        "720p",
        "1080p",
        "1280x720",
        "1080x1920",
        "0x0",
        "1.5Mbps",
        "800kbps",
        "90s",
        "1h30m",
        "#1A1A1A",
        "s3",
        "oss",
        "aliyun-vod",
        "tencent-vod",
        "grid",
        "speaker",
        "pip",
        "custom",
        "zego-grid",
        "mixed",
        "single",
        "audio",
        "mp4",
        "jpg",
        "crop",
        "fit",
        "16:9",
        "50%",
        "alice",
        "bob",
        "${env:FUZZ_SECRET}",
        "${env:ZEGO_APP_ID}",
        "${env:MISSING}",
        "https://x.y/z",
    ]
)

SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.sampled_from([0.0, -0.0, math.inf, -math.inf, math.nan]),
    WORDS,
    st.text(max_size=12),
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(dt.UTC)),
    st.times(),
)
VALUES: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def toml_value(value: Any) -> str:
    """A TOML literal for a Python value (inline tables and arrays for containers)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # JSON escapes are valid TOML basic-string escapes
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


@st.composite
def generated_specs(draw: st.DrawFn) -> str:
    """TOML text: `version`, then tables whose keys are mostly real ones with random values."""
    lines = [f"version = {toml_value(draw(st.just(1) | VALUES))}"]
    tables = draw(st.lists(st.sampled_from([*TABLES, "bogus"]), unique=True, min_size=1))
    for table in tables:
        lines.append(f"[{table}]")
        known = [*TABLES.get(table, []), "unknown_key"]
        for key in draw(st.lists(st.sampled_from(known), unique=True, max_size=8)):
            lines.append(f"{key} = {toml_value(draw(WORDS | VALUES))}")
        if table == "layout" and draw(st.booleans()):
            for _ in range(draw(st.integers(0, 3))):
                lines.append("[[layout.tile]]")
                for key in draw(st.lists(st.sampled_from(TILE_KEYS), unique=True, max_size=6)):
                    value = draw(st.integers(-10, 2000) | st.sampled_from(["25%", "100%"]) | VALUES)
                    lines.append(f"{key} = {toml_value(value)}")
    return "\n".join(lines) + "\n"
