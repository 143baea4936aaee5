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
broken between characters, never before a combining mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._text import flatten, visible
from ._table import parts

if TYPE_CHECKING:
    from ..model import Comparison

__all__ = ["DEFAULT_STYLE", "DEFAULT_WIDTH", "STYLES", "render", "wrap"]

STYLES = ("rounded_grid", "simple_grid", "grid", "heavy_grid", "double_grid", "github", "psql", "simple")
"""The tabulate styles the text format draws with."""

DEFAULT_STYLE = "rounded_grid"
DEFAULT_WIDTH = 100
"""The width used when there is no terminal to measure."""

MIN_WIDTH = 20
# Narrow enough that three columns and the widest borders fit MIN_WIDTH.
_MIN_COLUMN = 3
_overheads: dict[tuple[str, int], int] = {}


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
        return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return DEFAULT_WIDTH
    return columns or DEFAULT_WIDTH


def _width_of(text: str) -> int:
    from wcwidth import wcswidth

    if text.isascii():
        return len(text)
    return max(wcswidth(text), 0)


def _char_width(char: str) -> int:
    import unicodedata

    from wcwidth import wcwidth

    # A spacing combining mark (Mc) measures nothing alone but one column
    # after the character it joins: count it as it will be shown.
    if unicodedata.category(char) == "Mc":
        return 1
    return max(wcwidth(char), 0)


def _on_base(line: str) -> str:
    """Put a lone spacing mark at the start of a cell line on a dotted circle.

    Alone it measures nothing, but the padding space before it in the table
    gives it a column, which would push the rest of the line out of line.
    """
    import unicodedata

    if line and unicodedata.category(line[0]) == "Mc":
        return "\u25cc" + line
    return line


def wrap(text: str, width: int) -> list[str]:
    """Wrap display-safe text into lines of at most ``width`` display columns.

    Words longer than the width are broken; wide characters count two.
    """
    if _width_of(text) <= width:
        return [text]
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for word in text.split(" "):
        size = _width_of(word)
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
            if chunk and chunk_width + char_width > width and not _is_mark(char):
                lines.append("".join(chunk))
                chunk, chunk_width = [], 0
            chunk.append(char)
            chunk_width += char_width
        line, used = ["".join(chunk)], chunk_width
    if line:
        lines.append(" ".join(line))
    return lines


def _is_mark(char: str) -> bool:
    import unicodedata

    return unicodedata.category(char).startswith("M")


def _overhead(style: str, columns: int) -> int:
    """How many columns a style's borders and padding take around ``columns`` cells."""
    found = _overheads.get((style, columns))
    if found is None:
        from tabulate import tabulate

        sample = tabulate([["x" * 5] * columns], headers=["y" * 5] * columns, tablefmt=style, disable_numparse=True)
        found = max(len(line) for line in sample.splitlines()) - 5 * columns
        _overheads[(style, columns)] = found
    return found


def _column_widths(header: tuple[str, ...], rows: list[tuple[str, ...]], room: int) -> list[int]:
    natural = [max([_width_of(header[i])] + [_width_of(row[i]) for row in rows]) for i in range(len(header))]
    if sum(natural) <= room:
        return natural
    widths = list(natural)
    if len(header) == 3:
        # The aspect column holds short labels: give it what they need, up to
        # a fifth of the room, and share the rest between the two sides.
        longest_word = max(_width_of(w) for cell in [header[0]] + [r[0] for r in rows] for w in cell.split(" "))
        # Never more than leaves the two sides their minimum, however long
        # an aspect's word: the table must fit the width.
        widths[0] = min(natural[0], max(longest_word, _MIN_COLUMN, room // 5), room - 2 * _MIN_COLUMN)
    fixed = sum(widths) - sum(widths[-2:])
    share = max((room - fixed) // 2, _MIN_COLUMN)
    small = [i for i in (-2, -1) if natural[i] < share]
    for i in (-2, -1):
        widths[i] = share
    if small:
        i = small[0]
        widths[i] = natural[i]
        other = -1 if i == -2 else -2
        widths[other] = max(room - fixed - natural[i], _MIN_COLUMN)
    return widths


def _check_width(width: object) -> int:
    if width is None:
        return terminal_width()
    if not isinstance(width, int) or isinstance(width, bool):
        msg = f"option 'width' must be a whole number of columns, not {width!r}"
        raise TypeError(msg)
    if width < MIN_WIDTH:
        msg = f"option 'width' must be at least {MIN_WIDTH} columns, not {width}"
        raise ValueError(msg)
    return width


def _check_style(style: object) -> str:
    if style not in STYLES:
        msg = f"option 'style' must be one of {', '.join(STYLES)}; not {style!r}"
        raise ValueError(msg)
    assert isinstance(style, str)
    return style


def render(
    comparison: Comparison,
    *,
    title: bool = True,
    summary: bool = True,
    definitions: bool = True,
    aspects: bool = True,
    width: int | None = None,
    style: str = DEFAULT_STYLE,
) -> str:
    """Render a comparison as a text table that fits ``width`` columns.

    ``width`` defaults to the terminal's width (100 when there is none);
    ``style`` is one of :data:`STYLES`.
    """
    from tabulate import tabulate

    width = _check_width(width)
    style = _check_style(style)
    table = parts(comparison, title=title, summary=summary, definitions=definitions, aspects=aspects)
    header = tuple(visible(flatten(cell)) for cell in table.header)
    rows = [tuple(visible(flatten(cell)) for cell in row) for row in table.rows]
    room = max(width - _overhead(style, len(header)), _MIN_COLUMN * len(header))
    widths = _column_widths(header, rows, room)
    header = tuple("\n".join(map(_on_base, wrap(cell, w))) for cell, w in zip(header, widths, strict=True))
    body = [["\n".join(map(_on_base, wrap(cell, w))) for cell, w in zip(row, widths, strict=True)] for row in rows]

    out: list[str] = []
    if table.title is not None:
        out.extend(wrap(visible(flatten(table.title)), width))
        out.append("")
    if table.summary is not None:
        out.extend(wrap(visible(flatten(table.summary)), width))
        out.append("")
    for name, definition in table.definitions:
        out.extend(wrap(visible(flatten(f"{name}: {definition}")), width))
    if table.definitions:
        out.append("")
    out.append(tabulate(body, headers=header, tablefmt=style, disable_numparse=True))
    return "\n".join(out)
