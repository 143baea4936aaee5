"""Tests for notebook display: Comparison and Registry as IPython shows them."""

from __future__ import annotations

import subprocess
import sys

import html5lib
import pytest
from hypothesis import given

import hostile
import pmcompare
from pmcompare import Comparison, Concept, Difference, Lineup, LineupRow, Registry, View, notebook, render
from pmcompare.renderers import latex
from pmcompare.renderers._table import table
from strategies import comparisons, lineups

ALL = {"text/plain", "text/html", "text/markdown", "text/latex"}


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
            "text/html": notebook.html(render(comparison, "html")),
            "text/markdown": render(comparison, "markdown"),
            "text/latex": latex.draw(table(comparison), breaks=True),
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
        assert seed()._repr_mimebundle_()["text/html"] == data["text/html"]

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
        assert render(comparison, "markdown") == bundle["text/markdown"]
        assert ALL == set(bundle)

    @given(lineups())
    def test_any_lineup(self, lineup: Lineup) -> None:
        """A lineup has the notebook display a comparison has: all four media types, drawn from its renderers."""
        bundle = lineup._repr_mimebundle_()

        assert render(lineup, "text") == bundle["text/plain"] == str(lineup)
        assert render(lineup, "markdown") == bundle["text/markdown"]
        assert ALL == set(bundle)
        assert bundle == lineup.view()._repr_mimebundle_()

    def test_import_stays_cheap(self) -> None:
        """Importing pmcompare imports no renderer; the bundle imports them when asked."""
        code = (
            "import sys, pmcompare; "
            "print(sorted(f for f in pmcompare.FORMATS if 'pmcompare.renderers.' + f in sys.modules))"
        )

        output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

        assert "[]" == output.strip()


# strict: a stray "<" or a bad reference fails the parse.
STRICT = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)


def elements(markup: str) -> list[tuple[str, dict[str, str], str]]:
    """Each element of an HTML fragment in document order but the break points: tag, attributes and text."""
    fragment = STRICT.parseFragment(markup)
    return [
        (element.tag, dict(element.attrib), "".join(element.itertext()))
        for root in fragment
        for element in root.iter()
        if isinstance(element.tag, str) and element.tag != "wbr"
    ]


def break_points(markup: str) -> list[tuple[str, dict[str, str]]]:
    """The ``<wbr>`` elements of an HTML fragment: the tag of each one's parent, and its attributes."""
    fragment = STRICT.parseFragment(markup)
    return [
        (parent.tag, dict(child.attrib))
        for root in fragment
        for parent in root.iter()
        for child in parent
        if child.tag == "wbr"
    ]


def unstyled(found: list[tuple[str, dict[str, str], str]]) -> list[tuple[str, dict[str, str], str]]:
    """The same elements with the notebook's inline styles taken off."""
    return [(tag, {k: v for k, v in attrs.items() if k != "style"}, text) for tag, attrs, text in found]


# What a notebook's HTML starts with: the stylesheet, for hosts that keep a <style> element.
SHEET = f"<style>\n{pmcompare.STYLESHEET}</style>\n"

# The inline style of each element the notebook's HTML styles; the others have none.
STYLES = {
    "table": notebook.TABLE_STYLE,
    "caption": "text-align:left;text-align:start",
    "th": notebook.CELL_STYLE,
    "td": notebook.CELL_STYLE,
}


class TestNotebookHtml:
    """The HTML a notebook receives: the stylesheet, then the html format with constant inline styles."""

    def check(self, comparison: Comparison, **options: bool) -> None:
        """The notebook's HTML is the html format's, element for element and text for text, plus the styles."""
        plain = elements(render(comparison, "html", **options))
        sheet, *styled = elements(comparison.view(**options)._repr_mimebundle_()["text/html"])

        assert ("style", {}, "\n" + pmcompare.STYLESHEET) == sheet
        assert plain == unstyled(styled)
        assert [STYLES.get(tag) for tag, _, _ in styled] == [attrs.get("style") for _, attrs, _ in styled]
        assert all(
            tag in {"caption", "th", "td", "p", "dt", "dd"} and {} == attrs
            for tag, attrs in break_points(comparison._repr_mimebundle_()["text/html"])
        )

    @pytest.mark.parametrize("text", hostile.CORPUS, ids=hostile.ident)
    def test_hostile_text_stays_text(self, text: str) -> None:
        """Each hostile input reads back as the html format reads: only the notebook's own styles are added."""
        self.check(hostile.comparison(text))

    @given(comparisons())
    def test_any_comparison(self, comparison: Comparison) -> None:
        """Any comparison: the same elements and text as the html format, every cell styled the same."""
        self.check(comparison)

    @pytest.mark.parametrize("off", ["title", "summary", "definitions", "aspects", "notes"])
    def test_parts_left_out(self, off: str) -> None:
        """With a part left out (the caption, the aspect column...) the rest is styled the same."""
        self.check(hostile.comparison("<b>x</b> & https://example.com/a-long-address"), **{off: False})

    def test_cells_start_and_top_aligned(self) -> None:
        """Every header and data cell is start-aligned (left where only left is allowed) and top-aligned."""
        assert "text-align:left;text-align:start;vertical-align:top" == notebook.CELL_STYLE

    def test_long_words_get_break_points(self) -> None:
        """A word longer than 16 characters gets a <wbr> every four, its references kept whole; short ones none."""
        markup = notebook.html("<td>https://example.com/&amp;&amp;path short</td>")

        broken = "http<wbr>s://<wbr>exam<wbr>ple.<wbr>com/<wbr>&amp;&amp;pa<wbr>th"
        assert f'{SHEET}<td style="{notebook.CELL_STYLE}">{broken} short</td>' == markup

    def test_long_word_in_every_field(self) -> None:
        """A 10,000-character word reads back whole in the caption, the cells and the prose, with break points."""
        comparison = hostile.comparison("x" * 10_000)
        markup = comparison._repr_mimebundle_()["text/html"]

        self.check(comparison)
        assert {"caption", "th", "td", "p", "dt", "dd"} == {tag for tag, _ in break_points(markup)}

    def test_stylesheet_first(self) -> None:
        """The stylesheet comes first, in a <style> element of its own, so a sanitiser removes it whole."""
        markup = seed()._repr_mimebundle_()["text/html"]

        assert markup.startswith(SHEET + '<div class="pmcompare">')
        assert 1 == markup.count("<style>")

    def test_html_format_has_no_inline_style(self) -> None:
        """The html format itself stays free of inline style: the styles are the notebook's alone."""
        assert "style=" not in render(seed(), "html")

    def test_other_attributes_kept(self) -> None:
        """A tag's own attributes stay, before the style: the row headers keep their scope."""
        markup = notebook.html('<table class="x"><tr><th scope="row">a</th><td>b</td></tr></table>')

        assert (
            f'{SHEET}<table class="x" style="{notebook.TABLE_STYLE}">'
            f'<tr><th scope="row" style="{notebook.CELL_STYLE}">a</th>'
            f'<td style="{notebook.CELL_STYLE}">b</td></tr></table>'
        ) == markup


class TestNotebookLatex:
    def test_longtable(self) -> None:
        """A notebook's LaTeX is a longtable with booktabs rules and a header repeated on each page."""
        source = seed()._repr_mimebundle_()["text/latex"]

        assert "tabularx" not in source
        assert [r"\begin{longtable}", r"\endhead", r"\end{longtable}"] == [
            line.split("{>")[0] for line in source.splitlines() if "longtable" in line or "endhead" in line
        ]

    def test_latex_format_unchanged(self) -> None:
        """The latex format, for Sphinx and standalone documents, is still a tabularx."""
        assert r"\begin{tabularx}" in render(seed(), "latex")

    @given(comparisons())
    def test_same_text_as_the_latex_format(self, comparison: Comparison) -> None:
        """Apart from the table's environment, the notebook's LaTeX is the latex format's, line for line."""
        wrappers = (r"\noindent\begin{tabularx}", r"\end{tabularx}", r"\begin{longtable}", r"\end{longtable}")
        dropped = {r"\endhead", r"\endfoot"}

        def lines(source: str) -> list[str]:
            return [line for line in source.splitlines() if not line.startswith(wrappers) and line not in dropped]

        standalone = lines(render(comparison, "latex"))
        long = lines(comparison._repr_mimebundle_()["text/latex"])
        # The longtable puts its bottom rule in the foot, before the body.
        long.remove(r"\bottomrule")
        standalone.remove(r"\bottomrule")
        assert standalone == long


class TestView:
    def test_bundle_with_options(self) -> None:
        """A view's bundle is the comparison's, drawn with the view's options, in every format."""
        comparison = seed()
        view = comparison.view(definitions=False, summary=False)

        bundle = view._repr_mimebundle_()

        assert ALL == set(bundle)
        assert render(comparison, "text", definitions=False, summary=False) == bundle["text/plain"]
        assert render(comparison, "markdown", definitions=False, summary=False) == bundle["text/markdown"]
        assert notebook.html(render(comparison, "html", definitions=False, summary=False)) == bundle["text/html"]
        assert '<dl class="pmcompare-definitions">' not in bundle["text/html"]
        assert r"\begin{description}" not in bundle["text/latex"]

    def test_no_options_is_the_comparison(self) -> None:
        """A view with no options shows exactly what the comparison shows."""
        assert seed()._repr_mimebundle_() == seed().view()._repr_mimebundle_()

    def test_include_and_exclude(self) -> None:
        """A view honours IPython's include and exclude as the comparison does."""
        view = seed().view(title=False)

        assert {"text/plain"} == set(view._repr_mimebundle_(include=["text/plain", "text/html"], exclude=["text/html"]))

    def test_ipython_formatter(self) -> None:
        """IPython shows a view through its bundle, plain text included: not a repr."""
        formatter = pytest.importorskip("IPython.core.formatters")
        view = seed().view(definitions=False)

        data, _ = formatter.DisplayFormatter().format(view)

        assert view._repr_mimebundle_() == {key: data[key] for key in ALL}

    def test_repr(self) -> None:
        """The repr names the comparison and the options that differ from the defaults."""
        assert (
            "<View of <Comparison product-strategy-vs-product-management (5 differences)>: "
            "definitions=False, width=60>"
        ) == repr(seed().view(definitions=False, width=60))
        assert "<View of <Comparison product-strategy-vs-product-management (5 differences)>>" == repr(seed().view())

    def test_str_is_the_text(self) -> None:
        """str() of a view is its plain-text table."""
        assert render(seed(), "text", notes=False, width=70) == str(seed().view(notes=False, width=70))

    def test_unknown_option(self) -> None:
        """A misspelt option fails at once with the nearest name and the list of options."""
        with pytest.raises(TypeError, match=r"view\(\) has no option 'definitons'; did you mean 'definitions'\?"):
            seed().view(definitons=False)

    def test_bad_value(self) -> None:
        """A bad value fails at once, as render() says it."""
        with pytest.raises(TypeError, match="option 'summary' must be True or False, not 'no'"):
            seed().view(summary="no")

    def test_exported(self) -> None:
        """View is public: pmcompare.View, in __all__, the class comparison.view() returns."""
        assert "View" in pmcompare.__all__
        assert isinstance(seed().view(), View)

    def test_value_object(self) -> None:
        """Views compare by value and cannot be changed."""
        import attrs

        view = seed().view(title=False)

        assert seed().view(title=False) == view
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            view.options = view.options  # type: ignore[misc]


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
