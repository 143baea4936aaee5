"""The one shape every table format draws: a header row and a row per difference."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._options import check_bool

if TYPE_CHECKING:
    from ..model import Comparison

__all__ = ["ASPECT_HEADER", "Parts", "parts"]

ASPECT_HEADER = "Aspect"


class Parts:
    """The pieces around and in a table, as raw (unescaped) text, with the options resolved."""

    __slots__ = ("columns", "definitions", "header", "summary", "title")

    def __init__(
        self,
        comparison: Comparison,
        *,
        title: bool = True,
        summary: bool = True,
        definitions: bool = True,
        aspects: bool = True,
    ) -> None:
        self.title = comparison.title if check_bool("title", title) else None
        self.summary = str(comparison.summary) if check_bool("summary", summary) and comparison.summary else None
        left, right = comparison.left, comparison.right
        self.definitions = (
            ((left.name, left.definition), (right.name, right.definition))
            if check_bool("definitions", definitions)
            else ()
        )
        # The body as one list per column, with no tuple per row: at 100,000
        # rows that saves building the tuples and the garbage collector
        # passes they set off.
        with_aspects = check_bool("aspects", aspects)
        differences = comparison.differences
        body = [d.left for d in differences], [d.right for d in differences]
        if with_aspects:
            self.header: tuple[str, ...] = (ASPECT_HEADER, left.name, right.name)
            self.columns: tuple[list[str], ...] = ([d.aspect for d in differences], *body)
        else:
            self.header = (left.name, right.name)
            self.columns = body

    @property
    def rows(self) -> list[tuple[str, ...]]:
        """The body as one tuple per row."""
        return list(zip(*self.columns))

    def cells(self) -> list[str]:
        """The header and then the body's cells, in reading order: row by row, left to right."""
        count = len(self.header)
        out = [*self.header] * (len(self.columns[0]) + 1)
        # Slice assignment interleaves the columns in C.
        for index, column in enumerate(self.columns):
            out[count + index :: count] = column
        return out


def parts(comparison: Comparison, **options: bool) -> Parts:
    """Resolve the common options (title, summary, definitions, aspects) for a comparison."""
    return Parts(comparison, **options)
