"""Tests for the plain-text renderer: safe for terminals, aligned by display width."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcswidth

import hostile
import pmcompare
from hostile import CORPUS, END_ROW, ident
from hostile import comparison as hostile_comparison
from pmcompare import Comparison, Concept, Difference, render
from pmcompare._text import flatten, visible
from pmcompare.renderers import text
from strategies import HOSTILE_FRAGMENTS, comparisons

UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"})

# The narrowest width at which every style fits three columns (documented).
FITS = 25

# Words of ordinary prose: printable, no longer than a narrow column.
words = st.text(st.characters(categories=["Lu", "Ll", "Nd"], codec="ascii"), min_size=1, max_size=10)
prose = st.lists(words, min_size=1, max_size=30).map(" ".join)
WIDE = ["漢字", "한국어", "かな", "😀", "✅", "e\u0301", "naïve", "ｗｉｄｅ", "word"]
wide_words = st.lists(st.sampled_from(WIDE), min_size=1, max_size=20).map(" ".join)


def unsafe(output: str) -> list[str]:
    """The raw control, format, separator, surrogate or unassigned characters in ``output``."""
    return [repr(c) for c in hostile.raw_invisible(output)]


def table_only(comparison: Comparison, **options: object) -> list[str]:
    """The lines of the bare table."""
    return render(comparison, "text", title=False, summary=False, definitions=False, notes=False, **options).split(
        "\n"
    )


def widths(lines: list[str]) -> set[int]:
    """The display widths of ``lines``."""
    return {wcswidth(line) for line in lines}


def aligned(lines: list[str], style: str = text.DEFAULT_STYLE) -> bool:
    """Whether the table's lines all have the same display width.

    The borderless ``simple`` style ends lines without trailing spaces
    (documented), so there no line may be wider than its header rule.
    """
    if style == "simple":
        rule = next(line for line in lines if line and set(line) <= {"-", " "})
        return max(widths(lines)) == wcswidth(rule)
    return 1 == len(widths(lines))


def _is_mark_start(line: str) -> bool:
    """Whether a line starts with a combining mark."""
    return unicodedata.category(line[:1] or "a").startswith("M")


def unbased(text: str) -> str:
    """Text with the documented dotted circle before a combining mark taken out, and no spaces."""
    kept = [c for i, c in enumerate(text) if c != "\u25cc" or not _is_mark_start(text[i + 1 : i + 2])]
    return "".join(kept).replace(" ", "")


def grid_cells(lines: list[str]) -> list[list[str]]:
    """Read a ``rounded_grid`` table back into rows of cell text, by display column.

    The top border's runs of ``─`` give each column's span; ``├`` lines end a
    row; a cell's lines are joined with spaces.
    """
    spans, start = [], None
    for column, char in enumerate(lines[0] + " "):
        if char == "─" and start is None:
            start = column
        elif char != "─" and start is not None:
            spans.append((start, column))
            start = None
    rows: list[list[str]] = []
    current: list[list[str]] = [[] for _ in spans]
    for line in lines[1:]:
        if line.startswith(("├", "╰")):
            rows.append([" ".join(part for part in cell if part) for cell in current])
            current = [[] for _ in spans]
            continue
        pieces: list[list[str]] = [[] for _ in spans]
        for at, char in enumerate(line):
            # Measured as a prefix, as tabulate measures: a pair of regional
            # indicators (a flag) is narrower than its two halves.
            column = wcswidth(line[:at])
            for index, (begin, end) in enumerate(spans):
                if begin <= column < end:
                    pieces[index].append(char)
        for index, piece in enumerate(pieces):
            current[index].append("".join(piece).strip())
    return rows


@st.composite
def ordinary(draw: st.DrawFn, text: st.SearchStrategy[str] = prose) -> Comparison:
    """A comparison of ordinary text: printable words of at most ten columns."""
    aspects = draw(st.lists(words, min_size=1, max_size=5, unique_by=str.casefold))
    left, right = draw(st.lists(words, min_size=2, max_size=2, unique_by=str.casefold))
    return Comparison(
        Concept(left, draw(text), slug="left"),
        Concept(right, draw(text), slug="right"),
        [Difference(aspect, draw(text), draw(text)) for aspect in aspects],
        summary=draw(text),
    )


class TestRender:
    def test_seed(self) -> None:
        """The seed comparison: the title, the table, then the summary, definitions and notes."""
        comparison = pmcompare.get("product strategy", "product management")

        output = render(comparison, "text", width=100)

        lines = output.split("\n")
        assert "Product Strategy vs Product Management" == lines[0]
        assert "" == lines[1]
        assert "Aspect" in lines[3]
        after_table = lines.index("", 2)
        assert str(comparison.summary).startswith(lines[after_table + 1])
        assert lines[-1] in comparison.notes[0]
        assert max(wcswidth(line) for line in lines) <= 100

    def test_str_is_text(self) -> None:
        """str(comparison) is the text table."""
        comparison = pmcompare.get("product strategy", "product management")

        assert render(comparison, "text") == str(comparison)

    def test_without_aspects(self) -> None:
        """aspects=False leaves the aspect column out."""
        comparison = pmcompare.get("product strategy", "product management")

        assert "Aspect" not in "\n".join(table_only(comparison, aspects=False, width=100))

    @pytest.mark.parametrize("style", text.STYLES)
    def test_every_style(self, style: str) -> None:
        """Every style draws an aligned table within the width."""
        comparison = pmcompare.get("product strategy", "product management")

        lines = table_only(comparison, style=style, width=80)

        assert aligned(lines, style)
        assert max(widths(lines)) <= 80

    def test_default_width_without_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With no terminal to measure, the width is 100."""
        monkeypatch.setenv("COLUMNS", "100")
        comparison = pmcompare.get("product strategy", "product management")

        assert render(comparison, "text", width=100) == render(comparison, "text")

    @pytest.mark.parametrize("columns", [None, "57", "0", "-3", "wide", ""])
    def test_terminal_width_as_shutil_measures_it(self, columns: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
        """The width is what shutil.get_terminal_size gives (COLUMNS first), with 100 as the fallback."""
        import shutil

        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", columns)
        assert shutil.get_terminal_size((100, 24)).columns == text.terminal_width()


class TestOptions:
    @pytest.mark.parametrize("width", [0, 19, -5])
    def test_width_too_small(self, width: int) -> None:
        """A width under 20 is a ValueError."""
        comparison = pmcompare.get("product strategy", "product management")

        with pytest.raises(ValueError, match="at least 20"):
            render(comparison, "text", width=width)

    @pytest.mark.parametrize("width", ["80", 80.0, True])
    def test_width_not_int(self, width: object) -> None:
        """A width that is not a whole number is a TypeError."""
        comparison = pmcompare.get("product strategy", "product management")

        with pytest.raises(TypeError, match="whole number"):
            render(comparison, "text", width=width)

    @pytest.mark.parametrize("style", ["fancy", "", None, "GRID"])
    def test_unknown_style(self, style: object) -> None:
        """A style not in STYLES is a ValueError naming the styles."""
        comparison = pmcompare.get("product strategy", "product management")

        with pytest.raises(ValueError, match="rounded_grid"):
            render(comparison, "text", style=style)

    def test_unknown_option(self) -> None:
        """An option the format does not take is a TypeError."""
        comparison = pmcompare.get("product strategy", "product management")

        with pytest.raises(TypeError, match="did you mean 'width'"):
            render(comparison, "text", widht=80)

    def test_bool_option_checked(self) -> None:
        """title must be True or False."""
        comparison = pmcompare.get("product strategy", "product management")

        with pytest.raises(TypeError, match="True or False"):
            render(comparison, "text", title="yes")


class TestWrap:
    def test_lone_spacing_mark_on_a_dotted_circle(self) -> None:
        """A cell starting with a spacing mark shows it on ◌, and the table stays aligned."""
        comparison = Comparison(Concept("A", "a"), Concept("B", "b"), [Difference("x", "\u0949", "\u0903y")])

        lines = table_only(comparison, width=40)

        assert aligned(lines)
        assert ["x", "\u25cc\u0949", "\u25cc\u0903y"] == grid_cells(lines)[1]

    def test_no_break_before_a_mark(self) -> None:
        """A long word is never broken before a combining mark."""
        assert all(not _is_mark_start(line) for line in text.wrap("abcde\u0301fghij\u0949k" * 3, 5))

    def test_short_text_one_line(self) -> None:
        """Text that fits is one line."""
        assert ["a b c"] == text.wrap("a b c", 10)

    def test_words_kept_whole(self) -> None:
        """Lines break between words."""
        assert ["aaa bbb", "ccc"] == text.wrap("aaa bbb ccc", 7)

    def test_long_word_broken(self) -> None:
        """A word longer than the width is cut into pieces of the width."""
        assert ["abcd", "efgh", "ij"] == text.wrap("abcdefghij", 4)

    def test_wide_characters_count_two(self) -> None:
        """CJK characters take two columns each."""
        assert ["漢字", "漢字"] == text.wrap("漢字漢字", 5)


class TestHostile:
    @pytest.mark.parametrize("fragment", [f for f in HOSTILE_FRAGMENTS if f.strip()])
    def test_escaped_and_aligned(self, fragment: str) -> None:
        """Each hostile fragment in every field: nothing raw, table aligned, text kept."""
        comparison = Comparison(
            Concept("L " + fragment, fragment, slug="left"),
            Concept(fragment + " R", fragment, slug="right"),
            [Difference(fragment, fragment, fragment)],
            summary=fragment,
        )

        output = render(comparison, "text", width=80)

        assert [] == unsafe(output)
        assert aligned(table_only(comparison, width=80))
        assert visible(flatten(fragment)).split(" ")[0] in output

    def test_escape_sequences_visible(self) -> None:
        """ANSI and OSC sequences are shown as text, never sent to the terminal."""
        comparison = Comparison(
            Concept("A", "a"), Concept("B", "b"), [Difference("x", "\x1b[31mred\x1b]8;;https://e.x\x07", "\u202ey")]
        )

        output = render(comparison, "text", width=100)

        assert "\\x1b[31mred\\x1b]8;;https://e.x\\x07" in output
        assert "\\u202ey" in output
        assert "\x1b" not in output

    def test_long_word_fits(self) -> None:
        """A 10,000-character word wraps inside its column."""
        comparison = Comparison(Concept("A", "a"), Concept("B", "b"), [Difference("x", "y" * 10_000, "z")])

        lines = table_only(comparison, width=60)

        assert aligned(lines)
        assert max(widths(lines)) <= 60
        assert "y" * 10_000 == grid_cells(lines)[1][1].replace(" ", "")

    def test_long_aspect_word_fits(self) -> None:
        """An aspect made of one long word still leaves the table within the width."""
        comparison = Comparison(Concept("A", "a"), Concept("B", "b"), [Difference("w" * 60, "y " * 50, "z " * 50)])

        lines = table_only(comparison, width=50)

        assert aligned(lines)
        assert max(widths(lines)) <= 50


class TestCorpus:
    @pytest.mark.parametrize("text", CORPUS, ids=ident)
    @pytest.mark.parametrize("style", text.STYLES)
    def test_corpus(self, text: str, style: str) -> None:
        """Each corpus entry in every field and style: nothing raw, aligned, fits, cells kept."""
        comparison = hostile_comparison(text)

        output = render(comparison, "text", style=style, width=80)

        assert [] == unsafe(output)
        lines = table_only(comparison, style=style, width=80)
        assert aligned(lines, style)
        assert max(widths(lines)) <= 80

    @pytest.mark.parametrize("text", CORPUS, ids=ident)
    def test_corpus_cells(self, text: str) -> None:
        """Each corpus entry reads back from the grid, the row after it intact."""
        lines = table_only(hostile_comparison(text), width=80)

        squeeze = str.maketrans("", "", " ")
        shown = visible(flatten(text)).translate(squeeze)
        assert [
            ["Aspect", shown, (visible(flatten(text)) + "again").translate(squeeze)],
            [shown] * 3,
            [END_ROW.aspect.translate(squeeze), END_ROW.left.translate(squeeze), END_ROW.right.translate(squeeze)],
        ] == [[unbased(c) for c in row] for row in grid_cells(lines)]


class TestProperties:
    @given(comparisons(), st.sampled_from(text.STYLES), st.integers(20, 160))
    def test_safe_and_aligned(self, comparison: Comparison, style: str, width: int) -> None:
        """Any comparison: no raw control or format character, every table line the same display width."""
        output = render(comparison, "text", style=style, width=width)

        assert [] == unsafe(output)
        assert aligned(table_only(comparison, style=style, width=width), style)

    @given(comparisons(), st.integers(20, 160))
    def test_cells_read_back(self, comparison: Comparison, width: int) -> None:
        """Read back column by column, every cell holds its text (spaces aside: wrapping moves them)."""
        lines = table_only(comparison, width=width)

        expected = [
            ["Aspect", comparison.left.name, comparison.right.name],
            *([d.aspect, d.left, d.right] for d in comparison.differences),
        ]
        assert [[unbased(visible(flatten(c))) for c in row] for row in expected] == [
            [unbased(c) for c in row] for row in grid_cells(lines)
        ]

    @given(ordinary(), st.sampled_from(text.STYLES), st.integers(FITS, 160))
    def test_ordinary_text_fits(self, comparison: Comparison, style: str, width: int) -> None:
        """Ordinary text fits the width, title and definitions included."""
        lines = render(comparison, "text", style=style, width=width).split("\n")

        assert max(wcswidth(line) for line in lines) <= width
        assert aligned(table_only(comparison, style=style, width=width), style)

    @given(ordinary(wide_words), st.sampled_from(text.STYLES), st.integers(FITS, 160))
    def test_wide_characters_aligned(self, comparison: Comparison, style: str, width: int) -> None:
        """CJK, emoji and combining marks: the table is aligned by display width and fits."""
        lines = table_only(comparison, style=style, width=width)

        assert aligned(lines, style)
        assert max(widths(lines)) <= width
