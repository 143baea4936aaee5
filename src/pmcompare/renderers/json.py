r"""JSON: the comparison as a data pack, which loads back to an equal comparison.

The document has the pack format's two lists: ``concepts`` (the left and the
right concept) and ``comparisons`` (this one, its sides named by slug). Keys
are in a fixed order and optional fields that are empty are left out, so the
same comparison always gives the same bytes. Text is written as it is, not
escaped to ASCII; only the line and paragraph separators U+2028 and U+2029
are written as ``\u2028`` and ``\u2029`` (JSON allows them raw, but
JavaScript before ES2019 and some editors break lines on them), along with
what JSON itself requires (quotes, backslashes, control characters).

Writing the output to a ``.json`` file and loading it with
:meth:`Registry.load <pmcompare.Registry.load>` gives back an equal
:class:`~pmcompare.Comparison`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Comparison, Concept, Source
    from ._table import RenderOptions

__all__ = ["document", "render"]


def _concept(concept: Concept) -> dict[str, Any]:
    out: dict[str, Any] = {"slug": concept.slug, "name": concept.name, "definition": concept.definition}
    if concept.aliases:
        out["aliases"] = list(concept.aliases)
    return out


def _source(source: Source) -> dict[str, Any]:
    out: dict[str, Any] = {"title": source.title}
    for name, value in (("url", source.url), ("author", source.author), ("year", source.year)):
        if value is not None:
            out[name] = value
    return out


def _summary(comparison: Comparison) -> str | dict[str, str]:
    summary = comparison.summary
    if isinstance(summary, str):
        return summary
    return {"left": summary.left, "right": summary.right}


def document(comparison: Comparison) -> dict[str, Any]:
    """The comparison as a pack document: plain dicts and lists, ready for :func:`json.dumps`."""
    entry: dict[str, Any] = {"left": comparison.left.slug, "right": comparison.right.slug}
    if comparison.summary:
        entry["summary"] = _summary(comparison)
    entry["differences"] = [{"aspect": d.aspect, "left": d.left, "right": d.right} for d in comparison.differences]
    if comparison.similarities:
        entry["similarities"] = list(comparison.similarities)
    if comparison.notes:
        entry["notes"] = list(comparison.notes)
    if comparison.sources:
        entry["sources"] = [_source(s) for s in comparison.sources]
    if comparison.tags:
        entry["tags"] = list(comparison.tags)
    return {"concepts": [_concept(comparison.left), _concept(comparison.right)], "comparisons": [entry]}


def render(comparison: Comparison, options: RenderOptions | None = None) -> str:
    """Render a comparison as a JSON data pack, indented two spaces."""
    import json

    text = json.dumps(document(comparison), ensure_ascii=False, indent=2)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
