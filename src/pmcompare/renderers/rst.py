r"""reStructuredText: a ``list-table`` for Sphinx and docutils.

The output is a summary paragraph, a definition list of the two concepts
(a name over 2,000 characters, too long for a term's one line, is a
paragraph with its definition indented below it) and a ``list-table``
directive whose title is the comparison's title; it carries
the class ``pmcompare``, ``:header-rows: 1`` and, with aspects,
``:stub-columns: 1``. docutils parses it with no warnings, whatever the text.

Text is made safe in three steps, each documented here so a reader of the
output can predict it:

1. whitespace runs (line breaks included) become one space, as
   :func:`str.split` sees whitespace;
2. control, format, unassigned and bidirectional characters become visible
   escapes such as ``\x1b`` or ``\u202e`` (the same rule as the text format);
3. the characters that start reStructuredText markup inside a line,
   ``\ * ` _ | [ ] : @ < >``, are backslash-escaped everywhere; the first
   character of a line is escaped when it is not a letter or digit (so no
   bullet, including ``•‣⁃``, no ``..`` directive or comment, no field,
   option, line block, doctest or section underline can start); and the
   ``.`` or ``)`` of an enumerator (``1.``, ``a)``, ``iv.``, ``#.``) at the
   start is escaped.

Text over 2,000 characters is split over lines, as docutils refuses a line
over 10,000: at a space where there is one (docutils keeps that break as a
newline in the text), otherwise inside a word with an escaped newline, which
docutils removes.

Escaping ``:`` and ``@`` also keeps standalone URLs and e-mail addresses from
becoming links. Sphinx's smart quotes, if on, may still curl quotes and turn
``--`` into a dash; that is typography, not markup.
"""

from __future__ import annotations

import re
from io import StringIO
from typing import TYPE_CHECKING

from ._cells import ROWS, escaped_chunks, normal
from ._table import parts

if TYPE_CHECKING:
    from ..model import Comparison

__all__ = ["escape", "render"]

# Backslash-escaped wherever they are; the backslash first, as the others
# bring more in. One str.replace per character present is much faster than
# str.translate, which builds the result a character at a time when a
# replacement is longer than one character.
_INLINE = "\\*`_|[]:@<>"
_ENUMERATOR = re.compile(r"(?:[0-9]+|[a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+|#)([.)])(?= |$)")
# docutils reads a line made of one repeated punctuation character as a
# section underline or a transition.
_LINE = re.compile(r"([!-/:-@\[-`{-~])\1*")
_INDENT = "   "
# docutils refuses lines over 10,000 characters (its line_length_limit);
# longer text is split into lines of at most this many characters, before
# escaping doubles some of them.
_LINE_CHUNK = 2000


def _escape_inline(text: str) -> str:
    for char in _INLINE:
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


def escape(text: str, *, line_start: bool = True) -> str:
    """Escape text so reStructuredText reads it as one line of plain text.

    With ``line_start`` (the default) the text may begin a line, so block
    markup at its start is escaped too.
    """
    text = normal(text)
    if not line_start:
        return _escape_inline(text)
    return _escape_line(text)


def _escape_line(text: str) -> str:
    """Escape normalised text that may begin a line."""
    if not text:
        return text
    enumerator = _ENUMERATOR.match(text)
    if enumerator is not None:
        end = enumerator.end(1)
        return _escape_inline(text[: end - 1]) + "\\" + text[end - 1] + _escape_inline(text[end:])
    first, rest = text[0], _escape_inline(text[1:])
    escaped = first + rest if first.isalnum() else "\\" + first + rest
    if _LINE.fullmatch(escaped):
        # Only a run of backslashes gets here; a leading escaped space
        # (which docutils removes) breaks the run.
        escaped = "\\ " + escaped
    return escaped


def _lines(text: str, indent: str) -> str:
    """Escaped text as one line, or, if long, as lines short enough for docutils' line-length limit.

    Long text is split at a space where there is one (docutils keeps that
    break as a newline in the text) and otherwise inside a word, ending the
    line with an escaped newline, which docutils removes.
    """
    text = normal(text)
    if len(text) <= _LINE_CHUNK:
        return _escape_line(text)
    out: list[str] = []
    while text:
        if len(text) <= _LINE_CHUNK:
            out.append(_escape_line(text))
            break
        cut = text.rfind(" ", _LINE_CHUNK // 2, _LINE_CHUNK + 1)
        if cut > 0:
            out.append(_escape_line(text[:cut]))
            text = text[cut + 1 :]
        else:
            out.append(_escape_line(text[:_LINE_CHUNK]) + "\\")
            text = text[_LINE_CHUNK:]
    return ("\n" + indent).join(out)


def _write_cells(out: StringIO, cells: list[str], count: int) -> None:
    """Write the list-table's cells (header row first) as its list items, a chunk of rows at a time.

    Each cell is written as :func:`_lines` writes it. A cell that starts with
    a letter or digit, is no enumerator and fits one line needs its inline
    escaping alone, done for a chunk of cells at once over their joined text;
    any other cell goes through :func:`_lines`.
    """
    indent = _INDENT + "    "
    # Each item on a line of its own: "* - " starts a row, "  - " a cell in it.
    row = ["\n" + _INDENT + "* - ", ""] + ["\n" + _INDENT + "  - ", ""] * (count - 1)
    size = ROWS * count
    for start, done in zip(range(0, len(cells), size), escaped_chunks(cells, _escape_inline, size=size)):
        for index, text in enumerate(done):
            # The escaping leaves letters, digits, "." and ")" as they are, so
            # the first character and an enumerator read the same as before it.
            if not text[:1].isalnum() or len(text) > _LINE_CHUNK or _ENUMERATOR.match(text) is not None:
                done[index] = _lines(cells[start + index], indent)
        pieces = row * (len(done) // count)
        pieces[1::2] = done
        out.write("".join(pieces))


def render(
    comparison: Comparison,
    *,
    title: bool = True,
    summary: bool = True,
    definitions: bool = True,
    aspects: bool = True,
) -> str:
    """Render a comparison as a reStructuredText ``list-table``."""
    table = parts(comparison, title=title, summary=summary, definitions=definitions, aspects=aspects)
    out: list[str] = []
    if table.summary is not None:
        out += [_lines(table.summary, ""), ""]
    for name, definition in table.definitions:
        if len(normal(name)) > _LINE_CHUNK:
            # A term must be one line; a name too long for one is a
            # paragraph, its definition an indented block after it.
            out += [_lines(name, ""), "", _INDENT + _lines(definition, _INDENT), ""]
        else:
            out += [_lines(name, ""), _INDENT + _lines(definition, _INDENT)]
    if table.definitions:
        out.append("")
    directive = ".. list-table::"
    if table.title is not None:
        directive += " " + _lines(table.title, _INDENT)
    out.append(directive)
    out.append(f"{_INDENT}:header-rows: 1")
    if len(table.header) == 3:
        out += [f"{_INDENT}:stub-columns: 1", f"{_INDENT}:widths: 20 40 40"]
    else:
        out.append(f"{_INDENT}:widths: 50 50")
    out += [f"{_INDENT}:class: pmcompare", ""]
    buffer = StringIO()
    buffer.write("\n".join(out))
    _write_cells(buffer, table.cells(), len(table.header))
    return buffer.getvalue()
