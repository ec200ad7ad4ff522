"""`recspec docs`: the presets gallery, rules reference, spec reference and index, from templates.

The pipeline is `build_docs` (data from the source of truth -> templates -> {relative path:
bytes}) then `write_docs` (atomic writes, only when the bytes change). Output is byte-identical
across runs: every list is in registry, code or path order, nothing reads the clock, and no
set or hash order leaks into a page.

Markdown pages reference each SVG as `img/<case>.svg` (GitHub does not render inline SVG);
HTML pages inline them, so one self-contained file per page needs no network.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recspec.render.gallery import LayoutSource, builtin_sources, gallery, slug

FORMATS: dict[str, str] = {"markdown": "md", "html": "html"}
"""--format value -> file extension (and template infix: `rules.md.j2`, `rules.html.j2`)."""

PAGES: tuple[tuple[str, str, str], ...] = (
    ("index", "recspec documentation", "Where to start."),
    ("presets", "Layout presets", "Every layout drawn at 1 to 25 participants."),
    ("rules", "Lint rules", "Every rule: what it checks, why, and how to fix it."),
    ("spec", "Spec reference", "Every TOML key: type, format, default and payload field."),
)
"""(page, title, one-line description), in the order the index lists them."""

#: What every page template receives (documented for `--templates` overrides; `recspec docs
#: --template-help` prints it).
TEMPLATE_VARIABLES: dict[str, str] = {
    "page": 'this page: "index", "presets", "rules" or "spec"',
    "title": "this page's title",
    "format": '"markdown" or "html"',
    "ext": '"md" or "html"',
    "pages": "every page: page, title, description, file",
    "presets": "the gallery: layouts (name, summary, options, cases with images) and more",
    "layouts": "the gallery's layouts (also presets.layouts)",
    "canvas": 'the built-in presets\' canvas, "1280x720"',
    "counts": "the participant counts drawn",
    "max_views": "ZEGO's most views (25)",
    "common_options": "options every computed preset takes: key, default, doc",
    "common_tie_rules": "tie rules every computed preset follows",
    "families": "rule families: name, title, rules",
    "rules": "every rule: code, anchor, name, severity, family, kind, summary, why, bad, "
    "good, example_note, lang, source, fields (legacy and v2 names), spec (the rule in a spec: "
    "bad, good, message, unreachable, same = bad/good above are specs already)",
    "sections": "spec reference sections: title, keys (path, type, format, default, payload, ...)",
    "rule_count": "number of rules",
    "key_count": "number of spec keys",
}

IMAGE_DIR = "img"
#: The files the last `recspec docs` run wrote into its folder: the only ones it may prune.
MANIFEST = ".recspec-docs.json"
_OUR_IMAGE = re.compile(r"^[a-z0-9-]+-\d+\.svg$")


class SpecLayoutProblem(Exception):
    """A spec given to `recspec docs` whose layout cannot be built; `lines` say why."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines[0] if lines else "spec error")
        self.lines = lines


@dataclass(frozen=True, slots=True)
class Written:
    """What `write_docs` did."""

    written: list[str]
    unchanged: list[str]
    removed: list[str]


def spec_sources(
    paths: Iterable[str | os.PathLike[str]], env: Mapping[str, str] | None = None
) -> tuple[list[LayoutSource], list[str]]:
    """The `[layout]` of every spec under `paths` (`.toml`, directories recursively).

    Returns the sources and notes about specs that have no layout. Raises `SpecLayoutProblem`
    when a spec does not load or its layout cannot be built, and `UnreadableError` for a
    missing path.
    """
    from recspec.compiler import compile_file
    from recspec.diagnostics import Severity
    from recspec.redact import Redactor
    from recspec.source import find_inputs
    from recspec.spec import units
    from recspec.spec.loader import UNSET_FOR_DRAWING

    sources: list[LayoutSource] = []
    notes: list[str] = []
    used: set[str] = set()
    problems: list[str] = []
    for found in find_inputs(paths, suffixes=(".toml",)):
        path = Path(found)
        shown = path.as_posix()
        compiled = compile_file(
            path, env=os.environ if env is None else env, unset_env=UNSET_FOR_DRAWING
        )
        spec = compiled.spec
        blocking = [
            d
            for d in compiled.diagnostics
            if d.severity is Severity.ERROR and (spec is None or d.rule == "RS807")
        ]
        if spec is None or blocking:
            problems.extend(f"{d.file}:{d.line}:{d.column}: {d.rule} {d.message}" for d in blocking)
            if not blocking:
                problems.append(f"{shown}: the spec does not load")
            continue
        if spec.layout is None:
            notes.append(f"{shown}: no [layout], nothing to draw")
            continue
        key = _unique(f"layout-{slug(path.stem)}", used)
        width, height = units.parse_resolution(spec.video.resolution)
        # Docs are human-facing: values from ${env:...} (a stream id, a focus) show as ***.
        redact = Redactor(compiled.loaded.secrets)
        from recspec.layout.spec import LayoutSpec

        # From the spec's own `[layout]` table, so the gallery lists exactly the keys it sets.
        layout = LayoutSpec.model_validate(redact.deep(compiled.loaded.data["layout"]))
        own = len(layout.tile) if layout.preset == "custom" else layout.tiles or len(layout.streams)
        mix = ((compiled.document or {}).get("record_input_params") or {}).get("mix_config") or {}
        views = mix.get("mix_input_list")
        sources.append(
            LayoutSource(
                key=key,
                title=shown,
                layout=layout,
                width=width,
                height=height,
                whiteboard=spec.whiteboard is not None,
                origin=shown,
                own_count=own or None,
                compiled_list=redact.deep(views) if isinstance(views, list) else None,
                background=mix.get("mix_output_background_color"),
                images=_images(compiled.document or {}, mix),
            )
        )
    if problems:
        raise SpecLayoutProblem(problems)
    return sources, notes


IMAGE_FIELDS = (
    "mix_output_background_image",
    "mix_output_watermark_image",
    "mix_output_watermark_image_config",
    "default_mix_stream_background_image",
)


def _images(document: dict[str, Any], mix: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The body's image fields a picture shows (recspec.render.images), with fill_blank."""
    found = [(key, mix[key]) for key in IMAGE_FIELDS if key in mix]
    blank = (document.get("record_input_params") or {}).get("fill_blank")
    return (*found, ("fill_blank", blank)) if found and blank is not None else tuple(found)


def _unique(key: str, used: set[str]) -> str:
    candidate, number = key, 2
    while candidate in used:
        candidate, number = f"{key}-{number}", number + 1
    used.add(candidate)
    return candidate


def rules_context() -> list[dict[str, Any]]:
    """Every rule as plain data, grouped by family in code order."""
    from recspec.commands.explain import fields_of, spec_form_doc
    from recspec.render.escaping import safe_json
    from recspec.rules import all_rules

    families: dict[str, dict[str, Any]] = {}
    for rule in all_rules():
        family = families.setdefault(
            rule.family,
            {"name": rule.family, "title": rule.family.capitalize(), "rules": []},
        )
        payload = rule.kind == "payload"
        note, lang = _example_kind(rule.kind, rule.bad)
        family["rules"].append(
            {
                "code": rule.code,
                "anchor": rule.code.lower(),
                "name": rule.name,
                "severity": rule.severity.label,
                "family": rule.family,
                "kind": rule.kind,
                "summary": rule.summary,
                "why": rule.why,
                "lang": lang,
                "bad": safe_json(rule.bad) if payload else str(rule.bad).rstrip("\n"),
                "good": safe_json(rule.good) if payload else str(rule.good).rstrip("\n"),
                "example_note": note,
                "source": rule.source,
                "fields": [{"legacy": old, "v2": new} for old, new in fields_of(rule)],
                "spec": spec_form_doc(rule),
            }
        )
    return list(families.values())


def _example_kind(kind: str, example: Any) -> tuple[str, str]:
    """(what an example is, its code-block language) for a rule kind."""
    if kind == "payload":
        return "merged into the example payload; null deletes a key", "json"
    if kind == "spec":
        return "a complete spec", "toml"
    text = str(example).lstrip()
    return "the file as written", "json" if text.startswith(("{", "[")) else "toml"


def build_docs(
    fmt: str = "markdown",
    specs: Sequence[str | os.PathLike[str]] = (),
    templates: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[dict[str, bytes], list[str]]:
    """Render every page: ({relative posix path: bytes}, notes for the user).

    Raises `TemplateProblem` (bad or refused template), `SpecLayoutProblem` (a spec's layout
    cannot be built) or `UnreadableError` (a missing spec path).
    """
    from recspec.render.specref import reference
    from recspec.render.templating import environment, render

    ext = FORMATS[fmt]
    jinja = environment(templates)
    user_sources, notes = spec_sources(specs, env) if specs else ([], [])
    presets = gallery([*builtin_sources(), *user_sources], IMAGE_DIR)
    families = rules_context()
    sections = reference()
    pages = [
        {"page": page, "title": title, "description": text, "file": f"{page}.{ext}"}
        for page, title, text in PAGES
    ]
    # Every page template receives the same variables (TEMPLATE_VARIABLES), so an override can
    # use any of them: the gallery's keys, `families`, `rules`, `sections`, the counts.
    common: dict[str, Any] = {
        "format": fmt,
        "ext": ext,
        "pages": pages,
        **presets,
        "presets": presets,
        "families": families,
        "rules": [rule for family in families for rule in family["rules"]],
        "sections": sections,
        "rule_count": sum(len(f["rules"]) for f in families),
        "key_count": sum(len(s["keys"]) for s in sections),
    }
    files: dict[str, bytes] = {}
    for page, title, _ in PAGES:
        context = {**common, "page": page, "title": title}
        text = render(jinja, f"{page}.{ext}.j2", context)
        files[f"{page}.{ext}"] = _normalise(text).encode("utf-8")
    if fmt == "markdown":
        for layout in presets["layouts"]:
            for case in layout["cases"]:
                files[case["image"]] = case["svg_file"].encode("utf-8")
    return dict(sorted(files.items())), notes


def _normalise(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, exactly one final newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def write_docs(out_dir: str | os.PathLike[str], files: Mapping[str, bytes]) -> Written:
    """Write `files` under `out_dir` atomically, only where bytes changed; prune stale images.

    A stale file is one an earlier run wrote (it is listed in that run's manifest,
    `MANIFEST`) and this run did not produce (a preset was renamed, a count dropped). Nothing
    else in `out_dir` is ever removed, whatever its name: a user's own `img/architecture-1.svg`
    is safe.
    """
    import json

    from recspec.output import write_atomic

    root = Path(out_dir)
    written: list[str] = []
    unchanged: list[str] = []
    for relative, data in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        (written if write_atomic(target, data) else unchanged).append(relative)
    manifest = root / MANIFEST
    try:
        previous = json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        previous = []
    removed: list[str] = []
    for relative in sorted(set(previous) - set(files)) if isinstance(previous, list) else ():
        path = root / relative
        if (
            isinstance(relative, str)
            and relative.startswith(f"{IMAGE_DIR}/")
            and _OUR_IMAGE.match(relative[len(IMAGE_DIR) + 1 :])
            and path.is_file()
            and not path.is_symlink()
        ):
            path.unlink()
            removed.append(relative)
    listing = {"generator": "recspec docs", "files": sorted(files)}
    write_atomic(manifest, (json.dumps(listing, indent=2) + "\n").encode("utf-8"))
    return Written(written, unchanged, removed)
