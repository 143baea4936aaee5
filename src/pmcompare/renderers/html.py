r"""Plain semantic HTML: a ``<table>`` in a ``<div class="pmcompare">``, nothing inline.

The title is the table's ``<caption>``; the header cells are
``<th scope="col">`` and each aspect a ``<th scope="row">``. The summary
(``<p class="pmcompare-summary">``) and the definitions
(``<dl class="pmcompare-definitions">``) follow the table. There is no
``style`` attribute, no script and no id; the classes ``pmcompare``,
``pmcompare-table``, ``pmcompare-summary``, ``pmcompare-definitions`` and
``pmcompare-note`` (a ``<p>`` per note, after the definitions) are
hooks for a theme, such as :data:`pmcompare.STYLESHEET`.

All text is escaped with :func:`html.escape` (quotes included). Whitespace
runs, line breaks included, become one space, as in every table format, and
control, format and unassigned characters (ANSI escapes, NUL, bidirectional
overrides, zero-width characters, the BOM) are written as visible escapes
such as ``\x1b`` and ``\u202e``, the same ones the text format shows.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ._table import table

if TYPE_CHECKING:
    from ..model import Comparison, Lineup
    from ._table import RenderOptions, Table

__all__ = ["draw", "render"]


def _text(text: str) -> str:
    return escape(text, quote=True)


def _row(cells: tuple[str, ...], stub: bool) -> str:
    out = ["<tr>"]
    for index, cell in enumerate(cells):
        if index == 0 and stub:
            out.append(f'<th scope="row">{_text(cell)}</th>')
        else:
            out.append(f"<td>{_text(cell)}</td>")
    out.append("</tr>\n")
    return "".join(out)


def draw(shape: Table) -> str:
    """The HTML for a table: caption, header, body, then the summary, definitions and notes."""
    out = ['<div class="pmcompare">\n<table class="pmcompare-table">\n']
    if shape.title is not None:
        out.append(f"<caption>{_text(shape.title)}</caption>\n")
    head = "".join(f'<th scope="col">{_text(cell)}</th>' for cell in shape.header)
    out.append(f"<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n")
    out += [_row(row, shape.stub) for row in shape.rows]
    out.append("</tbody>\n</table>\n")
    if shape.summary is not None:
        out.append(f'<p class="pmcompare-summary">{_text(shape.summary)}</p>\n')
    if shape.definitions:
        out.append('<dl class="pmcompare-definitions">\n')
        out += [f"<dt>{_text(name)}</dt><dd>{_text(text)}</dd>\n" for name, text in shape.definitions]
        out.append("</dl>\n")
    out += [f'<p class="pmcompare-note">{_text(note)}</p>\n' for note in shape.notes]
    out.append("</div>\n")
    return "".join(out)


def render(comparison: Comparison | Lineup, options: RenderOptions | None = None) -> str:
    """Render a comparison as an HTML fragment: a captioned table with class hooks and no inline style.

    ``title``, ``summary``, ``definitions`` and ``notes`` leave out the
    caption, the summary paragraph, the definition list and the notes;
    ``aspects=False`` drops the aspect column.
    """
    return draw(table(comparison, options))
