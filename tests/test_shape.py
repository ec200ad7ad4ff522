"""The generated payload shape mirrors the pydantic models, and the fast walker agrees with them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from recspec.payload.models import StartPayload
from recspec.payload.shape import canonical, generated_source, structure_errors
from recspec.rules.examples import BASE_PAYLOAD

ROOT = Path(__file__).resolve().parent.parent


def test_generated_shape_is_current() -> None:
    """Regenerate with `python -m recspec.payload.shape` after changing the models."""
    shipped = (ROOT / "recspec" / "payload" / "_shape.py").read_text(encoding="utf-8")
    assert shipped == generated_source(), "recspec/payload/_shape.py is stale"


def test_payload_lint_does_not_import_pydantic(tmp_path: Path) -> None:
    payload = tmp_path / "p.json"
    payload.write_text(json.dumps(BASE_PAYLOAD))
    code = (
        "import sys; from recspec.cli import main\n"
        f"sys.argv = ['recspec', 'lint', {str(payload)!r}]\n"
        "try: main()\nexcept SystemExit as e: print(e.code, 'pydantic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().endswith("0 False"), result.stdout + result.stderr


def _mutations() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=False),
        st.text(max_size=4),
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
        ),
        max_leaves=6,
    )


PATHS = [
    ("app_id",),
    ("room_id",),
    ("record_input_params", "record_mode"),
    ("record_input_params", "stream_type"),
    ("record_input_params", "mix_config", "mix_output_video_config", "width"),
    ("record_input_params", "mix_config", "mix_input_list", 0),
    ("record_input_params", "mix_config", "mix_input_list", 1, "view_type"),
    ("record_output_params", "output_file_format"),
    ("storage_params",),
    ("storage_params", "storage_provider"),
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PATHS), _mutations())
def test_walker_agrees_with_pydantic_on_validity(path: tuple[Any, ...], value: Any) -> None:
    doc = json.loads(json.dumps(BASE_PAYLOAD))
    node = doc
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    try:
        StartPayload.model_validate(doc)
        valid = True
    except ValidationError:
        valid = False
    assert (structure_errors(doc) == []) == valid


def test_canonical_order_matches_the_models() -> None:
    shuffled = {k: BASE_PAYLOAD[k] for k in reversed(list(BASE_PAYLOAD))}
    from recspec.payload.models import dump

    assert list(canonical(shuffled)) == list(dump(StartPayload.model_validate(BASE_PAYLOAD)))
    assert json.dumps(canonical(shuffled)) == json.dumps(
        dump(StartPayload.model_validate(shuffled))
    )


@pytest.mark.parametrize(
    ("patch", "kind"),
    [
        ({"app_id": True}, "type"),
        ({"app_id": 2**64}, "overflow"),
        ({"room_id": None}, "type"),
        ({"extra": 1}, "unknown"),
        ({"record_input_params": {"record_mode": 3}}, "enum"),
        ({"record_input_params": {}}, "missing"),
    ],
)
def test_walker_kinds(patch: dict[str, Any], kind: str) -> None:
    doc = {**json.loads(json.dumps(BASE_PAYLOAD)), **patch}
    assert kind in {e.kind for e in structure_errors(doc)}
