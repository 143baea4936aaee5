r"""LaTeX: a ``tabularx`` table with ``booktabs`` rules, for PDF documents.

The output is a fragment for a document body. It needs, in the preamble::

    \usepackage{tabularx}  % loads array, for the >{...} column prefixes
    \usepackage{booktabs}

It is a bold title line, the summary, a ``description`` list of the two
concepts, and a full-width ``tabularx`` (no float, so it sits where it is
put) whose two sides are ragged-right ``X`` columns that wrap.

Text is made safe in four steps:

1. whitespace runs (line breaks included) become one space, as
   :func:`str.split` sees whitespace;
2. control, format, unassigned and bidirectional characters become visible
   escapes such as ``\x1b`` or ``\u202e`` (the same rule as the text format);
3. every character with a meaning to TeX is written as a command or braced:
   ``\ { } $ & # % _ ^ ~`` and ``< > | " ' ``` (which print other glyphs in
   some font encodings), ``[ ] *`` (which a table row end would read as its
   argument), and a zero kern between the two characters of ``--``,
   ``,,``, ``<<``, ``>>`` and the like, so no ligature forms. No command in
   the text (``\input``, ``\write18``...) survives;
4. a word longer than 16 characters gets a break point (``\allowbreak``)
   every 4 characters, so a 10,000-character word wraps in its column.

The text is written as UTF-8. Under LuaLaTeX or XeLaTeX every character
prints if the font has it (the tests compile with LuaLaTeX and fonts for CJK
and emoji). pdfLaTeX handles ASCII and Latin text, with
``\usepackage[T1]{fontenc}``; characters its ``inputenc`` does not know, such
as CJK or emoji, stop it unless support for them is loaded.

A ``tabularx`` does not break across pages: a very long table, or a row
taller than a page (a 10,000-character word wraps into one), runs off the
page bottom; the document still compiles.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._cells import normal
from ._table import parts

if TYPE_CHECKING:
    from ..model import Comparison

__all__ = ["escape", "render"]

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    "'": r"\textquotesingle{}",
    "`": r"\textasciigrave{}",
    "[": "{[}",
    "]": "{]}",
    "*": "{*}",
}
# Pairs a TeX font's ligatures would merge (``--`` into a dash, ``<<`` into a
# guillemet); a zero kern keeps them apart under every engine (LuaTeX forms
# ligatures across an empty group ``{}``).
_LIGATURE = re.compile(r"(?<=([-,<>'`]))(?=\1)|(?<=[?!])(?=`)")
_MAY_LIGATE = re.compile(r"[-,<>'`][-,<>'`]|[?!]`")
_TABLE = str.maketrans({**_SPECIAL, "\x00": r"\kern0pt{}"})
_LONG_WORD = 16
_LONG = re.compile(rf"\S{{{_LONG_WORD + 1},}}")
_CHUNK = 4
_COLUMNS = {
    3: r"@{}>{\raggedright\arraybackslash\hsize=.6\hsize}X"
    r">{\raggedright\arraybackslash\hsize=1.2\hsize}X"
    r">{\raggedright\arraybackslash\hsize=1.2\hsize}X@{}",
    2: r"@{}>{\raggedright\arraybackslash}X>{\raggedright\arraybackslash}X@{}",
}


def _escape_piece(piece: str) -> str:
    if _MAY_LIGATE.search(piece):
        # NUL marks where the kern goes: normalised text never holds one.
        piece = _LIGATURE.sub("\x00", piece)
    return piece.translate(_TABLE)


def _chunks(word: str) -> list[str]:
    """Split a long word into pieces of about ``_CHUNK`` characters, never before a combining mark."""
    import unicodedata

    pieces: list[str] = []
    start = 0
    for index in range(_CHUNK, len(word), _CHUNK):
        char = word[index]
        if unicodedata.category(char).startswith("M") or char in "\u200d\ufe0f":
            continue
        pieces.append(word[start:index])
        start = index
    pieces.append(word[start:])
    return [p for p in pieces if p]


def escape(text: str) -> str:
    """Escape text for a LaTeX paragraph or table cell, with break points in long words."""
    text = normal(text)
    if not _LONG.search(text):
        return _escape_piece(text)
    words = []
    for word in text.split(" "):
        if len(word) > _LONG_WORD:
            words.append(r"\allowbreak{}".join(_escape_piece(piece) for piece in _chunks(word)))
        else:
            words.append(_escape_piece(word))
    return " ".join(words)


def render(
    comparison: Comparison,
    *,
    title: bool = True,
    summary: bool = True,
    definitions: bool = True,
    aspects: bool = True,
) -> str:
    """Render a comparison as a LaTeX ``tabularx`` table with ``booktabs`` rules."""
    table = parts(comparison, title=title, summary=summary, definitions=definitions, aspects=aspects)
    out: list[str] = []
    if table.title is not None:
        out += [r"\par\medskip\noindent\textbf{" + escape(table.title) + r"}\par\smallskip"]
    if table.summary is not None:
        out += [r"\noindent " + escape(table.summary) + r"\par"]
    if table.definitions:
        out.append(r"\begin{description}")
        out += [r"\item[{" + escape(name) + "}] " + escape(definition) for name, definition in table.definitions]
        out.append(r"\end{description}")
    out.append(r"\noindent\begin{tabularx}{\linewidth}{" + _COLUMNS[len(table.header)] + "}")
    out.append(r"\toprule")
    out.append(" & ".join(r"\textbf{" + escape(cell) + "}" for cell in table.header) + r" \\")
    out.append(r"\midrule")
    for row in table.rows:
        out.append(" & ".join(escape(cell) for cell in row) + r" \\")
    out.append(r"\bottomrule")
    out.append(r"\end{tabularx}")
    return "\n".join(out)
