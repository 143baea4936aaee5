"""Tests for the cell-text normalisation shared by the table formats, fast paths included."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pmcompare._text import flatten, visible
from pmcompare.renderers._cells import SEPARATOR, joined, normal
from strategies import texts

ANY_TEXT = st.one_of(texts(), st.text(), st.text(st.characters(codec="ascii")))


class TestNormal:
    @given(ANY_TEXT)
    def test_same_as_flatten_then_visible(self, text):
        """The fast path never changes the result: it is flatten, then visible."""
        assert visible(flatten(text)) == normal(text)

    def test_plain_text_is_kept(self):
        """Printable text with single spaces comes back as it is."""
        assert "Time horizon: 3–5 years, 漢字" == normal("Time horizon: 3–5 years, 漢字")

    def test_spaces_and_controls(self):
        r"""Whitespace runs become one space; a NUL becomes the text \x00."""
        assert "a b \\x00c" == normal(" a\n\t b \x00c ")


class TestJoined:
    @given(st.lists(ANY_TEXT, min_size=1, max_size=8))
    def test_splits_back_to_each_normal_text(self, cells):
        """Joined cells split back into each cell's normal text, separators in cells included."""
        assert [normal(cell) for cell in cells] == joined(cells).split(SEPARATOR)

    def test_plain_cells(self):
        """Plain ASCII cells are joined as they are."""
        assert "a\x00b c" == joined(["a", "b c"])

    def test_separator_inside_a_cell(self):
        r"""A separator inside a cell is made visible, so it cannot split the cell."""
        assert ["a\\x00b", "c"] == joined(["a\x00b", "c"]).split(SEPARATOR)
