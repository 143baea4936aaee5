"""Search: how well a comparison matches the words asked for, field by field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._text import key

if TYPE_CHECKING:
    from .model import Comparison

__all__ = ["score"]

_WEIGHTS = (("names", 50), ("definitions", 10), ("aspects", 8), ("summary", 5), ("statements", 2))


def _fields(comparison: Comparison) -> dict[str, str]:
    concepts = (comparison.left, comparison.right)
    return {
        "names": " | ".join(key(n) for c in concepts for n in c.names),
        "definitions": key(" ".join(c.definition for c in concepts)),
        "aspects": key(" ".join(comparison.aspects)),
        "summary": key(str(comparison.summary)),
        "statements": key(
            " ".join(d.left + " " + d.right for d in comparison.differences)
            + " "
            + " ".join(comparison.similarities)
            + " "
            + " ".join(comparison.notes)
            + " "
            + " ".join(comparison.tags)
        ),
    }


def score(comparison: Comparison, words: list[str]) -> int | None:
    """How well ``comparison`` matches every one of the folded ``words``; None if one does not match."""
    fields = _fields(comparison)
    total = 0
    for word in words:
        best = 0
        for field, weight in _WEIGHTS:
            if word in fields[field]:
                best = max(best, weight)
        if best == 0:
            return None
        total += best
    return total
