"""The value objects: a Concept, a Difference between two concepts, a Comparison, and a Lineup of three or more.

Each class is built one way, by its attrs constructor: converters strip text
and turn lists into tuples, validators check every rule, including those
that tie one field to another. Copies are made with :func:`attrs.evolve`.
"""

from __future__ import annotations

import functools
from collections.abc import Container, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from . import _validators as v
from ._text import key, slugify

if TYPE_CHECKING:
    from .notebook import View

__all__ = ["Comparison", "Concept", "Difference", "Lineup", "LineupRow", "Source", "Summary"]


class _PrettyPrinter(Protocol):
    """The part of IPython's pretty printer that ``_repr_pretty_`` uses."""

    def text(self, obj: str) -> None: ...


# -- converters and validators of this module's classes -------------------


def _sources(value: object) -> Any:
    """A list of sources as a tuple, a plain title standing for ``Source(title)``."""
    items = v.as_tuple(value)
    if not isinstance(items, tuple):
        return items
    return tuple(Source(item) if isinstance(item, str) else item for item in items)


# -- the classes ----------------------------------------------------------


@attrs.frozen(repr=False)
class Source:
    """Where the facts of a comparison come from: a work's title and, if known, its address, author and year."""

    title: str = attrs.field(converter=v.stripped, validator=v.text)
    url: str | None = attrs.field(default=None, converter=v.stripped, validator=v.Optional(v.url))
    author: str | None = attrs.field(default=None, kw_only=True, converter=v.stripped, validator=v.Optional(v.text))
    year: int | None = attrs.field(default=None, kw_only=True, validator=v.year)

    def __repr__(self) -> str:
        extra = "".join(
            f", {name}={getattr(self, name)!r}" for name in ("url", "author", "year") if getattr(self, name) is not None
        )
        return f"Source({self.title!r}{extra})"


@attrs.frozen
class Summary:
    """A comparison's summary as one standalone clause for each side; ``str()`` joins them."""

    left: str = attrs.field(converter=v.stripped, validator=v.text)
    right: str = attrs.field(converter=v.stripped, validator=v.text)

    def swapped(self) -> Summary:
        """The same summary with its two clauses exchanged."""
        return attrs.evolve(self, left=self.right, right=self.left)

    def __str__(self) -> str:
        return f"{self.left} {self.right}"


def _derived_slug(concept: Concept) -> str:
    v.check_text("name", concept.name)  # a name that is not text says so, rather than that it gives no slug
    derived = slugify(concept.name)
    if not derived:
        msg = f"cannot derive a slug from the name {concept.name!r}; pass slug='...' in kebab-case"
        raise ValueError(msg)
    return derived


def _own_names(concept: Concept, attribute: attrs.Attribute[Any], aliases: tuple[str, ...]) -> None:
    """No alias may be the concept's own name or slug, however spelled."""
    if not aliases:
        return
    own_name, own_slug = key(concept.name), key(concept.slug)
    for alias in aliases:
        folded = key(alias)
        if folded == own_name:
            msg = f"alias {alias!r} is the concept's own name {concept.name!r}"
            raise ValueError(msg)
        if folded == own_slug:
            msg = f"alias {alias!r} is the concept's own slug {concept.slug!r}"
            raise ValueError(msg)


@attrs.frozen(repr=False)
class Concept:
    """A term in the glossary: its name, a short definition, and the other names it goes by.

    The ``slug`` is the concept's key (``product-strategy``); left out, it is
    derived from the name.
    """

    name: str = attrs.field(converter=v.stripped, validator=v.text)
    definition: str = attrs.field(converter=v.stripped, validator=v.text)
    slug: str = attrs.field(default=attrs.Factory(_derived_slug, takes_self=True), kw_only=True, validator=v.slug)
    aliases: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=v.stripped_all, validator=[v.texts(), _own_names]
    )

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the concept answers to: its name, its slug and its aliases."""
        return (self.name, self.slug, *self.aliases)

    def __repr__(self) -> str:
        return f"Concept({self.name!r}, slug={self.slug!r})"


@attrs.frozen(repr=False)
class Difference:
    """One row of a comparison: an aspect, and what is true of each side."""

    aspect: str = attrs.field(converter=v.stripped, validator=v.text)
    left: str = attrs.field(converter=v.stripped, validator=v.text)
    right: str = attrs.field(converter=v.stripped, validator=v.text)

    def swapped(self) -> Difference:
        """The same row with its two sides exchanged."""
        return attrs.evolve(self, left=self.right, right=self.left)

    def __repr__(self) -> str:
        return f"Difference({self.aspect!r}, {self.left!r}, {self.right!r})"


def _concept(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Concept):
        msg = f"{attribute.name} must be a Concept, not {v.what(value)}"
        raise TypeError(msg)


@functools.lru_cache(maxsize=4096)
def _folded_names(concept: Concept) -> frozenset[str]:
    # Kept: a pack's concepts are in comparison after comparison, and folding
    # their names each time was a tenth of the load time of a large pack.
    return frozenset(key(n) for n in concept.names)


def _two_concepts(comparison: Comparison, attribute: attrs.Attribute[Any], right: Concept) -> None:
    """Two different concepts, which share no name (a lookup by that name could not choose)."""
    _concept(comparison, attribute, right)
    left = comparison.left
    if left.slug == right.slug:
        msg = f"a comparison needs two different concepts, not {left.slug!r} twice"
        raise ValueError(msg)
    _no_shared_name(left, right)


def _no_shared_name(first: Concept, second: Concept) -> None:
    """Refuse two concepts that share a name: a lookup by that name could not choose."""
    shared = _folded_names(first) & _folded_names(second)
    if shared:
        msg = (
            f"concepts {first.slug!r} and {second.slug!r} share the name {sorted(shared)[0]!r}; "
            "each name may belong to one concept only"
        )
        raise ValueError(msg)


def _rows(comparison: Comparison, attribute: attrs.Attribute[Any], rows: tuple[Difference, ...]) -> None:
    """At least one row, each aspect once."""
    if not rows:
        msg = "differences must hold at least one Difference"
        raise ValueError(msg)
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        folded = key(row.aspect)
        if folded in seen:
            msg = f"differences[{index}] repeats the aspect {row.aspect!r} of differences[{seen[folded]}]"
            raise ValueError(msg)
        seen[folded] = index


def _summary_value(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Summary):
        v.check_text("summary", value, blank_ok=True)


@attrs.frozen(repr=False)
class Comparison:
    """Two concepts side by side: the aspects on which they differ, and what they share.

    ``left`` and ``right`` are the two :class:`Concept` objects, ``differences``
    the rows in order. ``summary`` is the main difference: one line of text,
    or a :class:`Summary` of one clause per side. ``notes`` are caveats, such
    as where authorities frame a concept differently. ``lineup`` is the title
    of the :class:`Lineup` a comparison was projected from
    (:meth:`Lineup.pair`), and None for one written as a comparison.
    """

    left: Concept = attrs.field(validator=_concept)
    right: Concept = attrs.field(validator=_two_concepts)
    differences: tuple[Difference, ...] = attrs.field(
        converter=v.as_tuple, validator=[v.instances(Difference, "a Difference"), _rows]
    )
    summary: str | Summary = attrs.field(default="", kw_only=True, converter=v.stripped, validator=_summary_value)
    sources: tuple[Source, ...] = attrs.field(
        default=(), kw_only=True, converter=_sources, validator=v.instances(Source, "a Source or a string")
    )
    similarities: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=v.stripped_all, validator=v.texts())
    tags: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=v.stripped_all, validator=v.texts(kebab=True)
    )
    notes: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=v.stripped_all, validator=v.texts())
    lineup: str | None = attrs.field(default=None, kw_only=True, converter=v.stripped, validator=v.Optional(v.text))

    @property
    def slug(self) -> str:
        """The comparison's key, as in ``product-strategy-vs-product-management``."""
        return f"{self.left.slug}-vs-{self.right.slug}"

    @property
    def title(self) -> str:
        """The comparison's heading, as in ``Product Strategy vs Product Management``."""
        return f"{self.left.name} vs {self.right.name}"

    @property
    def aspects(self) -> tuple[str, ...]:
        """The aspect labels of the differences, in order."""
        return tuple(d.aspect for d in self.differences)

    def swapped(self) -> Comparison:
        """The same comparison seen from the other side: right concept on the left."""
        summary = self.summary.swapped() if isinstance(self.summary, Summary) else self.summary
        return attrs.evolve(
            self,
            left=self.right,
            right=self.left,
            differences=tuple(d.swapped() for d in self.differences),
            summary=summary,
        )

    def __repr__(self) -> str:
        return f"<Comparison {self.slug} ({len(self.differences)} differences)>"

    def __str__(self) -> str:
        from .renderers import render

        return render(self, "text")

    def _repr_pretty_(self, printer: _PrettyPrinter, cycle: bool) -> None:
        printer.text(repr(self) if cycle else str(self))

    def view(self, **options: Any) -> View:
        """The comparison with chosen parts, for a notebook: ``comparison.view(definitions=False)``.

        The options are those of :func:`pmcompare.render` (``title``,
        ``summary``, ``definitions``, ``aspects``, ``notes``; ``width`` and
        ``style`` for the plain text). The :class:`~pmcompare.View` shows in
        every format the comparison itself does, and fails at once on an
        unknown option or a bad value.
        """
        from .notebook import View

        return View.of(self, **options)

    def _repr_mimebundle_(
        self, include: Container[str] | None = None, exclude: Container[str] | None = None, **kwargs: Any
    ) -> dict[str, str]:
        """The comparison as a table for notebooks: plain text, HTML, Markdown and LaTeX.

        ``include`` and ``exclude`` are media types, as IPython passes them;
        only the formats asked for are rendered. See :mod:`pmcompare.notebook`
        for how each differs from its format.
        """
        from .notebook import bundle

        return bundle(self, None, include, exclude)



def _row_cells(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        msg = f"cells must be a list of strings, one statement per concept, not {v.what(value)}"
        raise TypeError(msg)
    if not value:
        msg = "cells must hold one statement per concept, not none"
        raise ValueError(msg)
    for index, cell in enumerate(value):
        v.check_text(f"cells[{index}]", cell)


@attrs.frozen(repr=False)
class LineupRow:
    """One row of a lineup: an aspect, and one statement for each concept, in the lineup's order of concepts."""

    aspect: str = attrs.field(converter=v.stripped, validator=v.text)
    cells: tuple[str, ...] = attrs.field(converter=v.stripped_all, validator=_row_cells)

    def __repr__(self) -> str:
        return f"LineupRow({self.aspect!r}, {self.cells!r})"


def _lineup_concepts(lineup: Lineup, attribute: attrs.Attribute[Any], value: tuple[Concept, ...]) -> None:
    """Three or more different concepts, no two of which share a name."""
    if len(value) < _FEWEST:
        msg = f"a lineup needs at least {_FEWEST} concepts, not {len(value)}; two make a Comparison"
        raise ValueError(msg)
    for index, concept in enumerate(value):
        if concept.slug == _ASPECT_KEY:
            msg = (
                f"concepts[{index}] has the slug {_ASPECT_KEY!r}, which in a pack names a row's aspect; "
                "give the concept another"
            )
            raise ValueError(msg)
        for other in value[:index]:
            if other.slug == concept.slug:
                msg = f"concepts[{index}] repeats the concept {concept.slug!r}"
                raise ValueError(msg)
            _no_shared_name(other, concept)


_FEWEST = 3
_ASPECT_KEY = "aspect"  # a row of a pack keys its aspect so, beside the statements keyed by slug


def _lineup_rows(lineup: Lineup, attribute: attrs.Attribute[Any], rows: tuple[LineupRow, ...]) -> None:
    """At least one row, each aspect once, each row one statement per concept."""
    _rows(lineup, attribute, rows)  # type: ignore[arg-type]
    count = len(lineup.concepts)
    for index, row in enumerate(rows):
        if len(row.cells) != count:
            msg = (
                f"differences[{index}] has {len(row.cells)} statements for {count} concepts; "
                f"a row needs one statement per concept ({', '.join(c.slug for c in lineup.concepts)})"
            )
            raise ValueError(msg)


def _clauses(value: object) -> Any:
    """A summary as stored: text stripped, or a list of clauses as a tuple of stripped texts."""
    return v.stripped(value) if isinstance(value, str) else v.stripped_all(value)


def _lineup_summary(lineup: Lineup, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        v.check_text("summary", value, blank_ok=True)
        return
    count = len(lineup.concepts)
    if len(value) != count:
        msg = f"summary must hold one clause per concept ({count}), not {len(value)}"
        raise ValueError(msg)
    for index, clause in enumerate(value):
        v.check_text(f"summary[{index}]", clause)


@attrs.frozen(repr=False)
class Lineup:
    """Three or more concepts side by side: rows of aspects, each with one standalone statement per concept.

    ``concepts`` are the :class:`Concept` objects in column order;
    ``differences`` the :class:`LineupRow` rows, whose cells follow that
    order. ``summary`` is one line of text, or a tuple of one standalone
    clause per concept. Every statement is about its own concept only, so
    the columns read well in any order (:meth:`reordered`) and any two of
    them make a comparison (:meth:`pair`).
    """

    concepts: tuple[Concept, ...] = attrs.field(
        converter=v.as_tuple, validator=[v.instances(Concept, "a Concept"), _lineup_concepts]
    )
    differences: tuple[LineupRow, ...] = attrs.field(
        converter=v.as_tuple, validator=[v.instances(LineupRow, "a LineupRow"), _lineup_rows]
    )
    summary: str | tuple[str, ...] = attrs.field(
        default="", kw_only=True, converter=_clauses, validator=_lineup_summary
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), kw_only=True, converter=_sources, validator=v.instances(Source, "a Source or a string")
    )
    similarities: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=v.stripped_all, validator=v.texts())
    tags: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=v.stripped_all, validator=v.texts(kebab=True)
    )
    notes: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=v.stripped_all, validator=v.texts())

    @property
    def slug(self) -> str:
        """The lineup's key, the slugs joined by ``-vs-``: ``output-vs-outcome-vs-impact``."""
        return "-vs-".join(c.slug for c in self.concepts)

    @property
    def title(self) -> str:
        """The lineup's heading, as in ``Output vs Outcome vs Impact``."""
        return " vs ".join(c.name for c in self.concepts)

    @property
    def aspects(self) -> tuple[str, ...]:
        """The aspect labels of the rows, in order."""
        return tuple(row.aspect for row in self.differences)

    @property
    def summary_text(self) -> str:
        """The summary as one line: the text, or the clauses joined."""
        return self.summary if isinstance(self.summary, str) else " ".join(self.summary)

    def column(self, slug: str) -> tuple[str, ...]:
        """The statements about one concept (by slug), one per row, in order."""
        index = self._index(slug)
        return tuple(row.cells[index] for row in self.differences)

    def reordered(self, slugs: Sequence[str]) -> Lineup:
        """The same lineup with its columns in the order of ``slugs`` (every concept's slug, once each)."""
        if sorted(slugs) != sorted(c.slug for c in self.concepts):
            msg = (
                f"expected the slugs of the lineup's concepts in some order "
                f"({', '.join(c.slug for c in self.concepts)}), not {', '.join(map(repr, slugs))}"
            )
            raise ValueError(msg)
        order = [self._index(slug) for slug in slugs]
        summary = self.summary if isinstance(self.summary, str) else tuple(self.summary[i] for i in order)
        return attrs.evolve(
            self,
            concepts=tuple(self.concepts[i] for i in order),
            differences=tuple(
                attrs.evolve(row, cells=tuple(row.cells[i] for i in order)) for row in self.differences
            ),
            summary=summary,
        )

    def pair(self, left: str, right: str) -> Comparison:
        """Two of the concepts (by slug) as a :class:`Comparison`: their two columns, its ``lineup`` this title.

        The sources, tags and notes come along; the similarities, written of
        the whole lineup, do not, nor does a summary written as one line of
        the whole lineup (it speaks of the other concepts too): the pair has
        the two concepts' clauses, or no summary.
        """
        i, j = self._index(left), self._index(right)
        if i == j:
            msg = f"a comparison needs two different concepts, not {left!r} twice"
            raise ValueError(msg)
        summary = "" if isinstance(self.summary, str) else Summary(self.summary[i], self.summary[j])
        return Comparison(
            self.concepts[i],
            self.concepts[j],
            tuple(Difference(row.aspect, row.cells[i], row.cells[j]) for row in self.differences),
            summary=summary,
            sources=self.sources,
            tags=self.tags,
            notes=self.notes,
            lineup=self.title,
        )

    def _index(self, slug: str) -> int:
        for index, concept in enumerate(self.concepts):
            if concept.slug == slug:
                return index
        msg = f"{self.title} has no concept {slug!r} (its concepts are: {', '.join(c.slug for c in self.concepts)})"
        raise ValueError(msg)

    def __repr__(self) -> str:
        return f"<Lineup {self.slug} ({len(self.concepts)} concepts, {len(self.differences)} differences)>"

    # The same display as a comparison's: the renderers take either.
    __str__ = Comparison.__str__
    _repr_pretty_ = Comparison._repr_pretty_
    view = Comparison.view
    _repr_mimebundle_ = Comparison._repr_mimebundle_
