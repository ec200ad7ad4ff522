"""`--format json`: one JSON array of `Diagnostic.to_json()` items, `[]` when clean.

The item shape is the public contract (fields may be added, never renamed), so this module adds
nothing of its own: what `to_json()` returns is exactly what scripts see. Suppressed findings are
left out, as in every format but SARIF, which has a field to mark them.
"""

from __future__ import annotations

import json

from recspec.formats import Report
from recspec.formats._common import visible


def render(report: Report) -> str:
    items = [d.to_json() for d in visible(report.diagnostics)]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
