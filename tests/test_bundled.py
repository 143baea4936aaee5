"""Tests for the bundled data parsed ahead of time (``src/pmcompare/_bundled.json``)."""

from __future__ import annotations

import tomllib

import pytest

from pmcompare import Registry, _bundled, _entry_points
from pmcompare._default import bundled_data, load_default

DATA = bundled_data()


def registry_contents(registry: Registry) -> tuple[list[object], list[object]]:
    """Everything a registry holds, comparable with ==."""
    return list(registry.concepts()), list(registry)


class TestCache:
    def test_up_to_date(self) -> None:
        """The cache holds exactly the bundled TOML files as they are now (else: run `make data`)."""
        assert _bundled.CACHE.read_text(encoding="utf-8") == _bundled.build(DATA), (
            "src/pmcompare/_bundled.json is out of date with src/pmcompare/data: run `make data`"
        )

    def test_a_cached_document_is_what_tomllib_reads(self) -> None:
        """For the bytes it was made from, the cache gives tomllib's document."""
        data = (DATA / "glossary/core.toml").read_bytes()
        assert tomllib.loads(data.decode("utf-8")) == _bundled.parsed("glossary/core.toml", data)

    @pytest.mark.parametrize("change", [b"\n# edited\n", b" "])
    def test_edited_bytes_are_not_served(self, change: bytes) -> None:
        """A file that differs from what the cache was made from gets no cached document."""
        data = (DATA / "glossary/core.toml").read_bytes()
        assert _bundled.parsed("glossary/core.toml", data + change) is None
        assert _bundled.parsed("glossary/core.toml", change + data[1:]) is None

    def test_unknown_files_are_not_served(self) -> None:
        """A file the cache does not list gets no document."""
        assert _bundled.parsed("comparisons/new-vs-old.toml", b"") is None


@pytest.fixture
def no_installed_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default registry built from the bundled pack alone."""
    monkeypatch.setattr(_entry_points, "may_declare", lambda group: False)


@pytest.mark.usefixtures("no_installed_packs")
class TestLoading:
    def test_same_registry_with_or_without_the_cache(self) -> None:
        """The default registry, read from the cache, holds what loading the bundled TOML gives."""
        parsed = Registry()
        parsed.load(DATA)
        with_cache = load_default()
        assert registry_contents(parsed) == registry_contents(with_cache)
        assert len(parsed) == len(with_cache) > 0

    def test_a_stale_cache_is_passed_over(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A cache entry made from other bytes is not used, even if its document is wrong."""
        data = (DATA / "glossary" / "core.toml").read_bytes()
        stale = {"glossary/core.toml": {"signature": _bundled.signature(data + b"#"), "document": {"concepts": []}}}
        monkeypatch.setattr(_bundled, "_cache", stale)
        assert "Product Strategy" == load_default().concept("product strategy").name

    def test_the_cache_is_used(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Building the default registry parses no TOML when the cache is up to date."""

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("tomllib.loads called")

        monkeypatch.setattr(tomllib, "loads", refuse)
        assert len(load_default()) > 0

    def test_registry_load_never_reads_the_cache(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Registry.load reads every pack alike, the bundled folder too: a wrong cache entry changes nothing."""
        data = (DATA / "glossary" / "core.toml").read_bytes()
        wrong = {"glossary/core.toml": {"signature": _bundled.signature(data), "document": {"concepts": []}}}
        monkeypatch.setattr(_bundled, "_cache", wrong)
        registry = Registry()
        registry.load(DATA)
        assert "Product Strategy" == registry.concept("product strategy").name
