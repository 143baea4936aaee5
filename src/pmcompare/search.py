"""Search: an index of a registry's concepts, comparisons and lineups, ranked in the spirit of BM25.

Words are casefolded and split on anything that is not a letter or a digit
(so ``go-to-market`` is ``go to market``), US and UK spellings are folded to
one (see :mod:`pmcompare._spelling`), and each word is stemmed with
``snowballstemmer`` (English), imported on the first search. A concept's
aliases are indexed with its name, so ``okrs``, ``pm`` and ``jtbd`` find
their concepts. Every word of a query must match (common small words such
as "to" excepted); a word that matches nothing is matched to the indexed
words within one edit (two for words of eight letters or more), and such a
match counts for less than an exact one.

Fields have weights (names and aliases, then aspects, then summaries and
definitions, then statements and notes), a rare word counts for more than a
common one, and ties are broken by slug.
"""

from __future__ import annotations

import functools
import math
import re
import threading
from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from . import _snippets
from ._spelling import fold
from ._text import flatten
from .model import Comparison, Concept, Lineup

Item = Concept | Comparison | Lineup

__all__ = ["FIELDS", "Index", "IndexSlot", "SearchHit", "suggestions", "terms"]

FIELDS = {"name": 8.0, "aspect": 4.0, "summary": 2.0, "definition": 2.0, "statement": 1.0}
"""The fields searched and the weight of a match in each, highest first."""

_WORD = re.compile(r"[^\W_]+")
# Words that need not match for a result to count (they still add to its score).
_SMALL = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "is", "it", "of", "on", "or", "the", "to", "vs", "with"]
)
_K1 = 1.2
# BM25's length normalisation, by field: none for labels (a comparison with
# more rows is no less about one of them) nor for statements (each stands on
# its own, one a row), the usual 0.75 for the passages of prose.
_B = {"name": 0.0, "aspect": 0.0, "summary": 0.75, "definition": 0.75, "statement": 0.0}
_TYPO_WEIGHT = 0.4
_ABOUT_BONUS = 2.0  # a result that is about the query: its concept is named by the query's words
_EXACT = 1000.0  # the score of a result whose concept the whole query names


@functools.cache
def _stem_word() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english").stemWord


@functools.lru_cache(maxsize=65536)
def _term(word: str) -> str:
    return str(_stem_word()(fold(word)))


def terms(text: str) -> list[str]:
    """The index terms of ``text``, in order: folded, spelled the American way, stemmed."""
    return [_term(w) for w in _WORD.findall(text.casefold())]


def _spelled(text: str) -> str:
    """The words of ``text``, casefolded and spelled the American way: how names are matched whole."""
    return " ".join(fold(w) for w in _WORD.findall(text.casefold()))


@attrs.frozen
class SearchHit:
    """One result of :meth:`Registry.find`: what was found, how well, and where it matched.

    ``item`` is a :class:`Concept`, a :class:`Comparison` or a :class:`Lineup`
    (``kind`` says which); ``field`` is the
    field that matched best (one of ``name``, ``aspect``, ``summary``,
    ``definition``, ``statement``); ``snippet`` is a short passage of it,
    and ``spans`` are the ``(start, end)`` offsets of the matched words in
    the snippet.
    """

    item: Concept | Comparison | Lineup
    score: float
    field: str
    snippet: str
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def kind(self) -> str:
        """``"concept"``, ``"comparison"`` or ``"lineup"``."""
        if isinstance(self.item, Concept):
            return "concept"
        return "lineup" if isinstance(self.item, Lineup) else "comparison"


def _fields_of(item: Item) -> dict[str, list[str]]:
    if not isinstance(item, Concept):
        if isinstance(item, Comparison):
            concepts: tuple[Concept, ...] = (item.left, item.right)
            statements = [t for d in item.differences for t in (d.left, d.right)]
            summary = str(item.summary)
        else:
            concepts, summary = item.concepts, item.summary_text
            statements = [t for row in item.differences for t in row.cells]
        return {
            "name": [n for c in concepts for n in (c.name, *c.aliases)],
            "aspect": list(item.aspects),
            "summary": [summary] if summary else [],
            "definition": [c.definition for c in concepts],
            "statement": [*statements, *item.similarities, *item.notes, *(t.replace("-", " ") for t in item.tags)],
        }
    return {"name": [item.name, *item.aliases], "definition": [item.definition]}


class IndexSlot:
    """Where a registry keeps its index: for one state of the registry, built on first use, safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[tuple[object, int], Index] | None = None
        self._prebuilt: tuple[tuple[object, int], Callable[[list[Any]], Index | None]] | None = None

    def offer(self, key: tuple[object, int], load: Callable[[list[Any]], Index | None]) -> None:
        """Let the index for ``key`` be ``load(items)`` rather than built, if that gives one."""
        self._prebuilt = (key, load)

    def get(self, key: tuple[object, int], items: Callable[[], list[Item]]) -> Index:
        """The index for ``key`` (a registry state and its count of changes), built from ``items()`` if need be."""
        cached = self._cached
        if cached is not None and cached[0] == key:
            return cached[1]
        with self._lock:
            cached = self._cached
            if cached is None or cached[0] != key:
                found, index = items(), None
                prebuilt = self._prebuilt
                if prebuilt is not None and prebuilt[0] == key:
                    index = prebuilt[1](found)
                cached = self._cached = (key, index or Index(found))
            return cached[1]


_NAMES = tuple(FIELDS)  # the fields by number, as the index stores them
_WEIGHTS = tuple(FIELDS.values())
_NORMS = tuple(_B[f] for f in _NAMES)


class Index:
    """Every concept, comparison and lineup of one registry state, by term; built once, then only read.

    ``Index(items)`` builds it; :meth:`dump` gives it as plain data (strings,
    bytes, numbers) for the bundled library's prebuilt copy, and
    :meth:`load` takes that back for the same items, opening the entries of
    a term only when a query asks for it.
    """

    def __init__(self, items: Iterable[Item], data: dict[str, Any] | None = None) -> None:
        self.items: list[Item] = list(items)
        self.slugs = [item.slug for item in self.items]
        # term -> {item number: {field number: count}}, opened from _packed on first use
        self._open: dict[str, dict[int, dict[int, int]]] = {}
        self._packed: dict[str, bytes] = {}
        if data is not None:
            self._packed = data["postings"]
            self.words: dict[str, str] = data["words"]  # a casefolded word as written -> its term
            self.names: dict[str, int] = data["names"]  # a concept's name or alias, spelled one way -> item
            flat = array("I")
            flat.frombytes(data["lengths"])
            self.lengths = [tuple(flat[i : i + len(_NAMES)]) for i in range(0, len(flat), len(_NAMES))]
            totals = data["totals"]
        else:
            self.words, self.names, self.lengths = {}, {}, []
            totals = [0] * len(_NAMES)
            for number, item in enumerate(self.items):
                self._add(number, item, totals)
        count = max(len(self.items), 1)
        self.average = tuple(max(total / count, 1.0) for total in totals)
        self._totals = totals

    def _add(self, number: int, item: Item, totals: list[int]) -> None:
        fields = _fields_of(item)
        lengths = []
        for field_number, field in enumerate(_NAMES):
            words = [w for text in fields.get(field, ()) for w in _WORD.findall(text.casefold())]
            lengths.append(len(words))
            totals[field_number] += len(words)
            for word in words:
                term = self.words.get(word)
                if term is None:
                    term = self.words[word] = _term(word)
                counts = self._open.setdefault(term, {}).setdefault(number, {})
                counts[field_number] = counts.get(field_number, 0) + 1
        self.lengths.append(tuple(lengths))
        if isinstance(item, Concept):
            for name in item.names:
                self.names[_spelled(name)] = number

    def dump(self) -> dict[str, Any]:
        """The index as plain data that :mod:`marshal` can write, for :meth:`load`."""
        packed = dict(self._packed)
        for term, entries in self._open.items():
            flat = array("I", [n for item, counts in entries.items() for f, c in counts.items() for n in (item, f, c)])
            packed[term] = flat.tobytes()
        lengths = array("I", [n for row in self.lengths for n in row])
        return {"slugs": self.slugs, "postings": packed, "words": self.words, "names": self.names,
                "lengths": lengths.tobytes(), "totals": list(self._totals)}

    @classmethod
    def load(cls, items: Sequence[Item], data: dict[str, Any]) -> Index | None:
        """The index that :meth:`dump` gave, for these very items; None if they are not the ones it was made of."""
        if [item.slug for item in items] != data.get("slugs"):
            return None
        return cls(items, data)

    def _postings(self, term: str) -> dict[int, dict[int, int]] | None:
        found = self._open.get(term)
        if found is None:
            packed = self._packed.get(term)
            if packed is None:
                return None
            flat = array("I")
            flat.frombytes(packed)
            found = {}
            for i in range(0, len(flat), 3):
                found.setdefault(flat[i], {})[flat[i + 1]] = flat[i + 2]
            self._open[term] = found  # another thread may do the same: the same entries
        return found

    def has(self, term: str) -> bool:
        """Whether any item holds ``term``."""
        return term in self._open or term in self._packed

    def term(self, word: str) -> str:
        """The term of a casefolded word: from the index if it holds the word (no stemmer needed), else stemmed."""
        found = self.words.get(word)
        return _term(word) if found is None else found

    def terms(self, text: str) -> list[str]:
        """The terms of ``text``, as :func:`terms` gives them."""
        return [self.term(w) for w in _WORD.findall(text.casefold())]

    # -- matching ---------------------------------------------------------

    def _idf(self, term: str) -> float:
        found = len(self._postings(term) or ())
        return math.log(1 + (len(self.items) - found + 0.5) / (found + 0.5))

    def near(self, word: str) -> list[str]:
        """The indexed words within the edit distance allowed for ``word``, nearest first."""
        limit = 2 if len(word) >= 8 else 1
        found = []
        for known in self.words:
            if abs(len(known) - len(word)) <= limit:
                distance = _snippets.distance(word, known, limit)
                if distance <= limit:
                    found.append((distance, known))
        return [known for _, known in sorted(found)]

    def _weighted(self, term: str, weight: float, only: Iterable[int] | None) -> dict[int, float]:
        """The BM25F score for one term of each item that has it (of those in ``only``, if given)."""
        postings = self._postings(term)
        if not postings:
            return {}
        idf = self._idf(term) * weight
        average, lengths = self.average, self.lengths
        pairs = postings.items() if only is None else ((n, postings[n]) for n in only if n in postings)
        scores = {}
        for number, counts in pairs:
            sizes = lengths[number]
            tf = sum(
                _WEIGHTS[f] * count / (1 - _NORMS[f] + _NORMS[f] * sizes[f] / average[f]) for f, count in counts.items()
            )
            scores[number] = idf * tf * (_K1 + 1) / (tf + _K1)
        return scores

    def _query_terms(self, text: str) -> list[tuple[str, list[tuple[str, float]]]]:
        """Each query word with the terms it stands for and their weights (a typo weighs less)."""
        out = []
        for word in _WORD.findall(text.casefold()):
            term = self.term(word)
            if self.has(term):
                out.append((word, [(term, 1.0)]))
            else:
                near = {self.words[known] for known in self.near(word)}
                out.append((word, [(t, _TYPO_WEIGHT) for t in sorted(near)]))
        return out

    def _matches(self, options: list[tuple[str, float]], only: Iterable[int] | None = None) -> dict[int, float]:
        """Each item's score for one query word: its best-scoring term."""
        matched: dict[int, float] = {}
        for term, weight in options:
            for number, score in self._weighted(term, weight, only).items():
                matched[number] = max(matched.get(number, 0.0), score)
        return matched

    def _count(self, options: list[tuple[str, float]]) -> int:
        return sum(len(self._postings(term) or ()) for term, _ in options)

    def rank(self, text: str) -> tuple[list[tuple[int, float]], set[str], set[str]]:
        """The numbers and scores of the items matching ``text``, best first; the terms sought; the concepts named.

        Every word must match, small words excepted; the rarest word is
        looked up first, and each other only among the items found so far,
        so a query costs in proportion to what it matches.
        """
        query = self._query_terms(text)
        if not query:
            return [], set(), set()
        required = [options for word, options in query if word not in _SMALL] or [query[0][1]]
        optional = [options for word, options in query if word in _SMALL and options is not required[0]]
        required.sort(key=self._count)
        totals = self._matches(required[0])
        for options in required[1:]:
            found = self._matches(options, list(totals))
            totals = {number: totals[number] + score for number, score in found.items()}
        for options in optional:
            for number, score in self._matches(options, list(totals)).items():
                totals[number] += score / 2
        named = self._named(text)
        exact = _spelled(text) in self.names
        for number in totals:
            if named & self._concepts_of(number):
                # About what was asked: a whole name ranks its concept and comparisons first.
                totals[number] = _EXACT if exact else totals[number] * _ABOUT_BONUS
        order = {n: (-totals[n], self._kind(n), self._slug(n, named)) for n in totals}
        ranked = sorted(totals, key=order.__getitem__)
        wanted = {t for _, options in query for t, _ in options}
        return [(number, totals[number]) for number in ranked], wanted, named

    def find(self, text: str, limit: int | None = None) -> list[SearchHit]:
        """The items matching every word of ``text`` (small words excepted), best first, with where each matched."""
        ranked, wanted, named = self.rank(text)
        return [self._hit(number, score, wanted, named) for number, score in ranked[:limit]]

    def comparisons(self, text: str) -> list[Comparison]:
        """The comparisons matching ``text``, best first, a concept the text names on the left."""
        ranked, _, named = self.rank(text)
        out = []
        for number, _ in ranked:
            item = self.items[number]
            if isinstance(item, Comparison):
                out.append(_oriented(item, named))
        return out

    def _kind(self, number: int) -> int:
        return 0 if isinstance(self.items[number], Concept) else 1  # a lineup ranks as a comparison does

    def _slug(self, number: int, named: set[str]) -> str:
        """The item's slug as it will be shown: a named concept on the left."""
        item = self.items[number]
        if isinstance(item, Comparison) and item.right.slug in named and item.left.slug not in named:
            return f"{item.right.slug}-vs-{item.left.slug}"
        return self.slugs[number]

    def _concepts_of(self, number: int) -> set[str]:
        item = self.items[number]
        if isinstance(item, Concept):
            return {item.slug}
        if isinstance(item, Lineup):
            return {c.slug for c in item.concepts}
        return {item.left.slug, item.right.slug}

    def _named(self, text: str) -> set[str]:
        """The slugs of the concepts whose whole name or alias the query's words spell out."""
        words = _spelled(text).split()
        exact = self.names.get(" ".join(words))
        if exact is not None:
            return {self.items[exact].slug}
        found = set()
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + 8) + 1):
                name = " ".join(words[start:end])
                number = self.names.get(name)
                if number is not None and len(name) > 2:  # not a short alias such as "po" inside a longer query
                    found.add(self.items[number].slug)
        return found

    # -- why it matched ---------------------------------------------------

    def _hit(self, number: int, score: float, wanted: set[str], named: set[str]) -> SearchHit:
        item = self.items[number]
        if isinstance(item, Comparison):
            item = _oriented(item, named)
        best: tuple[float, str, str] = (-1.0, "name", item.name if isinstance(item, Concept) else item.title)
        for field, texts in _fields_of(item).items():
            for text in texts:
                found = {t for t in self.terms(text) if t in wanted}
                value = len(found) * FIELDS[field]
                if value > best[0]:
                    best = (value, field, text)
        snippet, spans = _snippets.snippet(flatten(best[2]), wanted, self.term, _WORD)
        return SearchHit(item, round(score, 6), best[1], snippet, spans)


def _oriented(comparison: Comparison, named: set[str]) -> Comparison:
    """The comparison with a concept the query names on the left."""
    if comparison.right.slug in named and comparison.left.slug not in named:
        return comparison.swapped()
    return comparison


def suggestions(index: Index, text: str, limit: int = 5) -> tuple[str, ...]:
    """The indexed words and concept names nearest to the words of ``text``, for a "did you mean"."""
    import difflib

    found: list[str] = []
    for word in _WORD.findall(text.casefold()):
        if not index.has(index.term(word)):
            found += index.near(word)[:2]
    found += difflib.get_close_matches(_spelled(text), list(index.names), n=limit, cutoff=0.6)
    return tuple(dict.fromkeys(found))[:limit]
