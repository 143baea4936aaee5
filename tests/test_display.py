"""Tests for notebook display: Comparison and Registry as IPython shows them."""

from __future__ import annotations

import subprocess
import sys

import html5lib
import pytest
from hypothesis import given

import pmcompare
from pmcompare import Comparison, Concept, Difference, Lineup, LineupRow, Registry, render
from strategies import comparisons, lineups

ALL = {"text/plain", "text/html", "text/markdown", "text/latex"}
_MEDIA = {f.media_type: f for f in pmcompare.FORMATS.values() if f.media_type in ALL}


def seed() -> Comparison:
    """The seed comparison."""
    return pmcompare.get("product strategy", "product management")


class TestComparisonMimebundle:
    def test_all_formats(self) -> None:
        """With no include or exclude: plain text, HTML, Markdown and LaTeX, each from its renderer."""
        comparison = seed()

        bundle = comparison._repr_mimebundle_()

        assert {
            "text/plain": render(comparison, "text"),
            "text/html": render(comparison, "html"),
            "text/markdown": render(comparison, "markdown"),
            "text/latex": render(comparison, "latex"),
        } == bundle

    def test_include(self) -> None:
        """include keeps only the media types it names."""
        assert {"text/html"} == set(seed()._repr_mimebundle_(include={"text/html", "image/png"}))

    def test_exclude(self) -> None:
        """exclude leaves out the media types it names."""
        assert ALL - {"text/latex", "text/markdown"} == set(
            seed()._repr_mimebundle_(exclude=["text/latex", "text/markdown"])
        )

    def test_include_and_exclude(self) -> None:
        """Both at once: what is included and not excluded."""
        assert {"text/plain"} == set(
            seed()._repr_mimebundle_(include=["text/plain", "text/html"], exclude=["text/html"])
        )

    def test_nothing_left(self) -> None:
        """Excluding everything gives an empty bundle, and renders nothing."""
        assert {} == seed()._repr_mimebundle_(exclude=ALL)

    def test_ipython_formatter(self) -> None:
        """IPython's display formatter uses the bundle."""
        formatter = pytest.importorskip("IPython.core.formatters")

        data, _ = formatter.DisplayFormatter().format(seed())

        assert ALL <= set(data)
        assert render(seed(), "html") == data["text/html"]

    def test_ipython_formatter_exclude(self) -> None:
        """IPython passes its exclude list through."""
        formatter = pytest.importorskip("IPython.core.formatters")

        data, _ = formatter.DisplayFormatter().format(seed(), exclude={"text/latex"})

        assert "text/latex" not in data

    @given(comparisons())
    def test_any_comparison(self, comparison: Comparison) -> None:
        """Any comparison gives all four media types, the same as its renderers."""
        bundle = comparison._repr_mimebundle_()

        assert render(comparison, "text") == bundle["text/plain"]
        assert render(comparison, "latex") == bundle["text/latex"]
        assert ALL == set(bundle)

    @given(lineups())
    def test_any_lineup(self, lineup: Lineup) -> None:
        """A lineup has the same notebook display as a comparison: all four media types, from its renderers."""
        bundle = lineup._repr_mimebundle_()

        assert {name: render(lineup, f.name) for name, f in _MEDIA.items()} == bundle
        assert render(lineup, "text") == str(lineup)

    def test_import_stays_cheap(self) -> None:
        """Importing pmcompare imports no renderer; the bundle imports them when asked."""
        code = (
            "import sys, pmcompare; "
            "print(sorted(f for f in pmcompare.FORMATS if 'pmcompare.renderers.' + f in sys.modules))"
        )

        output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

        assert "[]" == output.strip()


class TestRegistryDisplay:
    def registry(self) -> Registry:
        """A registry with one hostile comparison."""
        registry = Registry()
        registry.register(
            Comparison(
                Concept("<b>A</b>", "a"),
                Concept("B & \x1b[31mC", "b", slug="b"),
                [Difference("x", "y", "z")],
                summary="<script>alert(1)</script>",
            )
        )
        return registry

    def test_html_escaped(self) -> None:
        """Names and summaries are escaped: no markup from the data, control characters visible."""
        markup = self.registry()._repr_html_()

        assert "<script>" not in markup
        assert "&lt;b&gt;A&lt;/b&gt; vs B &amp; \\x1b[31mC" in markup
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup

    def test_html_elements(self) -> None:
        """Only the listing's own elements: a wrapper, a table, caption, header and rows."""
        document = html5lib.parseFragment(self.registry()._repr_html_(), namespaceHTMLElements=False)

        tags = {element.tag for element in document.iter() if isinstance(element.tag, str)} - {"DOCUMENT_FRAGMENT"}
        assert {"div", "table", "caption", "thead", "tbody", "tr", "th", "td"} == tags
        assert ["<b>A</b> vs B & \\x1b[31mC", "1", "<script>alert(1)</script>"] == [
            "".join(cell.itertext()) for cell in document.find("div/table/tbody/tr")
        ]

    def test_mimebundle(self) -> None:
        """The bundle holds plain text and HTML, honouring include and exclude."""
        registry = self.registry()

        assert {"text/plain", "text/html"} == set(registry._repr_mimebundle_())
        assert {"text/plain"} == set(registry._repr_mimebundle_(exclude=["text/html"]))
        assert {"text/html"} == set(registry._repr_mimebundle_(include=["text/html"]))

    def test_plain_listing(self) -> None:
        """The plain text lists each comparison, control characters visible."""
        assert (
            "<Registry: 1 comparisons, 2 concepts>\n  <b>A</b> vs B & \\x1b[31mC (1 differences)"
            == self.registry()._repr_mimebundle_()["text/plain"]
        )

    def test_empty(self) -> None:
        """An empty registry shows an empty table."""
        markup = Registry()._repr_html_()

        assert "<tbody>\n</tbody>" in markup

    def test_default_registry(self) -> None:
        """The default registry lists every bundled comparison and lineup."""
        registry = pmcompare.registry()

        markup = registry._repr_html_()

        assert len(registry) + len(registry.lineups()) == markup.count('<th scope="row">')

    def test_lineups_listed_after_the_comparisons(self) -> None:
        """A lineup is listed after the comparisons, with its count of rows and its summary joined."""
        registry = self.registry()
        concepts = [Concept(name, "d") for name in ("P", "Q", "R")]
        registry.register(Lineup(concepts, [LineupRow("x", ["1", "2", "3"])], summary=["P <i>1</i>.", "Q.", "R."]))

        document = html5lib.parseFragment(registry._repr_html_(), namespaceHTMLElements=False)

        last = document.findall("div/table/tbody/tr")[-1]
        assert ["P vs Q vs R", "1", "P <i>1</i>. Q. R."] == ["".join(cell.itertext()) for cell in last]
        assert registry._repr_mimebundle_()["text/plain"].endswith("\n  P vs Q vs R (1 differences)")
