"""Tests for the Typst renderer, read back by the Typst compiler itself (the ``typst`` wheel).

Typst's query gives back the document's elements as Typst made them: every
cell must be one ``text`` element holding the shown text (a header cell a
``strong`` around one), and the document must hold no link, math, label or
reference. The hostile corpus, in one document, is also compiled to PDF and
read back with pdftotext, with the system's fonts for CJK and emoji (the
wheel embeds only Libertinus Serif, New Computer Modern and DejaVu Sans Mono,
which have none of them).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import typst
from hypothesis import given

import hostile
import pmcompare
import test_render_latex
from pmcompare import Comparison, render
from pmcompare.renderers import typst as typst_format
from pmcompare.renderers._table import Table, normal
from strategies import comparisons, texts
from test_render_table import shapes

TEXTS = [*hostile.CORPUS, *hostile.PYTHON_MARKDOWN, "#strong[x] #let x = 1 $x$ <label> @ref https://example.com"]


def corpus() -> list[Comparison]:
    """One comparison per hostile text, in every field, each field prefixed so that it can be found in the PDF."""
    return [hostile.numbered(index, text) for index, text in enumerate(TEXTS)]


def query(path: Path, selector: str) -> list[Any]:
    """The elements a selector finds in a Typst document, as Typst's query gives them.

    The system's fonts are not needed to find elements, and are slow to load.
    """
    found: list[Any] = json.loads(typst.query(str(path), selector, ignore_system_fonts=True))
    return found


def cell_text(cell: Any, *, header: bool) -> str:
    """A cell's text, failing unless the cell is nothing but one text element (in one strong, for a header)."""
    body = cell["body"]
    if header:
        assert "strong" == body["func"], body
        body = body["body"]
    assert "text" == body["func"], body
    assert {"func", "text"} == set(body), body
    text: str = body["text"]
    return text


def table_rows(element: Any, columns: int) -> list[list[str]]:
    """A table element's rows: the header's cells, then the body's, by the number of columns."""
    header, *cells = element["children"]
    assert "header" == header["func"]
    rows = [[cell_text(cell, header=True) for cell in header["children"]]]
    body = [cell_text(cell, header=False) for cell in cells]
    rows += [body[start : start + columns] for start in range(0, len(body), columns)]
    return rows


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus as one Typst document, on one page as long as it needs, so no cell is split over pages."""
    path = tmp_path_factory.mktemp("typst") / "corpus.typ"
    body = "\n\n".join(render(c, "typst") for c in corpus())
    path.write_text(f"#set page(height: auto)\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pdf_text(document: Path) -> str:
    """The corpus compiled to PDF, and the PDF's whole canvas as text."""
    pdf = document.with_suffix(".pdf")
    typst.compile(str(document), output=str(pdf))
    out = document.with_suffix(".txt")
    subprocess.run(
        [test_render_latex.engine("pdftotext"), "-raw", "-enc", "UTF-8", "-x", "-1000000", "-y", "-1000000",
         "-W", "2000000", "-H", "2000000", str(pdf), str(out)],
        check=True, timeout=120,
    )
    return out.read_text(encoding="utf-8")


class TestCorpus:
    def test_every_table_reads_back(self, document: Path) -> None:
        """Typst reads every table back to the same cells, each cell one text element."""
        tables = query(document, "table")

        assert [hostile.expected_rows(c) for c in corpus()] == [table_rows(t, 3) for t in tables]

    def test_captions_summaries_definitions_notes(self, document: Path) -> None:
        """Each figure's caption is the title; the definitions are terms; all of them plain text."""
        def text(field: str) -> dict[str, str]:
            return {"func": "text", "text": hostile.shown(field)}

        captions = [figure["caption"]["body"] for figure in query(document, "figure")]
        terms = [[(item["term"], item["description"]) for item in t["children"]] for t in query(document, "terms")]

        assert [text(c.title) for c in corpus()] == captions
        assert [
            [(text(k.name), text(k.definition)) for k in (c.left, c.right)] for c in corpus()
        ] == terms

    @pytest.mark.parametrize(
        "selector", ["link", "math.equation", "ref", "raw", "emph", "heading", "list", "enum", "footnote", "image"]
    )
    def test_nothing_becomes_an_element(self, document: Path, selector: str) -> None:
        """No link, equation, reference, code, emphasis, heading, list, footnote or image comes from the text."""
        assert [] == query(document, selector)

    def test_only_header_cells_and_terms_are_strong(self, document: Path) -> None:
        """The only strong elements are the header cells and the terms (which Typst sets in bold)."""
        own = {hostile.shown(f) for c in corpus() for f in ("Aspect", c.left.name, c.right.name)}

        assert set() == {element["body"]["text"] for element in query(document, "strong")} - own

    def test_every_field_in_the_pdf(self, pdf_text: str) -> None:
        """Compiled, every cell, title, summary, definition and note is in the PDF's text: CJK and emoji too."""
        found = test_render_latex.comparable(pdf_text)
        fields = []
        for c in corpus():
            fields += [c.title, str(c.summary), c.left.name, c.right.name, c.left.definition, c.right.definition]
            fields += [f for d in c.differences for f in (d.aspect, d.left, d.right)]
            fields += list(c.notes)

        missing = [f[:60] for f in fields if test_render_latex.comparable(hostile.shown(f)) not in found]

        assert [] == missing


class TestRender:
    def test_seed(self) -> None:
        """The seed comparison is a figure with a captioned table of three columns and a bold header."""
        comparison = pmcompare.get("product strategy", "product management")

        source = render(comparison, "typst")

        assert "    figure(\n        caption: \"Product Strategy vs Product Management\",\n        table(\n" in source
        assert "            columns: (20fr, 40fr, 40fr,),\n" in source
        assert '                strong("Aspect"),\n' in source

    def test_table_only(self, tmp_path: Path) -> None:
        """Without title, summary, definitions and notes, the output is one bare table call."""
        comparison = pmcompare.get("okr", "kpi")

        source = render(comparison, "typst", title=False, summary=False, definitions=False, notes=False)

        assert source.startswith("#table(\n")
        assert source.endswith("\n)")
        (tmp_path / "t.typ").write_text(source, encoding="utf-8")
        assert [] == query(tmp_path / "t.typ", "figure")
        assert 1 == len(query(tmp_path / "t.typ", "table"))

    def test_without_aspects(self) -> None:
        """aspects=False gives the two concept columns, of equal width."""
        comparison = pmcompare.get("okr", "kpi")

        assert "columns: (50fr, 50fr,)," in render(comparison, "typst", aspects=False)


class TestEscape:
    def test_quotes_and_backslashes(self) -> None:
        """Only a backslash and a double quote are escaped in a string literal."""
        assert '"a \\"b\\" \\\\ #c $d$ *e* <f> @g"' == typst_format.escape('a "b" \\ #c $d$ *e* <f> @g')

    def test_text_made_visible_and_flat(self) -> None:
        """Control characters are visible escapes, then escaped for Typst; whitespace runs are one space."""
        assert '"a \\\\x1b[31m b"' == typst_format.escape("a \x1b[31m\n\n b")

    @given(text=texts(max_size=80))
    def test_typst_reads_the_literal_back(self, text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
        """Typst evaluates the literal to exactly the shown text, code point for code point."""
        empty = tmp_path_factory.getbasetemp() / "empty.typ"
        empty.write_text("", encoding="utf-8")

        literal = typst_format.escape(text)
        codes = typst.eval(str(empty), f"{literal}.codepoints().map(str.to-unicode)", ignore_system_fonts=True)

        assert [ord(c) for c in normal(text)] == json.loads(codes)


class TestAnyNumberOfColumns:
    @given(shape=shapes())
    def test_typst_reads_back(self, shape: Table, tmp_path_factory: pytest.TempPathFactory) -> None:
        """Typst reads a table of any width back to the same cells, a column width per column."""
        path = tmp_path_factory.getbasetemp() / "shape.typ"
        path.write_text(typst_format.draw(shape), encoding="utf-8")

        [element] = query(path, "table")

        assert shape.columns == len(element["columns"])
        assert [list(shape.header), *map(list, shape.rows)] == table_rows(element, shape.columns)

    @given(comparison=comparisons())
    def test_any_comparison_reads_back(self, comparison: Comparison, tmp_path_factory: pytest.TempPathFactory) -> None:
        """Any comparison reads back to its rows as shown."""
        path = tmp_path_factory.getbasetemp() / "comparison.typ"
        path.write_text(render(comparison, "typst"), encoding="utf-8")

        [element] = query(path, "table")

        assert hostile.expected_rows(comparison) == table_rows(element, 3)
