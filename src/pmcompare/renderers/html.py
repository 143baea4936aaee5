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
from typing import TYPE_CHECKING

from ._cells import escaped, normal
from ._table import parts

if TYPE_CHECKING:
    from ..model import Comparison

__all__ = ["render"]


def _text(text: str) -> str:
    return escape(normal(text), quote=True)


def _rows(header: tuple[str, ...], columns: tuple[list[str], ...]) -> tuple[list[str], list[str]]:
    """The header and body cells, escaped column by column, a chunk of cells at a time."""
    head = [f'<th scope="col">{text}</th>' for text in escaped(list(header), escape)]
    body = [escaped(column, escape) for column in columns]
    if len(body) == 3:
        lines = [
            f'<tr><th scope="row">{a}</th><td>{b}</td><td>{c}</td></tr>\n' for a, b, c in zip(*body, strict=True)
        ]
    else:
        lines = [f"<tr><td>{b}</td><td>{c}</td></tr>\n" for b, c in zip(*body, strict=True)]
    return head, lines


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
    head, body = _rows(table.header, table.columns)
    out.append(f"<thead>\n<tr>{''.join(head)}</tr>\n</thead>\n<tbody>\n")
    out.extend(body)
    out.append("</tbody>\n")
    out.append("</table>\n")
    if table.summary is not None:
        out.append(f'<p class="pmcompare-summary">{_text(table.summary)}</p>\n')
    if table.definitions:
        out.append('<dl class="pmcompare-definitions">\n')
        out.extend(f"<dt>{_text(name)}</dt><dd>{_text(text)}</dd>\n" for name, text in table.definitions)
        out.append("</dl>\n")
    out.append("</div>\n")
    return "".join(out)
