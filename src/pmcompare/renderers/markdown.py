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
from itertools import repeat
from typing import TYPE_CHECKING

from ._table import display_width, table

if TYPE_CHECKING:
    from ..model import Comparison, Lineup
    from ._table import RenderOptions, Table

__all__ = ["draw", "escape", "escape_cells", "render"]

# What each escaped character becomes: a backslash escape where Markdown has
# one that Python-Markdown honours too, otherwise a character reference.
_ESCAPES = {
    **{char: "\\" + char for char in "\\#`*_[]|!."},
    **{char: f"&#{ord(char)};" for char in "~${}^@=+:(/?snrt"},  # s, n, r, t: ordinal suffixes
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
}
# The characters escaped wherever they are.
_ALWAYS = "\\&#<>~${}^@=+`*_[]|!"
# The characters escaped only where they would start a link or a
# typographic replacement, each with what must follow (or come before) it:
# a dot before a letter or digit (www.example.com), a colon before a word
# character, "+" or "-" (mailto:, xmpp:, an :emoji: shortcode), a "(" that
# starts (c), (r), (tm) or (p), a "/" before another (//example.com) or in a
# fraction or c/o, a "?" before a digit (a magiclink discussion). Each rule
# starts by matching its character, so the search skips the rest quickly.
_CONTEXT = (
    (".", r"(?=\w)"),
    (":", r"(?=[\w+-])"),
    ("(", r"(?=(?:[cC]|[rR]|[tT][mM]|[pP])\))"),
    ("/", r"(?:(?=/)|(?<=[0-9c]/)(?=[0-9o]))"),
    ("?", r"(?=\d)"),
)
# And the first letter of an ordinal suffix (1st, 2nd), which the match takes with the digit before it.
_ORDINAL = re.compile(r"[0-9](?:st|nd|rd|th)\b")
_RULES = tuple((char, re.compile(re.escape(char) + after)) for char, after in _CONTEXT)
# Everything escape() escapes, in one pattern.
_SPECIAL = re.compile(
    "|".join(["[" + re.escape(_ALWAYS) + "]", *(rule.pattern for _, rule in _RULES), _ORDINAL.pattern])
)
_BLOCK_START = re.compile(r"[-+:]|\d+(?=[.)])|\?\?\?")


def _escaped(match: re.Match[str]) -> str:
    found = match.group()
    if len(found) == 1:
        return _ESCAPES[found]
    # An ordinal: the digit, then the suffix with its first letter escaped.
    return found[0] + _ESCAPES[found[1]] + found[2:]


def escape(text: str) -> str:
    r"""Escape flattened, visible text so that Markdown shows it as it is, inline.

    >>> escape("a|b <i>*c*</i> www.example.com")
    'a\\|b &lt;i&gt;\\*c\\*&lt;/i&gt; www\\.example\\.com'
    """
    return _SPECIAL.sub(_escaped, text)


# For escape_cells: the characters escaped wherever they are, with
# str.replace, which runs in C; the backslash, "&" and "#" first, as the
# escapes of the others bring them in. Then each context rule on its own,
# only when its character is there: a search for a literal character is far
# quicker than one for a set. An ordinal is looked for only when some digit
# is followed by s, n, r or t, found by translating the text's bytes.
_FIRST = "\\&#"
_THEN = "".join(char for char in _ALWAYS if char not in _FIRST)
_ORDINAL_HINT = bytes.maketrans(b"0123456789nrst", b"0000000000ssss")
_DIGIT_THEN_LETTER = re.compile(rb"0s")  # on the hinted bytes; a pattern search is quicker than bytes.find
_BLOCK = 1500  # cells escaped together: some 150 KB of text


def escape_cells(cells: list[str]) -> list[str]:
    """Every cell :func:`escape`-d, as ``[escape(cell) for cell in cells]`` gives, but faster.

    The fast path behind the pipe table, where a table of a thousand rows is
    three thousand cells: they are escaped a block at a time, each block's
    cells joined by line breaks, with a few passes of :meth:`str.replace`
    and of a regular expression per context rule over the whole block. No
    shown cell holds a line break (whitespace runs are flattened), and every
    rule of :func:`escape` reads one as it reads the end of a cell, so the
    result is the same; the tests check that it is. Blocks of
    :data:`_BLOCK` cells keep the text small enough for its memory to be
    reused from block to block, so the time grows no faster than the table.
    """
    out: list[str] = []
    for start in range(0, len(cells), _BLOCK):
        out += _escape_block("\n".join(cells[start : start + _BLOCK])).split("\n")
    return out


def _escape_block(text: str) -> str:
    for char in _FIRST:
        if char in text:
            text = text.replace(char, _ESCAPES[char])
    if _DIGIT_THEN_LETTER.search(text.encode("utf-8", "surrogatepass").translate(_ORDINAL_HINT)):
        text = _ORDINAL.sub(_escaped, text)
    for char, rule in _RULES:
        if char in text:
            text = rule.sub(_escaped, text)
    for char in _THEN:
        if char in text:
            text = text.replace(char, _ESCAPES[char])
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


def _pipe_table(cells: list[str], count: int) -> list[str]:
    """The pipe table's lines for escaped cells, ``count`` a row, every column as wide as its widest cell."""
    columns = [cells[index::count] for index in range(count)]
    if "".join(cells).isascii():
        # Every character one column wide: lengths are widths, and str.ljust pads.
        widths = [max(3, *map(len, column)) for column in columns]
        padded = [list(map(str.ljust, column, repeat(width))) for column, width in zip(columns, widths)]
    else:
        # Measured as written, after the space that opens a cell: a combining
        # mark that starts a cell joins that space.
        sizes = [[max(display_width(" " + cell) - 1, 0) for cell in column] for column in columns]
        widths = [max(3, *column) for column in sizes]
        padded = [
            [cell + " " * (width - size) for cell, size in zip(column, sized)]
            for column, sized, width in zip(columns, sizes, widths)
        ]
    lines = ["| " + line + " |" for line in map(" | ".join, zip(*padded))]
    rule = "| " + " | ".join("-" * width for width in widths) + " |"
    return [lines[0], rule, *lines[1:]]


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
    out += _pipe_table(escape_cells([cell for row in (shape.header, *shape.rows) for cell in row]), shape.columns)
    for note in shape.notes:
        out += ["", _paragraph(note)]
    return "\n".join(out) + "\n"


def render(comparison: Comparison | Lineup, options: RenderOptions | None = None) -> str:
    """Render a comparison as a GitHub-flavoured Markdown pipe table.

    The title is a bold line, the summary a paragraph and the definitions a
    list (``- **Name**: definition``), each left out when its option is off;
    ``aspects=False`` drops the aspect column. Notes follow the table, a
    paragraph each.
    """
    return draw(table(comparison, options))
