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
from io import StringIO
from typing import TYPE_CHECKING

from ._cells import SEPARATOR, escaped, normal, write_rows
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
# Two stand-ins, which normalised text never holds (control characters are
# made visible): one for a backslash while the other characters are
# replaced, one for where a zero kern goes.
_BACKSLASH = "\x01"
_KERN = "\x02"
# Replaced one after another with str.replace, much faster than str.translate
# with replacements longer than one character. The order keeps a
# replacement's output from being replaced again: the backslash first (into
# its stand-in), then the braces, then the rest, whose replacements bring in
# backslashes and braces but nothing replaced after them.
_REPLACEMENTS = (
    ("\\", _BACKSLASH),
    ("{", _SPECIAL["{"]),
    ("}", _SPECIAL["}"]),
    *((char, text) for char, text in _SPECIAL.items() if char not in "\\{}"),
    (_KERN, r"\kern0pt{}"),
    (_BACKSLASH, _SPECIAL["\\"]),
)
# Pairs a TeX font's ligatures would merge (``--`` into a dash, ``<<`` into a
# guillemet); a zero kern keeps them apart under every engine (LuaTeX forms
# ligatures across an empty group ``{}``).
_LIGATURE = re.compile(r"(?<=([-,<>'`]))(?=\1)|(?<=[?!])(?=`)")
# The same pairs, for a quick look first: a substring search per pair, and
# only for a pair whose first character is there (a fast single-character
# search), costs far less than a regular expression over the whole text.
_PAIRS = ("--", ",,", "<<", ">>", "''", "``", "?`", "!`")
_LONG_WORD = 16
_LONG = re.compile(rf"\S{{{_LONG_WORD + 1},}}")
# For a quick look for a long word over many cells at once: their UTF-8 with
# each space and separator as 1 and every other byte as 0 holds a run of
# zeros as long as the longest word (longer, for a word with characters of
# several bytes, which only sends the cells the slow way).
_GAPS = bytes(1 if byte in b" " + SEPARATOR.encode() else 0 for byte in range(256))
_LONG_RUN = bytes(_LONG_WORD + 1)
_CHUNK = 4
_COLUMNS = {
    3: r"@{}>{\raggedright\arraybackslash\hsize=.6\hsize}X"
    r">{\raggedright\arraybackslash\hsize=1.2\hsize}X"
    r">{\raggedright\arraybackslash\hsize=1.2\hsize}X@{}",
    2: r"@{}>{\raggedright\arraybackslash}X>{\raggedright\arraybackslash}X@{}",
}


def _escape_piece(piece: str) -> str:
    if any(pair[0] in piece and pair in piece for pair in _PAIRS):
        piece = _LIGATURE.sub(_KERN, piece)
    for char, replacement in _REPLACEMENTS:
        if char in piece:
            piece = piece.replace(char, replacement)
    return piece


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
    return _escape_normal(normal(text))


def _escape_normal(text: str) -> str:
    if not _LONG.search(text):
        return _escape_piece(text)
    words = []
    for word in text.split(" "):
        if len(word) > _LONG_WORD:
            words.append(r"\allowbreak{}".join(_escape_piece(piece) for piece in _chunks(word)))
        else:
            words.append(_escape_piece(word))
    return " ".join(words)


def _escape_joined(text: str) -> str:
    """Escape normalised cells joined by the separator, which no step touches or joins across."""
    if _LONG_RUN in text.encode("utf-8", "surrogatepass").translate(_GAPS):
        return SEPARATOR.join(map(_escape_normal, text.split(SEPARATOR)))
    return _escape_piece(text)


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
    count = len(table.header)
    out.append(r"\noindent\begin{tabularx}{\linewidth}{" + _COLUMNS[count] + "}")
    out.append(r"\toprule")
    heads = escaped(list(table.header), _escape_joined)
    out.append(" & ".join(r"\textbf{" + cell + "}" for cell in heads) + r" \\")
    out.append(r"\midrule")
    buffer = StringIO()
    buffer.write("\n".join(out) + "\n")
    # A row: its cells in the empty slots, between the separators.
    write_rows(buffer, table.columns, _escape_joined, ["", " & "] * (count - 1) + ["", " \\\\\n"])
    buffer.write("\\bottomrule\n\\end{tabularx}")
    return buffer.getvalue()
