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

    __slots__ = ("definitions", "header", "rows", "summary", "title")

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
        self.summary = comparison.summary if check_bool("summary", summary) and comparison.summary else None
        left, right = comparison.left, comparison.right
        self.definitions = (
            ((left.name, left.definition), (right.name, right.definition))
            if check_bool("definitions", definitions)
            else ()
        )
        if check_bool("aspects", aspects):
            self.header: tuple[str, ...] = (ASPECT_HEADER, left.name, right.name)
            self.rows: list[tuple[str, ...]] = [(d.aspect, d.left, d.right) for d in comparison.differences]
        else:
            self.header = (left.name, right.name)
            self.rows = [(d.left, d.right) for d in comparison.differences]


def parts(comparison: Comparison, **options: bool) -> Parts:
    """Resolve the common options (title, summary, definitions, aspects) for a comparison."""
    return Parts(comparison, **options)
