"""recspec's subcommands, one module each, imported only when they run."""

from __future__ import annotations

#: name -> (module, one-line help). The help is here so `recspec --help` imports nothing else.
COMMANDS: dict[str, tuple[str, str]] = {
    "compile": ("recspec.commands.compile", "Compile specs into ZEGO start JSON."),
    "lint": ("recspec.commands.lint", "Lint specs (.toml) and start payloads (.json)."),
    "rules": ("recspec.commands.rules", "List every lint rule."),
    "explain": ("recspec.commands.explain", "Show one rule's full documentation."),
    "layout": ("recspec.commands.layout", "Print layout rectangles per participant count."),
    "preview": ("recspec.commands.preview", "Draw a spec's compiled layout as SVG."),
    "docs": ("recspec.commands.docs", "Render the presets gallery and references."),
    "schema": ("recspec.commands.schema", "Print the JSON Schema of specs or payloads."),
    "init": ("recspec.commands.init", "Print a commented starter spec."),
    "diff": ("recspec.commands.diff", "Show what a change does to the start body, with risks."),
    "import": (
        "recspec.commands.import_",
        "Turn start bodies (JSON) into specs that compile back.",
    ),
}
