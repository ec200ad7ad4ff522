"""The pydantic-free spec validator accepts only what the models accept, and builds the same values."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError

from recspec.spec.env import Interpolation, interpolate
from recspec.spec.loader import load_spec
from recspec.spec.models import Spec
from recspec.spec.shape import SpecNode, fast_validate, generated_source
from tests.fuzz.generated import generated_specs
from tests.test_pipeline_properties import specs as valid_specs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").rglob("*.toml"))


def test_generated_shape_is_current() -> None:
    """Regenerate with `python -m recspec.spec.shape` after changing the models."""
    shipped = (ROOT / "recspec" / "spec" / "_shape.py").read_text(encoding="utf-8")
    assert shipped == generated_source(), "recspec/spec/_shape.py is stale"


def agrees_with_pydantic(data: Any) -> Any:
    """fast_validate is None, or equals the models' result; never accepts what they refuse."""
    fast = fast_validate(data)
    try:
        model = Spec.model_validate(data)
    except ValidationError:
        assert fast is None, f"accepted what pydantic refuses: {data!r}"
        return None
    if fast is not None:
        assert fast == SpecNode.of(model)
    return fast


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_takes_the_fast_path_with_the_models_values(path: Path) -> None:
    loaded = load_spec(path, env={})
    assert loaded.spec is not None
    assert agrees_with_pydantic(loaded.data) is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_specs())
def test_valid_specs_take_the_fast_path(text: str) -> None:
    raw = tomllib.loads(text)
    data = interpolate(raw, {}, Interpolation())
    assert agrees_with_pydantic(data) is not None


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_specs())
def test_any_spec_data_is_never_accepted_more_leniently(text: str) -> None:
    try:
        raw = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return
    agrees_with_pydantic(
        interpolate(raw, {"ZEGO_APP_ID": "123", "FUZZ_SECRET": "x"}, Interpolation())
    )


@pytest.mark.parametrize(
    "data",
    [
        {"version": True},  # True is not the literal 1
        {"version": [1]},  # unhashable values meet literals too
        {"record": {"mode": ["single"]}},
        {"layout": {"fit": {"crop": 1}}},
        {"video": {"fps": True}},
        {"video": {"fps": 15.0}},
        {"video": {"resolution": "721p"}},
        {"video": {"bitrate": "fast"}},
        {"room": {"app_id": "12a"}},
        {"room": {"app_id": " 12 "}, "layout": {"strip_size": True}},
        {"layout": {"streams": ["a", 1]}},
        {"layout": {"backgrounds": {"a": 1}}},
        {"layout": {"tile": [{"left": 0, "top": 0, "width": 1}]}},
        {"record": {"mode": "Mixed"}},
        {"storage": {"provider": "s3", "extra": 1}},
        {"whiteboard": {}},
    ],
)
def test_edge_values_agree(data: dict[str, Any]) -> None:
    base = {
        "room": {"id": "r", "app_id": 1, "access_token": "t"},
        "storage": {"provider": "s3"},
    }
    for key, value in data.items():
        base[key] = {**base.get(key, {}), **value} if isinstance(value, dict) else value
    agrees_with_pydantic(base)


def test_compiling_a_clean_spec_does_not_import_pydantic() -> None:
    spec = ROOT / "examples" / "grid-4-720p-s3.toml"
    code = (
        "import sys; from recspec.cli import main\n"
        f"sys.argv = ['recspec', 'compile', '--no-cache', {str(spec)!r}]\n"
        "try: main()\nexcept SystemExit as e: print(e.code, 'pydantic' in sys.modules)"
    )
    env = {**os.environ, "RECSPEC_NO_CACHE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.stdout.strip().endswith("0 False"), result.stdout + result.stderr


def test_the_public_api_still_returns_the_pydantic_model() -> None:
    import recspec

    loaded = recspec.load_spec(ROOT / "examples" / "grid-4-720p-s3.toml", env={})
    assert isinstance(loaded.spec, Spec)
    assert SpecNode.of(loaded.spec) == fast_validate(loaded.data)
