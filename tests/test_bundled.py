"""Tests for the bundled library built ahead of time (``src/pmcompare/_bundled.pickle``)."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import pmcompare
from pmcompare import Concept, Registry, _bundled, _entry_points
from pmcompare._default import bundled_data, load_default

DATA = bundled_data()


def registry_contents(registry: Registry) -> tuple[list[object], list[object]]:
    """Everything a registry holds, comparable with ==."""
    return list(registry.concepts()), list(registry)


@pytest.fixture
def no_installed_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default registry built from the bundled pack alone."""
    monkeypatch.setattr(_entry_points, "may_declare", lambda group: False)


@pytest.fixture
def copy_of_data(tmp_path: Path) -> Path:
    """A copy of the bundled data folder, to edit."""
    folder = tmp_path / "data"
    shutil.copytree(str(DATA), folder)
    return folder


class TestCache:
    def test_up_to_date(self) -> None:
        """The cache was made from the data as it is now (after editing the data, run `make data`)."""
        assert _bundled.load(DATA) is not None, (
            "src/pmcompare/_bundled.pickle is out of date with src/pmcompare/data: run `make data`"
        )

    def test_holds_what_the_reader_builds(self) -> None:
        """The cached concepts and comparisons are exactly what reading the files gives."""
        from pmcompare.packs import read_pack

        pack = read_pack(DATA)
        assert (pack.concepts, pack.comparisons, pack.lineups) == _bundled.load(DATA)

    def test_an_edited_file_changes_the_signature(self, copy_of_data: Path) -> None:
        """A byte changed in any data file, or a file added, gives another signature."""
        before = _bundled.signature(copy_of_data)
        path = copy_of_data / "glossary" / "core.toml"
        path.write_bytes(path.read_bytes() + b"\n# edited\n")
        edited = _bundled.signature(copy_of_data)
        (copy_of_data / "comparisons" / "extra.toml").write_text("# nothing\n", encoding="utf-8")
        assert len({str(before), str(edited), str(_bundled.signature(copy_of_data))}) == 3

    def test_an_edited_folder_is_not_served(self, copy_of_data: Path) -> None:
        """The cache is not used for data that differs from what it was made from."""
        path = copy_of_data / "glossary" / "core.toml"
        path.write_bytes(path.read_bytes().replace(b"Product Strategy", b"Product Strategies!", 1))
        assert _bundled.load(copy_of_data) is None

    def test_records_the_data_version(self) -> None:
        """The cache says which version of the data it holds: pmcompare.DATA_VERSION."""
        assert pmcompare.DATA_VERSION == pickle.loads(_bundled.CACHE.read_bytes())["data_version"]

    def test_a_cache_of_another_data_version_is_passed_over(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """A new DATA_VERSION without `make data` leaves the cache unused (and test_up_to_date failing)."""
        cached = pickle.loads(_bundled.CACHE.read_bytes())
        cache = tmp_path / "_bundled.pickle"
        cache.write_bytes(pickle.dumps({**cached, "data_version": "1999.01"}))
        monkeypatch.setattr(_bundled, "CACHE", cache)
        assert _bundled.load(DATA) is None

    @pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps({"signature": "other"})])
    def test_a_broken_or_foreign_cache_is_passed_over(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: bytes
    ) -> None:
        """An empty, corrupt or foreign cache file gives nothing, and the files are read instead."""
        cache = tmp_path / "_bundled.pickle"
        cache.write_bytes(content)
        monkeypatch.setattr(_bundled, "CACHE", cache)
        assert _bundled.load(DATA) is None


@pytest.mark.usefixtures("no_installed_packs")
class TestLoading:
    def test_same_registry_with_or_without_the_cache(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The default registry, from the cache, holds what it holds when the files are read."""
        with_cache = load_default()
        monkeypatch.setattr(_bundled, "load", lambda folder: None)
        without = load_default()
        assert registry_contents(without) == registry_contents(with_cache)
        assert len(without) == len(with_cache) > 0

    def test_the_cache_is_used(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Building the default registry parses no TOML when the cache is up to date."""

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("tomllib.loads called")

        monkeypatch.setattr(tomllib, "loads", refuse)
        assert len(load_default()) > 0

    def test_registry_load_never_reads_the_cache(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Registry.load reads every pack alike, the bundled folder too."""

        def refuse(folder: object) -> None:
            raise AssertionError("the cache was consulted")

        monkeypatch.setattr(_bundled, "load", refuse)
        registry = Registry()
        registry.load(DATA)
        assert "Product Strategy" == registry.concept("product strategy").name


@pytest.mark.usefixtures("no_installed_packs")
class TestPrebuiltIndex:
    def test_up_to_date(self) -> None:
        """The prebuilt search index was made from the cache and search code as they are now (else: `make data`)."""
        registry = load_default()
        items = [*registry.concepts(), *registry, *registry.lineups()]
        assert _bundled.load_index(items) is not None, (
            "src/pmcompare/_bundled_index.marshal is out of date: run `make data`"
        )

    @pytest.mark.parametrize("text", ["okr", "prioritize features", "retrospctive", "scrum master", "go to market"])
    def test_finds_what_a_built_index_finds(self, text: str) -> None:
        """A search through the prebuilt index gives what a search through one built now gives."""
        prebuilt = load_default()
        built = Registry()
        for item in (*prebuilt.concepts(), *prebuilt, *prebuilt.lineups()):
            built.register(item)
        assert built.find(text) == prebuilt.find(text)

    def test_a_search_of_known_words_needs_no_stemmer(self) -> None:
        """With the prebuilt index, a search whose words the library holds never imports the stemmer."""
        code = "import sys, pmcompare; pmcompare.find('scrum masters'); print('snowballstemmer' in sys.modules)"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert "False" == done.stdout.strip()

    def test_other_items_get_an_index_of_their_own(self) -> None:
        """For items other than the bundled library's, the index is built from them: the same as one built anew."""
        from pmcompare.search import Index

        registry = load_default()
        extra = Concept("Opportunity solution tree", "A map from a desired outcome to the bets that may reach it.")
        for items in ([*registry.concepts()][1:], [extra, *registry.concepts(), *registry]):
            assert Index(items).dump() == _bundled.load_index(items).dump()

    def test_a_pack_added_to_the_default_registry_is_searched(self) -> None:
        """Once a pack adds to the default registry, search finds what it added, ranked as a fresh index ranks it."""
        registry = load_default()
        registry.register(Concept("Opportunity solution tree", "A visual map of outcomes, opportunities and bets."))
        fresh = Registry()
        for item in (*registry.concepts(), *registry, *registry.lineups()):
            fresh.register(item)
        for text in ("opportunity", "okr", "outcomes"):
            assert fresh.find(text) == registry.find(text)
        assert "opportunity-solution-tree" == registry.find("opportunity")[0].item.slug
