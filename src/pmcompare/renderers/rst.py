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
from typing import TYPE_CHECKING

from ._table import normal, table

if TYPE_CHECKING:
    from ..model import Comparison, Lineup
    from ._table import RenderOptions, Table

__all__ = ["draw", "escape", "render"]

# Backslash-escaped wherever they are; the backslash first, as the others
# bring more in.
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


def draw(shape: Table) -> str:
    """The reStructuredText for a table: summary, definitions, the ``list-table``, then the notes."""
    out: list[str] = []
    if shape.summary is not None:
        out += [_lines(shape.summary, ""), ""]
    for name, definition in shape.definitions:
        if len(name) > _LINE_CHUNK:
            # A term must be one line; a name too long for one is a
            # paragraph, its definition an indented block after it.
            out += [_lines(name, ""), "", _INDENT + _lines(definition, _INDENT), ""]
        else:
            out += [_lines(name, ""), _INDENT + _lines(definition, _INDENT)]
    if shape.definitions:
        out.append("")
    directive = ".. list-table::"
    if shape.title is not None:
        directive += " " + _lines(shape.title, _INDENT)
    out += [directive, f"{_INDENT}:header-rows: 1"]
    if shape.stub:
        out.append(f"{_INDENT}:stub-columns: 1")
    out += [f"{_INDENT}:widths: {' '.join(map(str, shape.shares))}", f"{_INDENT}:class: pmcompare", ""]
    cell_indent = _INDENT + "    "
    for row in (shape.header, *shape.rows):
        cells = [_lines(cell, cell_indent) for cell in row]
        out.append(f"{_INDENT}* - " + f"\n{_INDENT}  - ".join(cells))
    for note in shape.notes:
        out += ["", _lines(note, "")]
    return "\n".join(out)


def render(comparison: Comparison | Lineup, options: RenderOptions | None = None) -> str:
    """Render a comparison as a reStructuredText ``list-table``."""
    return draw(table(comparison, options))
