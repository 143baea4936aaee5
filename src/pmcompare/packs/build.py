"""Building a pack's objects from its checked entries, through the model's public constructors.

Each object is built by its constructor, which says what is wrong with a
value; that is reported at the object's path, or at the field's when the
constructor names one of its fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .._text import key, quote, slugify, visible
from .._validators import check_text
from ..errors import UnknownConceptError
from ..model import Comparison, Concept, Difference, Lineup, LineupRow, Source, Summary
from .check import Path, fits

__all__ = ["Builder"]

Report = Callable[[Path, str], None]
Lookup = Callable[[str], Concept]

_FIELD = re.compile(r"(\w+)(?:\[(\d+)\])?")


class Builder:
    """Builds the concepts, comparisons and lineups of a pack's documents, resolving names in the pack and ``known``."""

    def __init__(self, known: Lookup | None) -> None:
        self.known = known
        self.names: dict[str, Concept] = {}  # folded name, slug or alias -> the pack's concept
        self.broken: set[str] = set()  # folded names of concepts that did not build: reported once, where defined

    def build(self, path: Path, report: Report, factory: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``factory(*args, **kwargs)``, or None with its refusal reported."""
        try:
            return factory(*args, **kwargs)
        except (TypeError, ValueError) as error:
            message = str(error)
            field = _FIELD.match(message)
            if field is not None and (field.group(1) in kwargs or _positional(factory, field.group(1))):
                path = (*path, field.group(1))
                if field.group(2) is not None:
                    path = (*path, int(field.group(2)))
            report(path, visible(message))
            return None

    def each(self, path: Path, report: Report, factory: Callable[..., Any], tables: list[dict[str, Any]]) -> list[Any]:
        """``factory(**table)`` for each table: all at once, and one by one to report those refused if any is."""
        try:
            return [factory(**table) for table in tables]
        except (TypeError, ValueError):
            return [self.build((*path, index), report, factory, **table) for index, table in enumerate(tables)]

    def concept(self, path: Path, entry: dict[str, Any] | None, raw: Any, report: Report) -> Concept | None:
        if entry is None:
            self._forget(raw)
            return None
        concept: Concept | None = self.build(path, report, Concept, **entry)
        if concept is None:
            self._forget(entry)
            return None
        for name in concept.names:
            self.names.setdefault(key(name), concept)
        return concept

    def _forget(self, entry: Any) -> None:
        """Remember a broken concept's names, so that comparisons using it do not each report it again."""
        if isinstance(entry, dict):
            for field in ("name", "slug"):
                if isinstance(entry.get(field), str):
                    self.broken.update((key(entry[field]), key(slugify(entry[field]))))

    def resolve(self, path: Path, name: str, report: Report) -> Concept | None:
        found = self.names.get(key(name))
        if found is not None:
            return found
        suggestions: tuple[str, ...] = ()
        if self.known is not None:
            try:
                return self.known(name)
            except UnknownConceptError as error:
                suggestions = error.suggestions
        if key(name) in self.broken:
            return None  # already reported where the concept is defined
        import difflib

        close = difflib.get_close_matches(key(name), list(self.names), n=3, cutoff=0.6)
        names = list(dict.fromkeys([*(self.names[c].name.lower() for c in close), *suggestions]))[:3]
        hint = f"; did you mean {' or '.join(map(repr, names))}?" if names else ""
        report(
            path,
            f"expected the slug, name or alias of a defined concept, found {quote(name)}{hint} "
            "(define it under 'concepts')",
        )
        return None

    def broken_comparison(self, path: Path, entry: Any, report: Report) -> None:
        """Build the rows and sources of a badly shaped entry that are well shaped, to report their problems too."""
        if not isinstance(entry, dict):
            return
        for field, table in (("differences", "difference"), ("sources", "source")):
            items = entry.get(field)
            for index, item in enumerate(items if isinstance(items, list) else ()):
                if fits(item, table):
                    self.build((*path, field, index), report, Difference if table == "difference" else Source, **item)

    def comparison(self, path: Path, entry: dict[str, Any], report: Report) -> Comparison | None:
        fields = dict(entry)
        sides = [self.resolve((*path, side), fields.pop(side), report) for side in ("left", "right")]
        rows = self.each((*path, "differences"), report, Difference, fields.pop("differences"))
        sources = self.each((*path, "sources"), report, Source, [_source_fields(s) for s in fields.get("sources", ())])
        fields["sources"] = sources
        ok = None not in sides and None not in rows and None not in sources
        if isinstance(fields.get("summary"), dict):
            fields["summary"] = self.build((*path, "summary"), report, Summary, **fields["summary"])
            ok = ok and fields["summary"] is not None
        if not ok:
            return None
        comparison: Comparison | None = self.build(path, report, Comparison, *sides, rows, **fields)
        return comparison


    def lineup(self, path: Path, entry: dict[str, Any], report: Report) -> Lineup | None:
        fields = dict(entry)
        names = fields.pop("concepts")
        resolved = [self.resolve((*path, "concepts", index), name, report) for index, name in enumerate(names)]
        sources = self.each((*path, "sources"), report, Source, [_source_fields(s) for s in fields.get("sources", ())])
        fields["sources"] = sources
        rows = fields.pop("differences")
        concepts = [concept for concept in resolved if concept is not None]
        if len(concepts) < len(resolved):
            return None  # the rows are keyed by the concepts: they cannot be read without them
        if len(concepts) < 3:
            found = f"found {len(concepts)}; two make a comparison" if concepts else "found none"
            report((*path, "concepts"), f"expected three or more concepts, {found}")
            return None
        built = [self._row((*path, "differences", index), row, concepts, report) for index, row in enumerate(rows)]
        summary = fields.get("summary")
        ok = None not in built and None not in sources
        if isinstance(summary, dict):
            clauses = _keyed((*path, "summary"), summary, concepts, report, "clause")
            fields["summary"] = clauses
            ok = ok and clauses is not None
        if not ok:
            return None
        lineup: Lineup | None = self.build(path, report, Lineup, concepts, built, **fields)
        return lineup

    def _row(self, path: Path, row: dict[str, Any], concepts: list[Concept], report: Report) -> LineupRow | None:
        cells = _keyed(path, {k: v for k, v in row.items() if k != "aspect"}, concepts, report, "statement")
        if cells is None:
            return None
        found: LineupRow | None = self.build(path, report, LineupRow, row["aspect"], cells)
        return found


def _keyed(path: Path, table: dict[str, Any], concepts: list[Concept], report: Report, what: str) -> list[str] | None:
    """The texts of a table keyed by concept slug, in the order of ``concepts``; None with the problems reported.

    A key that is not one of the concepts' slugs, and a concept with no key,
    are each reported at their own path.
    """
    slugs = [concept.slug for concept in concepts]
    ok = True
    for name in table:
        if name in slugs:
            continue
        ok = False
        owner = next((c.slug for c in concepts if key(name) in {key(n) for n in c.names}), None)
        if owner is not None:
            hint = f"; {quote(name)} is a name of {owner!r}: key its {what} by the slug, {owner!r}"
        else:
            import difflib

            close = difflib.get_close_matches(name, slugs, n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else ""
        report(
            (*path, name),
            f"expected the slug of one of the lineup's concepts ({', '.join(slugs)}), found {quote(name)}{hint}",
        )
    for slug in slugs:
        if slug not in table:
            ok = False
            report((*path, slug), f"missing the {what} for {slug!r}: every concept of the lineup needs one")
        else:
            try:
                check_text(slug, table[slug].strip())
            except ValueError as error:
                ok = False
                report((*path, slug), visible(str(error)))
    return [table[slug] for slug in slugs] if ok else None


def _positional(factory: Callable[..., Any], name: str) -> bool:
    if factory is Lineup:
        return name in ("concepts", "differences")
    if factory is LineupRow:
        return name in ("aspect", "cells")
    return name in ("left", "right", "differences") and factory is Comparison


def _source_fields(item: Any) -> dict[str, Any]:
    return {"title": item} if isinstance(item, str) else item
