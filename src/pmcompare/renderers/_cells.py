"""Cell text as every table format shows it: flattened, visible, and fast on plain text.

Whitespace runs (line breaks included) become one space, as
:func:`pmcompare._text.flatten` documents, and control, format and
unassigned characters become visible escapes (:func:`pmcompare._text.visible`).
Printable text with single spaces, by far the common case, is passed through
without either step; many cells are checked at once by :func:`joined`.
"""

from __future__ import annotations

from collections.abc import Callable

from .._text import flatten, visible

__all__ = ["SEPARATOR", "escaped", "joined", "normal"]

SEPARATOR = "\x00"
"""Joins the cells in :func:`joined`; never in a normalised cell, and no escaping touches it."""

_SEPARATOR_BYTE = SEPARATOR.encode()
# Cells joined and escaped at a time by :func:`escaped`: about 300 KB of
# text. Each pass of the escaping then stays in the CPU cache and below the
# size for which malloc maps fresh memory (which the kernel must zero) for
# every temporary string; at 100,000 rows that memory traffic, not the
# escaping, was most of the time.
_CHUNK = 3000
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + _SEPARATOR_BYTE


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
    over the whole table: a count of separators (one per gap, so none inside
    a cell) and one search for two spaces, with every separator read as a
    space, which finds a double space inside a cell and a cell that starts
    or ends with a space alike.
    """
    if not result.isascii() or result[:1] == " " or result[-1:] == " ":
        return False
    data = result.encode("ascii")
    return (
        not data.translate(None, _PRINTABLE_ASCII)
        and data.count(_SEPARATOR_BYTE) == count - 1
        and b"  " not in data.replace(_SEPARATOR_BYTE, b" ")
    )


def escaped(texts: list[str], escape: Callable[[str], str], *, followed: bool = False) -> list[str]:
    """Every text :func:`normal`-ised and escaped, as if by ``escape(joined(texts)).split(SEPARATOR)``.

    ``followed`` says that more cells follow these in the table, so that the
    last is escaped as if a separator followed it. The work is done in
    chunks of :data:`_CHUNK` texts (see there why).
    """
    out: list[str] = []
    last = len(texts) - _CHUNK
    for start in range(0, len(texts), _CHUNK):
        chunk = joined(texts[start : start + _CHUNK])
        if followed or start < last:
            # A trailing separator gives the chunk's last cell what follows
            # it in the whole table (Markdown escapes a colon before a
            # separator but not one at the very end), so chunking changes
            # nothing; the empty piece after it is dropped.
            out += escape(chunk + SEPARATOR).split(SEPARATOR)[:-1]
        else:
            out += escape(chunk).split(SEPARATOR)
    return out
