"""Hypothesis strategies for pmcompare's objects, with hostile text in every field."""

from __future__ import annotations

import contextlib

from hypothesis import strategies as st

from pmcompare import Comparison, Concept, Difference, Lineup, LineupRow, Registry, Source, Summary
from pmcompare._text import key

# Pieces of text that have broken renderers elsewhere: markup of every
# format, escapes, control and format characters, wide characters.
HOSTILE_FRAGMENTS = (
    "|", "\\", "`", "*", "_", "~", "[", "]", "(", ")", "<", ">", "&", "#", "!", "{", "}", "$", "%", "^",
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[x](javascript:alert(1))",
    "<https://example.com>", "`x|y`", "&amp;", "&#x3C;", ".. raw:: html", ".. include:: /etc/passwd",
    "`x <javascript:alert(1)>`_", "|sub|", "[#]_", ":role:`x`", "\\\\", "\\", "1. ", "- ", "> ", "# ",
    "\x1b[31m", "\x1b]8;;https://example.com\x07", "\x00", "\x07", "\r\n", "\n", "\t", "\u2028",
    "\u202e", "\u200b", "\ufeff", "\u0301", "漢字", "한국어", "👩‍💻", "🇳🇴", "e\u0301",
    "\\end{tabularx}", "\\input{x}", "~", "--", "''",
)

# Any Unicode scalar value except lone surrogates (which cannot be encoded).
_chars = st.characters(codec="utf-8")


def texts(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text mixing arbitrary Unicode with hostile fragments."""
    arbitrary = st.text(_chars, min_size=min_size, max_size=max_size)
    mixed = st.lists(st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), arbitrary), min_size=1, max_size=5).map("".join)
    return st.one_of(arbitrary, mixed).filter(lambda s: bool(s.strip()))


slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)


@st.composite
def concepts(draw: st.DrawFn, slug: st.SearchStrategy[str] = slugs) -> Concept:
    """A valid Concept with hostile text in its name, definition and aliases."""
    name = draw(texts())
    slug_ = draw(slug)
    aliases = draw(st.lists(texts(), max_size=3, unique_by=key))
    aliases = [a for a in aliases if key(a) not in (key(name), key(slug_))]
    return Concept(name, draw(texts(max_size=200)), slug=slug_, aliases=aliases)


@st.composite
def differences(draw: st.DrawFn, min_size: int = 1, max_size: int = 6) -> tuple[Difference, ...]:
    """Rows with distinct aspects and hostile text on both sides."""
    aspects = draw(st.lists(texts(), min_size=min_size, max_size=max_size, unique_by=key))
    return tuple(Difference(aspect, draw(texts(max_size=200)), draw(texts(max_size=200))) for aspect in aspects)


urls = st.from_regex(r"https://[a-z]{1,10}\.example/[a-z0-9/]{0,20}", fullmatch=True)
years = st.integers(1000, 2100)
sources = st.builds(
    Source, texts(), st.one_of(st.none(), urls), author=st.one_of(st.none(), texts()), year=st.one_of(st.none(), years)
)
summaries = st.builds(Summary, texts(max_size=80), texts(max_size=80))


@st.composite
def comparisons(draw: st.DrawFn) -> Comparison:
    """A valid Comparison of two distinct concepts, hostile text in every field."""
    left = draw(concepts())
    # Two concepts of one comparison never share a name (a registry refuses that).
    taken = {key(n) for n in left.names}
    right = draw(concepts().filter(lambda c: not taken & {key(n) for n in c.names}))
    return Comparison(
        left,
        right,
        draw(differences()),
        summary=draw(st.one_of(st.just(""), texts(max_size=120), summaries)),
        sources=draw(st.lists(sources, max_size=2)),
        similarities=draw(st.lists(texts(), max_size=2, unique_by=key)),
        tags=draw(st.lists(slugs, max_size=3, unique=True)),
        notes=draw(st.lists(texts(), max_size=2, unique_by=key)),
    )


@st.composite
def lineups(draw: st.DrawFn, min_concepts: int = 3, max_concepts: int = 6) -> Lineup:
    """A valid Lineup of ``min_concepts`` to ``max_concepts`` concepts that share no name, hostile text everywhere."""
    count = draw(st.integers(min_concepts, max_concepts))
    chosen: list[Concept] = []
    taken: set[str] = set()
    for _ in range(count):
        concept = draw(concepts().filter(lambda c, taken=frozenset(taken): not taken & {key(n) for n in c.names}))
        taken |= {key(n) for n in concept.names}
        chosen.append(concept)
    aspects = draw(st.lists(texts(), min_size=1, max_size=5, unique_by=key))
    rows = [LineupRow(aspect, [draw(texts(max_size=120)) for _ in chosen]) for aspect in aspects]
    clauses = st.lists(texts(max_size=60), min_size=count, max_size=count).map(tuple)
    return Lineup(
        chosen,
        rows,
        summary=draw(st.one_of(st.just(""), texts(max_size=120), clauses)),
        sources=draw(st.lists(sources, max_size=2)),
        similarities=draw(st.lists(texts(), max_size=2, unique_by=key)),
        tags=draw(st.lists(slugs, max_size=3, unique=True)),
        notes=draw(st.lists(texts(), max_size=2, unique_by=key)),
    )


@st.composite
def registries(draw: st.DrawFn, max_items: int = 4) -> Registry:
    """A registry of a few generated comparisons, lineups and loose concepts, each kept only if it does not conflict."""
    from pmcompare import ConflictError

    registry = Registry()
    for item in draw(st.lists(st.one_of(comparisons(), concepts(), lineups(max_concepts=4)), max_size=max_items)):
        with contextlib.suppress(ConflictError):
            registry.register(item)
    return registry
