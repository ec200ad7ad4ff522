"""StartRecord's UpdateLayout bodies, one per participant count, checked before they are printed.

An application switches layouts as people join and leave by sending UpdateLayout with `TaskId`,
`MixMode`, `MixInputList` and `MixMaxResolutionStreamId` ([U]). Each body is the spec's start
body with that count's layout in it, run through the same rules as the start body (findings on
the layout are printed on stderr and make the exit code 1), then written in v2 names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from recspec.commands.layout import SpecLayout
    from recspec.layout import LayoutPlan


def update_layout_bodies(
    loaded: SpecLayout, plans: dict[int, LayoutPlan], task_id: str | None
) -> tuple[dict[str, dict[str, Any]], bool]:
    """({count: UpdateLayout body}, whether every body is free of errors)."""
    from recspec.commands.preview import with_plan
    from recspec.diagnostics import Severity
    from recspec.dialect import V2
    from recspec.dialect.lint import in_dialect
    from recspec.dialect.names import write
    from recspec.rules import check_payload, select_rules

    layout_rules = select_rules(["RS4", "RS51"])
    bodies: dict[str, dict[str, Any]] = {}
    ok = True
    for count, plan in plans.items():
        document = with_plan(loaded.payload, plan.mix_mode, plan.mix_input_list())
        for rule, finding in check_payload(document, layout_rules, V2):
            shown = in_dialect(finding, V2)
            click.echo(
                f"recspec: {count} participants: {rule.code} [{rule.severity.label}] "
                f"{loaded.redact(shown.message)}",
                err=True,
            )
            ok = ok and rule.severity is not Severity.ERROR
        mix = write(document, "v2")["RecordInputParams"]["MixConfig"]
        body: dict[str, Any] = {} if task_id is None else {"TaskId": task_id}
        body["MixMode"] = plan.mix_mode
        if "MixInputList" in mix:
            body["MixInputList"] = mix["MixInputList"]
        if plan.big_view_stream:
            body["MixMaxResolutionStreamId"] = plan.big_view_stream
        bodies[str(count)] = loaded.redact.deep(body)
    return bodies, ok
