"""Render the HTML docs and a few previews to PNG in headless Chromium, to look at them.

    python benchmarks/screenshots.py [OUT_DIR]    (default: /tmp/recspec-screenshots)

Writes the docs (`recspec docs --format html`) and `recspec preview` SVGs of the shipped
examples, then one PNG per page at 1280 px and 800 px wide. Needs `chromium` on PATH
(Debian: `apt-get install chromium`); exits 0 with a note when it is absent. The pictures are
for a person to check; the real tests parse the SVG (tests/test_preview.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (1280, 800)


def shoot(browser: str, page: Path, png: Path, width: int, height: int = 900) -> None:
    """One screenshot of `page` (a local file) at `width` x `height`."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                f"--window-size={width},{height}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def _framed(svg: Path) -> Path:
    """An HTML page showing the whole SVG at the window's width (a bare SVG keeps its own
    pixel size, so a 1920 px canvas would be cut at 800 px)."""
    page = svg.with_suffix(".html")
    page.write_text(
        '<!doctype html><body style="margin:0;background:#888">'
        f'<img src="{svg.name}" style="width:100%;display:block" alt="{svg.stem}"></body>',
        encoding="utf-8",
    )
    return page


def main(out: Path) -> int:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("screenshots: chromium is not installed; nothing to do", file=sys.stderr)
        return 0
    recspec = [sys.executable, "-m", "recspec"]
    site = out / "site"
    subprocess.run([*recspec, "docs", "-o", str(site), "--format", "html"], check=True)
    pages = sorted(site.glob("*.html"))
    for spec in sorted((ROOT / "examples").rglob("*.toml")):  # v2/ and extends/ too
        name = "-".join(spec.relative_to(ROOT / "examples").with_suffix("").parts)
        svg = out / f"preview-{name}.svg"
        done = subprocess.run([*recspec, "preview", str(spec), "-o", str(svg)], capture_output=True)
        if done.returncode == 0 and svg.is_file():  # single-stream specs draw nothing
            pages.append(_framed(svg))
    for page in pages:
        for width in WIDTHS:
            png = out / f"{page.stem}-{width}.png"
            shoot(browser, page, png, width)
            print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/recspec-screenshots")))
