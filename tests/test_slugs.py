"""Stable slugs: every concept and comparison slug ever released still finds its item, or the changelog says why not."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest

import pmcompare
from pmcompare import Concept, Registry, UnknownConceptError
from test_export import with_a_lineup

ROOT = Path(__file__).resolve().parent.parent
SLUGS = Path(__file__).with_name("data") / "slugs.txt"


def released() -> list[tuple[str, ...]]:
    """The lines of tests/data/slugs.txt: ("concept", slug), ("comparison", left, right) or ("lineup", a, b, c...)."""
    lines = SLUGS.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split()) for line in lines if line.strip() and not line.startswith("#")]


def lost(registry: Registry, entries: Iterable[tuple[str, ...]]) -> list[str]:
    """The released slugs that no longer find a concept or comparison in ``registry``."""
    out = []
    for kind, *slugs in entries:
        if kind == "concept":
            try:
                registry.concept(slugs[0])
            except UnknownConceptError:
                out.append(slugs[0])
        elif kind == "comparison" and tuple(slugs) not in registry:
            out.append("-vs-".join(slugs))
        elif kind == "lineup":
            try:
                registry.get(*slugs)
            except LookupError:
                out.append("-vs-".join(slugs))
    return out


def removed_in_changelog(slug: str, text: str | None = None) -> bool:
    """Whether CHANGELOG.md has a data section's line ``- Removed: `slug` ...`` for ``slug``."""
    if text is None:
        text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return any(line.lstrip().startswith("- Removed") and f"`{slug}`" in line for line in text.splitlines())


class TestStableSlugs:
    def test_every_released_slug_still_finds_its_item(self) -> None:
        """Each released concept slug and comparison pair still resolves, or the changelog names it as removed."""
        missing = [slug for slug in lost(pmcompare.registry(), released()) if not removed_in_changelog(slug)]
        assert [] == missing, (
            "these released slugs no longer resolve: keep a renamed concept's old slug as an alias, "
            "or name the removal in CHANGELOG.md's data section"
        )

    def test_every_slug_is_listed(self) -> None:
        """Every concept and comparison of the bundled data is in tests/data/slugs.txt (add new ones there)."""
        listed = set(released())
        library = pmcompare.registry()
        current = [("concept", c.slug) for c in library.concepts()]
        current += [("comparison", c.left.slug, c.right.slug) for c in library]
        current += [("lineup", *(c.slug for c in lineup.concepts)) for lineup in library.lineups()]
        assert [] == [" ".join(entry) for entry in current if entry not in listed]

    def test_the_list_is_only_added_to(self) -> None:
        """No line appears twice, and every line is a concept or a comparison."""
        entries = released()
        assert len(entries) == len(set(entries))
        kinds = {"concept": range(2, 3), "comparison": range(3, 4), "lineup": range(4, 99)}
        assert all(e[0] in kinds and len(e) in kinds[e[0]] for e in entries)


@pytest.fixture
def library() -> Registry:
    return pmcompare.registry()


class TestTheCheck:
    def test_finds_a_removed_comparison(self, library: Registry) -> None:
        """A registry without one comparison loses exactly that pair."""
        seed = library.get("product strategy", "product management")
        smaller = Registry()
        for comparison in library:
            if comparison != seed:
                smaller.register(comparison)
        for lineup in library.lineups():
            smaller.register(lineup)
        assert [seed.slug] == [s for s in lost(smaller, released()) if "-vs-" in s]

    def test_finds_a_removed_lineup(self, library: Registry) -> None:
        """A lineup listed but not in the registry is lost; one that is there is not."""
        slugs = ("daily-active-users", "weekly-active-users", "monthly-active-users")
        with_lineup = with_a_lineup(library)
        entries = [("lineup", *slugs)]
        assert ([], ["-vs-".join(slugs)]) == (lost(with_lineup, entries), lost(Registry(), entries))

    def test_a_renamed_concept_that_keeps_its_old_slug_as_an_alias_passes(self, library: Registry) -> None:
        """A concept given a new slug is still found by the old one if that is one of its aliases."""
        old = library.concept("product-strategy")
        renamed = Concept(
            "Strategy of the Product", old.definition, slug="strategy-of-the-product", aliases=[*old.aliases, old.slug]
        )
        without = Registry()
        for concept in library.concepts():
            without.register(renamed if concept == old else concept)
        concepts = [entry for entry in released() if entry[0] == "concept"]
        assert [] == lost(without, concepts)
        gone = Registry()
        for concept in library.concepts():
            gone.register(attrs.evolve(renamed, aliases=old.aliases) if concept == old else concept)
        assert ["product-strategy"] == lost(gone, concepts)

    def test_only_a_removed_line_of_the_changelog_excuses_a_lost_slug(self) -> None:
        """A slug named as added or changed is no excuse; one on a "- Removed" line is."""
        text = "- Added (1):\n  - Okr vs Kpi (`okr-vs-kpi`)\n- Removed: `mvp-vs-prototype` (merged into mvp-vs-poc)\n"
        assert not removed_in_changelog("okr-vs-kpi", text)
        assert removed_in_changelog("mvp-vs-prototype", text)
