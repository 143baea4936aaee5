r"""JSON: the comparison or lineup as a data pack, which loads back to an equal one.

The document has two of the pack format's lists: ``concepts`` (the left and
the right concept) and ``comparisons`` (this one, its sides named by slug);
for a lineup, ``concepts`` and ``lineups`` (its statements keyed by slug). Keys
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
    from ..model import Comparison, Concept, Lineup, Source
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


def _extras(entry: dict[str, Any], item: Comparison | Lineup) -> dict[str, Any]:
    """The optional lists of a comparison or lineup entry, each left out when empty."""
    if item.similarities:
        entry["similarities"] = list(item.similarities)
    if item.notes:
        entry["notes"] = list(item.notes)
    if item.sources:
        entry["sources"] = [_source(s) for s in item.sources]
    if item.tags:
        entry["tags"] = list(item.tags)
    return entry


def document(comparison: Comparison | Lineup) -> dict[str, Any]:
    """The comparison or lineup as a pack document: plain dicts and lists, ready for :func:`json.dumps`."""
    from ..model import Lineup

    if isinstance(comparison, Lineup):
        return _lineup_document(comparison)
    entry: dict[str, Any] = {"left": comparison.left.slug, "right": comparison.right.slug}
    if comparison.summary:
        entry["summary"] = _summary(comparison)
    entry["differences"] = [{"aspect": d.aspect, "left": d.left, "right": d.right} for d in comparison.differences]
    _extras(entry, comparison)
    if comparison.lineup is not None:
        entry["lineup"] = comparison.lineup
    return {"concepts": [_concept(comparison.left), _concept(comparison.right)], "comparisons": [entry]}


def _lineup_document(lineup: Lineup) -> dict[str, Any]:
    slugs = [c.slug for c in lineup.concepts]
    entry: dict[str, Any] = {"concepts": slugs}
    if isinstance(lineup.summary, tuple):
        entry["summary"] = dict(zip(slugs, lineup.summary, strict=True))
    elif lineup.summary:
        entry["summary"] = lineup.summary
    entry["differences"] = [
        {"aspect": row.aspect, **dict(zip(slugs, row.cells, strict=True))} for row in lineup.differences
    ]
    _extras(entry, lineup)
    return {"concepts": [_concept(c) for c in lineup.concepts], "lineups": [entry]}


def render(comparison: Comparison | Lineup, options: RenderOptions | None = None) -> str:
    """Render a comparison or a lineup as a JSON data pack, indented two spaces."""
    import json

    text = json.dumps(document(comparison), ensure_ascii=False, indent=2)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
