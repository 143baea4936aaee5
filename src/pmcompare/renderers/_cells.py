"""Cell text as every table format shows it: flattened, visible, and fast on plain text.

Whitespace runs (line breaks included) become one space, as
:func:`pmcompare._text.flatten` documents, and control, format and
unassigned characters become visible escapes (:func:`pmcompare._text.visible`).
Printable text with single spaces, by far the common case, is passed through
without either step; many cells are checked at once by :func:`joined`.
"""

from __future__ import annotations

from .._text import flatten, visible

__all__ = ["SEPARATOR", "joined", "normal"]

SEPARATOR = "\x00"
"""Joins the cells in :func:`joined`; never in a normalised cell, and no escaping touches it."""

_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + SEPARATOR.encode()


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
    # One check over the whole table: printable ASCII with single spaces and
    # no separator inside a cell needs no work at all.
    if (
        result.isascii()
        and not result.encode("ascii").translate(None, _PRINTABLE_ASCII)
        and result.count(SEPARATOR) == len(texts) - 1
        and "  " not in result
        and " \x00" not in result
        and "\x00 " not in result
        and result[:1] != " "
        and result[-1:] != " "
    ):
        return result
    return SEPARATOR.join([normal(text) for text in texts])
