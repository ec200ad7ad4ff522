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
