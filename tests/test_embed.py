"""What the documentation integrations share: pairs, swapping and choosing aspects."""

from __future__ import annotations

from pathlib import Path

import pytest

import pmcompare
from pmcompare._embed import find, parse_aspects, registry_with, select
from pmcompare.packs import pack_files

PAIR = ("product strategy", "product management")


class TestParseAspects:
    def test_commas_and_spaces(self) -> None:
        """A comma list is split, each label trimmed and inner whitespace made one space."""
        assert ("Core question", "Time horizon") == parse_aspects(" Core question ,Time\n horizon, ")

    def test_empty(self) -> None:
        """An empty list gives no labels."""
        assert () == parse_aspects(" , ")


class TestSelect:
    def test_keeps_the_rows_in_the_order_given(self) -> None:
        """Rows come back in the order asked, matched regardless of case and spacing."""
        comparison = pmcompare.get(*PAIR)

        chosen = select(comparison, ["time  HORIZON", "core question"])

        assert ("Time horizon", "Core question") == chosen.aspects

    def test_no_aspects_keeps_everything(self) -> None:
        """With no labels the comparison is unchanged."""
        comparison = pmcompare.get(*PAIR)

        assert comparison == select(comparison, ())

    def test_keeps_the_rest_of_the_comparison(self) -> None:
        """Concepts and summary are kept."""
        comparison = pmcompare.get(*PAIR)

        chosen = select(comparison, ["Core question"])

        assert (comparison.left, comparison.right, comparison.summary) == (chosen.left, chosen.right, chosen.summary)

    def test_unknown_aspect_suggests(self) -> None:
        """An unknown label raises LookupError with the nearest label and the full list."""
        with pytest.raises(LookupError, match=r"has no aspect 'Core questoin'; did you mean 'Core question'\? \(the"):
            select(pmcompare.get(*PAIR), ["Core questoin"])


class TestFind:
    def test_pair_syntaxes(self) -> None:
        """'a | b' and 'a vs b' find the same comparison, a on the left."""
        registry = pmcompare.registry()

        assert find(registry, "product strategy | product management") == find(
            registry, "product strategy vs product management"
        )

    def test_swap(self) -> None:
        """swap gives the other orientation."""
        found = find(pmcompare.registry(), "product strategy | product management", swap=True)

        assert pmcompare.get(*reversed(PAIR)) == found

    def test_not_a_pair(self) -> None:
        """One name is a ValueError."""
        with pytest.raises(ValueError, match="expected two or more names"):
            find(pmcompare.registry(), "product strategy")


class TestPacks:
    def test_no_packs_is_the_default_registry(self) -> None:
        """Without packs the default registry itself is used, not a copy."""
        assert pmcompare.registry() is registry_with([])

    def test_folder_files_sorted(self, tmp_path: Path) -> None:
        """A folder's .toml and .json files, found recursively, in order; other files ignored."""
        for name in ("b.toml", "a.json", "sub/c.toml", "notes.txt"):
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text("", encoding="utf-8")

        assert ["a.json", "b.toml", "sub/c.toml"] == [p.relative_to(tmp_path).as_posix() for p in pack_files(tmp_path)]
