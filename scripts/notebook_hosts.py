"""Draw a comparison in the notebook hosts, light and dark, at 1280 and 390 CSS px, as PNGs for the docs.

    python scripts/notebook_hosts.py                  # docs/_static/notebook-*.png
    python scripts/notebook_hosts.py --output /tmp/x  # somewhere else

A notebook of code cells alone (no Markdown cell, so nbconvert needs no
pandoc) is run with nbclient and a real kernel, exported with nbconvert's
``lab`` template (light and dark) and ``classic`` template, and served by
JupyterLab itself, trusted and untrusted, in its light and dark themes; its
PDF export's first page is drawn by pdftoppm.
Headless Chromium (Debian's ``chromium``, as ``scripts/screenshot.py``
uses; no browser is downloaded) opens each page through Playwright.
``tests/test_notebook.py`` drives the same hosts with these helpers and
checks what Chromium computes.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (1280, 390)
# The height of a page drawn for a picture: JupyterLab scrolls its notebook
# inside the page, so the whole table must fit on the screen.
TALL = 2000


def _screenshot_module() -> Any:
    """scripts/screenshot.py, for its Chromium lookup and closed-network flags."""
    spec = importlib.util.spec_from_file_location("screenshot", Path(__file__).with_name("screenshot.py"))
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The notebook's cells. The seed comparison; a plain table, to show what the
# host's own table CSS does to a table without the notebook's styles; a long
# comparison through view(), with a long word in a cell.
CELLS = (
    "import pmcompare\n"
    "from IPython.display import HTML\n"
    "from pmcompare import Comparison, Concept, Difference\n"
    'comparison = pmcompare.get("product strategy", "product management")',
    "comparison",
    'HTML(\'<table class="control"><tr><th>Owner</th><td>A plain table, as any library writes one</td></tr></table>\')',
    "long = Comparison(\n"
    '    Concept("Left side", "The concept on the left.", slug="left-side"),\n'
    '    Concept("Right side", "The concept on the right.", slug="right-side"),\n'
    '    [Difference(f"Aspect {i:02}", f"Left cell {i:02}, a sentence of prose that wraps in its column.",\n'
    '                f"Right cell {i:02}, another sentence.") for i in range(1, 81)]\n'
    '    + [Difference("Address", "https://example.com/" + "a" * 300, "Right cell 81.")],\n'
    ")\n"
    "long.view(definitions=False)",
)


def build(folder: Path) -> Path:
    """Write the notebook into ``folder`` and run it with nbclient; returns the executed ``hosts.ipynb``."""
    import nbformat
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    notebook = new_notebook(
        cells=[new_code_cell(source) for source in CELLS],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "title": "pmcompare in a notebook",
        },
    )
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    client.execute()
    path = folder / "hosts.ipynb"
    nbformat.write(notebook, path)
    return path


def nbconvert(notebook: Path, *args: str, output: str) -> Path:
    """Run ``jupyter nbconvert`` on ``notebook`` with ``args``; returns the file it wrote, ``output`` (with suffix)."""
    path = notebook.parent / output
    result = subprocess.run(
        [sys.executable, "-m", "nbconvert", *args, "--output", path.stem, str(notebook)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        msg = f"nbconvert {' '.join(args)} failed:\n{result.stderr[-3000:]}"
        raise RuntimeError(msg)
    if not path.is_file():
        msg = f"nbconvert {' '.join(args)} wrote no {path}"
        raise RuntimeError(msg)
    return path


def export_html(notebook: Path, template: str, *, dark: bool = False) -> Path:
    """The notebook as HTML with nbconvert's ``lab`` or ``classic`` template (``dark``: the lab dark theme)."""
    theme = ["--theme", "dark"] if dark else []
    name = f"{template}-dark" if dark else template
    return nbconvert(notebook, "--to", "html", "--template", template, *theme, output=name + ".html")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class JupyterLab:
    """A JupyterLab server of its own on a loopback port, with its own settings, data and runtime folders.

    ``trusted.ipynb`` is signed with ``jupyter trust`` in the server's data
    folder; ``untrusted.ipynb`` is the same notebook with one metadata field
    more, so its signature does not match and JupyterLab sanitises its HTML.
    """

    TOKEN = "pmcompare-test"

    def __init__(self, folder: Path, notebook: Path) -> None:
        import nbformat

        self.folder = folder
        self.work = folder / "work"
        self.work.mkdir(parents=True, exist_ok=True)
        self.settings = folder / "settings" / "@jupyterlab" / "apputils-extension"
        self.settings.mkdir(parents=True, exist_ok=True)
        # No news from the network, and no pop-up asking for it.
        (self.settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
        self.env = {
            **os.environ,
            "JUPYTER_CONFIG_DIR": str(folder / "config"),
            "JUPYTER_DATA_DIR": str(folder / "data"),
            "JUPYTER_RUNTIME_DIR": str(folder / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(folder / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces"),
        }
        content = nbformat.read(notebook, as_version=4)
        nbformat.write(content, self.work / "trusted.ipynb")
        content.metadata["pmcompare_untrusted"] = True
        nbformat.write(content, self.work / "untrusted.ipynb")
        subprocess.run(
            [sys.executable, "-m", "jupyter", "trust", str(self.work / "trusted.ipynb")],
            env=self.env,
            capture_output=True,
            timeout=120,
            check=True,
        )
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log: Any = None

    def theme(self, dark: bool) -> None:
        """Choose the theme the next page loads with: JupyterLab Dark or JupyterLab Light."""
        theme = "JupyterLab Dark" if dark else "JupyterLab Light"
        (self.settings / "themes.jupyterlab-settings").write_text(json.dumps({"theme": theme}))

    def url(self, name: str) -> str:
        """The address of a notebook in the server's folder, token included, in a fresh workspace."""
        return f"http://127.0.0.1:{self.port}/lab/tree/{name}?reset&token={self.TOKEN}"

    def open(self, chromium: Any, name: str, width: int, height: int = 900) -> Any:
        """A page of JupyterLab showing notebook ``name`` at ``width`` CSS px; narrower than 600 px, no file browser.

        On a phone the file browser would take most of the screen, and its
        user would fold it away first.
        """
        page = open_page(chromium, self.url(name), width, height=height)
        if width < 600:
            page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
            page.wait_for_function("document.querySelector('.jp-OutputArea-output').clientWidth > 200")
        return page

    def __enter__(self) -> JupyterLab:
        self.theme(dark=False)
        self.log = (self.folder / "server.log").open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
                f"--port={self.port}", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.TOKEN}", "--LabApp.news_url=None",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                "--LabServerApp.extension_manager=readonly",
                # window.jupyterapp, to fold the file browser away on a phone-wide page.
                "--LabApp.expose_app_in_browser=True",
            ],
            cwd=self.work,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        status = f"http://127.0.0.1:{self.port}/api/status?token={self.TOKEN}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            with contextlib.suppress(OSError), urllib.request.urlopen(status, timeout=5) as answer:
                if answer.status == 200:
                    return self
            time.sleep(0.5)
        self.__exit__()
        msg = f"JupyterLab did not start:\n{(self.folder / 'server.log').read_text(errors='replace')[-3000:]}"
        raise RuntimeError(msg)

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        self.log.close()


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    """Headless Chromium under Playwright, with the closed-network flags scripts/screenshot.py uses."""
    from playwright.sync_api import sync_playwright

    shots = _screenshot_module()
    flags = [flag for flag in shots.OFFLINE_FLAGS if flag != "--headless"]
    with sync_playwright() as playwright:
        found = playwright.chromium.launch(executable_path=shots.chromium(), args=flags, headless=True)
        try:
            yield found
        finally:
            found.close()


# What Chromium computes for each comparison on a page: every cell's
# alignment, whether the table's own cells carry the notebook's styles, the
# widths of the table and of the output that holds it, and whether the page
# or the output scrolls sideways.
MEASURE = """() => {
  const page = document.scrollingElement;
  const output = (el) => el.closest(".jp-OutputArea-output, .output_subarea, .output_area") || el.parentElement;
  const tables = Array.from(document.querySelectorAll(".pmcompare table, table.control"), (table) => {
    const holder = output(table);
    return {
      styled: table.querySelector("td").hasAttribute("style"),
      attribute: table.querySelector("td").getAttribute("style"),
      cells: Array.from(table.querySelectorAll("th, td"), (cell) => {
        const style = getComputedStyle(cell);
        return [cell.localName, style.textAlign, style.verticalAlign];
      }),
      caption: table.caption && getComputedStyle(table.caption).textAlign,
      text: Array.from(table.rows, (row) => Array.from(row.cells, (cell) => cell.textContent)),
      color: getComputedStyle(table.querySelector("td")).color,
      table: table.getBoundingClientRect().width,
      output: holder.getBoundingClientRect().width,
      outputScroll: holder.scrollWidth - holder.clientWidth,
    };
  });
  return {
    tables,
    pageScroll: page.scrollWidth - page.clientWidth,
    light: document.body.dataset.jpThemeLight || null,
    background: getComputedStyle(document.body).backgroundColor,
    styleElements: document.querySelectorAll(".jp-OutputArea-output style, .output_subarea style").length,
  };
}"""


def open_page(chromium: Any, url: str, width: int, *, dark: bool = False, height: int = 900) -> Any:
    """A page of ``width`` by ``height`` CSS px, loaded and with every comparison's output drawn."""
    page = chromium.new_page(viewport={"width": width, "height": height}, color_scheme="dark" if dark else "light")
    page.goto(url)
    page.wait_for_function(
        f"document.querySelectorAll('.pmcompare table, table.control').length >= {len(CELLS) - 1}", timeout=90_000
    )
    return page


def measure(page: Any) -> dict[str, Any]:
    """What Chromium computes for the comparisons on a page (see :data:`MEASURE`)."""
    found: dict[str, Any] = page.evaluate(MEASURE)
    return found


def shoot(page: Any, output: Path) -> Path:
    """A PNG of the seed comparison's table on ``page``, its caption included: the part a host styles."""
    seed = page.locator(".pmcompare table").first
    seed.scroll_into_view_if_needed()
    output.parent.mkdir(parents=True, exist_ok=True)
    seed.screenshot(path=str(output), animations="disabled")
    return output


def exports(folder: Path) -> Iterator[tuple[str, str, bool]]:
    """The nbconvert pages of the notebook in ``folder``: name, address and whether dark, exporting as it goes."""
    notebook = folder / "hosts.ipynb"
    yield "nbconvert-lab-light", export_html(notebook, "lab").as_uri(), False
    yield "nbconvert-lab-dark", export_html(notebook, "lab", dark=True).as_uri(), True
    yield "nbconvert-classic", export_html(notebook, "classic").as_uri(), False


def pdf_page(notebook: Path, output: Path) -> Path:
    """The first page of ``jupyter nbconvert --to pdf`` of the notebook, as a PNG of 60 dots an inch."""
    pdf = nbconvert(notebook, "--to", "pdf", output=notebook.stem + ".pdf")
    output.parent.mkdir(parents=True, exist_ok=True)
    command = ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(output.with_suffix(""))]
    subprocess.run(command, check=True, timeout=120)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "_static", help="folder for the PNGs")
    args = parser.parse_args(argv)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        notebook = build(folder)
        written.append(pdf_page(notebook, args.output / "notebook-pdf.png"))
        with browser() as chromium:
            for name, url, dark in exports(folder):
                for width in WIDTHS:
                    page = open_page(chromium, url, width, dark=dark, height=TALL)
                    written.append(shoot(page, args.output / f"notebook-{name}-{width}.png"))
                    page.close()
            with JupyterLab(folder / "lab", notebook) as lab:
                for dark in (False, True):
                    lab.theme(dark)
                    for width in WIDTHS:
                        page = lab.open(chromium, "trusted.ipynb", width, height=TALL)
                        theme = "dark" if dark else "light"
                        written.append(shoot(page, args.output / f"notebook-jupyterlab-{theme}-{width}.png"))
                        page.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
