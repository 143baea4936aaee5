"""A real browser: headless Chromium opens the HTML and Markdown output of the hostile corpus.

Chromium is required, not optional: without it these tests fail (install
Debian's ``chromium`` with ``scripts/system-deps.sh``, or set CHROMIUM).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import hostile
import pmcompare
from integration_helpers import screenshot_script
from pmcompare._text import flatten, visible

ROOT = Path(__file__).resolve().parent.parent

def _offline_flags() -> tuple[str, ...]:
    """The closed-network Chromium flags that scripts/screenshot.py uses too."""
    return tuple(screenshot_script().OFFLINE_FLAGS)


FLAGS = (*_offline_flags(), "--virtual-time-budget=5000")

# The page's own scripts. The first runs before any output: every way a
# hostile payload could show it ran (alert, confirm, prompt, print) records
# the proof. The last, after the load event and every error handler, writes
# what the browser made of each case as JSON.
GUARD = """\
<script>
window.pmcRan = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.pmcRan.push(name + ":" + args.join(",")); };
}
</script>
"""
REPORT = """\
<script>
window.addEventListener("load", () => setTimeout(() => {
  const cases = {};
  for (const section of document.querySelectorAll("section[data-case]")) {
    const elements = Array.from(section.querySelectorAll("*"));
    cases[section.dataset.case] = {
      rows: Array.from(section.querySelectorAll("tr"), tr => Array.from(tr.cells, cell => cell.textContent)),
      tags: Array.from(new Set(elements.map(e => e.localName))).sort(),
      attributes: Array.from(new Set(elements.flatMap(e => e.getAttributeNames()))).sort(),
    };
  }
  const out = document.createElement("pre");
  out.id = "pmc-report";
  out.textContent = JSON.stringify({ran: window.pmcRan, title: document.title, cases});
  document.body.append(out);
}, 100));
</script>
"""

HTML_TAGS = ["caption", "dd", "div", "dl", "dt", "p", "table", "tbody", "td", "th", "thead", "tr"]
HTML_ATTRIBUTES = ["class", "data-label", "scope"]
MARKDOWN_TAGS = ["li", "p", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul"]


def chromium() -> str:
    found = os.environ.get("CHROMIUM") or next(
        (path for name in ("chromium", "chromium-browser", "google-chrome") if (path := shutil.which(name))), None
    )
    if found is None:
        pytest.fail("headless Chromium is required: install Debian's 'chromium' (scripts/system-deps.sh)")
    return found


def shown(text: str) -> str:
    return visible(flatten(text))


def expected_rows(comparison: pmcompare.Comparison) -> list[list[str]]:
    header = ["Aspect", comparison.left.name, comparison.right.name]
    body = [[d.aspect, d.left, d.right] for d in comparison.differences]
    return [[shown(cell) for cell in row] for row in [header, *body]]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """What Chromium made of a page holding every corpus case, as HTML and as Markdown turned into HTML."""
    markdown_it = MarkdownIt("gfm-like", {"html": True})
    sections = []
    for index, text in enumerate(hostile.CORPUS):
        comparison = hostile.comparison(text)
        sections.append(f'<section data-case="html-{index}">\n{pmcompare.render(comparison, "html")}</section>\n')
        as_html = markdown_it.render(pmcompare.render(comparison, "markdown"))
        sections.append(f'<section data-case="markdown-{index}">\n{as_html}</section>\n')
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>pmcompare corpus</title>\n'
        f"{GUARD}<style>\n{pmcompare.STYLESHEET}</style>\n</head>\n<body>\n{''.join(sections)}{REPORT}</body>\n</html>\n"
    )
    folder = tmp_path_factory.mktemp("browser")
    path = folder / "corpus.html"
    path.write_text(page, encoding="utf-8")
    result = subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={folder / 'profile'}", "--dump-dom", path.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert 0 == result.returncode, result.stderr[-2000:]
    found = re.search(r'<pre id="pmc-report">(.*?)</pre>', result.stdout, re.DOTALL)
    assert found is not None, "the page's own report script did not run (did the page navigate away?)"
    return json.loads(html.unescape(found[1]))


class TestCorpusInChromium:
    def test_no_script_ran(self, report):
        """No hostile payload ran: no alert, no changed title, nothing recorded."""
        assert ([], "pmcompare corpus") == (report["ran"], report["title"])

    def test_every_case_is_there(self, report):
        """Both formats of every corpus entry reached the page."""
        expected = {f"{kind}-{i}" for kind in ("html", "markdown") for i in range(len(hostile.CORPUS))}
        assert expected == set(report["cases"])

    @pytest.mark.parametrize("index", range(len(hostile.CORPUS)), ids=[hostile.ident(t) for t in hostile.CORPUS])
    def test_html_cells(self, report, index):
        """The HTML table shows each cell's text, with only the renderer's own elements and attributes."""
        case = report["cases"][f"html-{index}"]
        comparison = hostile.comparison(hostile.CORPUS[index])
        assert expected_rows(comparison) == case["rows"]
        assert (HTML_TAGS, HTML_ATTRIBUTES) == (case["tags"], case["attributes"])

    @pytest.mark.parametrize("index", range(len(hostile.CORPUS)), ids=[hostile.ident(t) for t in hostile.CORPUS])
    def test_markdown_cells(self, report, index):
        """The Markdown, turned into HTML, shows each cell's text, with no link, image, code or raw HTML."""
        case = report["cases"][f"markdown-{index}"]
        comparison = hostile.comparison(hostile.CORPUS[index])
        assert expected_rows(comparison) == case["rows"]
        assert (MARKDOWN_TAGS, []) == (case["tags"], case["attributes"])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert b"\x89PNG\r\n\x1a\n" == data[:8]
    width, height = struct.unpack(">II", data[16:24])
    return width, height


class TestScreenshot:
    @pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
    def test_seed_screenshot(self, tmp_path, dark):
        """scripts/screenshot.py draws the seed comparison with the stylesheet into a PNG as tall as the page."""
        chromium()
        output = tmp_path / "seed.png"
        command = [sys.executable, str(ROOT / "scripts" / "screenshot.py"), "--output", str(output)]
        result = subprocess.run(
            [*command, *(["--dark"] if dark else [])], capture_output=True, text=True, timeout=300, check=False
        )
        assert 0 == result.returncode, result.stderr[-2000:]
        width, height = png_size(output)
        assert 1000 == width
        assert 300 < height < 2000
