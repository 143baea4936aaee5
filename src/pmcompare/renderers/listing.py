"""A registry shown in a notebook: its comparisons, then its lineups, listed as plain text and as an HTML table.

:class:`~pmcompare.Registry` hands its notebook display here, so that every
piece of rendering lives in the renderers and all text is escaped the same way.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ._table import normal

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..model import Comparison, Lineup

__all__ = ["html", "text"]


def _rows(comparisons: Iterable[Comparison | Lineup]) -> list[tuple[str, str, str]]:
    from ..model import Lineup

    return [
        (normal(c.title), str(len(c.differences)), normal(c.summary_text if isinstance(c, Lineup) else str(c.summary)))
        for c in comparisons
    ]


def html(caption: str, comparisons: Iterable[Comparison | Lineup]) -> str:
    """An HTML table of comparisons: title (a row header), number of differences and summary."""
    out = [
        '<div class="pmcompare pmcompare-registry"><table>',
        f"<caption>{escape(normal(caption))}</caption>",
        '<thead><tr><th scope="col">Comparison</th><th scope="col">Differences</th>'
        '<th scope="col">Summary</th></tr></thead>',
        "<tbody>",
    ]
    for title, count, summary in _rows(comparisons):
        out.append(f'<tr><th scope="row">{escape(title)}</th><td>{count}</td><td>{escape(summary)}</td></tr>')
    out.append("</tbody></table></div>")
    return "\n".join(out)


def text(heading: str, comparisons: Iterable[Comparison | Lineup]) -> str:
    """The heading, then a line per comparison: its title and how many differences it has."""
    lines = [normal(heading)]
    lines += [f"  {title} ({count} differences)" for title, count, _ in _rows(comparisons)]
    return "\n".join(lines)
