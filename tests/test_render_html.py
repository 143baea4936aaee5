"""Tests for the HTML renderer, read back with html5lib as a browser parses it."""

from __future__ import annotations

import html5lib
import pytest
from hypothesis import given

import hostile
import pmcompare
from hostile import expected_rows, shown
from pmcompare import Comparison, Concept, Difference, render
from pmcompare.renderers import html
from strategies import comparisons

# Every element the renderer writes, with the attributes it may carry.
ALLOWED = {
    "div": {"class": "pmcompare"},
    "table": {"class": "pmcompare-table"},
    "caption": {},
    "thead": {},
    "tbody": {},
    "tr": {},
    "th": {"scope": None},
    "td": {"data-label": None},
    "p": {"class": ("pmcompare-summary", "pmcompare-note")},
    "dl": {"class": "pmcompare-definitions"},
    "dt": {},
    "dd": {},
}

# strict: any parse error (a stray "<", a bad reference) fails the test.
PARSER = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)


def parse(source: str):
    """The fragment's one root element, every element checked against :data:`ALLOWED`."""
    fragment = PARSER.parseFragment(source)
    roots = list(fragment)
    assert 1 == len(roots)
    for element in roots[0].iter():
        assert element.tag in ALLOWED, f"element from text: {element.tag}"
        allowed = ALLOWED[element.tag]
        for name, value in element.attrib.items():
            assert name in allowed, f"attribute from text: {name}={value!r} on {element.tag}"
            expected = allowed[name]
            assert expected is None or value in ((expected,) if isinstance(expected, str) else expected)
    return roots[0]


def text(element) -> str:
    return "".join(element.itertext())


def rows(root) -> list[list[str]]:
    return [[text(cell) for cell in tr] for tr in root.iter("tr")]


def check(comparison: Comparison, source: str, *, aspects: bool = True) -> None:
    """The fragment is the table with its caption, summary and definitions, every text as given."""
    root = parse(source)
    assert [shown(comparison.title)] == [text(c) for c in root.iter("caption")]
    assert expected_rows(comparison, aspects) == rows(root)
    scopes = [[cell.get("scope") for cell in tr] for tr in root.iter("tr")]
    body = ["row", None, None] if aspects else [None, None]
    assert [["col"] * len(body)] + [body] * len(comparison.differences) == scopes
    header = [text(cell) for cell in next(root.iter("tr"))]
    labels = [[cell.get("data-label") for cell in tr if cell.tag == "td"] for tr in list(root.iter("tr"))[1:]]
    assert [header[1:] if aspects else header] * len(comparison.differences) == labels
    summaries = [text(p) for p in root.iter("p") if p.get("class") == "pmcompare-summary"]
    assert ([shown(str(comparison.summary))] if comparison.summary else []) == summaries
    notes = [text(p) for p in root.iter("p") if p.get("class") == "pmcompare-note"]
    assert [shown(note) for note in comparison.notes] == notes
    concepts = (comparison.left, comparison.right)
    terms = [(text(dt), text(dd)) for dt, dd in zip(root.iter("dt"), root.iter("dd"))]
    assert [(shown(c.name), shown(c.definition)) for c in concepts] == terms


class TestProperties:
    @given(comparisons())
    def test_reads_back_as_the_same_text(self, comparison):
        """Any text in any field parses back as itself, with no element or attribute of its own."""
        check(comparison, render(comparison, "html"))

    @given(comparisons())
    def test_two_columns_read_back(self, comparison):
        """Without the aspect column every row has two data cells, each its own text."""
        check(comparison, render(comparison, "html", aspects=False), aspects=False)


class TestCorpus:
    @pytest.mark.parametrize("text", hostile.CORPUS, ids=hostile.ident)
    def test_hostile_text_stays_text(self, text):
        """Each hostile input parses back as itself in every field, and the row after it survives."""
        comparison = hostile.comparison(text)
        check(comparison, render(comparison, "html"))

    @pytest.mark.parametrize("text", hostile.CORPUS, ids=hostile.ident)
    def test_no_raw_control_characters(self, text):
        """Control and format characters never reach the output raw."""
        source = render(hostile.comparison(text), "html")
        assert "" == hostile.raw_invisible(source)


SIMPLE = Comparison(
    Concept("Alpha", "The first.", slug="alpha"),
    Concept("Beta", "The <second>.", slug="beta"),
    [Difference("Goal", "Win", "Ship"), Difference("Owner", "Board & CEO", '"Team"')],
    summary="One line.",
)


class TestOutput:
    def test_whole_fragment(self):
        """A wrapper, a captioned table with labelled cells, then the summary and the definitions, escaped."""
        expected = (
            '<div class="pmcompare">\n'
            '<table class="pmcompare-table">\n'
            "<caption>Alpha vs Beta</caption>\n"
            "<thead>\n"
            '<tr><th scope="col">Aspect</th><th scope="col">Alpha</th><th scope="col">Beta</th></tr>\n'
            "</thead>\n"
            "<tbody>\n"
            '<tr><th scope="row">Goal</th><td data-label="Alpha">Win</td><td data-label="Beta">Ship</td></tr>\n'
            '<tr><th scope="row">Owner</th><td data-label="Alpha">Board &amp; CEO</td>'
            '<td data-label="Beta">&quot;Team&quot;</td></tr>\n'
            "</tbody>\n"
            "</table>\n"
            '<p class="pmcompare-summary">One line.</p>\n'
            '<dl class="pmcompare-definitions">\n'
            "<dt>Alpha</dt><dd>The first.</dd>\n"
            "<dt>Beta</dt><dd>The &lt;second&gt;.</dd>\n"
            "</dl>\n"
            "</div>\n"
        )
        assert expected == render(SIMPLE, "html")

    def test_no_title(self):
        """title=False leaves out the caption."""
        assert "<caption>" not in render(SIMPLE, "html", title=False)

    def test_no_summary(self):
        """summary=False leaves out the summary paragraph."""
        assert "<p" not in render(SIMPLE, "html", summary=False)

    def test_no_definitions(self):
        """definitions=False leaves out the definition list."""
        assert "<dl" not in render(SIMPLE, "html", definitions=False)

    def test_no_aspects(self):
        """aspects=False gives the two-column form: no row headers, the names as column headers."""
        root = parse(render(SIMPLE, "html", aspects=False))
        assert [["Alpha", "Beta"], ["Win", "Ship"], ["Board & CEO", '"Team"']] == rows(root)
        assert [] == [th for th in root.iter("th") if th.get("scope") == "row"]

    def test_table_only(self):
        """With every extra off, the wrapper holds the bare table."""
        root = parse(render(SIMPLE, "html", title=False, summary=False, definitions=False))
        assert ["table"] == [child.tag for child in root]
        assert ["thead", "tbody"] == [child.tag for child in root[0]]

    def test_line_breaks_become_spaces(self):
        """A line break inside a cell becomes one space."""
        comparison = Comparison(SIMPLE.left, SIMPLE.right, [Difference("Goal", "Win\n\nbig", "Ship\r\nit")])
        assert '<td data-label="Alpha">Win big</td><td data-label="Beta">Ship it</td>' in render(comparison, "html")

    def test_control_characters_shown_as_escapes(self):
        r"""An ANSI escape and a right-to-left override are written as the visible text \x1b and \u202e."""
        comparison = Comparison(SIMPLE.left, SIMPLE.right, [Difference("Goal", "\x1b[31mred", "\u202eevil")])
        assert '<td data-label="Alpha">\\x1b[31mred</td><td data-label="Beta">\\u202eevil</td>' in render(
            comparison, "html"
        )

    def test_no_style_script_or_id(self):
        """The output has no inline style, no script and no id."""
        source = render(pmcompare.get("product strategy", "product management"), "html")
        assert [] == [word for word in ("style=", "<style", "<script", " id=") if word in source]

    def test_seed(self):
        """The seed comparison renders as a table with a header and its five rows."""
        comparison = pmcompare.get("product strategy", "product management")
        check(comparison, render(comparison, "html"))


class TestStylesheet:
    def test_exported(self):
        """pmcompare.STYLESHEET is CSS for the class hooks the HTML format writes."""
        for hook in (".pmcompare", ".pmcompare-table", ".pmcompare-summary", ".pmcompare-definitions"):
            assert hook in pmcompare.STYLESHEET

    def test_follows_the_theme(self):
        """Colours come from the text colour, with a dark-scheme tweak, so light and dark themes both work."""
        assert "currentColor" in pmcompare.STYLESHEET
        assert "prefers-color-scheme: dark" in pmcompare.STYLESHEET

    def test_balanced_braces(self):
        """Every rule block is closed."""
        assert pmcompare.STYLESHEET.count("{") == pmcompare.STYLESHEET.count("}")


class TestOptions:
    def test_unknown_option(self):
        """An option the format does not take is a TypeError naming it."""
        with pytest.raises(TypeError, match="'style'"):
            render(SIMPLE, "html", style="grid")

    @pytest.mark.parametrize("name", ["title", "summary", "definitions", "aspects"])
    def test_non_bool(self, name):
        """On/off options take True or False only."""
        with pytest.raises(TypeError, match=name):
            render(SIMPLE, "html", **{name: 1})

    def test_direct_call(self):
        """The module's render is the one the formats table calls."""
        assert render(SIMPLE, "html") == html.render(SIMPLE)
