"""What the documentation integrations share: finding what a tag or directive names.

The Sphinx directive and the Python-Markdown extension take the same inputs:
a pair (``a | b`` or ``a vs b``) or three or more names for a lineup
(``a | b | c``), whether to swap it, and a list of aspects to keep. Both use
only the public API of the registry and the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from os import PathLike

import attrs

from ._text import flatten, key
from .model import Comparison, Lineup
from .registry import Registry, split_names

__all__ = ["find", "parse_aspects", "registry_with", "select"]

def parse_aspects(text: str) -> tuple[str, ...]:
    """Split a comma-separated list of aspect labels: ``"Core question, Time horizon"``."""
    return tuple(part for part in (flatten(p) for p in text.split(",")) if part)


Shown = Comparison | Lineup


def select(comparison: Shown, aspects: Sequence[str]) -> Shown:
    """The comparison or lineup with only the rows for ``aspects``, in the order given.

    Labels match without regard to case or spacing. An unknown label raises
    ``LookupError`` naming the comparison, the nearest label and every label.
    """
    if not aspects:
        return comparison
    by_key = {key(d.aspect): d for d in comparison.differences}
    rows = []
    for label in aspects:
        found = by_key.get(key(label))
        if found is None:
            import difflib

            close = difflib.get_close_matches(key(label), list(by_key), n=1, cutoff=0.5)
            hint = f"; did you mean {by_key[close[0]].aspect!r}?" if close else ""
            known = ", ".join(repr(a) for a in comparison.aspects)
            msg = f"{comparison.title} has no aspect {label!r}{hint} (the aspects are: {known})"
            raise LookupError(msg)
        if found not in rows:
            rows.append(found)
    return attrs.evolve(comparison, differences=tuple(rows))


def find(registry: Registry, pair: str, *, swap: bool = False, aspects: Sequence[str] = ()) -> Shown:
    """The comparison named by ``pair`` (``"a | b"`` or ``"a vs b"``), or the lineup of ``"a | b | c"``.

    ``swap`` turns a comparison round and reverses a lineup's columns; the
    rows are cut to ``aspects``. Raises ``ValueError`` for text that does not
    name two or more concepts, the registry's
    ``LookupError`` subclasses for unknown names, and ``LookupError`` for an
    unknown aspect.
    """
    found = registry.get(*split_names(flatten(pair)))
    if swap:
        if isinstance(found, Comparison):
            found = found.swapped()
        else:
            found = found.reordered([c.slug for c in reversed(found.concepts)])
    return select(found, aspects)


def registry_with(packs: Iterable[str | PathLike[str]]) -> Registry:
    """The default registry, or a copy of it with ``packs`` loaded, when there are any."""
    from . import registry

    packs = list(packs)
    if not packs:
        return registry()
    extended = registry().copy()
    for pack in packs:
        extended.load(pack)
    return extended
