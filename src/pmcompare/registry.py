"""The Registry: concepts, comparisons and lineups, found by name in any order."""

from __future__ import annotations

import threading
from collections.abc import Callable, Container, Iterator, Mapping
from os import PathLike
from typing import TYPE_CHECKING, Any, overload

from ._text import key
from .errors import ConflictError, DataError, UnknownComparisonError, UnknownConceptError, UnknownLineupError
from .model import Comparison, Concept, Lineup
from .search import Index, IndexSlot, SearchHit, suggestions

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

    import pandas

    from .export import ExportFormat
    from .packs import Pack

__all__ = ["MAX_NAMES", "MAX_NAME_LENGTH", "MAX_QUERY_WORDS", "Registry", "split_names", "split_pair"]

MAX_NAME_LENGTH = 200
"""The longest name a lookup takes, in characters; no concept's name comes near it."""

MAX_QUERY_WORDS = 32
"""The most words a search takes; a longer text is refused rather than searched word by word for seconds."""

_VERSUS = frozenset({"vs", "vs.", "versus", "v", "v."})


def _name_type(name: object, what: str = "a concept name") -> None:
    if not isinstance(name, str):
        msg = f"{what} must be a string, not {type(name).__name__}"
        raise TypeError(msg)


def _query(text: object) -> str:
    """The text of a search, checked: a string of at most :data:`MAX_QUERY_WORDS` words."""
    _name_type(text, "the text to search for")
    assert isinstance(text, str)
    words = len(text.split())
    if words > MAX_QUERY_WORDS or len(text) > MAX_QUERY_WORDS * (MAX_NAME_LENGTH + 1):
        msg = f"a search takes at most {MAX_QUERY_WORDS} words, and this one has {words:,}; search for fewer"
        raise ValueError(msg)
    return text


def split_pair(text: str) -> tuple[str, str]:
    """Split ``"a vs b"`` (also ``versus``, ``vs.``, ``v`` or ``a | b``) into its two names."""
    _name_type(text, "a pair of names")
    if len(text) > 2 * MAX_NAME_LENGTH + 10:
        msg = (
            f"expected two names of at most {MAX_NAME_LENGTH} characters each, "
            f"found a text of {len(text):,} characters"
        )
        raise ValueError(msg)
    # Words, and the first that is "vs" (or a "|", wherever it is) splits them:
    # one pass, and names compared by key(), so their inner spacing is moot.
    before, bar, after = text.partition("|")
    words = before.split()
    for index, word in enumerate(words):
        if word.casefold() in _VERSUS and 0 < index < len(words) - 1:
            left, right = " ".join(words[:index]), " ".join(words[index + 1 :]) + bar + after
            break
    else:
        left, right = before, after if bar else ""
    left, right = left.strip(), right.strip()
    if not left or not right:
        msg = f"expected two names such as 'product strategy vs product management', not {text!r}"
        raise ValueError(msg)
    return left, right


MAX_NAMES = 12
"""The most names one lookup takes: no lineup comes near it."""


def split_names(text: str) -> tuple[str, ...]:
    """Split ``"a vs b vs c"`` (also ``versus``, ``vs.``, ``v``, or ``a | b | c``) into its names, two or more."""
    _name_type(text, "a list of names")
    if len(text) > MAX_NAMES * (MAX_NAME_LENGTH + 10):
        msg = (
            f"expected at most {MAX_NAMES} names of at most {MAX_NAME_LENGTH} characters each, "
            f"found a text of {len(text):,} characters"
        )
        raise ValueError(msg)
    names: list[str] = []
    for part in text.split("|"):
        words: list[str] = []
        for word in part.split():
            if words and word.casefold() in _VERSUS:  # a "vs" after a name ends it
                names.append(" ".join(words))
                words = []
            else:
                words.append(word)
        names.append(" ".join(words))
    if len(names) < 2 or not all(names):
        msg = f"expected two or more names such as 'output vs outcome vs impact', not {text!r}"
        raise ValueError(msg)
    if len(names) > MAX_NAMES:
        msg = f"expected at most {MAX_NAMES} names, found {len(names)}"
        raise ValueError(msg)
    return tuple(names)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


class _State:
    """What a registry holds, in tables that are only ever added to."""

    def __init__(self) -> None:
        self.concepts: dict[str, Concept] = {}  # slug -> concept
        self.keys: dict[str, str] = {}  # folded name, slug or alias -> slug
        self.comparisons: dict[tuple[str, str], Comparison] = {}  # sorted slugs -> as stored
        self.partners: dict[str, set[str]] = {}  # slug -> slugs compared with it
        self.lineups: dict[frozenset[str], Lineup] = {}  # the set of its slugs -> as stored
        self.members: dict[str, set[frozenset[str]]] = {}  # slug -> the keys of the lineups that hold it
        self.changes = 0  # counts registrations, so that a search index knows it is out of date

    def copy(self) -> _State:
        new = _State()
        new.concepts = dict(self.concepts)
        new.keys = dict(self.keys)
        new.comparisons = dict(self.comparisons)
        new.partners = {slug: set(p) for slug, p in self.partners.items()}
        new.lineups = dict(self.lineups)
        new.members = {slug: set(m) for slug, m in self.members.items()}
        return new


class Registry:
    """A set of concepts, the comparisons between them and the lineups of three or more, looked up by name.

    Names, slugs and aliases all find a concept, matched without regard to
    case, surrounding space, or the difference between spaces, hyphens and
    underscores. ``get(a, b)`` returns the comparison with ``a`` on the left,
    whichever order it was stored in; ``get(a, b, c)`` the lineup of the
    three, its columns in that order. A pair that has no comparison of its
    own but is inside a lineup is answered by the lineup's two columns
    (:meth:`Lineup.pair <pmcompare.Lineup.pair>`); if several lineups hold
    the pair, the one of fewest concepts, then the first by slug.

    Iterating gives the stored comparisons only, and ``len`` counts them, as
    before lineups existed; :meth:`lineups` gives the lineups.

    Threads: every method may be called while another thread registers or
    loads. Adding (``register``, ``load``, ``add``) takes a lock; lookups
    (``get``, ``concept``, ``in``) read tables that are only ever added to,
    and a load puts its tables in place at once; iteration, ``search``,
    ``concepts``, ``comparisons_of`` and ``copy`` work on a snapshot taken
    under the lock, so they see the registry as it was at one moment.
    """

    def __init__(self) -> None:
        self._state = _State()
        self._lock = threading.RLock()
        self._search = IndexSlot()  # the search index, for the state it was built from

    # -- adding ---------------------------------------------------------

    def register(self, item: Concept | Comparison | Lineup) -> None:
        """Add a concept, or a comparison or lineup together with its concepts.

        A concept equal to one already registered is accepted and changes
        nothing. Raises :class:`ConflictError` for a second comparison of the
        same pair (in either order), a second lineup of the same concepts, or
        a concept whose slug, name or alias already belongs to a different
        concept.
        """
        with self._lock:
            state = self._state
            if isinstance(item, Concept):
                if not _check_concept(state, item):
                    _add_concept(state, item)
            elif isinstance(item, Comparison):
                left, right = item.left, item.right
                left_known, right_known = _check_concept(state, left), _check_concept(state, right)
                pair = _pair(left.slug, right.slug)
                other = state.comparisons.get(pair)
                if other is not None:
                    msg = f"{item.title!r} is already registered (as {other.title!r})"
                    raise ConflictError(msg)
                if not left_known:
                    _add_concept(state, left)
                if not right_known:
                    _add_concept(state, right)
                state.comparisons[pair] = item
                state.partners[left.slug].add(right.slug)
                state.partners[right.slug].add(left.slug)
            elif isinstance(item, Lineup):
                known = [_check_concept(state, concept) for concept in item.concepts]
                members = frozenset(c.slug for c in item.concepts)
                other_lineup = state.lineups.get(members)
                if other_lineup is not None:
                    msg = f"{item.title!r} is already registered (as {other_lineup.title!r})"
                    raise ConflictError(msg)
                for concept, is_known in zip(item.concepts, known, strict=True):
                    if not is_known:
                        _add_concept(state, concept)
                state.lineups[members] = item
                for concept in item.concepts:
                    state.members[concept.slug].add(members)
            else:
                msg = f"register() takes a Concept, a Comparison or a Lineup, not {type(item).__name__}"
                raise TypeError(msg)
            state.changes += 1

    def load(self, path: str | PathLike[str] | Traversable) -> tuple[Comparison, ...]:
        """Add a data pack (a TOML or JSON file, or a folder of them), all or nothing.

        Returns the comparisons added (:meth:`lineups` has the lineups). If anything in the pack is wrong,
        raises :class:`~pmcompare.DataError` listing every problem, and the
        registry is left exactly as it was. No other error comes from a bad
        pack, so a caller checking many packs can go on to the next.
        """
        from .packs import read_pack

        # Read without the lock, so lookups on other threads go on meanwhile;
        # add() takes it and checks the pack against the registry as it is then.
        return self.add(read_pack(path, known=self.concept))

    def add(self, pack: Pack) -> tuple[Comparison, ...]:
        """Add what :func:`pmcompare.packs.read_pack` found, all or nothing, as :meth:`load` does."""
        with self._lock:
            problems = list(pack.problems)
            trial = Registry()
            trial._state = self._state.copy()
            refused: set[int] = set()  # the concepts that conflict: their comparisons are not tried
            for concept in pack.concepts:
                try:
                    trial.register(concept)
                except ConflictError as error:
                    problems.append(pack.problem(concept, str(error)))
                    refused.add(id(concept))
            added = []
            for comparison in pack.comparisons:
                if id(comparison.left) in refused or id(comparison.right) in refused:
                    continue
                try:
                    trial.register(comparison)
                except ConflictError as error:
                    problems.append(pack.problem(comparison, str(error)))
                    continue
                added.append(comparison)
            for lineup in pack.lineups:
                if any(id(concept) in refused for concept in lineup.concepts):
                    continue
                try:
                    trial.register(lineup)
                except ConflictError as error:
                    problems.append(pack.problem(lineup, str(error)))
            if problems:
                # In the order of the files and of the lines in each.
                raise DataError(sorted(problems, key=lambda p: (p.file or "", p.line or 0)))
            self._state = trial._state
            return tuple(added)

    def copy(self) -> Registry:
        """A new registry with the same concepts, comparisons and lineups, to change apart."""
        with self._lock:
            new = Registry()
            new._state = self._state.copy()
            return new

    # -- looking up -----------------------------------------------------

    def _slug_of(self, state: _State, name: str) -> str:
        _name_type(name)
        if len(name) > MAX_NAME_LENGTH:
            reason = f"a name has at most {MAX_NAME_LENGTH} characters, and this one has {len(name):,}"
            raise UnknownConceptError(name, reason=reason)
        slug = state.keys.get(key(name))
        if slug is None:
            suggestions = list(self.suggest(name))
            for hit in self.find(name, limit=3):
                if isinstance(hit.item, Concept) and hit.item.name.lower() not in suggestions and len(suggestions) < 4:
                    suggestions.append(hit.item.name.lower())
            raise UnknownConceptError(name, suggestions)
        return slug

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """The names of the concepts nearest to ``name``, best first, for a "did you mean"."""
        import difflib

        _name_type(name)
        folded = key(name)
        if len(folded) > MAX_NAME_LENGTH:
            return ()
        with self._lock:
            state = self._state
            keys = sorted(state.keys.items())
        close = difflib.get_close_matches(folded, [k for k, _ in keys], n=limit * 3, cutoff=0.6)
        slugs = [state.keys[m] for m in close]
        if folded:
            slugs += [slug for k, slug in keys if folded in k.split() or (len(folded) > 3 and folded in k)]
        names: list[str] = []
        for slug in slugs:
            concept_name = state.concepts[slug].name.lower()
            if concept_name not in names:
                names.append(concept_name)
        return tuple(names[:limit])

    def concept(self, name: str) -> Concept:
        """The concept known by ``name`` (a name, slug or alias).

        Raises :class:`~pmcompare.UnknownConceptError` with suggestions.
        """
        state = self._state
        return state.concepts[self._slug_of(state, name)]

    def concepts(self) -> tuple[Concept, ...]:
        """Every concept, ordered by slug."""
        with self._lock:
            concepts = dict(self._state.concepts)
        return tuple(concepts[slug] for slug in sorted(concepts))

    @overload
    def get(self, a: str, b: str) -> Comparison: ...
    @overload
    def get(self, a: str, b: str, c: str, /, *more: str) -> Lineup: ...
    @overload
    def get(self, a: str, b: None = None) -> Comparison | Lineup: ...

    def get(self, a: str, b: str | None = None, *more: str) -> Comparison | Lineup:
        """The comparison of ``a`` with ``b`` (``a`` on the left), or the lineup of three or more names.

        ``a``, ``b`` and the rest are names, slugs or aliases. With one
        argument, it is split on ``vs`` or ``|``: ``get("product strategy vs
        product management")``, ``get("dau vs wau vs mau")``. A lineup comes
        with its columns in the order asked, whatever order it is stored in.
        Two names with no comparison of their own, but both in a lineup, give
        that lineup's two columns as a comparison (its ``lineup`` says so).

        Raises :class:`~pmcompare.UnknownConceptError` for a name that matches
        nothing, :class:`~pmcompare.UnknownComparisonError` for two known
        concepts that are not compared, :class:`~pmcompare.UnknownLineupError`
        for three or more that no lineup holds, :class:`ValueError` for a
        concept named twice, and :class:`TypeError` for a name that is not a
        string.
        """
        if b is None:
            if more:
                msg = "get() takes names as strings, not None"
                raise TypeError(msg)
            names = split_names(a)
        else:
            names = (a, b, *more)
        state = self._state
        slugs = [self._slug_of(state, name) for name in names]
        twice = next((slug for index, slug in enumerate(slugs) if slug in slugs[:index]), None)
        if twice is not None:
            asked = [name for name, slug in zip(names, slugs, strict=True) if slug == twice]
            written = " and ".join(map(repr, asked))
            msg = f"{state.concepts[twice].name!r} is named twice ({written}); name each concept once"
            raise ValueError(msg)
        if len(slugs) > 2:
            return self._lineup(state, slugs)
        left, right = slugs
        found = state.comparisons.get(_pair(left, right))
        if found is None:
            with self._lock:  # the sets of lineups a concept is in may be growing on another thread
                projected = _projected(state, left, right)
            if projected is not None:
                return projected
            with self._lock:
                partners = {slug: sorted(state.partners.get(slug, ())) for slug in (left, right)}
            suggestions = [_oriented(state, slug, other).title for slug in (left, right) for other in partners[slug]]
            # Then the comparisons that mention both, as search finds them.
            words = f"{state.concepts[left].name} {state.concepts[right].name}"
            pairs = {_pair(slug, other) for slug in (left, right) for other in partners[slug]}
            suggestions += [c.title for c in self.search(words)[:3] if _pair(c.left.slug, c.right.slug) not in pairs]
            with self._lock:
                suggestions += [lineup.title for lineup in _lineups_with(state, {left, right}, 1)][:3]
            suggestions = list(dict.fromkeys(suggestions))
            raise UnknownComparisonError(state.concepts[left].name, state.concepts[right].name, suggestions)
        return found if found.left.slug == left else found.swapped()

    def _lineup(self, state: _State, slugs: list[str]) -> Lineup:
        found = state.lineups.get(frozenset(slugs))
        if found is not None and len(slugs) == len(found.concepts):
            return found.reordered(slugs)
        # What there is among these concepts: lineups holding two or more of them, then their comparisons.
        with self._lock:
            suggestions = [lineup.title for lineup in _lineups_with(state, set(slugs), 2)]
        for index, left in enumerate(slugs):
            for right in slugs[index + 1 :]:
                if left != right and _pair(left, right) in state.comparisons:
                    suggestions.append(_oriented(state, left, right).title)
        raise UnknownLineupError([state.concepts[slug].name for slug in slugs], list(dict.fromkeys(suggestions)))

    def lineups(self) -> tuple[Lineup, ...]:
        """Every lineup as stored, ordered by slug."""
        with self._lock:
            lineups = list(self._state.lineups.values())
        return tuple(sorted(lineups, key=lambda lineup: lineup.slug))

    def lineups_of(self, name: str) -> tuple[Lineup, ...]:
        """Every lineup that holds one concept, that concept's column first, ordered by slug as stored."""
        state = self._state
        slug = self._slug_of(state, name)
        with self._lock:
            found = [state.lineups[members] for members in state.members.get(slug, ())]
        out = []
        for lineup in sorted(found, key=lambda lineup: lineup.slug):
            others = [c.slug for c in lineup.concepts if c.slug != slug]
            out.append(lineup.reordered([slug, *others]))
        return tuple(out)

    def comparisons_of(self, name: str) -> tuple[Comparison, ...]:
        """Every comparison of one concept, with that concept on the left, ordered by slug."""
        state = self._state
        slug = self._slug_of(state, name)
        with self._lock:
            partners = sorted(state.partners.get(slug, ()))
        return tuple(_oriented(state, slug, other) for other in partners)

    def search(self, text: str) -> tuple[Comparison, ...]:
        """Comparisons matching every word of ``text``, best first; a concept the text names comes first, on the left.

        Words meet by stem, in US or UK spelling, through aliases, and with a
        letter or two wrong (ranked lower). :meth:`find` gives concepts too.
        """
        _query(text)
        if not text.strip():
            return ()
        return tuple(self._search_index().comparisons(text))

    def find(self, text: str, *, limit: int | None = None) -> tuple[SearchHit, ...]:
        """Concepts and comparisons matching ``text`` as :meth:`search` does, each with where it matched.

        ``limit`` keeps the best so many. The index is built on the first
        search and again after the registry changes.
        """
        _query(text)
        if not text.strip():
            return ()
        return tuple(self._search_index().find(text, limit))

    def search_suggestions(self, text: str) -> tuple[str, ...]:
        """The indexed words and concept names nearest to those of ``text``, for a search that found nothing."""
        _query(text)
        return suggestions(self._search_index(), text)

    def _offer_index(self, load: Callable[[list[Any]], Index | None]) -> None:
        """Let each search index be ``load(items)`` if that gives one (a prebuilt index), else built."""
        self._search.offer(load)

    def _search_index(self) -> Index:
        state = self._state

        def items() -> list[Concept | Comparison | Lineup]:
            with self._lock:
                concepts, comparisons = list(state.concepts.values()), list(state.comparisons.values())
                lineups = list(state.lineups.values())
            # Concepts, comparisons, then lineups, each by slug: the order a prebuilt index was made in.
            return [
                *sorted(concepts, key=lambda c: c.slug),
                *sorted(comparisons, key=lambda c: c.slug),
                *sorted(lineups, key=lambda c: c.slug),
            ]

        return self._search.get((state, state.changes), items)

    # -- as a dataset (the tables are described in export.py) ----------------

    def records(self, *, metadata: Mapping[str, str | None] | None = None) -> dict[str, list[dict[str, Any]]]:
        """Every concept and comparison as tidy tables of plain dicts, ``{"concepts": [...], ...}``.

        See :data:`pmcompare.export.TABLES` for the tables and their columns.
        The ``metadata`` table names the bundled library's data version,
        licence and credit line only when the registry holds exactly the
        bundled library; for other data they are empty, and ``metadata``
        gives them, as ``{"data_version": "1.0", "licence": "CC0-1.0",
        "attribution": "..."}`` (see :func:`pmcompare.export.metadata_for`).
        """
        from .export import metadata_for, records

        return records(self, meta=metadata_for(self, metadata))

    def to_pandas(self, *, metadata: Mapping[str, str | None] | None = None) -> dict[str, pandas.DataFrame]:
        """The tables of :meth:`records` as pandas DataFrames, with the documented dtypes (``pmcompare[pandas]``).

        ``metadata`` is as for :meth:`records`.
        """
        from .export import dataframes, metadata_for

        return dataframes(self, meta=metadata_for(self, metadata))

    def export(
        self, path: str | PathLike[str], format: ExportFormat, *, metadata: Mapping[str, str | None] | None = None
    ) -> Path:
        """Write the registry as a dataset in ``format``: ``"csv"``, ``"jsonl"``, ``"json"`` or ``"sqlite"``.

        See :func:`pmcompare.export.write`; returns the path written.
        ``metadata`` is as for :meth:`records`: the data version, licence and
        attribution of data other than the bundled library.
        """
        from .export import metadata_for, write

        return write(self, path, format, meta=metadata_for(self, metadata))

    # -- container protocol ---------------------------------------------

    def __len__(self) -> int:
        """How many comparisons are stored (lineups are counted by ``len(registry.lineups())``)."""
        return len(self._state.comparisons)

    def __iter__(self) -> Iterator[Comparison]:
        """The comparisons as stored, ordered by slug."""
        with self._lock:
            comparisons = list(self._state.comparisons.values())
        return iter(sorted(comparisons, key=lambda c: c.slug))

    def __contains__(self, item: object) -> bool:
        """Whether :meth:`get` finds it: ``(a, b) in registry`` for names in either order, a pair inside a lineup
        included; ``(a, b, c) in registry`` for a lineup, in any order; also a Comparison or a Lineup.
        """
        state = self._state
        if isinstance(item, Comparison):
            stored = state.comparisons.get(_pair(item.left.slug, item.right.slug))
            if stored is None:
                with self._lock:
                    stored = _projected(state, item.left.slug, item.right.slug)
            return stored is not None and item in (stored, stored.swapped())
        if isinstance(item, Lineup):
            found = state.lineups.get(frozenset(c.slug for c in item.concepts))
            return found is not None and found.reordered([c.slug for c in item.concepts]) == item
        if isinstance(item, tuple) and len(item) >= 2 and all(isinstance(n, str) for n in item):
            found_slugs = [state.keys.get(key(n)) for n in item]
            slugs = [slug for slug in found_slugs if slug is not None]
            if len(slugs) < len(found_slugs):
                return False
            if len(slugs) == 2:
                a, b = slugs
                if _pair(a, b) in state.comparisons:
                    return True
                with self._lock:
                    return _projected(state, a, b) is not None
            lineup = state.lineups.get(frozenset(slugs))
            return lineup is not None and len(lineup.concepts) == len(slugs)
        return False

    def __repr__(self) -> str:
        state = self._state
        lineups = f", {len(state.lineups)} lineups" if state.lineups else ""
        return f"<Registry: {len(state.comparisons)} comparisons{lineups}, {len(state.concepts)} concepts>"

    # -- notebook display (drawn by the renderers) -------------------------

    def _repr_html_(self) -> str:
        """The registry for a notebook: an HTML table of its comparisons, then its lineups, all text escaped."""
        from .renderers import listing

        return listing.html(repr(self)[1:-1], [*self, *self.lineups()])

    def _repr_mimebundle_(
        self, include: Container[str] | None = None, exclude: Container[str] | None = None, **kwargs: Any
    ) -> dict[str, str]:
        """The registry for a notebook: its comparisons, then its lineups, listed as plain text and as HTML."""
        from .renderers import listing

        makers = {
            "text/plain": lambda: listing.text(repr(self), [*self, *self.lineups()]),
            "text/html": self._repr_html_,
        }
        return {
            media_type: make()
            for media_type, make in makers.items()
            if (include is None or media_type in include) and (exclude is None or media_type not in exclude)
        }


def _oriented(state: _State, left: str, right: str) -> Comparison:
    """The stored comparison of two slugs, turned round if need be so that ``left`` is on the left."""
    found = state.comparisons[_pair(left, right)]
    return found if found.left.slug == left else found.swapped()


def _lineups_with(state: _State, slugs: set[str], at_least: int) -> list[Lineup]:
    """The lineups holding ``at_least`` of ``slugs``: most of them first, then fewest concepts, then by slug."""
    keys = {members for slug in slugs for members in state.members.get(slug, ())}
    found = [state.lineups[members] for members in keys if len(members & slugs) >= at_least]
    return sorted(found, key=lambda lineup: (-len(slugs & _members(lineup)), len(lineup.concepts), lineup.slug))


def _members(lineup: Lineup) -> frozenset[str]:
    return frozenset(c.slug for c in lineup.concepts)


def _projected(state: _State, left: str, right: str) -> Comparison | None:
    """The pair as a lineup's two columns, if a lineup holds both: the one of fewest concepts, then by slug."""
    if left == right:
        return None
    holding = state.members.get(left, set()) & state.members.get(right, set())
    if not holding:
        return None
    lineup = min((state.lineups[members] for members in holding), key=lambda found: (len(found.concepts), found.slug))
    return lineup.pair(left, right)


def _check_concept(state: _State, concept: Concept) -> bool:
    """Refuse a concept that conflicts with those registered; True if it is registered already."""
    known = state.concepts.get(concept.slug)
    if known is not None:
        if known is not concept and known != concept:
            msg = (
                f"concept {concept.slug!r} is already registered with different content: "
                f"{known.name!r} ({known.definition[:40]!r}...) "
                f"against {concept.name!r} ({concept.definition[:40]!r}...)"
            )
            raise ConflictError(msg)
        return True
    for name in concept.names:
        owner = state.keys.get(key(name))
        if owner is not None and owner != concept.slug:
            msg = (
                f"the name {name!r} of concept {concept.slug!r} already belongs to "
                f"concept {owner!r} ({state.concepts[owner].name!r})"
            )
            raise ConflictError(msg)
    return False


def _add_concept(state: _State, concept: Concept) -> None:
    # The concept first, then its names: a reader that finds a name finds its concept.
    state.concepts[concept.slug] = concept
    state.partners[concept.slug] = set()
    state.members[concept.slug] = set()
    for name in concept.names:
        state.keys[key(name)] = concept.slug
