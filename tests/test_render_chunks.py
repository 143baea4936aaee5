"""Tests for writing tables a chunk of rows at a time: the chunks never show in the output.

Every table format escapes and writes its rows :data:`ROWS
<pmcompare.renderers._cells.ROWS>` at a time, to keep the work in the CPU
cache. Whatever the chunk size, the output must be the same text, and a cell
must be escaped the same on either side of a chunk boundary.
"""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hostile
import pmcompare
from hostile import expected_rows
from pmcompare import Comparison, Concept, Difference
from pmcompare.renderers import _cells, markdown
from pmcompare.renderers._cells import ROWS, SEPARATOR, escaped, escaped_chunks, escaped_runs, joined
from strategies import texts

ANY_TEXT = st.one_of(texts(), st.text(), st.sampled_from(hostile.CORPUS[:-1]), st.just("a:"), st.just("x."))
TABLE_FORMATS = [name for name in pmcompare.FORMATS if name != "text"]


def corpus_comparison(rows: int) -> Comparison:
    """A comparison whose cells cycle through the hostile corpus, with wide and non-ASCII text between."""
    corpus = hostile.CORPUS[:-1]  # without the 10,000-character word, to keep the tables small
    extras = ("漢字", "a:", "e.g.", "R&D", "👍🏽", "www.example.com", "")
    differences = [
        Difference(
            f"Aspect {index} {corpus[index % len(corpus)]}",
            corpus[(index + 1) % len(corpus)] + extras[index % len(extras)],
            extras[(index + 3) % len(extras)] + corpus[(index + 2) % len(corpus)],
        )
        for index in range(rows)
    ]
    left = Concept("Left: side", "The left.", slug="left")
    right = Concept("Right | side", "The right.", slug="right")
    return Comparison(left, right, differences, summary="A summary.")


class TestEscapedChunks:
    @given(st.lists(ANY_TEXT, min_size=1, max_size=9), st.integers(1, 4), st.booleans())
    def test_chunks_join_to_the_whole(self, cells, size, followed):
        """Cells escaped a few at a time are the cells of the whole column escaped at once."""
        whole = markdown.escape(joined(cells) + (SEPARATOR if followed else "")).split(SEPARATOR)[: len(cells)]
        chunks = list(escaped_chunks(cells, markdown.escape, followed=followed, size=size))
        assert whole == [cell for chunk in chunks for cell in chunk]
        assert [min(size, len(cells) - start) for start in range(0, len(cells), size)] == list(map(len, chunks))
        assert whole == escaped(cells, markdown.escape, followed=followed)

    def test_runs_end_with_the_separator(self):
        """A run is its cells joined and ended by the separator, the last run included."""
        runs = list(escaped_runs(["a", "b", "c:"], markdown.escape, size=2))
        assert ["a\x00b\x00", "c:\x00"] == runs

    def test_a_colon_before_a_chunk_boundary(self):
        """A colon at the end of a chunk's last cell is escaped as inside the table, not as at its end."""
        cells = ["mailto:", "x"]
        assert escaped(cells, markdown.escape) == [
            cell for chunk in escaped_chunks(cells, markdown.escape, size=1) for cell in chunk
        ]


class TestChunkSize:
    @pytest.mark.parametrize("fmt", TABLE_FORMATS)
    @pytest.mark.parametrize("size", [1, 2, 3, 7])
    @pytest.mark.parametrize("aspects", [True, False])
    def test_output_is_the_same_whatever_the_chunk_size(self, fmt, size, aspects, monkeypatch):
        """Rows written in chunks of 1, 2, 3 or 7 give exactly the text of one chunk for the whole table."""
        comparison = corpus_comparison(len(hostile.CORPUS) + 5)
        options = {} if fmt == "json" else {"aspects": aspects}
        whole = pmcompare.render(comparison, fmt, **options)
        # The shared row writer reads ROWS in _cells; some formats chunk with their own import of it.
        monkeypatch.setattr(_cells, "ROWS", size)
        module = importlib.import_module(f"pmcompare.renderers.{fmt}")
        if hasattr(module, "ROWS"):
            monkeypatch.setattr(module, "ROWS", size)
        assert whole == pmcompare.render(comparison, fmt, **options)



class TestLongTables:
    """A table several chunks long reads back, with the real parsers, as every row in order."""

    ROWS = 2 * ROWS + 3

    def test_markdown(self):
        from test_render_markdown import check

        comparison = corpus_comparison(self.ROWS)
        check(comparison, pmcompare.render(comparison, "markdown"))

    def test_html(self):
        from test_render_html import check

        comparison = corpus_comparison(self.ROWS)
        check(comparison, pmcompare.render(comparison, "html"))

    def test_rst(self):
        from test_render_rst import assert_only_text, cells, doctree

        comparison = corpus_comparison(self.ROWS)
        document, messages = doctree(pmcompare.render(comparison, "rst"))
        assert_only_text(document, messages)
        assert expected_rows(comparison) == cells(document)

    def test_json(self, tmp_path):
        from test_render_json import load_back

        comparison = corpus_comparison(self.ROWS)
        assert comparison == load_back(pmcompare.render(comparison, "json"), tmp_path)
