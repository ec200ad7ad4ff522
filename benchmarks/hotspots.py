"""Where recspec's time goes: start-up imports, per-stage µs per file, and cProfile top lists.

    .venv/bin/python benchmarks/hotspots.py [--work bench-out] [--count 1000] [--rounds 5]

Run `benchmarks/run.py` first (it writes the corpus this reads: bench-out/specs, payloads).
Why separate from run.py: run.py answers "are we fast enough" with whole processes; this answers
"what to optimise" by timing each stage of `compile_file` and `lint_file` in isolation, with the
same internal functions recspec calls, so the owner can see which stage pays for what.
Optional libraries (tomli, rtoml, orjson) are timed when importable, to size the gain of
swapping them in; run it with an interpreter that has them to get those rows.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

#: Import-time groups: the first matching prefix names a module's group. A module that matches
#: none is charged to the nearest ancestor that does ("who pulled it in"), else to start-up.
GROUPS = (
    ("pydantic", ("pydantic", "pydantic_core", "annotated_types", "typing_inspection")),
    ("click", ("click",)),
    ("jinja2", ("jinja2", "markupsafe")),
    ("tomllib", ("tomllib",)),
    ("json", ("json",)),
    ("recspec.rules", ("recspec.rules",)),
    ("recspec.layout", ("recspec.layout",)),
    ("recspec.spec", ("recspec.spec",)),
    ("recspec.payload", ("recspec.payload",)),
    ("recspec.positions", ("recspec.positions",)),
    ("recspec.formats", ("recspec.formats",)),
    ("recspec (other)", ("recspec",)),
)


def group_of(module: str) -> str | None:
    for group, prefixes in GROUPS:
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return group
    return None


def importtime(cmd: list[str], cwd: Path, runs: int) -> dict[str, float]:
    """Median ms per group over `runs` fresh `-X importtime` processes (self times, attributed)."""
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", *cmd],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
        )
        totals = attribute(done.stderr.splitlines())
        for group in set(samples) | set(totals):
            samples.setdefault(group, []).append(totals.get(group, 0.0))
    return {g: statistics.median(v) for g, v in samples.items()}


def attribute(lines: Iterable[str]) -> dict[str, float]:
    """Parse importtime output (children print before parents) into ms per group."""
    Node = tuple[str, float, list[Any]]
    pending: list[tuple[int, Node]] = []
    for line in lines:
        if not line.startswith("import time:") or "imported package" in line:
            continue
        self_us, name = _fields(line)
        level = (len(name) - len(name.lstrip(" "))) // 2
        children: list[Any] = []
        while pending and pending[-1][0] > level:
            children.insert(0, pending.pop()[1])
        pending.append((level, (name.strip(), self_us, children)))
    totals: dict[str, float] = {}

    def walk(node: Node, inherited: str) -> None:
        name, self_us, children = node
        group = group_of(name) or inherited
        totals[group] = totals.get(group, 0.0) + self_us / 1000
        for child in children:
            walk(child, group)

    for _, root in pending:
        walk(root, "start-up/stdlib (top level)")
    totals["TOTAL"] = sum(totals.values())
    return totals


def _fields(line: str) -> tuple[float, str]:
    """`import time:  self |  cumulative | name` -> (self µs, indented name)."""
    body = line.split(":", 1)[1]
    self_us, _cumulative, name = body.split("|", 2)
    return float(self_us), name[1:]  # one space follows the bar, then the indent


def wall(cmd: list[str], cwd: Path, runs: int) -> float:
    """Median wall ms of a whole process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def per_item(fn: Callable[[Any], Any], items: list[Any], rounds: int) -> float:
    """Median over rounds of µs per item for `fn(item)` over all items (one warm-up round)."""
    results = []
    for index in range(rounds + 1):
        start = time.perf_counter()
        for item in items:
            fn(item)
        if index:
            results.append((time.perf_counter() - start) * 1e6 / len(items))
    return statistics.median(results)


def stages(work: Path, count: int, rounds: int) -> list[tuple[str, float]]:
    """µs per file of every stage of compile and lint, on the corpus, in this process."""
    from recspec.commands.compile import payload_bytes
    from recspec.compiler import build_payload, compile_file
    from recspec.layout import plan_layout
    from recspec.lint import lint_file, lint_paths
    from recspec.locate import payload_diagnostics, spec_diagnostics
    from recspec.output import write_atomic
    from recspec.payload.models import StartPayload, dump
    from recspec.payload.shape import canonical
    from recspec.positions.json import parse_json
    from recspec.rules import check_payload
    from recspec.source import read_text
    from recspec.spec import units
    from recspec.spec.env import Interpolation, interpolate
    from recspec.spec.loader import load_spec
    from recspec.spec.models import Spec
    from recspec.spec.shape import fast_validate
    from recspec.spec.toml_reader import parse_toml

    os.chdir(work)
    specs = sorted(str(p.relative_to(work)) for p in (work / "specs").glob("*.toml"))[:count]
    payloads = sorted(str(p.relative_to(work)) for p in (work / "payloads").glob("*.json"))[:count]
    texts = [read_text(p) for p in specs]
    raws = [tomllib.loads(t) for t in texts]
    loaded = [load_spec(p, text=t) for p, t in zip(specs, texts, strict=True)]
    datas = [ld.data for ld in loaded]
    models = [ld.spec for ld in loaded]
    built = [build_payload(m, set(d)) for m, d in zip(models, datas, strict=True)]
    compiled = [compile_file(p, text=t) for p, t in zip(specs, texts, strict=True)]
    documents = [c.document for c in compiled]
    raw_docs = [b[0] for b in built]
    blobs = [payload_bytes(d, False) for d in documents]
    ptexts = [read_text(p) for p in payloads]
    pdocs = [parse_json(t)[0] for t in ptexts]
    layouts = [
        (m.layout, *units.parse_resolution(m.video.resolution), m.whiteboard is not None)
        for m in models
        if m.layout is not None
    ]
    out = work / "profile-out"
    out.mkdir(exist_ok=True)
    targets = [out / (Path(p).stem + ".json") for p in specs]
    for target, blob in zip(targets, blobs, strict=True):
        write_atomic(target, blob)

    def interp(raw: dict[str, Any]) -> Any:
        return interpolate(raw, os.environ, Interpolation())

    rows: list[tuple[str, float]] = [
        (
            "compile: compile_file (whole, text given)",
            per_item(
                lambda i: compile_file(specs[i], text=texts[i]), list(range(len(specs))), rounds
            ),
        ),
        ("compile: read_text", per_item(read_text, specs, rounds)),
        ("compile: tomllib.loads", per_item(tomllib.loads, texts, rounds)),
        (
            "compile: load_spec (toml+env+credentials+validation)",
            per_item(lambda i: load_spec(specs[i], text=texts[i]), list(range(len(specs))), rounds),
        ),
        ("compile:   of which interpolate ${env}", per_item(interp, raws, rounds)),
        (
            "compile:   of which parse_toml (rtoml/tomli/tomllib)",
            per_item(parse_toml, texts, rounds),
        ),
        ("compile:   of which fast_validate (no pydantic)", per_item(fast_validate, datas, rounds)),
        (
            "compile:   (pydantic Spec.model_validate, for comparison)",
            per_item(Spec.model_validate, datas, rounds),
        ),
        (
            "compile: build_payload (incl. layout)",
            per_item(
                lambda i: build_payload(models[i], set(datas[i])), list(range(len(specs))), rounds
            ),
        ),
        (
            f"compile:   of which plan_layout ({len(layouts)}/{len(specs)} specs)",
            per_item(lambda a: plan_layout(a[0], a[1], a[2], whiteboard=a[3]), layouts, rounds)
            * len(layouts)
            / len(specs),
        ),
        (
            "compile: spec_diagnostics (all rules + locate)",
            per_item(spec_diagnostics, compiled, rounds),
        ),
        ("compile:   of which check_payload (rules)", per_item(check_payload, documents, rounds)),
        (
            "compile: canonical (reorder; only specs with [payload] need it)",
            per_item(canonical, raw_docs, rounds),
        ),
        (
            "compile:   of which StartPayload.model_validate",
            per_item(StartPayload.model_validate, raw_docs, rounds),
        ),
        (
            "compile:   of which dump",
            per_item(dump, [StartPayload.model_validate(d) for d in raw_docs], rounds),
        ),
        (
            "write: payload_bytes (pretty_json)",
            per_item(lambda d: payload_bytes(d, False), documents, rounds),
        ),
        (
            "write: json.dumps compact (alternative)",
            per_item(lambda d: json.dumps(d, ensure_ascii=False), documents, rounds),
        ),
        (
            "write: write_atomic, unchanged (read+compare)",
            per_item(lambda i: write_atomic(targets[i], blobs[i]), list(range(len(specs))), rounds),
        ),
        (
            "lint json: lint_paths (whole, per payload)",
            per_item(
                lambda chunk: lint_paths(chunk),
                [payloads[i : i + 100] for i in range(0, len(payloads), 100)],
                rounds,
            )
            / 100,
        ),
        ("lint json: lint_file", per_item(lint_file, payloads, rounds)),
        ("lint json: read_text", per_item(read_text, payloads, rounds)),
        (
            "lint json: parse_json (C scanner, duplicate-key count)",
            per_item(parse_json, ptexts, rounds),
        ),
        ("lint json: json.loads plain (alternative)", per_item(json.loads, ptexts, rounds)),
        ("lint json: check_payload (rules)", per_item(check_payload, pdocs, rounds)),
        (
            "lint json: payload_diagnostics (rules+redact)",
            per_item(
                lambda i: payload_diagnostics(payloads[i], ptexts[i], pdocs[i], []),
                list(range(len(payloads))),
                rounds,
            ),
        ),
    ]
    fresh = out / "fresh"
    fresh.mkdir(exist_ok=True)
    start = time.perf_counter()
    for target, blob in zip(targets, blobs, strict=True):
        write_atomic(fresh / target.name, blob)
    rows.append(
        (
            "write: write_atomic, new file (temp file + rename)",
            (time.perf_counter() - start) * 1e6 / len(targets),
        )
    )
    start = time.perf_counter()
    for target, blob in zip(targets, blobs, strict=True):
        write_atomic(fresh / target.name, blob + b" ")
    rows.append(
        (
            "write: write_atomic, changed file (rename over)",
            (time.perf_counter() - start) * 1e6 / len(targets),
        )
    )
    rows += alternatives(texts, documents, rounds)
    return rows


def alternatives(texts: list[str], documents: list[Any], rounds: int) -> list[tuple[str, float]]:
    """Drop-in candidates, when importable: a faster TOML parser and a native JSON encoder."""
    rows: list[tuple[str, float]] = []
    try:
        import tomli

        rows.append(
            (
                f"alt: tomli.loads ({getattr(tomli, '__version__', '?')})",
                per_item(tomli.loads, texts, rounds),
            )
        )
    except ImportError:
        rows.append(("alt: tomli not installed", float("nan")))
    try:
        import rtoml

        rows.append(("alt: rtoml.loads", per_item(rtoml.loads, texts, rounds)))
    except ImportError:
        rows.append(("alt: rtoml not installed", float("nan")))
    try:
        import orjson

        rows.append(
            (
                "alt: orjson.dumps(OPT_INDENT_2)",
                per_item(lambda d: orjson.dumps(d, option=orjson.OPT_INDENT_2), documents, rounds),
            )
        )
    except ImportError:
        rows.append(("alt: orjson not installed", float("nan")))
    return rows


def profile(work: Path, count: int, top: int) -> str:
    """cProfile of 1000 compile_file calls and one lint_paths over 1000 payloads (top by tottime)."""
    from recspec.compiler import compile_file
    from recspec.lint import lint_paths

    os.chdir(work)
    specs = sorted(str(p.relative_to(work)) for p in (work / "specs").glob("*.toml"))[:count]
    payloads = sorted(str(p.relative_to(work)) for p in (work / "payloads").glob("*.json"))[:count]
    compile_file(specs[0])
    lint_paths(payloads[:1])
    report = io.StringIO()
    for title, call in (
        (f"compile_file x{len(specs)}", lambda: [compile_file(p) for p in specs]),
        (f"lint_paths({len(payloads)} payloads)", lambda: lint_paths(payloads)),
    ):
        prof = cProfile.Profile()
        prof.enable()
        call()
        prof.disable()
        for order in ("tottime", "cumulative"):
            report.write(f"\n### {title}, by {order}\n\n```\n")
            stats = pstats.Stats(prof, stream=report)
            stats.sort_stats(order).print_stats(top)
            report.write("```\n")
    return report.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=REPO / "bench-out")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--import-runs", type=int, default=15)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", type=Path, help="Also write the Markdown here.")
    args = parser.parse_args(argv)
    work = args.work.resolve()
    out = args.out.resolve() if args.out is not None else None
    spec = sorted((work / "specs").glob("*.toml"))[0].relative_to(work)
    payload = sorted((work / "payloads").glob("*.json"))[0].relative_to(work)
    lines = [f"# recspec profile ({sys.executable}, Python {sys.version.split()[0]})", ""]

    lines += [f"## Start-up: whole-process wall ms (median of {args.import_runs})", ""]
    script = BIN / "recspec"  # the console script; `-m recspec` when this venv has none
    recspec = [str(script)] if script.exists() else [sys.executable, "-m", "recspec"]
    for label, cmd in (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        (
            "python -c 'import pydantic; from pydantic import BaseModel'",
            [sys.executable, "-c", "import pydantic; from pydantic import BaseModel"],
        ),
        ("recspec --version", [*recspec, "--version"]),
        (f"recspec lint {spec}", [*recspec, "lint", str(spec)]),
        (f"recspec lint {payload}", [*recspec, "lint", str(payload)]),
        (f"recspec compile {spec}", [*recspec, "compile", str(spec)]),
    ):
        lines.append(f"- {label}: {wall(cmd, work, args.import_runs):.1f} ms")

    for label, cmd in (
        (f"lint {spec}", ["-m", "recspec", "lint", str(spec)]),
        (f"lint {payload}", ["-m", "recspec", "lint", str(payload)]),
    ):
        groups = importtime(cmd, work, args.import_runs)
        lines += [
            "",
            f"## `python -X importtime -m recspec {label}`: ms per group (median of "
            f"{args.import_runs}; self times charged to the group that pulled a module in)",
            "",
            "| group | ms |",
            "|---|---:|",
        ]
        for group, ms in sorted(groups.items(), key=lambda kv: -kv[1]):
            lines.append(f"| {group} | {ms:.1f} |")

    lines += [
        "",
        f"## In-process stages, µs per file ({args.count} files, median of {args.rounds} rounds)",
        "",
        "| stage | µs/file |",
        "|---|---:|",
    ]
    for label, us in stages(work, args.count, args.rounds):
        lines.append(f"| {label} | {us:.1f} |")
    lines += ["", "## cProfile", profile(work, args.count, args.top)]
    text = "\n".join(lines) + "\n"
    print(text)
    if out is not None:
        out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
