"""Save a PNG of the seed comparison as HTML with pmcompare.STYLESHEET, drawn by headless Chromium.

    python scripts/screenshot.py                      # docs/_static/seed-comparison.png
    python scripts/screenshot.py --dark               # docs/_static/seed-comparison-dark.png
    python scripts/screenshot.py --output /tmp/x.png

The page is measured first, so the picture is exactly as tall as the table.
Chromium is Debian's ``chromium`` (``scripts/system-deps.sh`` installs it);
set ``CHROMIUM`` to use another binary.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pmcompare

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 1000

# No network, no profile, no background services: the browser only draws
# the local page it is given. tests/test_browser.py starts Chromium with
# these same flags.
OFFLINE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
)
FLAGS = (*OFFLINE_FLAGS, "--hide-scrollbars", "--virtual-time-budget=3000")

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ margin: 24px; font: 15px/1.5 "DejaVu Sans", system-ui, sans-serif; color: #1f2328; background: #ffffff; }}
@media (prefers-color-scheme: dark) {{ body {{ color: #e6edf3; background: #0d1117; }} }}
</style>
<style>
{stylesheet}</style>
</head>
<body>
{table}{measure}</body>
</html>
"""

MEASURE = """\
<script>
window.addEventListener("load", () => {
  const out = document.createElement("output");
  out.id = "pmc-height";
  out.textContent = String(Math.ceil(document.documentElement.getBoundingClientRect().height));
  document.body.append(out);
});
</script>
"""


def chromium() -> str:
    """The Chromium binary: $CHROMIUM, or chromium / chromium-browser / google-chrome on the PATH."""
    found = os.environ.get("CHROMIUM") or next(
        (path for name in ("chromium", "chromium-browser", "google-chrome") if (path := shutil.which(name))), None
    )
    if found is None:
        msg = "headless Chromium is needed: install Debian's 'chromium' (scripts/system-deps.sh) or set CHROMIUM"
        raise SystemExit(msg)
    return found


def run(page: Path, *args: str, dark: bool = False) -> str:
    """Open a local page in headless Chromium with ``args`` and return what it prints."""
    scheme = 0 if dark else 1  # Blink's PreferredColorScheme: 0 dark, 1 light
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                chromium(),
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--blink-settings=preferredColorScheme={scheme}",
                *args,
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    return result.stdout


def page(measure: bool) -> str:
    comparison = pmcompare.get("product strategy", "product management")
    return PAGE.format(
        title=html.escape(comparison.title),
        stylesheet=pmcompare.STYLESHEET,
        table=pmcompare.render(comparison, "html"),
        measure=MEASURE if measure else "",
    )


def screenshot(output: Path, *, dark: bool = False, width: int = WIDTH) -> Path:
    """Draw the seed comparison to ``output`` (a PNG), as tall as the page."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.html"
        path.write_text(page(measure=True), encoding="utf-8")
        dom = run(path, "--dump-dom", f"--window-size={width},800", dark=dark)
        found = re.search(r'<output id="pmc-height">(\d+)</output>', dom)
        if found is None:
            msg = "could not measure the page: Chromium did not run the measuring script"
            raise RuntimeError(msg)
        path.write_text(page(measure=False), encoding="utf-8")
        run(path, f"--screenshot={output}", f"--window-size={width},{found[1]}", dark=dark)
    if not output.is_file():
        msg = f"Chromium wrote no screenshot to {output}"
        raise RuntimeError(msg)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--output", type=Path, help="where to write the PNG (default: docs/_static/...)")
    parser.add_argument("--dark", action="store_true", help="draw with the dark colour scheme")
    parser.add_argument("--width", type=int, default=WIDTH, help=f"page width in CSS pixels (default {WIDTH})")
    args = parser.parse_args(argv)
    name = "seed-comparison-dark.png" if args.dark else "seed-comparison.png"
    output = args.output or ROOT / "docs" / "_static" / name
    print(screenshot(output, dark=args.dark, width=args.width))
    return 0


if __name__ == "__main__":
    sys.exit(main())
