"""The geometry must import without pydantic, and importing must do no work."""

from __future__ import annotations

import subprocess
import sys


def test_geometry_imports_without_pydantic() -> None:
    code = (
        "import sys, recspec.layout, recspec.render.svg, recspec.render.ascii;"
        "assert 'pydantic' not in sys.modules, 'pydantic imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_public_name_loads_from_its_home() -> None:
    """`recspec.layout` lists its names twice (`__all__` for tools, `_HOMES` to load them
    lazily): the two lists must agree, and each name must come from the module it names."""
    import importlib

    import recspec.layout as layout

    assert sorted(layout.__all__) == sorted(layout._HOMES)
    for name, home in layout._HOMES.items():
        module = importlib.import_module(f"recspec.layout.{home}")
        assert getattr(layout, name) is getattr(module, name)


def test_importing_one_geometry_module_builds_no_preset() -> None:
    """A single-stream spec needs `LayoutError` only: the engine and presets stay unloaded."""
    code = (
        "import sys, recspec.layout.plan;"
        "loaded = [m for m in ('recspec.layout.engine', 'recspec.layout.registry', 'fractions')"
        " if m in sys.modules]; assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
