"""Tests for the AsciiDoc renderer, converted to HTML by Asciidoctor (Debian's) and read back with html5lib.

Asciidoctor runs once per group of tables: the hostile corpus is one
document, and the property tests draw their examples into one document too,
so that each reads back with one run.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import hostile
import pmcompare
from integration_helpers import cell_text, parse_html
from pmcompare import Comparison, Concept, Difference, render
from pmcompare.renderers import asciidoc
from pmcompare.renderers._table import Table, normal
from strategies import HOSTILE_FRAGMENTS

# Markup of every kind AsciiDoc has, for the corpus.
ASCIIDOC_HOSTILE = [
    "*strong* _emphasis_ `mono` #mark# ^super^ ~sub~ **a**b __a__b ``a``b ##a##b",
    "+passthrough+ ++pass++ +++<b>raw</b>+++ $$<i>raw</i>$$ pass:[<u>raw</u>] pass:q[*q*]",
    "link:https://example.com[x] https://example.com[y] <<anchor>> xref:other.adoc[z] mailto:a@b.c[m]",
    "image:x.png[] image::x.png[] footnote:[note] kbd:[Ctrl+C] btn:[OK] menu:File[Save] icon:heart[]",
    "{author} {backslash} {empty} {sp} {set:x:y} {counter:n} {attr!}",
    "include::/etc/passwd[] ifdef::x[] endif::[] ifeval::[1 == 1]",
    "NOTE: admonition",
    "[[anchor]] [#id.role] [.role]#x#",
    "(C) (R) (TM) -- ... -> => <- <= a'b",
    "|=== a | b ! c ,d ;e :f",
    "a :: b ::: c :::: d ;; e",
    "\\] \\| \\\\ x\\",
    "]",
    "\\",
    "x \\\\",
    "//",
    "// comment",
    "////",
    "----",
    "....",
    "****",
    "<<<",
    "'''",
    ":attr: value",
    "=== heading",
    ". ordered",
    "* unordered",
    "term:: definition",
    "+",
    " +",
    "a +",
    "2+| span",
    "3*a| spec",
    "[source,ruby]",
    "&#x3C;script&#x3E; &lt; &amp;",
]
TEXTS = [*hostile.CORPUS, *hostile.PYTHON_MARKDOWN, *ASCIIDOC_HOSTILE]

# Every element Asciidoctor writes for the renderer's output; anything else
# (a, img, strong, code, span, mark, sup...) came from cell text.
ALLOWED = frozenset(
    {"html", "head", "meta", "title", "style", "link", "body", "div", "p", "table", "caption", "colgroup", "col",
     "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "br"}
)


def asciidoctor() -> str:
    found = shutil.which("asciidoctor")
    if found is None:
        pytest.fail("asciidoctor is not installed; run scripts/system-deps.sh (the AsciiDoc output is tested for real)")
    return found


def convert(folder: Path, source: str) -> Any:
    """Asciidoctor's HTML for a document (safe mode ``secure``, warnings as failures), parsed by html5lib."""
    (folder / "doc.adoc").write_text(source, encoding="utf-8")
    done = subprocess.run(
        [asciidoctor(), "--safe-mode", "secure", "--failure-level", "WARN", "-o", "doc.html", "doc.adoc"],
        cwd=folder, capture_output=True, timeout=300, check=False,
    )
    assert (0, b"") == (done.returncode, done.stderr), done.stderr.decode()
    return parse_html((folder / "doc.html").read_text(encoding="utf-8"))


def body_elements(root: Any) -> set[str]:
    return {element.tag for element in root.find("body").iter()}


def rows(table: Any) -> list[list[str]]:
    return [[cell_text(cell) for cell in row] for row in table.iter("tr")]


def flat(text: str) -> str:
    """Text as html5lib gives it back here: whitespace runs as one space."""
    return " ".join(text.split())


def corpus() -> list[Comparison]:
    """A comparison per hostile text, in every field (notes too), each field prefixed."""
    return [hostile.numbered(index, text) for index, text in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The corpus as one AsciiDoc document, converted to HTML."""
    parts = [render(c, "asciidoc") for c in corpus()]
    return convert(tmp_path_factory.mktemp("asciidoc"), "\n\n".join(parts) + "\n")


class TestCorpus:
    def test_every_table_reads_back(self, converted: Any) -> None:
        """Every table comes back with the same rows and cells, whatever its text."""
        expected = [[[flat(cell) for cell in row] for row in hostile.expected_rows(c)] for c in corpus()]

        assert expected == [rows(t) for t in converted.iter("table")]

    def test_aspects_are_row_headers(self, converted: Any) -> None:
        """The header row and the aspect column are header cells; the sides are data cells."""
        table = next(converted.iter("table"))

        assert [["th", "th", "th"], ["th", "td", "td"], ["th", "td", "td"]] == [
            [cell.tag for cell in row] for row in table.iter("tr")
        ]

    def test_titles_summaries_definitions_notes(self, converted: Any) -> None:
        """Captions, summary and note paragraphs and the description lists (notes outside them) read back."""
        captions = [cell_text(t.find("caption")) for t in converted.iter("table")]
        terms = [[cell_text(e) for e in dl] for dl in converted.iter("dl")]
        paragraphs = [cell_text(p) for p in converted.iter("p")]

        assert [flat(f"Table {i}. {hostile.shown(c.title)}") for i, c in enumerate(corpus(), 1)] == captions
        assert [
            [flat(hostile.shown(f)) for k in (c.left, c.right) for f in (k.name, k.definition)] for c in corpus()
        ] == terms
        for c in corpus():
            assert flat(hostile.shown(str(c.summary))) in paragraphs
            assert flat(hostile.shown(c.notes[0])) in paragraphs

    def test_nothing_becomes_an_element(self, converted: Any) -> None:
        """No link, image, script, emphasis, code, span or anything else comes from the text."""
        assert set() == body_elements(converted) - ALLOWED

    def test_no_raw_control_characters(self, converted: Any) -> None:
        """No control or bidirectional character reaches the HTML raw."""
        text = "".join(converted.find("body").itertext())

        assert "" == hostile.raw_invisible(text.replace("\r", "").replace("\t", " "))


def shapes(count: int, seed: int) -> list[Table]:
    """Tables of 2 to 6 concept columns, with and without the aspect column, of hostile fragments."""
    chance = random.Random(seed)

    def cell() -> str:
        text = normal("".join(chance.choice(HOSTILE_FRAGMENTS) for _ in range(chance.randint(1, 4))))
        return text or "x"

    out = []
    for _ in range(count):
        stub = chance.random() < 0.5
        width = chance.randint(2, 6) + stub
        rows = tuple(tuple(cell() for _ in range(width)) for _ in range(chance.randint(1, 3)))
        out.append(Table(tuple(cell() for _ in range(width)), rows, stub=stub, title=cell()))
    return out


class TestAnyNumberOfColumns:
    def test_tables_read_back(self, tmp_path: Path) -> None:
        """Two hundred tables of 2 to 7 columns of hostile fragments read back to the same cells."""
        drawn = shapes(200, seed=17)
        root = convert(tmp_path, "\n\n".join(asciidoc.draw(shape) for shape in drawn) + "\n")

        expected = [[[flat(c) for c in row] for row in (shape.header, *shape.rows)] for shape in drawn]
        assert expected == [rows(t) for t in root.iter("table")]
        assert set() == body_elements(root) - ALLOWED


class TestRender:
    def test_seed(self) -> None:
        """The seed comparison is a titled table with a header row and a header-style aspect column."""
        comparison = pmcompare.get("product strategy", "product management")

        source = render(comparison, "asciidoc")

        title = ".pass:c[Product Strategy vs Product Management]\n"
        assert title + '[cols="20h,40,40",options="header",role="pmcompare"]\n|===\n' in source
        assert "|pass:c[Aspect]\n|pass:c[Product Strategy]\n|pass:c[Product Management]\n\n" in source

    def test_without_aspects(self, tmp_path: Path) -> None:
        """aspects=False gives two data columns and no header style."""
        comparison = pmcompare.get("okr", "kpi")

        root = convert(tmp_path, render(comparison, "asciidoc", aspects=False))

        assert {("td", "td")} == {tuple(c.tag for c in row) for row in list(next(root.iter("table")).iter("tr"))[1:]}


class TestEscape:
    def test_passthrough(self) -> None:
        """Text is one passthrough of special characters only, its ] escaped."""
        assert "pass:c[a *b* [c\\] <d>]" == asciidoc.escape("a *b* [c] <d>")

    def test_trailing_backslash(self) -> None:
        """A backslash that ends the text is written after the passthrough, as an attribute reference."""
        assert "pass:c[a]{backslash}{backslash}" == asciidoc.escape("a\\\\")

    def test_plain_text(self) -> None:
        """Plain text is only wrapped."""
        assert "pass:c[Time horizon, goals; (why)]" == asciidoc.escape("Time horizon, goals; (why)")


def test_one_cell(tmp_path: Path) -> None:
    """A comparison with a cell of each AsciiDoc hostile text converts with no warning."""
    comparison = Comparison(
        Concept("Left", "L.", slug="left"),
        Concept("Right", "R.", slug="right"),
        [Difference(f"Row {i}", text, text) for i, text in enumerate(ASCIIDOC_HOSTILE)],
    )

    root = convert(tmp_path, render(comparison, "asciidoc"))

    found = [row[1:] for row in rows(next(root.iter("table")))[1:]]
    assert [[flat(hostile.shown(t))] * 2 for t in ASCIIDOC_HOSTILE] == found
