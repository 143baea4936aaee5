r"""Plain semantic HTML: a ``<table>`` in a ``<div class="pmcompare">``, nothing inline.

The title is the table's ``<caption>``; the header cells are
``<th scope="col">`` and each aspect a ``<th scope="row">``. The summary
(``<p class="pmcompare-summary">``) and the definitions
(``<dl class="pmcompare-definitions">``) follow the table. There is no
``style`` attribute, no script and no id; the classes ``pmcompare``,
``pmcompare-table``, ``pmcompare-summary`` and ``pmcompare-definitions`` are
hooks for a theme, such as :data:`pmcompare.STYLESHEET`.

All text is escaped with :func:`html.escape` (quotes included). Whitespace
runs, line breaks included, become one space, as in every table format, and
control, format and unassigned characters (ANSI escapes, NUL, bidirectional
overrides, zero-width characters, the BOM) are written as visible escapes
such as ``\x1b`` and ``\u202e``, the same ones the text format shows.
"""

from __future__ import annotations

from html import escape
from io import StringIO
from typing import TYPE_CHECKING

from ._cells import escaped, normal, write_rows
from ._table import parts

if TYPE_CHECKING:
    from ..model import Comparison

__all__ = ["render"]


def _text(text: str) -> str:
    return escape(normal(text), quote=True)


# A body row, with an empty slot for each cell; the aspect column's cells are row headers.
_ROW = ('<tr><th scope="row">', "", "</th><td>", "", "</td><td>", "", "</td></tr>\n")
_ROW_TWO = ("<tr><td>", "", "</td><td>", "", "</td></tr>\n")


def render(
    comparison: Comparison,
    *,
    title: bool = True,
    summary: bool = True,
    definitions: bool = True,
    aspects: bool = True,
) -> str:
    """Render a comparison as an HTML fragment: a captioned table with class hooks and no inline style.

    ``title``, ``summary`` and ``definitions`` leave out the caption, the
    summary paragraph and the definition list; ``aspects=False`` drops the
    aspect column.
    """
    table = parts(comparison, title=title, summary=summary, definitions=definitions, aspects=aspects)
    out = ['<div class="pmcompare">\n<table class="pmcompare-table">\n']
    if table.title is not None:
        out.append(f"<caption>{_text(table.title)}</caption>\n")
    head = "".join(f'<th scope="col">{text}</th>' for text in escaped(list(table.header), escape))
    out.append(f"<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n")
    buffer = StringIO()
    buffer.write("".join(out))
    write_rows(buffer, table.columns, escape, _ROW if len(table.columns) == 3 else _ROW_TWO)
    out = ["</tbody>\n</table>\n"]
    if table.summary is not None:
        out.append(f'<p class="pmcompare-summary">{_text(table.summary)}</p>\n')
    if table.definitions:
        out.append('<dl class="pmcompare-definitions">\n')
        out.extend(f"<dt>{_text(name)}</dt><dd>{_text(text)}</dd>\n" for name, text in table.definitions)
        out.append("</dl>\n")
    out.append("</div>\n")
    buffer.write("".join(out))
    return buffer.getvalue()
