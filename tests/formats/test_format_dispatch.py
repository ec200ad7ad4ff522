"""`render()` dispatch: the format list, unknown names, lazy imports, purity."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest
from formats_support import make_report

from recspec.formats import FORMATS, Report, render


def test_format_names() -> None:
    assert FORMATS == ("text", "json", "sarif", "github", "junit")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_empty_and_full_reports(fmt: str) -> None:
    empty = Report(diagnostics=[], files=[], sources={}, rules=lambda code: None)
    assert render(fmt, empty).endswith("\n")
    assert render(fmt, make_report()).endswith("\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_formatters_are_pure(fmt: str) -> None:
    report = make_report(tool_version="0.1.0")
    before = copy.deepcopy(report.diagnostics)
    assert render(fmt, report) == render(fmt, report)
    assert report.diagnostics == before


@pytest.mark.parametrize("fmt", ["", "TEXT", "sarif2", "checkstyle", "json_"])
def test_unknown_format_is_a_value_error(fmt: str) -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        render(fmt, make_report())


def test_importing_the_package_imports_no_format() -> None:
    code = (
        "import sys, recspec.formats\n"
        "heavy = [m for m in sys.modules if m.startswith('recspec.formats.')"
        " or m in ('xml.etree.ElementTree', 'hashlib', 'unicodedata', 'recspec.rules.base')]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_rendering_one_format_imports_only_that_module() -> None:
    code = (
        "import sys\n"
        "from recspec.formats import Report, render\n"
        "render('json', Report(diagnostics=[], files=[], sources={}, rules=lambda c: None))\n"
        "print(sorted(m for m in sys.modules if m.startswith('recspec.formats.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['recspec.formats._common', 'recspec.formats.json_']"
