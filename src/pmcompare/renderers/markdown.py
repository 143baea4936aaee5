r"""GitHub-flavoured Markdown: a bold title, the summary, the definitions, a pipe table and the notes.

Every piece of text is escaped so that it stays text in CommonMark, GFM
(GitHub, markdown-it) and Python-Markdown (MkDocs) with the extensions
Material for MkDocs sites turn on (admonition, details, def_list, attr_list,
footnotes, abbr, emoji, mark, caret, tilde, keys, critic, magiclink,
smartsymbols, arithmatex, snippets):

- whitespace runs, line breaks included, become one space (a table row is
  one line), as in every table format;
- control and bidirectional characters are written as visible escapes such
  as ``\x1b`` and ``\u202e``, the same ones the text format shows, so nothing
  invisible reaches the page (see :func:`pmcompare._text.visible`);
- ``\ ` * _ [ ] | # !`` get a backslash, so there is no emphasis, code span,
  link, image, footnote or heading, and a pipe never splits a cell (``\|``
  also holds inside what would have been backticks);
- ``< > & ~ $ { } ^ @ =`` and ``+`` become character references
  (``&lt; &gt; &amp; &#126; &#36; &#123; &#125; &#94; &#64; &#61; &#43;``),
  since Python-Markdown has no backslash escape for most of them: no raw
  HTML, autolink, entity reference, strikethrough, subscript, superscript,
  mark, keys, critic mark-up, attribute list, mention or math;
- bare addresses are broken so that no linkifier turns them into links: a
  dot before a letter or digit gets a backslash (``www\.example\.com``), a
  ``//`` becomes ``&#47;/`` and a ``:`` before a letter, digit, ``+`` or
  ``-`` becomes ``&#58;`` (``mailto&#58;``, and no ``:emoji:`` shortcode);
- ``(`` becomes ``&#40;`` where it would start a typographic symbol such as
  ``(c)`` or ``(tm)``, and ``-->``/``<--`` arrows lose their shape with ``>``
  and ``<`` as references;
- a paragraph (the summary, a note) that would start a block has its first
  character escaped: a list (``-``, ``+``, ``1.`` or ``1)`` with any number
  of digits), an admonition (``!!!``), a details block (``???``) or a
  definition (``:``).

Columns are padded to the same display width (CJK and emoji count two), so
the raw table lines up in an editor.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wcwidth import wcswidth

from ._table import table

if TYPE_CHECKING:
    from ..model import Comparison
    from ._table import RenderOptions, Table

__all__ = ["draw", "escape", "render"]

# Applied in this order, each with str.replace or one regular expression
# (fast on text with nothing to escape): the backslash first, then "&" and
# "#", which the character references below bring in.
_BACKSLASHED = "`*_[]|!"
_REFERENCES = (("<", "&lt;"), (">", "&gt;"), *((char, f"&#{ord(char)};") for char in "~${}^@=+"))
# Each of these would start a link or a typographic replacement, so its
# character becomes a reference: a colon before a word character, "+" or
# "-" (mailto:, xmpp:, an :emoji: shortcode), a "(" that starts (c), (r),
# (tm) or (p), a "/" in a fraction or c/o, the first letter of an ordinal
# suffix (1st, 2nd), and a "?" before a digit (a magiclink discussion).
_REFERENCED = re.compile(
    r":(?=[\w+-])|\((?=(?:c|r|tm|p)\))|(?<=[0-9c])/(?=[0-9o])|(?<=\d)[snrt](?=(?:t|d|h)\b)|\?(?=\d)"
)
# A dot before a letter or digit (www.example.com) would start a bare link.
_LINK_DOT = re.compile(r"\.(?=\w)")
_BLOCK_START = re.compile(r"[-+:]|\d+(?=[.)])|\?\?\?")


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group())};"


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
    text = _REFERENCED.sub(_reference, text)
    while "//" in text:
        text = text.replace("//", "&#47;/")
    for char, reference in _REFERENCES:
        if char in text:
            text = text.replace(char, reference)
    for char in _BACKSLASHED:
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


def _paragraph(text: str) -> str:
    """Escape text that starts a paragraph, so it cannot start a list, admonition or definition."""
    start = _BLOCK_START.match(text)
    if start is None:
        return escape(text)
    first = start.group()
    if first in "-+":
        return "\\" + first + escape(text[1:])
    if first == ":":
        return "&#58;" + escape(text[1:])
    if first == "???":
        return "&#63;" + escape(text[1:])
    end = start.end()
    return text[:end] + "\\" + text[end] + escape(text[end + 1 :])


def _width(text: str) -> int:
    """A cell's display width: its length when it is ASCII, else what wcwidth measures."""
    return len(text) if text.isascii() else max(wcswidth(text), 0)


def _pipe_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """The pipe table's lines, every column padded to the display width of its widest cell."""
    widths = [max(3, *(_width(row[i]) for row in [header, *rows])) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(cell + " " * (w - _width(cell)) for cell, w in zip(cells, widths)) + " |"

    return [line(header), "| " + " | ".join("-" * w for w in widths) + " |", *map(line, rows)]


def draw(shape: Table) -> str:
    """The Markdown for a table: title, summary and definitions above it, notes below."""
    out: list[str] = []
    if shape.title is not None:
        out += [f"**{escape(shape.title)}**", ""]
    if shape.summary is not None:
        out += [_paragraph(shape.summary), ""]
    if shape.definitions:
        out += [f"- **{escape(name)}**: {escape(text)}" for name, text in shape.definitions]
        out.append("")
    header = tuple(map(escape, shape.header))
    out += _pipe_table(header, [tuple(map(escape, row)) for row in shape.rows])
    for note in shape.notes:
        out += ["", _paragraph(note)]
    return "\n".join(out) + "\n"


def render(comparison: Comparison, options: RenderOptions | None = None) -> str:
    """Render a comparison as a GitHub-flavoured Markdown pipe table.

    The title is a bold line, the summary a paragraph and the definitions a
    list (``- **Name**: definition``), each left out when its option is off;
    ``aspects=False`` drops the aspect column. Notes follow the table, a
    paragraph each.
    """
    return draw(table(comparison, options))
