"""Save a PNG of the seed comparison as HTML with pmcompare.STYLESHEET, drawn by headless Chromium.

    python scripts/screenshot.py                      # docs/_static/seed-comparison.png
    python scripts/screenshot.py --dark               # docs/_static/seed-comparison-dark.png
    python scripts/screenshot.py --output /tmp/x.png
    python scripts/screenshot.py --hosts              # docs/_static/hosts/*.png: every site host

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


# --- Site hosts: the four Sphinx themes, MkDocs Material and a plain page (--hosts) ---------------------
# tests/test_themes.py builds its pages with these same functions.

HOST_PAIR = "product strategy | product management"
SPHINX_THEMES = ("sphinx_rtd_theme", "furo", "pydata_sphinx_theme", "alabaster")
SITE_HOSTS = (*SPHINX_THEMES, "mkdocs-material", "plain-html")
HOST_WIDTHS = (1280, 390)
HOST_SCHEMES = ("light", "dark")
# Themes with no dark mode of their own: a dark preference changes nothing, so there is no dark picture.
LIGHT_ONLY = ("sphinx_rtd_theme", "alabaster")
# The pictures show the top of the table: enough rows to see the layout, in a small file.
PICTURE_HEIGHT = 640

MKDOCS_CONFIG = """\
site_name: Themes
theme:
  name: material
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
markdown_extensions:
  - pmcompare
"""

PLAIN_PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Plain</title><style>
body {{ margin: 16px; font: 16px/1.5 "DejaVu Sans", system-ui, sans-serif; color: #1f2328; background: #ffffff; }}
@media (prefers-color-scheme: dark) {{ body {{ color: #e6edf3; background: #0d1117; }} }}
{stylesheet}</style></head>
<body><p>Some prose before.</p>
{table}</body></html>
"""


def _quiet(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=300)


def sphinx_site(root: Path, theme: str) -> Path:
    """A one-page Sphinx project in ``theme`` with the directive, built with -W; the page's path."""
    source = root / theme
    source.mkdir(parents=True, exist_ok=True)
    (source / "conf.py").write_text(
        f'project = "Themes"\nextensions = ["pmcompare.sphinx"]\nhtml_theme = "{theme}"\n', encoding="utf-8"
    )
    (source / "index.rst").write_text(
        f"Strategy or management?\n=======================\n\nSome prose before.\n\n.. pmcompare:: {HOST_PAIR}\n",
        encoding="utf-8",
    )
    out = root / f"{theme}-html"
    _quiet(sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(source), str(out))
    return out / "index.html"


def mkdocs_site(root: Path, *, extra_css: bool = False) -> Path:
    """A one-page MkDocs Material site with the tag, light and dark palettes, built with --strict; the page.

    With ``extra_css`` the site links pmcompare.STYLESHEET as a file, and the
    extension writes no ``<style>`` of its own.
    """
    site = root / "material"
    (site / "docs").mkdir(parents=True, exist_ok=True)
    config = MKDOCS_CONFIG
    if extra_css:
        linked = "  - pmcompare:\n      stylesheet: false\nextra_css:\n  - pmcompare.css\n"
        config = config.replace("  - pmcompare\n", linked)
        (site / "docs" / "pmcompare.css").write_text(pmcompare.STYLESHEET, encoding="utf-8")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    (site / "docs" / "index.md").write_text(
        f"# Strategy or management?\n\nSome prose before.\n\n[[pmcompare: {HOST_PAIR}]]\n", encoding="utf-8"
    )
    _quiet(sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(site / "mkdocs.yml"))
    return site / "site" / "index.html"


def plain_page(root: Path, comparison: pmcompare.Comparison | None = None) -> Path:
    """A plain HTML page with pmcompare.STYLESHEET and the html format's table (the seed comparison by default)."""
    comparison = comparison or pmcompare.get(*HOST_PAIR.split(" | "))
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"plain-{comparison.slug}.html"
    text = PLAIN_PAGE.format(stylesheet=pmcompare.STYLESHEET, table=pmcompare.render(comparison, "html"))
    path.write_text(text, encoding="utf-8")
    return path


def site_pages(root: Path) -> dict[str, Path]:
    """Every site host's page, built under ``root``, by host name."""
    pages = {theme: sphinx_site(root, theme) for theme in SPHINX_THEMES}
    pages["mkdocs-material"] = mkdocs_site(root)
    pages["plain-html"] = plain_page(root)
    return pages


def host_screenshots(folder: Path) -> list[Path]:
    """PNGs of the comparison in every site host, light and dark, at 1280 and 390 px: ``HOST-WIDTH-SCHEME.png``.

    Each picture is the top of the table, with a margin of the page around
    it, drawn by Debian's Chromium through Playwright; the themes without a
    dark mode (:data:`LIGHT_ONLY`) are drawn light only.
    """
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as build, sync_playwright() as playwright:
        pages = site_pages(Path(build))
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
        for host, page in pages.items():
            for width in HOST_WIDTHS:
                for scheme in HOST_SCHEMES:
                    if scheme == "dark" and host in LIGHT_ONLY:
                        continue
                    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                    tab = context.new_page()
                    tab.goto(page.as_uri(), wait_until="load")
                    box = tab.locator("table.pmcompare-table").first.bounding_box()
                    assert box is not None
                    margin = 12
                    clip = {
                        "x": max(box["x"] - margin, 0),
                        "y": max(box["y"] - margin, 0),
                        "width": min(box["width"] + 2 * margin, width),
                        "height": min(box["height"] + 2 * margin, PICTURE_HEIGHT),
                    }
                    output = folder / f"{host}-{width}-{scheme}.png"
                    tab.screenshot(path=str(output), clip=clip, full_page=True)
                    written.append(output)
                    context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--output", type=Path, help="where to write the PNG (default: docs/_static/...)")
    parser.add_argument("--dark", action="store_true", help="draw with the dark colour scheme")
    parser.add_argument("--width", type=int, default=WIDTH, help=f"page width in CSS pixels (default {WIDTH})")
    parser.add_argument("--hosts", action="store_true", help="draw every site host into docs/_static/hosts/")
    args = parser.parse_args(argv)
    if args.hosts:
        for path in host_screenshots(args.output or ROOT / "docs" / "_static" / "hosts"):
            print(path)
        return 0
    name = "seed-comparison-dark.png" if args.dark else "seed-comparison.png"
    output = args.output or ROOT / "docs" / "_static" / name
    print(screenshot(output, dark=args.dark, width=args.width))
    return 0


if __name__ == "__main__":
    sys.exit(main())
