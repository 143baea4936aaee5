r"""JSON: the comparison as a data pack, which loads back to an equal comparison.

The document has the pack format's two lists: ``concepts`` (the left and the
right concept) and ``comparisons`` (this one, its sides named by slug). Keys
are in a fixed order and optional fields that are empty are left out, so the
same comparison always gives the same bytes. Text is written as it is, not
escaped to ASCII; only the line and paragraph separators U+2028 and U+2029
are written as ``\u2028`` and ``\u2029`` (JSON allows them raw, but
JavaScript before ES2019 and some editors break lines on them), along with
what JSON itself requires (quotes, backslashes, control characters) and
lone surrogates, which UTF-8 cannot hold.

Writing the output to a ``.json`` file and loading it with
:meth:`Registry.load <pmcompare.Registry.load>` gives back an equal
:class:`~pmcompare.Comparison`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Comparison, Concept

__all__ = ["document", "render"]

# The separators, and lone surrogates (which no UTF-8 file can hold).
_ESCAPED = re.compile("[\u2028\u2029\ud800-\udfff]")


def _concept(concept: Concept) -> dict[str, Any]:
    out: dict[str, Any] = {"slug": concept.slug, "name": concept.name, "definition": concept.definition}
    if concept.aliases:
        out["aliases"] = list(concept.aliases)
    return out


def document(comparison: Comparison) -> dict[str, Any]:
    """The comparison as a pack document: plain dicts and lists, ready for :func:`json.dumps`."""
    entry: dict[str, Any] = {"left": comparison.left.slug, "right": comparison.right.slug}
    if comparison.summary:
        entry["summary"] = comparison.summary
    entry["differences"] = [
        {"aspect": d.aspect, "left": d.left, "right": d.right} for d in comparison.differences
    ]
    if comparison.similarities:
        entry["similarities"] = list(comparison.similarities)
    if comparison.sources:
        entry["sources"] = [
            {"title": s.title} if s.url is None else {"title": s.title, "url": s.url} for s in comparison.sources
        ]
    if comparison.tags:
        entry["tags"] = list(comparison.tags)
    return {"concepts": [_concept(comparison.left), _concept(comparison.right)], "comparisons": [entry]}


def render(comparison: Comparison) -> str:
    """Render a comparison as a JSON data pack, indented two spaces."""
    import json

    text = json.dumps(document(comparison), ensure_ascii=False, indent=2)
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
