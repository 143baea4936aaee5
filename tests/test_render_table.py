"""The one table shape every format draws, its options, and tables of any number of concept columns."""

from __future__ import annotations

import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcswidth

import hostile
import test_render_html
import test_render_markdown
import test_render_rst
from pmcompare import Comparison, Concept, Difference
from pmcompare.renderers import RenderOptions, html, latex, markdown, rst, text
from pmcompare.renderers._table import ASPECT_HEADER, Table, normal, table
from strategies import texts

SIMPLE = Comparison(
    Concept("Alpha", "The first.", slug="alpha"),
    Concept("Beta", "The second\nconcept.", slug="beta"),
    [Difference("Goal", "Win\tbig.", "Ship.")],
    summary="Alpha wins; Beta ships.",
)


@st.composite
def shapes(draw: st.DrawFn, min_concepts: int = 2, max_concepts: int = 6) -> Table:
    """A table of 2 to 6 concept columns, with or without the aspect column, hostile text in every cell."""
    stub = draw(st.booleans())
    width = draw(st.integers(min_concepts, max_concepts)) + stub
    cell = texts(max_size=60).map(normal).filter(bool)
    header = tuple(draw(st.lists(cell, min_size=width, max_size=width)))
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width).map(tuple), min_size=1, max_size=4))
    return Table(header, tuple(rows), stub=stub)


class TestRenderOptions:
    def test_defaults(self) -> None:
        """Every part is on, the width is the terminal's and the style rounded."""
        options = RenderOptions()
        assert (True, True, True, True, True, None, "rounded_grid") == (
            options.title, options.summary, options.definitions, options.aspects, options.notes,
            options.width, options.style,
        )

    def test_flags_are_the_on_off_parts(self) -> None:
        """The integrations' option lists come from here."""
        assert ("title", "summary", "definitions", "aspects", "notes") == RenderOptions.flags()

    @pytest.mark.parametrize("name", ["title", "summary", "definitions", "aspects", "notes"])
    def test_flag_must_be_bool(self, name: str) -> None:
        """A flag that is not True or False is refused with its name."""
        with pytest.raises(TypeError, match=f"option '{name}' must be True or False, not 1"):
            RenderOptions(**{name: 1})

    @pytest.mark.parametrize(("width", "error"), [(19, ValueError), (True, TypeError), (80.0, TypeError)])
    def test_width_checked(self, width: object, error: type[Exception]) -> None:
        """A width under 20 columns or not a whole number is refused."""
        with pytest.raises(error, match="option 'width'"):
            RenderOptions(width=width)  # type: ignore[arg-type]

    def test_unknown_style(self) -> None:
        """An unknown style is refused, listing the styles."""
        with pytest.raises(ValueError, match="one of rounded_grid"):
            RenderOptions(style="fancy")


class TestTable:
    def test_shape_of_a_comparison(self) -> None:
        """Header, rows and the parts around them, text flattened as every format shows it."""
        assert Table(
            (ASPECT_HEADER, "Alpha", "Beta"),
            (("Goal", "Win big.", "Ship."),),
            stub=True,
            title="Alpha vs Beta",
            summary="Alpha wins; Beta ships.",
            definitions=(("Alpha", "The first."), ("Beta", "The second concept.")),
        ) == table(SIMPLE)

    def test_without_parts(self) -> None:
        """Each option leaves its part out; no aspect column means no stub."""
        options = RenderOptions(title=False, summary=False, definitions=False, aspects=False)
        assert Table(("Alpha", "Beta"), (("Win big.", "Ship."),), stub=False) == table(SIMPLE, options)

    def test_invisible_characters_are_made_visible(self) -> None:
        """An escape sequence reaches the table as visible text."""
        shape = table(hostile.comparison("\x1b[2J"))
        assert "\\x1b[2J" == shape.rows[0][0]


class TestAnyNumberOfColumns:
    @given(shapes())
    def test_markdown_reads_back(self, shape: Table) -> None:
        """markdown-it reads a Markdown table of any width back to the same cells."""
        [(kind, tokens)] = test_render_markdown.blocks(markdown.draw(shape))
        assert "table" == kind
        assert [list(shape.header), *map(list, shape.rows)] == test_render_markdown.table_cells(tokens)

    @given(shapes())
    def test_html_reads_back(self, shape: Table) -> None:
        """html5lib reads an HTML table of any width back to the same cells, row headers scoped."""
        root = test_render_html.parse(html.draw(shape))
        assert [list(shape.header), *map(list, shape.rows)] == test_render_html.rows(root)
        scopes = {cell.get("scope") for tr in list(root.iter("tr"))[1:] for cell in tr[:1]}
        assert ({"row"} if shape.stub else {None}) == scopes

    @given(shapes())
    def test_rst_reads_back(self, shape: Table) -> None:
        """docutils reads a list-table of any width back to the same cells, with no message."""
        document, messages = test_render_rst.doctree(rst.draw(shape))
        test_render_rst.assert_only_text(document, messages)
        assert [list(shape.header), *map(list, shape.rows)] == test_render_rst.cells(document)

    @given(shapes())
    def test_latex_has_a_column_per_cell(self, shape: Table) -> None:
        """The column specification and every row have one column per cell."""
        source = latex.draw(shape)
        assert shape.columns == source.split("\\begin{tabularx}{\\linewidth}{", 1)[1].split("}\n", 1)[0].count("X")
        body = source.split("\\midrule\n", 1)[1].split("\n\\bottomrule", 1)[0]
        assert [shape.columns] * len(shape.rows) == [row.count(" & ") + 1 for row in body.split("\n")]

    @given(shapes(), st.integers(60, 160))
    def test_text_fits_and_lines_up(self, shape: Table, width: int) -> None:
        """A text table of up to seven columns has lines of one display width, within any width from 60."""
        lines = text.draw(shape, width=width, style="grid").splitlines()
        assert 1 == len({wcswidth(line) for line in lines})
        assert wcswidth(lines[0]) <= width

    def test_html_fragment_parses(self) -> None:
        """A five-column table is well-formed HTML."""
        shape = Table(("Aspect", "A", "B", "C", "D"), (("x", "1", "2", "3", "4"),), stub=True)
        tree = html5lib.parseFragment(html.draw(shape), namespaceHTMLElements=False)
        assert [["x", "1", "2", "3", "4"]] == [["".join(c.itertext()) for c in tr] for tr in list(tree.iter("tr"))[1:]]


class TestOneOrder:
    @pytest.mark.parametrize("name", ["text", "markdown", "html", "rst", "latex", "typst", "asciidoc"])
    def test_every_format_draws_the_parts_in_one_order(self, name: str) -> None:
        """Every table format: the title, the table, then the summary, the definitions and the notes."""
        import pmcompare

        comparison = pmcompare.get("product strategy", "product management")
        output = pmcompare.render(comparison, name, width=200) if name == "text" else pmcompare.render(comparison, name)

        parts = [
            comparison.title,
            comparison.differences[0].aspect,
            str(comparison.summary)[:30],
            comparison.left.definition[:25],
            comparison.notes[0][:30],
        ]
        positions = [output.index(part) for part in parts]
        assert sorted(positions) == positions

    def test_every_part_is_on_by_default(self) -> None:
        """The defaults are the same for every format and host: every part shown."""
        assert all(getattr(RenderOptions(), flag) for flag in RenderOptions.flags())
