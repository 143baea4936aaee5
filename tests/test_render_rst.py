"""Tests for the reStructuredText renderer, read back with docutils as Sphinx sets it up."""

from __future__ import annotations

import io

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import given

import pmcompare
from hostile import CORPUS, END_ROW, ident
from hostile import comparison as hostile_comparison
from pmcompare import Comparison, Concept, Difference, render
from pmcompare._text import flatten, visible
from pmcompare.renderers import rst
from strategies import HOSTILE_FRAGMENTS, comparisons

# The only nodes the renderer's output may become: anything else (a
# reference, raw, target, substitution, footnote, list, literal, emphasis,
# system message...) means cell text turned into markup.
ALLOWED = (
    nodes.document,
    nodes.paragraph,
    nodes.Text,
    nodes.table,
    nodes.title,
    nodes.tgroup,
    nodes.colspec,
    nodes.thead,
    nodes.tbody,
    nodes.row,
    nodes.entry,
    nodes.definition_list,
    nodes.definition_list_item,
    nodes.term,
    nodes.definition,
    nodes.block_quote,
)

# Markup of every kind reStructuredText has, at the start of a line and inside it.
RST_HOSTILE = (
    *HOSTILE_FRAGMENTS,
    ".. raw:: html\n\n   <script>alert(1)</script>",
    ".. include:: /etc/passwd",
    ".. _target: https://example.com",
    ".. |sub| replace:: x",
    ".. [1] footnote",
    ".. comment",
    "..",
    "`x <javascript:alert(1)>`_",
    "`x`__",
    "name_",
    "name__",
    "_`inline target`",
    "[1]_",
    "[#]_",
    "[*]_",
    "[CIT2002]_",
    "|sub|",
    ":role:`x`",
    "`x`:role:",
    "*emphasis*",
    "**strong**",
    "``literal``",
    "https://example.com",
    "mailto:a@example.com",
    "a@example.com",
    "- bullet",
    "+ bullet",
    "* bullet",
    "• bullet",
    "‣ bullet",
    "⁃ bullet",
    "1. one",
    "1) one",
    "(1) one",
    "a. one",
    "A) one",
    "iv. four",
    "(iv) four",
    "#. auto",
    "| line block",
    "----",
    "====",
    "\\\\\\\\",
    "\\",
    "x \\",
    "\\ x",
    ">>> 1 + 1",
    ":field: value",
    "-a option",
    "--long option",
    "/V option",
    "paragraph::",
    "::",
    "+---+---+",
    "===== =====",
    "term : classifier",
)


def doctree(source: str) -> tuple[nodes.document, str]:
    """Parse as Sphinx does (raw and file insertion on), reporting every message."""
    stream = io.StringIO()
    document = publish_doctree(
        source,
        settings_overrides={
            "raw_enabled": True,
            "file_insertion_enabled": True,
            "report_level": 1,
            "halt_level": 5,
            "warning_stream": stream,
        },
    )
    return document, stream.getvalue()


def text_of(node: nodes.Node) -> str:
    """A node's text, with the newlines docutils keeps where long text was split over lines as spaces."""
    return node.astext().replace("\n", " ")


def cells(document: nodes.document) -> list[list[str]]:
    """The text of each table row's cells."""
    return [[text_of(entry) for entry in row.findall(nodes.entry)] for row in document.findall(nodes.row)]


def shown(text: str) -> str:
    """What a cell shows: the documented whitespace and control-character treatment."""
    return visible(flatten(text))


def assert_only_text(document: nodes.document, messages: str) -> None:
    """No message and no node other than the renderer's own."""
    assert "" == messages
    foreign = [type(node).__name__ for node in document.findall() if not isinstance(node, ALLOWED)]
    assert [] == foreign


def one_cell(text: str) -> Comparison:
    """A comparison with ``text`` in every field."""
    return Comparison(
        Concept("Left " + text, "Defines " + text, slug="left"),
        Concept(text + " right", text, slug="right"),
        [Difference(text, text, text)],
        summary=text,
    )


class TestRender:
    def test_seed(self) -> None:
        """The seed comparison is a list-table with a title, header row and stub column."""
        comparison = pmcompare.get("product strategy", "product management")

        source = render(comparison, "rst")

        assert ".. list-table:: Product Strategy vs Product Management" in source
        assert "   :header-rows: 1\n   :stub-columns: 1\n   :widths: 20 40 40\n   :class: pmcompare\n" in source
        document, messages = doctree(source)
        assert_only_text(document, messages)
        rows = cells(document)
        assert ["Aspect", "Product Strategy", "Product Management"] == rows[0]
        assert [[d.aspect, d.left, d.right] for d in comparison.differences] == rows[1:]

    def test_title_is_the_table_title(self) -> None:
        """The title becomes the table's title node."""
        comparison = pmcompare.get("product strategy", "product management")

        document, _ = doctree(render(comparison, "rst"))

        assert ["Product Strategy vs Product Management"] == [t.astext() for t in document.findall(nodes.title)]

    def test_without_aspects(self) -> None:
        """aspects=False gives two columns and no stub column."""
        comparison = pmcompare.get("product strategy", "product management")

        source = render(comparison, "rst", aspects=False)

        assert ":stub-columns:" not in source
        assert "   :widths: 50 50\n" in source
        assert {2} == {len(row) for row in cells(doctree(source)[0])}

    def test_table_only(self) -> None:
        """With title, summary and definitions off, the output is the bare list-table."""
        comparison = pmcompare.get("product strategy", "product management")

        source = render(comparison, "rst", title=False, summary=False, definitions=False)

        assert source.startswith(".. list-table::\n")
        document, messages = doctree(source)
        assert_only_text(document, messages)
        assert [] == list(document.findall(nodes.title))
        assert [] == list(document.findall(nodes.definition_list))

    def test_summary_and_definitions(self) -> None:
        """The table comes first; the summary paragraph and the definition list follow it."""
        comparison = pmcompare.get("product strategy", "product management")

        document, _ = doctree(render(comparison, "rst"))

        assert isinstance(document[0], nodes.table)
        assert str(comparison.summary) == document[1].astext()
        terms = [(item[0].astext(), item[1].astext()) for item in document.findall(nodes.definition_list_item)]
        assert [(c.name, c.definition) for c in (comparison.left, comparison.right)] == terms

    def test_options_are_checked(self) -> None:
        """A wrong option is a TypeError, as in every format."""
        comparison = pmcompare.get("product strategy", "product management")

        with pytest.raises(TypeError, match="width"):
            render(comparison, "rst", width=80)


class TestCorpus:
    @pytest.mark.parametrize("text", CORPUS, ids=ident)
    def test_corpus(self, text: str) -> None:
        """Each corpus entry in every field: the same rows, the row after it intact, no markup."""
        comparison = hostile_comparison(text)

        document, messages = doctree(render(comparison, "rst"))

        assert_only_text(document, messages)
        assert [
            ["Aspect", shown(text), shown(text + " again")],
            [shown(text)] * 3,
            [END_ROW.aspect, END_ROW.left, END_ROW.right],
        ] == cells(document)
        assert shown(comparison.title) == text_of(document.next_node(nodes.title))
        assert shown(text) == text_of(document[1])

    def test_long_text_split_over_lines(self) -> None:
        """No line is over docutils' limit; the text comes back the same (line breaks as spaces)."""
        text = ("word " * 3000) + "y" * 12_000 + " " + "\\" * 3000
        source = render(one_cell(text), "rst")

        assert max(len(line) for line in source.split("\n")) < 10_000
        document, messages = doctree(source)
        assert_only_text(document, messages)
        assert [shown(text)] * 3 == cells(document)[1]
        names = [text_of(node) for node in document.children if isinstance(node, nodes.paragraph)][1:3]
        assert [shown("Left " + text), shown(text + " right")] == names


class TestEscape:
    @pytest.mark.parametrize("text", [t for t in RST_HOSTILE if t.strip()])
    def test_markup_stays_text(self, text: str) -> None:
        """Markup of any kind, in any field, comes back from docutils as the same text."""
        document, messages = doctree(render(one_cell(text), "rst"))

        assert_only_text(document, messages)
        assert [shown(text)] * 3 == cells(document)[1]
        assert shown("Left " + text + " vs " + text + " right") == text_of(document.next_node(nodes.title))
        assert shown(text) == text_of(document[1])

    def test_plain_text_unchanged(self) -> None:
        """Letters, digits, spaces and common punctuation are written as they are."""
        plain = "Time horizon, goals; (why) - how? 100% sure!"

        assert plain == rst.escape(plain)

    def test_inline_markup_characters(self) -> None:
        """The characters that start inline markup are backslash-escaped."""
        assert r"a\*b\` \_x\_ \|y\| \[1\]\_ a\:b c\@d \<e\> \\" == rst.escape("a*b` _x_ |y| [1]_ a:b c@d <e> \\")

    def test_line_start(self) -> None:
        """A first character that is not a letter or digit is escaped; so is an enumerator's delimiter."""
        assert [r"\- x", r"\• x", r"1\. x", r"iv\) x", r"\(a) x", r"#\. x", r"\.. raw\:\: html"] == [
            rst.escape(t) for t in ("- x", "• x", "1. x", "iv) x", "(a) x", "#. x", ".. raw:: html")
        ]

    def test_backslash_run(self) -> None:
        """A run of backslashes, which would read as a transition, is broken by an escaped space."""
        assert "\\ " + "\\" * 8 == rst.escape("\\" * 4)

    def test_control_characters_visible(self) -> None:
        """Control and format characters are written as visible escapes, then escaped for reST."""
        assert r"a\\x1b\[31mb\\u202ec" == rst.escape("a\x1b[31mb\u202ec")

    def test_whitespace_flattened(self) -> None:
        """Line breaks and other whitespace runs become one space."""
        assert "a b c" == rst.escape("a\n\n b\u2028\tc")


class TestProperties:
    @given(comparisons())
    def test_docutils_reads_back_every_cell(self, comparison: Comparison) -> None:
        """Any comparison parses with no message into the same cells, summary and definitions."""
        document, messages = doctree(render(comparison, "rst"))

        assert_only_text(document, messages)
        expected = [
            ["Aspect", shown(comparison.left.name), shown(comparison.right.name)],
            *([shown(d.aspect), shown(d.left), shown(d.right)] for d in comparison.differences),
        ]
        assert expected == cells(document)
        assert shown(comparison.title) == text_of(document.next_node(nodes.title))
        terms = [(item[0].astext(), item[1].astext()) for item in document.findall(nodes.definition_list_item)]
        assert [(shown(c.name), shown(c.definition)) for c in (comparison.left, comparison.right)] == terms
        if comparison.summary:
            assert shown(str(comparison.summary)) == document[1].astext()
        if comparison.notes:
            last = [p.astext() for p in document.children[-len(comparison.notes) :]]
            assert [shown(note) for note in comparison.notes] == last

    @given(comparisons())
    def test_two_columns(self, comparison: Comparison) -> None:
        """aspects=False reads back as the two sides only."""
        document, messages = doctree(render(comparison, "rst", aspects=False, summary=False, definitions=False))

        assert_only_text(document, messages)
        expected = [
            [shown(comparison.left.name), shown(comparison.right.name)],
            *([shown(d.left), shown(d.right)] for d in comparison.differences),
        ]
        assert expected == cells(document)
