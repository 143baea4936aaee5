"""The short passage of a search hit's text around the words that matched, and how near two words are."""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["distance", "snippet"]

_SNIPPET = 80  # characters of a snippet, before it is widened to whole words


def snippet(
    text: str, wanted: set[str], term: Callable[[str], str], word: re.Pattern[str]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A passage of ``text`` around its first matched word, and the spans of the matched words in it."""
    spans = [(m.start(), m.end()) for m in word.finditer(text) if term(m.group().casefold()) in wanted]
    start, end = 0, len(text)
    if end > _SNIPPET:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - 20, end - _SNIPPET))
        end = start + _SNIPPET
        # Out to the nearest spaces, so that no word is cut.
        start = text.rfind(" ", 0, start) + 1 if start else 0
        after = text.find(" ", end)
        end = len(text) if after == -1 else after
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    kept = tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)
    return prefix + text[start:end] + suffix, kept


def distance(a: str, b: str, limit: int) -> int:
    """The Levenshtein distance of two words, or ``limit + 1`` once it is sure to exceed ``limit``."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
