"""The cold-run ratios against peers, measured side by side in alternating pairs.

    .venv/bin/python benchmarks/ratios.py [--pairs 5] [--count 1000] [--out benchmarks/ratios.md]

Each row runs recspec cold (`--no-cache`) and its peer one after the other, `--pairs` times
(after one warm-up of each), and reports the median of the per-pair ratios: a busy machine slows
both sides of a pair alike, so the ratio holds where absolute times drift. Rows, for both
dialects where a dialect applies:

- 1000 specs compiled (outputs unchanged after the first run) vs check-jsonschema on the specs;
- 1 spec linted vs check-jsonschema on it, and vs `python -c pass` (the interpreter's floor);
- 1000 payloads linted vs ajv-cli 5 (`ajv validate --spec=draft2020 -c ajv-formats`) against
  `recspec schema payload [--target v2]`.

Peers are installed on first use under the scratch folder (check-jsonschema into a venv, ajv-cli
with npm); a peer that cannot be installed turns its rows into SKIP, said in the notes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # the corpus, the schemas and check-jsonschema come from the main benchmark

PYTHON = Path(sys.executable)


@dataclass
class Row:
    """One comparison: recspec's command against a peer's, with the goal for their ratio."""

    work: str
    dialect: str
    ours: list[str]
    peer_name: str
    peer: list[str] | None
    goal: float
    ratios: list[float] | None = None
    ours_ms: float = 0.0
    peer_ms: float = 0.0


def ajv_tool(work: Path, notes: list[str]) -> Path | None:
    """ajv-cli 5 and ajv-formats from the npm registry, under the scratch folder."""
    folder = work / "peers-node"
    tool = folder / "node_modules" / ".bin" / "ajv"
    if not tool.exists():
        folder.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run(
                [
                    "npm",
                    "install",
                    "--silent",
                    "--prefix",
                    str(folder),
                    "ajv-cli@5",
                    "ajv-formats@2",
                ],
                check=True,
                capture_output=True,
                timeout=600,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            notes.append(f"ajv-cli skipped: could not install it with npm ({type(exc).__name__}).")
            return None
    notes.append(
        "Peer: ajv-cli 5 with ajv-formats (npm), `ajv validate --spec=draft2020 -c ajv-formats`."
    )
    return tool


def once(cmd: list[str], cwd: Path) -> float:
    """Wall ms of one run (its exit code is not judged: findings are not failures here)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run(
        cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
    )
    return (time.perf_counter() - start) * 1000


def measure(row: Row, cwd: Path, pairs: int) -> None:
    if row.peer is None:
        return
    once(row.ours, cwd), once(row.peer, cwd)  # warm-up: caches, .pyc files, outputs written
    ours, theirs = [], []
    for index in range(pairs):
        first, second = (row.ours, row.peer) if index % 2 == 0 else (row.peer, row.ours)
        a, b = once(first, cwd), once(second, cwd)
        ours.append(a if first is row.ours else b)
        theirs.append(b if first is row.ours else a)
    row.ratios = [o / t for o, t in zip(ours, theirs, strict=True)]
    row.ours_ms, row.peer_ms = statistics.median(ours), statistics.median(theirs)


def rows(
    work: Path, specs: list[str], payloads: dict[str, list[str]], cj: Path | None, ajv: Path | None
) -> list[Row]:
    recspec, cold = str(bench.RECSPEC), "--no-cache"
    cj_specs = None if cj is None else [str(cj), "--schemafile", "spec.schema.json"]
    out: list[Row] = []
    for dialect in ("legacy", "v2"):
        out.append(
            Row(
                f"{len(specs)} specs compiled, outputs unchanged",
                dialect,
                [
                    recspec,
                    "compile",
                    cold,
                    "--target",
                    dialect,
                    "--out-dir",
                    f"out-{dialect}",
                    *specs,
                ],
                "check-jsonschema",
                None if cj_specs is None else [*cj_specs, *specs],
                0.35,
            )
        )
    out.append(
        Row(
            "1 spec linted",
            "either",
            [recspec, "lint", cold, specs[0]],
            "check-jsonschema",
            None if cj_specs is None else [*cj_specs, specs[0]],
            0.25,
        )
    )
    out.append(
        Row(
            "1 spec linted",
            "either",
            [recspec, "lint", cold, specs[0]],
            "python -c pass",
            [str(PYTHON), "-c", "pass"],
            4.0,
        )
    )
    for dialect, files in payloads.items():
        schema = "payload.schema.json" if dialect == "legacy" else "payload-v2.schema.json"
        peer = (
            None
            if ajv is None
            else [
                str(ajv),
                "validate",
                "--spec=draft2020",
                "-c",
                "ajv-formats",
                "-s",
                schema,
                "-d",
                f"{Path(files[0]).parent}/*.json",
            ]
        )
        out.append(
            Row(
                f"{len(files)} payloads linted",
                dialect,
                [recspec, "lint", cold, *files],
                "ajv-cli",
                peer,
                0.35,
            )
        )
    return out


def render(table: list[Row], notes: list[str], args: argparse.Namespace) -> str:
    lines = [
        "# recspec cold-run ratios",
        "",
        f"- command: `{' '.join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]])}`",
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {bench.machine()}; git {bench.git_state()}",
        "",
        f"## Ratios (median of {args.pairs} alternating pairs)",
        "",
        "| work | dialect | peer | ratio | goal | result |",
        "|---|---|---|---:|---:|---|",
    ]
    for row in table:
        if row.ratios is None:
            lines.append(
                f"| {row.work} | {row.dialect} | {row.peer_name} | - | ≤ {row.goal}x | SKIP |"
            )
            continue
        ratio = statistics.median(row.ratios)
        verdict = "PASS" if ratio <= row.goal else "FAIL"
        lines.append(
            f"| {row.work} | {row.dialect} | {row.peer_name} | {ratio:.2f}x "
            f"| ≤ {row.goal}x | {verdict} |"
        )
    lines += [
        "",
        "## Medians (ms)",
        "",
        "| work | dialect | recspec | peer | peer ms | pair ratios |",
        "|---|---|---:|---|---:|---|",
    ]
    for row in table:
        if row.ratios is not None:
            spread = ", ".join(f"{r:.2f}" for r in row.ratios)
            lines.append(
                f"| {row.work} | {row.dialect} | {row.ours_ms:.1f} | {row.peer_name} "
                f"| {row.peer_ms:.1f} | {spread} |"
            )
    load = os.getloadavg()
    notes.append(f"Load average at the end: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}.")
    lines += ["", "## Notes", ""] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=5, help="A/B pairs per row (default 5).")
    parser.add_argument(
        "--count", type=int, default=1000, help="Files per bulk row (default 1000)."
    )
    parser.add_argument(
        "--work", type=Path, default=bench.REPO / "bench-out", help="Scratch folder."
    )
    parser.add_argument("--out", type=Path, help="Also write the Markdown report here.")
    args = parser.parse_args(argv)
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    specs, legacy, v2 = bench.build_corpus(work, args.count, 42, notes)
    cj = bench.peer_tool(work, notes)
    if cj is not None:
        bench.peer_schemas(work)
    (work / "payload-v2.schema.json").write_text(
        bench.run_checked(
            [str(bench.RECSPEC), "schema", "payload", "--target", "v2"], work, "schema"
        )
    )
    ajv = ajv_tool(work, notes)
    table = rows(work, specs, {"legacy": legacy, "v2": v2}, cj, ajv)
    for row in table:
        print(f"{row.work} ({row.dialect}) vs {row.peer_name} ...", file=sys.stderr)
        measure(row, work, args.pairs)
    report = render(table, notes, args)
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
