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
from typing import TYPE_CHECKING

from wcwidth import wcswidth

from ._cells import escaped, normal
from ._table import parts

if TYPE_CHECKING:
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


# Rows formatted into one piece of text at a time: the line strings of a
# chunk are made and freed while they are still in the CPU cache, rather
# than 100,000 of them kept for one join at the end.
_ROWS = 1000


def _width(text: str) -> int:
    return max(wcswidth(text), 0)


def _column(head: str, texts: list[str], *, followed: bool) -> tuple[int, str, list[str], list[str]]:
    """A column escaped: its width, the format field for its cells, its header cell and its body cells.

    An ASCII column's display width is its length, so the field pads it
    (``{:<20}``) in C, with no copy of each cell made here; a column with
    other characters is padded by display width here.
    """
    # The header is followed by the first row's cells, the body's last
    # cell by the next column's only when this is not the last column.
    header = escaped([head], escape, followed=True)
    body = escaped(texts, escape, followed=followed)
    if header[0].isascii() and all(map(str.isascii, body)):
        width = max(3, len(header[0]), *map(len, body))
        return width, f"{{:<{width}}}", header, body
    sizes = [len(text) if text.isascii() else _width(text) for text in (*header, *body)]
    width = max(3, *sizes)
    padded = [text + " " * (width - size) for text, size in zip((*header, *body), sizes)]
    return width, "{}", padded[:1], padded[1:]


def _table(header: tuple[str, ...], columns: tuple[list[str], ...]) -> list[str]:
    last = len(header) - 1
    # Escaped column by column, as padding is; cells are escaped alike
    # wherever they are, but for a colon at the very end of the table.
    done = [_column(head, texts, followed=index < last) for index, (head, texts) in enumerate(zip(header, columns))]
    widths, fields, heads, bodies = zip(*done)
    line = "| " + " | ".join(fields) + " |"
    lines = [line.format(*(head[0] for head in heads))]
    lines.append("| " + " | ".join("-" * width for width in widths) + " |")
    for start in range(0, len(bodies[0]), _ROWS):
        lines.append("\n".join(map(line.format, *(body[start : start + _ROWS] for body in bodies))))
    return lines


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
    # One list of lines, blank ones between blocks, joined once: the table
    # is most of the output and is not copied into a block of its own first.
    out: list[str] = []
    if table.title is not None:
        out += [f"**{_cell(table.title)}**", ""]
    if table.summary is not None:
        out += [_escape_paragraph(normal(table.summary)), ""]
    if table.definitions:
        out += [f"- **{_cell(name)}**: {_cell(text)}" for name, text in table.definitions]
        out.append("")
    out += _table(table.header, table.columns)
    out.append("")
    return "\n".join(out)
