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
from io import StringIO
from typing import TYPE_CHECKING, Any

from ._cells import ROWS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..model import Comparison, Concept, Difference

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
    rows = [{"aspect": d.aspect, "left": d.left, "right": d.right} for d in comparison.differences]
    return _document(comparison, rows)


def _document(comparison: Comparison, differences: list[Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"left": comparison.left.slug, "right": comparison.right.slug}
    if comparison.summary:
        entry["summary"] = comparison.summary
    entry["differences"] = differences
    if comparison.similarities:
        entry["similarities"] = list(comparison.similarities)
    if comparison.sources:
        entry["sources"] = [
            {"title": s.title} if s.url is None else {"title": s.title, "url": s.url} for s in comparison.sources
        ]
    if comparison.tags:
        entry["tags"] = list(comparison.tags)
    return {"concepts": [_concept(comparison.left), _concept(comparison.right)], "comparisons": [entry]}


# The differences as json.dumps(indent=2) writes them, two levels down. The
# indenting encoder is written in Python and slow on thousands of rows, so
# the rows are written with this and the C string encoder instead; the
# rest of the document is small.
_DIFFERENCE = '        {{\n          "aspect": {},\n          "left": {},\n          "right": {}\n        }}'
# Stands in for the differences while the rest is dumped. It comes out as
# this line, which nothing else can: every string is quoted, its line breaks
# escaped, and 0 is the only number in the document.
_PLACEHOLDER = 0
_PLACEHOLDER_LINE = "\n        0\n"


def _write_rows(out: StringIO, differences: Sequence[Difference]) -> None:
    """Write the differences as ``json.dumps(indent=2)`` would, a chunk of rows at a time (see ``ROWS``)."""
    from json.encoder import encode_basestring  # the C encoder for a str, with ensure_ascii=False

    string = encode_basestring
    for start in range(0, len(differences), ROWS):
        chunk = differences[start : start + ROWS]
        rows = [_DIFFERENCE.format(string(d.aspect), string(d.left), string(d.right)) for d in chunk]
        if start:
            out.write(",\n")
        out.write(_escape_separators(",\n".join(rows)))


def _escape_separators(text: str) -> str:
    """The text with the line and paragraph separators and lone surrogates written as ``\\u`` escapes."""
    if text.isascii():  # nothing to look for, and isascii is far quicker than the search
        return text
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render(comparison: Comparison) -> str:
    """Render a comparison as a JSON data pack, indented two spaces."""
    import json

    doc = _document(comparison, [_PLACEHOLDER])
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    head, tail = text.split(_PLACEHOLDER_LINE, 1)
    out = StringIO()
    out.write(_escape_separators(head) + "\n")
    _write_rows(out, comparison.differences)
    out.write("\n" + _escape_separators(tail))
    return out.getvalue()
