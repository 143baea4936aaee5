"""Cell text as every table format shows it: flattened, visible, and fast on plain text.

Whitespace runs (line breaks included) become one space, as
:func:`pmcompare._text.flatten` documents, and control, format and
unassigned characters become visible escapes (:func:`pmcompare._text.visible`).
Printable text with single spaces, by far the common case, is passed through
without either step; many cells are checked at once by :func:`joined`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from .._text import flatten, visible

__all__ = ["ROWS", "SEPARATOR", "escaped", "escaped_chunks", "escaped_runs", "joined", "normal", "write_rows"]

SEPARATOR = "\x00"
"""Joins the cells in :func:`joined`; never in a normalised cell, and no escaping touches it."""

_SEPARATOR_BYTE = SEPARATOR.encode()
ROWS = 500
"""Rows written at a time by the table formats: about 200 KB of cells and as much output.

A chunk of rows is escaped, laid out and written to the output before the
next is read, so the work stays in the CPU cache and the temporary strings
of one chunk reuse the memory of the last. Holding every row's strings until
a join at the end would take fresh memory from the kernel, which must map
and zero it: at 100,000 rows that cost more than the escaping.
"""
_CHUNK = 3000
"""Cells :func:`escaped` joins and escapes at a time when it is not told a size."""
# Everything printable in ASCII: a text that is nothing else is kept as it is.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def normal(text: str) -> str:
    """The text with whitespace runs flattened and invisible characters made visible."""
    # isprintable() is False for every control, format, separator and
    # unassigned character and for every space but " ".
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return visible(flatten(text))


def joined(texts: list[str]) -> str:
    """Every text :func:`normal`-ised and joined by :data:`SEPARATOR`, for escaping in one pass.

    Split the escaped result on :data:`SEPARATOR` to get the cells back.
    """
    result = SEPARATOR.join(texts)
    if _plain(result, len(texts)):
        return result
    return SEPARATOR.join([normal(text) for text in texts])


def _plain(result: str, count: int) -> bool:
    """Whether ``count`` texts joined as ``result`` are all printable ASCII with single spaces.

    That needs no work at all. The checks are few passes in C, as this runs
    over the whole table: deleting every printable character must leave
    exactly the separators (one per gap, so none inside a cell), and one
    search for two spaces, with every separator read as a space, finds a
    double space inside a cell and a cell that starts or ends with a space
    alike.
    """
    if not result.isascii() or result[:1] == " " or result[-1:] == " ":
        return False
    data = result.encode("ascii")
    return data.translate(None, _PRINTABLE_ASCII) == _SEPARATOR_BYTE * (count - 1) and b"  " not in data.replace(
        _SEPARATOR_BYTE, b" "
    )


def escaped_runs(
    texts: list[str], escape: Callable[[str], str], *, followed: bool = False, size: int = _CHUNK
) -> Iterator[str]:
    """The texts :func:`normal`-ised and escaped, ``size`` at a time, each run joined and ended by :data:`SEPARATOR`.

    ``run.split(SEPARATOR)[:-1]`` is a run's cells. ``followed`` says that
    more cells follow these in the table, so that the last is escaped as if
    a separator followed it; every other cell is, in its run or across runs,
    so the size of a run changes nothing in the result.
    """
    total = len(texts)
    for start in range(0, total, size):
        chunk = joined(texts[start : start + size])
        if followed or start + size < total:
            # A trailing separator gives the chunk's last cell what follows
            # it in the whole table (Markdown escapes a colon before a
            # separator but not one at the very end).
            yield escape(chunk + SEPARATOR)
        else:
            yield escape(chunk) + SEPARATOR


def escaped_chunks(
    texts: list[str], escape: Callable[[str], str], *, followed: bool = False, size: int = _CHUNK
) -> Iterator[list[str]]:
    """The texts :func:`normal`-ised and escaped, as lists of ``size`` cells (see :func:`escaped_runs`)."""
    for run in escaped_runs(texts, escape, followed=followed, size=size):
        cells = run.split(SEPARATOR)
        cells.pop()
        yield cells


def escaped(texts: list[str], escape: Callable[[str], str], *, followed: bool = False) -> list[str]:
    """Every text :func:`normal`-ised and escaped, as if by ``escape(joined(texts)).split(SEPARATOR)``.

    ``followed`` says that more cells follow these in the table, so that the
    last is escaped as if a separator followed it. The work is done in
    chunks of :data:`_CHUNK` texts, which stay in the CPU cache.
    """
    out: list[str] = []
    for cells in escaped_chunks(texts, escape, followed=followed):
        out += cells
    return out


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def write_rows(
    out: _Writer, columns: Sequence[list[str]], escape: Callable[[str], str], row: Sequence[str]
) -> None:
    """Write the body, :data:`ROWS` rows at a time, each row a copy of ``row`` with its cells in it.

    The empty strings in ``row`` are the slots of the columns' cells, left
    to right; every cell is :func:`normal`-ised and escaped with ``escape``.
    The cells of a chunk go into the slots of its copies of ``row`` by slice
    assignment, in C.
    """
    template = list(row)
    width = len(template)
    slots = [index for index, piece in enumerate(template) if not piece]
    for chunk in zip(*(escaped_chunks(column, escape, size=ROWS) for column in columns)):
        pieces = template * len(chunk[0])
        for slot, cells in zip(slots, chunk, strict=True):
            pieces[slot::width] = cells
        out.write("".join(pieces))
