"""Plain-text tables for terminals and logs, drawn by tabulate.

Cells are wrapped to fit ``width``, measured in display columns (CJK and
emoji count two, combining marks none). Whitespace runs, line breaks
included, become one space; control, format and bidirectional characters
are written as visible escapes (``\\x1b``, ``\\u202e``) so nothing reaches a
terminal raw. Every line of the table has the same display width, except in
the borderless ``simple`` style, whose lines tabulate ends without trailing
spaces. A width narrower than a style's borders plus three columns of three
(25 for the grid styles, 19 for ``simple``) gives the narrowest table the
style draws, a little wider than asked. A spacing combining mark (such as
Devanagari ``ॉ``) that starts a cell's line, with no letter to join, is shown
on a dotted circle ``◌`` so that the columns stay aligned. Long words are
broken between characters, never inside one that a reader sees as one: not
before a combining mark, nor inside an emoji sequence or a flag.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import attrs

from ._table import display_width, table

if TYPE_CHECKING:
    from ..model import Comparison, Lineup
    from ._table import RenderOptions, Table

__all__ = ["DEFAULT_STYLE", "DEFAULT_WIDTH", "MIN_WIDTH", "STYLES", "draw", "render", "terminal_width", "wrap"]

STYLES = ("rounded_grid", "simple_grid", "grid", "heavy_grid", "double_grid", "github", "psql", "simple")
"""The tabulate styles the text format draws with."""

DEFAULT_STYLE = "rounded_grid"
DEFAULT_WIDTH = 100
"""The width used when there is no terminal to measure."""

MIN_WIDTH = 20
"""The narrowest width asked for; a narrower terminal is drawn for as if it were this wide."""
# Narrow enough that three columns and the widest borders fit MIN_WIDTH.
_MIN_COLUMN = 3


def terminal_width() -> int:
    """The terminal's width in columns, or :data:`DEFAULT_WIDTH` when there is none.

    A positive ``COLUMNS`` in the environment wins, then the width of the
    terminal on standard output: what :func:`shutil.get_terminal_size`
    gives, without importing :mod:`shutil` and the compression modules it
    brings, which cost ``pmcompare show`` more than the measuring.
    """
    import os
    import sys

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return max(columns, MIN_WIDTH)
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return DEFAULT_WIDTH
    return max(columns, MIN_WIDTH) if columns else DEFAULT_WIDTH


def _char_width(char: str) -> int:
    import unicodedata

    from wcwidth import wcwidth

    # A spacing combining mark (Mc) measures nothing alone but one column
    # after the character it joins: count it as it will be shown.
    if unicodedata.category(char) == "Mc":
        return 1
    return max(wcwidth(char), 0)


def _on_base(text: str) -> str:
    """Put each combining mark that starts a word on a dotted circle ``◌``.

    With no letter to join, such a mark would join the space before it (in
    the table, the cell's padding), and terminals draw that pair in one
    column or two depending on the mark, pushing the rest of the line out of
    line. Done before measuring, so the circle's column is counted.
    """
    if text.isascii():
        return text
    out = []
    for index, char in enumerate(text):
        if _is_mark(char) and (index == 0 or text[index - 1] == " "):
            out.append("\u25cc")
        out.append(char)
    return "".join(out)


def wrap(text: str, width: int) -> list[str]:
    """Wrap display-safe text into lines of at most ``width`` display columns.

    Words longer than the width are broken; wide characters count two.
    """
    if display_width(text) <= width:
        return [text]
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for word in text.split(" "):
        size = display_width(word)
        if line and used + 1 + size <= width:
            line.append(word)
            used += 1 + size
            continue
        if line:
            lines.append(" ".join(line))
            line, used = [], 0
        if size <= width:
            line, used = [word], size
            continue
        chunk: list[str] = []
        chunk_width = 0
        for char in word:
            char_width = _char_width(char)
            if chunk and chunk_width + char_width > width and not _joined(chunk[-1], char):
                lines.append("".join(chunk))
                chunk, chunk_width = [], 0
            chunk.append(char)
            chunk_width += char_width
        line, used = ["".join(chunk)], chunk_width
    if line:
        lines.append(" ".join(line))
    return lines


def _joined(before: str, char: str) -> bool:
    """Whether ``char`` belongs to the same character as ``before``, so a line must not break between them.

    A combining mark, a joiner, what follows a joiner, a skin-tone modifier
    and the second of a pair of regional indicators (a flag) all do.
    """
    if _is_mark(char) or char == "\u200d" or before == "\u200d" or "\U0001f3fb" <= char <= "\U0001f3ff":
        return True
    return "\U0001f1e6" <= before <= "\U0001f1ff" and "\U0001f1e6" <= char <= "\U0001f1ff"


def _is_mark(char: str) -> bool:
    import unicodedata

    return unicodedata.category(char).startswith("M")


@functools.lru_cache(maxsize=64)
def _overhead(style: str, columns: int) -> int:
    """How many columns a style's borders and padding take around ``columns`` cells."""
    from tabulate import tabulate

    sample = tabulate([["x" * 5] * columns], headers=["y" * 5] * columns, tablefmt=style, disable_numparse=True)
    return max(len(line) for line in sample.splitlines()) - 5 * columns


def _column_widths(shape: Table, room: int) -> list[int]:
    """How wide each column may be for the table to fit ``room``: the stub narrow, the rest shared."""
    natural = [max(display_width(cell) for cell in column) for column in zip(shape.header, *shape.rows)]
    if sum(natural) <= room:
        return natural
    widths = list(natural)
    flexible = list(range(len(natural)))
    if shape.stub:
        # The aspect column holds short labels: give it what they need, up to
        # a fifth of the room, never more than leaves the other columns their
        # minimum, however long an aspect's word: the table must fit.
        first = [shape.header[0], *(row[0] for row in shape.rows)]
        longest_word = max(display_width(word) for cell in first for word in cell.split(" "))
        rest = len(natural) - 1
        widths[0] = min(natural[0], max(longest_word, _MIN_COLUMN, room // 5), room - rest * _MIN_COLUMN)
        flexible = flexible[1:]
    left = room - (sum(widths) - sum(widths[i] for i in flexible))
    # Columns that need less than an even share keep their natural width,
    # one at a time from the left; the last column left takes what remains.
    while len(flexible) > 1:
        share = max(left // len(flexible), _MIN_COLUMN)
        small = [i for i in flexible if natural[i] < share]
        if not small:
            for i in flexible:
                widths[i] = share
            return widths
        widths[small[0]] = natural[small[0]]
        left -= natural[small[0]]
        flexible.remove(small[0])
    widths[flexible[0]] = max(left, _MIN_COLUMN)
    return widths


def draw(shape: Table, *, width: int | None = None, style: str = DEFAULT_STYLE) -> str:
    """The text for a table, fitted to ``width`` (the terminal's when ``None``): prose above, notes below."""
    from tabulate import tabulate

    width = terminal_width() if width is None else width
    shape = attrs.evolve(
        shape, header=tuple(map(_on_base, shape.header)), rows=tuple(tuple(map(_on_base, r)) for r in shape.rows)
    )
    room = max(width - _overhead(style, shape.columns), _MIN_COLUMN * shape.columns)
    # The prose wraps to the table's width when even the narrowest table is wider than asked.
    width = max(width, room + _overhead(style, shape.columns))
    widths = _column_widths(shape, room)

    def cells(row: tuple[str, ...]) -> list[str]:
        return ["\n".join(wrap(cell, w)) for cell, w in zip(row, widths, strict=True)]

    out: list[str] = []
    if shape.title is not None:
        out += [*wrap(shape.title, width), ""]
    if shape.summary is not None:
        out += [*wrap(shape.summary, width), ""]
    for name, definition in shape.definitions:
        out += wrap(f"{name}: {definition}", width)
    if shape.definitions:
        out.append("")
    body = [cells(row) for row in shape.rows]
    out.append(tabulate(body, headers=cells(shape.header), tablefmt=style, disable_numparse=True))
    for note in shape.notes:
        out += ["", *wrap(note, width)]
    return "\n".join(out)


def render(comparison: Comparison | Lineup, options: RenderOptions | None = None) -> str:
    """Render a comparison as a text table that fits ``options.width`` columns.

    The width defaults to the terminal's (100 when there is none); the
    style is one of :data:`STYLES`.
    """
    from ._table import RenderOptions

    options = options or RenderOptions()
    return draw(table(comparison, options), width=options.width, style=options.style)
