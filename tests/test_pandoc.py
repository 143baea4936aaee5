"""Tests for the pandoc filter, run by pandoc itself: pandoc 3 from pypandoc-binary, and Debian's pandoc 2.

One document holds a table for every hostile text (and every Python-Markdown
one), each asked for by a ``pmcompare`` code block from a pack the
document's metadata names; each pandoc (3, API 1.23, and Debian's 2, API
1.22) converts it once per output format (HTML, Word, LaTeX, GFM), and each
output is read back with a real parser: html5lib, python-docx, LuaLaTeX and
pdftotext, and markdown-it-py as GitHub reads Markdown (bare addresses
linked).
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import hostile
import test_render_latex
import test_render_markdown
from integration_helpers import cell_text, lineup_rows, parse_html, write_lineup_pack
from pmcompare import Comparison, render
from pmcompare.pandoc import transform

DEBIAN_PANDOC = Path("/usr/bin/pandoc")
FILTER = Path(sys.executable).with_name("pmcompare-pandoc")
TEXTS = [*hostile.CORPUS, *hostile.PYTHON_MARKDOWN]

# Every element pandoc may write for the filter's blocks; anything else
# (a, img, script, em, code, span...) came from cell text.
HTML_ALLOWED = frozenset(
    {"html", "head", "body", "div", "p", "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td",
     "dl", "dt", "dd", "br"}
)
# The inlines pandoc's readers may give back for text; anything else is markup.
TEXT_INLINES = frozenset({"Str", "Space", "SoftBreak", "LineBreak"})


def pandoc3() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def comparison(index: int, text: str) -> Comparison:
    """Entry ``index`` of the corpus as a comparison, its fields prefixed so that they can be found."""
    return hostile.numbered(index, text)


def expected(index: int, text: str) -> list[list[str]]:
    """The rows of the table for entry ``index``: header, the hostile row, the end row."""
    return hostile.expected_rows(comparison(index, text))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a pack of the hostile comparisons and a Markdown document asking for each."""
    folder = tmp_path_factory.mktemp("pandoc")
    (folder / "pack").mkdir()
    lines = ["---", "title: Hostile", "pmcompare:", "  packs: [pack]", "---", ""]
    for index, text in enumerate(TEXTS):
        (folder / "pack" / f"h{index}.json").write_text(render(comparison(index, text), "json"), encoding="utf-8")
        lines += ["~~~ {.pmcompare}", f"h{index}-left | h{index}-right", "~~~", ""]
    (folder / "corpus.md").write_text("\n".join(lines), encoding="utf-8")
    return folder


def run(pandoc: str, folder: Path, *args: str, source: str = "corpus.md") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [pandoc, "--filter", str(FILTER), source, *args], cwd=folder, capture_output=True, timeout=300, check=False
    )


def pandoc(version: str) -> str:
    """The pandoc of a major version: 3 from pypandoc-binary, 2 from Debian."""
    if version == "3":
        return pandoc3()
    if not DEBIAN_PANDOC.exists():
        pytest.fail("Debian's pandoc is not installed; run scripts/system-deps.sh (pandoc 2 is tested for real)")
    return str(DEBIAN_PANDOC)


@pytest.fixture(scope="module", params=["3", "2"], ids=["pandoc3", "pandoc2"])
def converted(project: Path, request: pytest.FixtureRequest) -> Iterator[dict[str, Path]]:
    """The document converted by pandoc 3 (API 1.23) or 2 (API 1.22) to each format, converted on first use."""
    outputs: dict[str, Path] = {}
    version = request.param

    class Outputs(dict[str, Path]):
        def __missing__(self, format: str) -> Path:
            out = project / f"corpus{version}.{format}"
            done = run(pandoc(version), project, "-t", format, "-o", out.name)
            assert 0 == done.returncode, done.stderr.decode()
            assert b"" == done.stderr
            self[format] = out
            return out

    return Outputs(outputs)


def html_tables(path: Path) -> list[Any]:
    return list(parse_html(path.read_text(encoding="utf-8")).iter("table"))


def html_rows(table: Any) -> list[list[str]]:
    return [[cell_text(cell) for cell in row] for row in table.iter("tr")]


class TestHtml:
    def test_every_table_reads_back(self, converted: dict[str, Path]) -> None:
        """html5lib reads each table back to the same cells, with the aspect as a row header."""
        tables = html_tables(converted["html"])

        assert [expected(i, t) for i, t in enumerate(TEXTS)] == [html_rows(t) for t in tables]
        assert {"th"} == {tr[0].tag for table in tables for tr in table.find("tbody")}

    def test_caption_is_the_title(self, converted: dict[str, Path]) -> None:
        """Each table's caption is its comparison's title, as shown."""
        captions = [cell_text(t.find("caption")) for t in html_tables(converted["html"])]

        assert [hostile.shown(comparison(i, t).title) for i, t in enumerate(TEXTS)] == captions

    def test_nothing_becomes_an_element(self, converted: dict[str, Path]) -> None:
        """No link, image, script, emphasis or span: only the filter's own elements."""
        root = parse_html(converted["html"].read_text(encoding="utf-8"))

        assert set() == {element.tag for element in root.iter()} - HTML_ALLOWED

    def test_summary_definitions_and_notes(self, converted: dict[str, Path]) -> None:
        """Each block's div holds the table, then the summary, the definitions and the notes: the one order."""
        root = parse_html(converted["html"].read_text(encoding="utf-8"))
        divs = [d for d in root.iter("div") if "pmcompare" in d.get("class", "").split()]
        first = comparison(0, TEXTS[0])

        assert len(TEXTS) == len(divs)
        assert ["table", "p", "dl", "p"] == [child.tag for child in divs[0]]
        assert [hostile.shown(f) for f in (str(first.summary), first.notes[0])] == [
            cell_text(divs[0][1]), cell_text(divs[0][3])
        ]
        terms = [cell_text(e) for e in divs[0][2]]
        assert [hostile.shown(f) for f in (first.left.name, first.left.definition)] == terms[:2]


class TestWord:
    def test_every_table_reads_back(self, converted: dict[str, Path]) -> None:
        """python-docx reads each Word table back to the same cells."""
        import docx

        document = docx.Document(str(converted["docx"]))
        tables = [[[" ".join(cell.text.split()) for cell in row.cells] for row in t.rows] for t in document.tables]

        assert [expected(i, t) for i, t in enumerate(TEXTS)] == tables

    def test_no_link_or_field(self, converted: dict[str, Path]) -> None:
        """The document body has no hyperlink and no field (which Word would compute)."""
        with zipfile.ZipFile(converted["docx"]) as archive:
            body = archive.read("word/document.xml").decode("utf-8")

        assert [] == [tag for tag in ("<w:hyperlink", "<w:fldSimple", "<w:instrText") if tag in body]


def inlines_of(value: Any) -> Iterator[dict[str, Any]]:
    """Every inline of a pandoc JSON value, in document order."""
    if isinstance(value, list):
        for item in value:
            yield from inlines_of(item)
    elif isinstance(value, dict):
        if value.get("t") in {"Str", "Space", "SoftBreak", "LineBreak", "Link", "Image", "Code", "Math", "RawInline",
                              "Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Quoted",
                              "Cite", "Span", "Note", "Underline"}:
            yield value
        if "c" in value:
            yield from inlines_of(value["c"])


def text_of(value: Any) -> str:
    """The text of pandoc JSON inlines, whitespace runs as one space."""
    parts = [i["c"] if i["t"] == "Str" else " " for i in inlines_of(value) if i["t"] in TEXT_INLINES]
    return " ".join("".join(parts).split())


@pytest.fixture(scope="module")
def compiled(converted: dict[str, Path]) -> str:
    """Pandoc's LaTeX, compiled by LuaLaTeX with fonts for every script, and the PDF's text."""
    folder = converted["latex"].parent
    name = converted["latex"].stem
    preamble = test_render_latex.PREAMBLE.replace(
        "\\usepackage{tabularx,booktabs}",
        # What pandoc's tables and lists use, as its own template loads it.
        "\\usepackage{longtable,booktabs,array,calc}\n"
        "\\providecommand{\\tightlist}{\\setlength{\\itemsep}{0pt}\\setlength{\\parskip}{0pt}}\n"
        # A wide text block: a longtable's caption, header and first row must together stay under TeX's
        # largest dimension (16,383pt), which the 10,000-letter words of the corpus reach in a narrow column.
        "\\setlength{\\textwidth}{1200pt}",
    )
    body = converted["latex"].read_text(encoding="utf-8")
    (folder / f"{name}.tex").write_text(preamble + body + "\n\\end{document}\n", encoding="utf-8")
    done = subprocess.run(
        [test_render_latex.engine("lualatex"), "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
         f"{name}.tex"],
        cwd=folder, capture_output=True, timeout=600, check=False,
    )
    log = (folder / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    assert 0 == done.returncode, log[-3000:]
    assert [] == [line for line in log.splitlines() if "Missing character" in line]
    subprocess.run(
        # A row taller than a page runs off its bottom; read the whole canvas.
        [test_render_latex.engine("pdftotext"), "-raw", "-enc", "UTF-8", "-x", "-1000000", "-y", "-1000000",
         "-W", "2000000", "-H", "2000000", f"{name}.pdf", f"{name}.txt"],
        cwd=folder, check=True, timeout=120,
    )
    return (folder / f"{name}.txt").read_text(encoding="utf-8")


class TestLatex:
    def test_every_field_in_the_pdf(self, compiled: str) -> None:
        """Every cell, title, summary, definition and note, compiled, is in the PDF's text as shown."""
        found = test_render_latex.comparable(compiled)
        fields = []
        for index, text in enumerate(TEXTS):
            c = comparison(index, text)
            fields += [c.title, str(c.summary), c.left.name, c.left.definition, c.right.definition, *c.notes]
            fields += [cell for row in expected(index, text) for cell in row]

        assert [] == [f[:60] for f in fields if test_render_latex.comparable(hostile.shown(f)) not in found]

    def test_no_link(self, converted: dict[str, Path]) -> None:
        """The LaTeX has no link or url command (bare addresses stay text)."""
        source = converted["latex"].read_text(encoding="utf-8")

        assert [] == [command for command in ("\\href", "\\url", "\\hyperlink") if command in source]


def gfm_blocks(path: Path) -> list[tuple[str, list[Any]]]:
    """The top-level blocks of pandoc's GFM, inside the filter's divs (which pandoc writes as raw HTML)."""
    source = path.read_text(encoding="utf-8")
    wrappers = source.count('<div class="pmcompare">\n') + source.count("</div>\n")
    assert 2 * len(TEXTS) == wrappers
    inside = source.replace('<div class="pmcompare">\n', "").replace("</div>\n", "")
    return test_render_markdown.blocks(inside)


class TestGfm:
    def test_every_table_reads_back_as_text(self, converted: dict[str, Path]) -> None:
        """markdown-it, with GitHub's bare-address links on, reads every table back to the same plain cells."""
        found = [test_render_markdown.table_cells(tokens) for kind, tokens in gfm_blocks(converted["gfm"])
                 if kind == "table"]

        assert [expected(i, t) for i, t in enumerate(TEXTS)] == found

    def test_paragraphs_are_text(self, converted: dict[str, Path]) -> None:
        """The summaries, definitions and notes parse as text: no link, HTML or emphasis."""
        kinds = set()
        for kind, tokens in gfm_blocks(converted["gfm"]):
            kinds.add(kind)
            for token in tokens:
                if token.type == "inline":
                    children = [c for c in token.children or [] if c.type not in {"softbreak", "hardbreak"}]
                    test_render_markdown.plain_text(children)

        assert {"paragraph", "table"} == kinds


class TestHandshake:
    @pytest.mark.parametrize(("version", "api"), [("3", [1, 23]), ("2", [1, 22])], ids=["pandoc3", "pandoc2"])
    def test_api_version_kept(self, project: Path, version: str, api: list[int]) -> None:
        """Each pandoc hands the filter its API version and reads back a document of that version with the tables."""
        done = run(pandoc(version), project, "-t", "json")
        assert 0 == done.returncode, done.stderr.decode()
        document = json.loads(done.stdout)

        assert api == document["pandoc-api-version"][:2]
        assert len(TEXTS) == sum(1 for b in document["blocks"] if b["t"] == "Div")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pandoc-small")


def convert(folder: Path, markdown: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    (folder / "doc.md").write_text(markdown, encoding="utf-8")
    return run(pandoc3(), folder, *args, source="doc.md")


class TestBlocks:
    def test_div_with_options(self, small: Path) -> None:
        """A div names the pair in pair=; definitions=false and aspects= shape the table; id and classes stay."""
        done = convert(
            small,
            '::: {#okr-kpi .pmcompare .wide pair="okr | kpi" definitions=false aspects="Time horizon, Scope"}\n:::\n',
            "-t", "html",
        )
        root = parse_html(done.stdout.decode())
        [div] = root.iter("div")

        assert ("okr-kpi", "pmcompare wide") == (div.get("id"), div.get("class"))
        assert [] == list(root.iter("dl"))
        assert ["Time horizon", "Scope"] == [row[0] for row in html_rows(next(root.iter("table")))[1:]]

    def test_code_block_swap_and_vs(self, small: Path) -> None:
        """A code block's text names the pair, with vs; swap=true puts the other concept on the left."""
        done = convert(small, "```{.pmcompare swap=true title=false}\nokr vs kpi\n```\n", "-t", "html")
        root = parse_html(done.stdout.decode())
        table = next(root.iter("table"))

        assert ["Aspect", "Key Performance Indicator", "Objectives and Key Results"] == html_rows(table)[0]
        assert table.find("caption") is None

    def test_a_lineup(self, small: Path) -> None:
        """A block of four names is the lineup's table, a column per concept in the order written."""
        write_lineup_pack(small / "lineup-pack")
        order = ("Epsilon Thing", "Gamma Thing", "Zeta Thing", "Delta Thing")
        source = f"---\npmcompare:\n  packs: [lineup-pack]\n---\n\n```{{.pmcompare}}\n{' | '.join(order)}\n```\n"

        done = convert(small, source, "-t", "html")

        assert 0 == done.returncode, done.stderr.decode()
        assert lineup_rows(order) == html_rows(next(parse_html(done.stdout.decode()).iter("table")))

    def test_div_content_is_the_caption(self, small: Path) -> None:
        """A div's content, the author's own Markdown, is the table's caption."""
        done = convert(small, '::: {.pmcompare pair="okr | kpi"}\nGoals *and* measures\n:::\n', "-t", "html")
        caption = next(parse_html(done.stdout.decode()).iter("caption"))

        assert ("Goals and measures", ["em"]) == (cell_text(caption), [e.tag for e in caption.iter("em")])

    def test_runs_twice(self, small: Path) -> None:
        """The filter's output passes through the filter again unchanged."""
        first = convert(small, '::: {.pmcompare pair="okr | kpi"}\n:::\n', "-t", "json")
        document = json.loads(first.stdout)

        assert document == transform(document)


class TestErrors:
    def test_unknown_name(self, small: Path) -> None:
        """An unknown name fails the conversion, with the block and a suggestion on stderr and no traceback."""
        done = convert(small, '::: {.pmcompare pair="okrr | kpi"}\n:::\n', "-t", "html")
        stderr = done.stderr.decode()

        assert 0 != done.returncode
        assert "pmcompare-pandoc: {.pmcompare pair=\"okrr | kpi\"}: no concept named 'okrr'" in stderr
        assert "did you mean" in stderr
        assert "Traceback" not in stderr

    def test_every_problem_at_once(self, small: Path) -> None:
        """Each bad block of a document is reported, in order, in one run."""
        markdown = '::: {.pmcompare pair="okr | kpi" defintions=false}\n:::\n\n```{.pmcompare}\nokr | nobody\n```\n'
        done = convert(small, markdown, "-t", "html")
        lines = done.stderr.decode().splitlines()

        assert 0 != done.returncode
        assert "unknown option 'defintions'; did you mean 'definitions'?" in lines[0]
        assert "no concept named 'nobody'" in lines[1]

    def test_bad_flag_value(self, small: Path) -> None:
        """A flag that is not true or false says what it takes."""
        done = convert(small, '::: {.pmcompare pair="okr | kpi" summary=maybe}\n:::\n', "-t", "html")

        assert "option 'summary' takes true or false, not 'maybe'" in done.stderr.decode()

    def test_unknown_aspect(self, small: Path) -> None:
        """An aspect the comparison lacks names the nearest one."""
        done = convert(small, '```{.pmcompare aspects="Time horizn"}\nokr | kpi\n```\n', "-t", "html")

        assert "did you mean 'Time horizon'?" in done.stderr.decode()

    def test_not_json(self) -> None:
        """Text that is not pandoc's JSON is refused with a message, exit status 1."""
        done = subprocess.run([str(FILTER), "html"], input=b"# not json", capture_output=True, timeout=60, check=False)

        assert (1, b"") == (done.returncode, done.stdout)
        assert done.stderr.decode().startswith("pmcompare-pandoc: cannot read pandoc's JSON")

    def test_old_api_refused(self) -> None:
        """A document of an API older than 1.22 (another table shape) is refused, naming the version."""
        old = json.dumps({"pandoc-api-version": [1, 20], "meta": {}, "blocks": []}).encode()
        done = subprocess.run(
            [sys.executable, "-m", "pmcompare.pandoc", "html"], input=old, capture_output=True, timeout=60, check=False
        )

        assert 1 == done.returncode
        assert "pandoc API 1.20 is older than 1.22" in done.stderr.decode()

    def test_bad_pack(self, small: Path) -> None:
        """A pack named in the metadata that does not exist fails with its problem."""
        done = convert(small, "---\npmcompare:\n  packs: [missing/]\n---\n\ntext\n", "-t", "html")

        assert 0 != done.returncode
        assert "pmcompare-pandoc: pmcompare.packs:" in done.stderr.decode()
        assert "Traceback" not in done.stderr.decode()



class TestRefusedFormats:
    @pytest.mark.parametrize("version", ["3", "2"], ids=["pandoc3", "pandoc2"])
    @pytest.mark.parametrize(
        "format", ["asciidoc", "mediawiki", "rst", "org", "markdown", "markdown_strict", "markdown_mmd",
                   "markdown_phpextra"]
    )
    def test_refused(self, small: Path, version: str, format: str) -> None:
        """A writer that would let cell text become markup fails the conversion, naming the format, exit 1.

        Pandoc's own Markdown is among them: pmcompare's Markdown escaping does not read back the same
        there (smart quotes, \\( math in markdown_mmd, no tables in markdown_strict).
        """
        (small / "doc.md").write_text('::: {.pmcompare pair="okr | kpi"}\n:::\n', encoding="utf-8")
        done = run(pandoc(version), small, "-t", format, source="doc.md")
        stderr = done.stderr.decode()

        assert f"pmcompare-pandoc: the output format '{format}' is not supported: pandoc's writer for it" in stderr
        assert ", docx, " in stderr.split("; supported: ")[1]
        assert "Traceback" not in stderr
        assert 0 != done.returncode

    def test_filter_exits_1(self) -> None:
        """Run by hand with a refused format, the filter itself exits 1 with one line on stderr."""
        document = {"pandoc-api-version": [1, 23], "meta": {}, "blocks": [
            {"t": "CodeBlock", "c": [["", ["pmcompare"], []], "okr | kpi"]}]}
        done = subprocess.run([str(FILTER), "mediawiki"], input=json.dumps(document).encode(), capture_output=True,
                              timeout=60, check=False)

        assert (1, b"") == (done.returncode, done.stdout)
        assert 1 == len(done.stderr.decode().splitlines())
        assert "the output format 'mediawiki' is not supported" in done.stderr.decode()

    @pytest.mark.parametrize(
        "format", ["html5", "revealjs", "slidy", "docx", "odt", "epub3", "jats_archiving", "plain", "native"]
    )
    def test_allowed(self, small: Path, format: str) -> None:
        """The writers that keep cell text plain convert as before."""
        (small / "doc.md").write_text('::: {.pmcompare pair="okr | kpi"}\n:::\n', encoding="utf-8")
        done = run(pandoc3(), small, "-t", format, "-o", f"out.{format}", source="doc.md")

        assert (0, b"") == (done.returncode, done.stderr)


def document_with(*blocks: Any, meta: Any = None) -> str:
    return json.dumps({"pandoc-api-version": [1, 23, 1], "meta": meta or {}, "blocks": list(blocks)})


def packs_meta(packs: Any) -> Any:
    return {"pmcompare": {"t": "MetaMap", "c": {"packs": packs}}}


MALFORMED = {
    "div without content": (document_with({"t": "Div", "c": []}), "a Div in the document is not of pandoc's shape"),
    "div without c": (document_with({"t": "Div"}), 'its "c" should be [[identifier, [classes], [[key, value]...]]'),
    "code block of a number": (document_with({"t": "CodeBlock", "c": 5}), "a CodeBlock in the document is not of"),
    "classes a string": (document_with({"t": "Div", "c": [["", "pmcompare", []], []]}), "not [[\"\", \"pmcompare\""),
    "nested div": (document_with({"t": "BlockQuote", "c": [{"t": "Div", "c": [1]}]}), "not [1]"),
    "packs a plain string": (document_with(meta=packs_meta("data/")), "pmcompare.packs takes a path or a list"),
    "packs true": (document_with(meta=packs_meta({"t": "MetaBool", "c": True})), "such as packs: [data/], not true"),
    "packs a list of maps": (
        document_with(meta=packs_meta({"t": "MetaList", "c": [{"t": "MetaMap", "c": {}}]})), "not [{}]"
    ),
    "deeply nested": ("[" * 100000, "cannot read pandoc's JSON"),
    "deeply nested blocks": (
        document_with().replace('"blocks": []', '"blocks": ' + '[{"t": "BlockQuote", "c": ' * 3000 + "[]"
                                + "}]" * 3000),
        "cannot read pandoc's JSON",
    ),
}


class TestMalformedJson:
    @pytest.mark.parametrize(("data", "message"), MALFORMED.values(), ids=MALFORMED.keys())
    def test_one_line_and_exit_1(self, data: str, message: str) -> None:
        """JSON not of pandoc's shape is reported on one line, saying what was wrong: exit 1, no traceback."""
        done = subprocess.run(
            [str(FILTER), "html"], input=data.encode(), capture_output=True, timeout=60, check=False
        )
        stderr = done.stderr.decode()

        assert (1, b"") == (done.returncode, done.stdout)
        assert "Traceback" not in stderr
        [line] = stderr.splitlines()
        assert line.startswith("pmcompare-pandoc: ")
        assert message in line
