"""The documentation site: it builds without a warning, and every example in it runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import pmcompare
from integration_helpers import tables

DOCS = Path(__file__).parent.parent / "docs"


def sphinx_build(builder: str, out: Path) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build on the docs as CI does: warnings are errors, and every one is reported."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", builder, str(DOCS), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built as HTML, once for the module."""
    out = tmp_path_factory.mktemp("html")
    result = sphinx_build("html", out)
    assert 0 == result.returncode, result.stderr
    assert "" == result.stderr
    return out


class TestSite:
    def test_builds_without_warnings(self, html: Path) -> None:
        """sphinx-build -W --keep-going succeeds and writes the home page."""
        assert (html / "index.html").is_file()

    def test_home_page_uses_the_directive(self, html: Path) -> None:
        """The home page shows the seed comparison through the directive."""
        [table] = tables((html / "index.html").read_text(encoding="utf-8"))

        assert "home-table" == table.get("id")

    def test_gallery_shows_every_bundled_comparison_and_lineup(self, html: Path) -> None:
        """The gallery has a table for each comparison and each lineup, drawn at build time from the data."""
        page = (html / "gallery.html").read_text(encoding="utf-8")
        registry = pmcompare.registry()

        assert len(registry) + len(registry.lineups()) == len(tables(page))
        assert all(f'id="{item.slug}"' in page for item in (*registry, *registry.lineups()))

    def test_api_reference_covers_all(self, html: Path) -> None:
        """Every public name in pmcompare.__all__ has an entry in the API reference."""
        page = (html / "api.html").read_text(encoding="utf-8")

        assert [] == [name for name in pmcompare.__all__ if f'id="pmcompare.{name}"' not in page]

    def test_notebook_is_downloadable(self, html: Path) -> None:
        """The Jupyter page links the quickstart notebook as a download."""
        assert list(html.glob("_downloads/*/quickstart.ipynb"))


class TestExamples:
    def test_doctests_pass(self, tmp_path: Path) -> None:
        """Every doctest block in the docs runs and prints what the page says."""
        result = sphinx_build("doctest", tmp_path)

        report = (tmp_path / "output.txt").read_text(encoding="utf-8") if (tmp_path / "output.txt").exists() else ""
        assert 0 == result.returncode, result.stderr + report
        assert "0 failures in tests" in report
