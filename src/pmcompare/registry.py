"""The Registry: concepts and comparisons, found by name in either order."""

from __future__ import annotations

import re
import threading
from collections.abc import Container, Iterator
from os import PathLike
from typing import TYPE_CHECKING, Any

from ._text import key
from .errors import ConflictError, UnknownComparisonError, UnknownConceptError
from .model import Comparison, Concept

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["Registry", "split_pair"]

_VERSUS = re.compile(r"\s+(?:vs\.?|versus|v\.?)\s+|\s*\|\s*", re.IGNORECASE)


def split_pair(text: str) -> tuple[str, str]:
    """Split ``"a vs b"`` (also ``versus``, ``vs.`` or ``a | b``) into its two names."""
    parts = _VERSUS.split(text.strip(), maxsplit=1)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        msg = f"expected two names such as 'product strategy vs product management', not {text!r}"
        raise ValueError(msg)
    return parts[0].strip(), parts[1].strip()


_EMPTY: dict[str, Comparison] = {}  # never written to
_NO_ANSWERS: dict[str | None, Comparison] = {}  # never written to


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


class Registry:
    """A set of concepts and the comparisons between them, looked up by name.

    Names, slugs and aliases all find a concept, matched without regard to
    case, surrounding space, or the difference between spaces, hyphens and
    underscores. ``get(a, b)`` returns the comparison with ``a`` on the left,
    whichever order it was stored in.
    """

    def __init__(self) -> None:
        self._concepts: dict[str, Concept] = {}  # slug -> concept
        self._keys: dict[str, str] = {}  # folded name/slug/alias -> slug
        self._comparisons: dict[tuple[str, str], Comparison] = {}  # sorted slugs -> as stored
        self._partners: dict[str, set[str]] = {}  # slug -> slugs compared with it
        # left slug -> right slug -> the comparison so oriented, filled on
        # first use. Turning a comparison round builds a new object for each
        # row; kept, a lookup the other way round costs what one in stored
        # order does. It holds at most two per comparison; a turned one
        # shares its strings with the stored one.
        self._oriented_cache: dict[str, dict[str, Comparison]] = {}
        # What get() answered, by the two strings exactly as they were given
        # (the second None for one "a vs b" string): first -> second -> the
        # comparison. Asked again, get() is two lookups in small tables: no
        # folding, no slugs, and few memory lines touched, which is what a
        # lookup costs most in a registry whose tables have outgrown the
        # processor's caches. Only answers are kept, never failures. It is
        # bounded (see _remember) and emptied whenever the registry changes.
        self._answers: dict[str, dict[str | None, Comparison]] = {}
        self._answer_count = 0
        self._lock = threading.RLock()

    # -- adding ---------------------------------------------------------

    def register(self, item: Concept | Comparison) -> None:
        """Add a concept, or a comparison together with its two concepts.

        A concept equal to one already registered is accepted and changes
        nothing. Raises :class:`ConflictError` for a second comparison of the
        same pair (in either order), or a concept whose slug, name or alias
        already belongs to a different concept.
        """
        with self._lock:
            if isinstance(item, Concept):
                self._check_concept(item)
                self._add_concept(item)
                self._forget_answers()
            elif isinstance(item, Comparison):
                left, right = item.left, item.right
                # A concept registered already, this very one, as a pack's
                # comparisons have them, needs no check.
                left_known = self._concepts.get(left.slug) is left or self._check_concept(left)
                right_known = self._concepts.get(right.slug) is right or self._check_concept(right)
                # Two registered concepts never share a name (registering the
                # second would have failed), so only a new one is checked.
                if not (left_known and right_known):
                    shared = {key(n) for n in left.names} & {key(n) for n in right.names}
                    if shared:
                        msg = (
                            f"concepts {left.slug!r} and {right.slug!r} share the name "
                            f"{sorted(shared)[0]!r}; each name may belong to one concept only"
                        )
                        raise ConflictError(msg)
                pair = _pair(left.slug, right.slug)
                if pair in self._comparisons:
                    other = self._comparisons[pair]
                    msg = f"{item.title!r} is already registered (as {other.title!r})"
                    raise ConflictError(msg)
                # A known concept is registered already (as _check_concept found).
                if not left_known:
                    self._add_concept(left)
                if not right_known:
                    self._add_concept(right)
                self._comparisons[pair] = item
                self._partners[left.slug].add(right.slug)
                self._partners[right.slug].add(left.slug)
                self._forget_answers()
            else:
                msg = f"register() takes a Concept or a Comparison, not {type(item).__name__}"
                raise TypeError(msg)

    def _check_concept(self, concept: Concept) -> bool:
        """Refuse a concept that conflicts with those registered; True if it is registered already."""
        known = self._concepts.get(concept.slug)
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
            owner = self._keys.get(key(name))
            if owner is not None and owner != concept.slug:
                msg = (
                    f"the name {name!r} of concept {concept.slug!r} already belongs to "
                    f"concept {owner!r} ({self._concepts[owner].name!r})"
                )
                raise ConflictError(msg)
        # A concept's own names must not collide with one another either.
        seen: dict[str, str] = {}
        for name in concept.names:
            folded = key(name)
            if folded in seen and seen[folded] != name and name != concept.slug:
                msg = f"concept {concept.slug!r} lists {name!r} twice (as {seen[folded]!r})"
                raise ConflictError(msg)
            seen.setdefault(folded, name)
        return False

    def _add_concept(self, concept: Concept) -> None:
        if concept.slug in self._concepts:
            return
        self._concepts[concept.slug] = concept
        self._partners[concept.slug] = set()
        for name in concept.names:
            self._keys[key(name)] = concept.slug

    def load(self, path: str | PathLike[str] | Traversable) -> tuple[Comparison, ...]:
        """Add a data pack (a TOML or JSON file, or a folder of them), all or nothing.

        Returns the comparisons added. If anything in the pack is wrong,
        raises :class:`~pmcompare.DataError` listing every problem, and the
        registry is left exactly as it was.
        """
        from .packs import read_pack

        with self._lock:
            trial = self.copy()
            added = read_pack(path, into=trial)
            self._concepts = trial._concepts
            self._keys = trial._keys
            self._comparisons = trial._comparisons
            self._partners = trial._partners
            self._forget_answers()
            return added

    def copy(self) -> Registry:
        """A new registry with the same concepts and comparisons, to change apart."""
        with self._lock:
            new = Registry()
            new._concepts = dict(self._concepts)
            new._keys = dict(self._keys)
            new._comparisons = dict(self._comparisons)
            new._partners = {slug: set(p) for slug, p in self._partners.items()}
            return new

    # -- looking up -----------------------------------------------------

    def _slug_of(self, name: str) -> str:
        if not isinstance(name, str):
            msg = f"a concept name must be a string, not {type(name).__name__}"
            raise TypeError(msg)
        if name in self._concepts:  # a slug as it is, as packs name concepts: no folding needed
            return name
        slug = self._keys.get(key(name))
        if slug is None:
            raise UnknownConceptError(name, self.suggest(name))
        return slug

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """The names of the concepts nearest to ``name``, best first, for a "did you mean"."""
        import difflib

        folded = key(name)
        slugs: list[str] = []
        for match in difflib.get_close_matches(folded, list(self._keys), n=limit * 3, cutoff=0.6):
            slugs.append(self._keys[match])
        if folded:
            for k, slug in sorted(self._keys.items()):
                if folded in k.split() or (len(folded) > 3 and folded in k):
                    slugs.append(slug)
        names: list[str] = []
        for slug in slugs:
            concept_name = self._concepts[slug].name.lower()
            if concept_name not in names:
                names.append(concept_name)
        return tuple(names[:limit])

    def concept(self, name: str) -> Concept:
        """The concept known by ``name`` (a name, slug or alias).

        Raises :class:`~pmcompare.UnknownConceptError` with suggestions.
        """
        # A slug as it is (as packs name concepts) is found at once.
        found = self._concepts.get(name) if type(name) is str else None
        return found if found is not None else self._concepts[self._slug_of(name)]

    def concepts(self) -> tuple[Concept, ...]:
        """Every concept, ordered by slug."""
        return tuple(self._concepts[slug] for slug in sorted(self._concepts))

    def get(self, a: str, b: str | None = None) -> Comparison:
        """The comparison of ``a`` with ``b``, with ``a`` on the left.

        ``a`` and ``b`` are names, slugs or aliases. With one argument, it is
        split on ``vs``: ``get("product strategy vs product management")``.
        Raises :class:`~pmcompare.UnknownConceptError` for a name that matches
        nothing, and :class:`~pmcompare.UnknownComparisonError` for two known
        concepts that are not compared.
        """
        try:
            answer = self._answers.get(a, _NO_ANSWERS).get(b)
        except TypeError:  # an unhashable name: _find says what is wrong with it
            answer = None
        if answer is not None:
            return answer
        answer = self._find(a, b)
        self._remember(a, b, answer)
        return answer

    def _find(self, a: str, b: str | None) -> Comparison:
        """get() the long way: split, fold and match the names, then orient."""
        if b is None:
            a, b = split_pair(a)
        left, right = self._slug_of(a), self._slug_of(b)
        oriented = self._oriented_cache.get(left, _EMPTY).get(right)
        if oriented is not None:
            return oriented
        found = self._comparisons.get(_pair(left, right))
        if found is None:
            suggestions = [
                self._oriented(slug, other).title
                for slug in (left, right)
                for other in sorted(self._partners.get(slug, ()))
            ]
            raise UnknownComparisonError(self._concepts[left].name, self._concepts[right].name, suggestions)
        return self._oriented(left, right)

    def _remember(self, a: str, b: str | None, answer: Comparison) -> None:
        """Keep what get(a, b) answered, for the same two strings asked again."""
        if type(a) is not str or (b is not None and type(b) is not str):
            return  # a str subclass may compare equal to a string it does not fold like
        # Room for every comparison asked both ways round, each side spelled
        # two ways, and then some; past that the table starts afresh, so that
        # a stream of ever new spellings cannot grow it without end. Two
        # threads may both count or both start afresh: either way what is
        # kept stays right and the bound holds give or take a few.
        if self._answer_count >= 4 * len(self._comparisons) + 1024:
            self._forget_answers()
        self._answers.setdefault(a, {})[b] = answer
        self._answer_count += 1

    def _forget_answers(self) -> None:
        """Empty the table of get()'s answers (a new one, so readers never see it half-cleared)."""
        # Adding to the registry changes no answer already given (a name
        # keeps its concept, a pair its comparison), but an answer kept
        # across a change is one more thing to reason about; they are cheap
        # to find again.
        if self._answer_count:
            self._answers = {}
            self._answer_count = 0

    def comparisons_of(self, name: str) -> tuple[Comparison, ...]:
        """Every comparison of one concept, with that concept on the left, ordered by slug."""
        slug = self._slug_of(name)
        return tuple(self._oriented(slug, other) for other in sorted(self._partners.get(slug, ())))

    def _oriented(self, left: str, right: str) -> Comparison:
        """The comparison of two slugs, ``left`` on the left, made once and kept."""
        oriented = self._oriented_cache.get(left, _EMPTY).get(right)
        if oriented is None:
            # A stored comparison is never replaced, so what is kept stays
            # right; two threads may both make it, and either result is the same.
            found = self._comparisons[_pair(left, right)]
            oriented = found if found.left.slug == left else found.swapped()
            self._oriented_cache.setdefault(left, {})[right] = oriented
        return oriented

    def search(self, text: str) -> tuple[Comparison, ...]:
        """Comparisons matching every word of ``text``, best first.

        Looks in concept names and aliases (an exact name ranks first), then
        definitions, aspects, summaries and statements. Where the text names a
        concept, that concept is put on the left.
        """
        words = key(text).split()
        if not words:
            return ()
        folded_text = " ".join(words)
        exact = self._keys.get(folded_text)
        scored: list[tuple[int, str, Comparison]] = []
        for comparison in self._comparisons.values():
            score = _score(comparison, words)
            if score is None:
                continue
            if exact in (comparison.left.slug, comparison.right.slug):
                score += 1000
                if comparison.right.slug == exact:
                    comparison = comparison.swapped()
            scored.append((-score, comparison.slug, comparison))
        scored.sort(key=lambda row: (row[0], row[1]))
        return tuple(row[2] for row in scored)

    # -- container protocol ---------------------------------------------

    def __len__(self) -> int:
        return len(self._comparisons)

    def __iter__(self) -> Iterator[Comparison]:
        """The comparisons as stored, ordered by slug."""
        return iter(sorted(self._comparisons.values(), key=lambda c: c.slug))

    def __contains__(self, item: object) -> bool:
        """``(a, b) in registry`` for names in either order; also a Comparison."""
        if isinstance(item, Comparison):
            stored = self._comparisons.get(_pair(item.left.slug, item.right.slug))
            return stored is not None and item in (stored, stored.swapped())
        if isinstance(item, tuple) and len(item) == 2 and all(isinstance(n, str) for n in item):
            a, b = (self._keys.get(key(n)) for n in item)
            return a is not None and b is not None and _pair(a, b) in self._comparisons
        return False

    def __repr__(self) -> str:
        return f"<Registry: {len(self._comparisons)} comparisons, {len(self._concepts)} concepts>"

    # -- notebook display -------------------------------------------------

    def _listing(self) -> list[tuple[str, str, str]]:
        from ._text import flatten, visible

        return [
            (visible(flatten(c.title)), str(len(c.differences)), visible(flatten(c.summary)))
            for c in self
        ]

    def _repr_html_(self) -> str:
        """The registry for a notebook: an HTML table of its comparisons, all text escaped."""
        from html import escape

        caption = escape(repr(self)[1:-1])
        out = [
            '<div class="pmcompare pmcompare-registry"><table>',
            f"<caption>{caption}</caption>",
            '<thead><tr><th scope="col">Comparison</th><th scope="col">Differences</th>'
            '<th scope="col">Summary</th></tr></thead>',
            "<tbody>",
        ]
        for title, count, summary in self._listing():
            out.append(f'<tr><th scope="row">{escape(title)}</th><td>{count}</td><td>{escape(summary)}</td></tr>')
        out.append("</tbody></table></div>")
        return "\n".join(out)

    def _repr_mimebundle_(
        self, include: Container[str] | None = None, exclude: Container[str] | None = None, **kwargs: Any
    ) -> dict[str, str]:
        """The registry for a notebook: its comparisons listed as plain text and as HTML."""
        bundle: dict[str, str] = {}
        for media_type, make in (("text/plain", self._plain), ("text/html", self._repr_html_)):
            if (include is None or media_type in include) and (exclude is None or media_type not in exclude):
                bundle[media_type] = make()
        return bundle

    def _plain(self) -> str:
        lines = [repr(self)]
        lines += [f"  {title} ({count} differences)" for title, count, _ in self._listing()]
        return "\n".join(lines)


_WEIGHTS = (("names", 50), ("definitions", 10), ("aspects", 8), ("summary", 5), ("statements", 2))


def _fields(comparison: Comparison) -> dict[str, str]:
    concepts = (comparison.left, comparison.right)
    return {
        "names": " | ".join(key(n) for c in concepts for n in c.names),
        "definitions": key(" ".join(c.definition for c in concepts)),
        "aspects": key(" ".join(comparison.aspects)),
        "summary": key(comparison.summary),
        "statements": key(
            " ".join(d.left + " " + d.right for d in comparison.differences)
            + " "
            + " ".join(comparison.similarities)
            + " "
            + " ".join(comparison.tags)
        ),
    }


def _score(comparison: Comparison, words: list[str]) -> int | None:
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
