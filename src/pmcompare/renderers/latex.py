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

from ._table import normal, table

if TYPE_CHECKING:
    from ..model import Comparison, Lineup
    from ._table import RenderOptions, Table

__all__ = ["draw", "escape", "render"]

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
_CHUNK = 4
# Ragged-right X columns that wrap; the aspect column, when there is one,
# half as wide as a concept column.
_RAGGED = r">{\raggedright\arraybackslash\hsize=%s\hsize}X"


def _columns(shape: Table) -> str:
    """The column specification: X columns whose widths (as fractions of an average) sum to their count."""
    if shape.stub:
        concepts = shape.columns - 1
        # The aspect column gets half a concept column's width.
        unit = shape.columns / (concepts + 0.5)
        sizes = [unit / 2] + [unit] * concepts
    else:
        sizes = [1.0] * shape.columns
    if sizes == [1.0] * len(sizes):
        return "@{}" + r">{\raggedright\arraybackslash}X" * len(sizes) + "@{}"
    return "@{}" + "".join(_RAGGED % f"{size:.3g}".lstrip("0") for size in sizes) + "@{}"


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


def draw(shape: Table) -> str:
    """The LaTeX for a table: title, summary, definitions, the ``tabularx``, then the notes."""
    out: list[str] = []
    if shape.title is not None:
        out += [r"\par\medskip\noindent\textbf{" + _escape_normal(shape.title) + r"}\par\smallskip"]
    if shape.summary is not None:
        out += [r"\noindent " + _escape_normal(shape.summary) + r"\par"]
    if shape.definitions:
        out.append(r"\begin{description}")
        out += [
            r"\item[{" + _escape_normal(name) + "}] " + _escape_normal(definition)
            for name, definition in shape.definitions
        ]
        out.append(r"\end{description}")
    out.append(r"\noindent\begin{tabularx}{\linewidth}{" + _columns(shape) + "}")
    out.append(r"\toprule")
    out.append(" & ".join(r"\textbf{" + _escape_normal(cell) + "}" for cell in shape.header) + r" \\")
    out.append(r"\midrule")
    out += [" & ".join(map(_escape_normal, row)) + r" \\" for row in shape.rows]
    out += [r"\bottomrule", r"\end{tabularx}"]
    out += [r"\par\smallskip\noindent " + _escape_normal(note) + r"\par" for note in shape.notes]
    return "\n".join(out)


def render(comparison: Comparison | Lineup, options: RenderOptions | None = None) -> str:
    """Render a comparison as a LaTeX ``tabularx`` table with ``booktabs`` rules."""
    return draw(table(comparison, options))
