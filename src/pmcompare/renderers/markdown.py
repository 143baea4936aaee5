r"""GitHub-flavoured Markdown: a bold title, the summary, the two definitions and a pipe table.

Every piece of text is escaped so that it stays text in CommonMark, GFM
(GitHub, markdown-it) and Python-Markdown (MkDocs):

- whitespace runs, line breaks included, become one space (a table row is
  one line), as in every table format;
- control, format and unassigned characters (ANSI and OSC sequences, NUL,
  bidirectional overrides, zero-width characters, the BOM) are written as
  visible escapes such as ``\x1b`` and ``\u202e``, the same ones the text
  format shows, so nothing invisible reaches the page;
- ``\ ` * _ [ ] { } | #`` get a backslash, so there is no emphasis, code
  span, link, image, attribute list or heading, and a pipe never splits a
  cell (``\|`` also holds inside what would have been backticks);
- ``< > & ~ $`` become the character references ``&lt; &gt; &amp; &#126;
  &#36;``, since Python-Markdown has no backslash escape for them: no raw
  HTML, autolink, entity reference, strikethrough or math;
- bare addresses are broken so that no linkifier turns them into links: a
  dot before a letter or digit gets a backslash (``www\.example\.com``), a
  ``//`` becomes ``&#47;/`` and a ``:`` between a letter and a non-space
  becomes ``&#58;`` (``mailto&#58;``);
- the summary, the one paragraph that starts with free text, also has a
  leading ``-``, ``+`` or ``1.``/``1)`` escaped so it cannot start a list.

Columns are padded to the same display width (CJK and emoji count two), so
the raw table lines up in an editor.
"""

from __future__ import annotations

import re
from io import StringIO
from typing import TYPE_CHECKING

from wcwidth import wcswidth

from ._cells import ROWS, SEPARATOR, escaped, escaped_runs, normal
from ._table import parts

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..model import Comparison

__all__ = ["escape", "render"]

# Applied in this order, each with str.replace (fast on text with nothing to
# escape): the backslash first, then "&" and "#", which the character
# references below bring in.
_BACKSLASHED = "`*_[]{}|"
_REFERENCES = (("<", "&lt;"), (">", "&gt;"), ("~", "&#126;"), ("$", "&#36;"))
# A dot before a letter or digit (www.example.com) and a colon between a
# letter and anything but a space or slash (mailto:, xmpp:) would start a
# bare link for a linkifier; a "//" too, dealt with below.
_LINK_DOT = re.compile(r"\.(?=\w)")
_LINK_COLON = re.compile(r":(?<=[A-Za-z]:)(?=[^\s/])")
_LIST_START = re.compile(r"[-+]|\d{1,9}(?=[.)])")


def escape(text: str) -> str:
    r"""Escape flattened, visible text so that Markdown shows it as it is, inline.

    >>> escape("a|b <i>*c*</i> www.example.com")
    'a\\|b &lt;i&gt;\\*c\\*&lt;/i&gt; www\\.example\\.com'
    """
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "#" in text:
        text = text.replace("#", "\\#")
    if "." in text:
        text = _LINK_DOT.sub("\\\\.", text)
    if ":" in text:
        text = _LINK_COLON.sub("&#58;", text)
    while "//" in text:
        text = text.replace("//", "&#47;/")
    for char, reference in _REFERENCES:
        if char in text:
            text = text.replace(char, reference)
    for char in _BACKSLASHED:
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


def _escape_paragraph(text: str) -> str:
    start = _LIST_START.match(text)
    if start is None:
        return escape(text)
    end = start.end()
    if end == 1 and text[0] in "-+":
        return "\\" + text[0] + escape(text[1:])
    return text[:end] + "\\" + text[end] + escape(text[end + 1 :])


def _cell(text: str) -> str:
    return escape(normal(text))


def _width(text: str) -> int:
    """A cell's display width: its length when it is ASCII, else what wcwidth measures."""
    return len(text) if text.isascii() else max(wcswidth(text), 0)


def _sizes(run: str, cells: list[str]) -> Iterable[int]:
    """The display widths of a run's cells: their lengths, when the whole run is ASCII."""
    return map(len if run.isascii() else _width, cells)


def _cells(run: str) -> list[str]:
    cells = run.split(SEPARATOR)
    cells.pop()
    return cells


def _write_table(out: StringIO, header: tuple[str, ...], columns: tuple[list[str], ...]) -> None:
    """Write the pipe table, every column padded to the display width of its widest cell.

    The widths need every cell escaped before the first row is written, so
    each column is escaped first and kept as runs of joined cells (a few
    large strings rather than a string per cell); the rows are then laid out
    and written a chunk at a time.
    """
    last = len(header) - 1
    # The header is followed by the first row's cells; a body cell by the
    # next column's, except in the last column. Cells are escaped alike
    # wherever they are, but for a colon at the very end of the table.
    heads = [cell for head in header for cell in escaped([head], escape, followed=True)]
    runs = [
        list(escaped_runs(texts, escape, followed=index < last, size=ROWS)) for index, texts in enumerate(columns)
    ]
    widths = [
        max(3, _width(head), *(max(_sizes(run, _cells(run))) for run in column))
        for head, column in zip(heads, runs)
    ]
    pads = [[" " * (width - size) + " | " for size in range(width + 1)] for width in widths]
    pads[-1] = [" " * (widths[-1] - size) + " |\n" for size in range(widths[-1] + 1)]
    out.write("| " + "".join(head + pad[_width(head)] for head, pad in zip(heads, pads)))
    out.write("| " + " | ".join("-" * width for width in widths) + " |\n")
    # A row is "| " and then each cell and its padding, which ends with the
    # next separator; the pieces go into the slots of copies of "| " in C.
    step = 1 + 2 * len(heads)
    for chunk in zip(*runs):
        count = chunk[0].count(SEPARATOR)
        pieces = ["| "] * (step * count)
        for index, (run, pad) in enumerate(zip(chunk, pads)):
            cells = _cells(run)
            pieces[1 + 2 * index :: step] = cells
            pieces[2 + 2 * index :: step] = map(pad.__getitem__, _sizes(run, cells))
        out.write("".join(pieces))


def render(
    comparison: Comparison,
    *,
    title: bool = True,
    summary: bool = True,
    definitions: bool = True,
    aspects: bool = True,
) -> str:
    """Render a comparison as a GitHub-flavoured Markdown pipe table.

    The title is a bold line, the summary a paragraph and the definitions a
    list (``- **Name**: definition``), each left out when its option is off;
    ``aspects=False`` drops the aspect column.
    """
    table = parts(comparison, title=title, summary=summary, definitions=definitions, aspects=aspects)
    # The blocks before the table, each followed by a blank line, then the
    # table, written straight to the output a chunk of rows at a time.
    out: list[str] = []
    if table.title is not None:
        out += [f"**{_cell(table.title)}**", ""]
    if table.summary is not None:
        out += [_escape_paragraph(normal(table.summary)), ""]
    if table.definitions:
        out += [f"- **{_cell(name)}**: {_cell(text)}" for name, text in table.definitions]
        out.append("")
    buffer = StringIO()
    if out:
        buffer.write("\n".join(out) + "\n")
    _write_table(buffer, table.header, table.columns)
    return buffer.getvalue()
