"""Readable in every host: real Sphinx sites in four themes, a real MkDocs Material site and a plain HTML page,
opened in headless Chromium (driven by Playwright, using Debian's /usr/bin/chromium) at 1280 and 390 px,
light and dark.

What a reader needs, measured from the computed styles and the layout: prose cells and row headers
start-aligned, top-aligned and wrapping, and nothing to scroll sideways, neither in the table's own scroll
container (sphinx_rtd_theme's ``.wy-table-responsive``, furo's ``.table-wrapper``, pydata's
``.pst-scrollable-table-container``, ``div.pmcompare``) nor on the page. At 390 px the table is stacked,
each statement under its column's name. sphinx_rtd_theme and alabaster have no dark mode of their own:
there the dark runs check that the page still reads the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

import pmcompare
from integration_helpers import screenshot_script
from test_browser import chromium

WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")

# What the page made of the first comparison: the computed style of a row header and a statement, the
# nearest scroll container and the page's own width.
MEASURE = """() => {
  const table = document.querySelector("table.pmcompare-table");
  const style = (element, pseudo) => getComputedStyle(element, pseudo);
  const th = table.querySelector("tbody th"), td = table.querySelector("tbody td");
  let box = table.parentElement;
  while (box && box !== document.body && !["auto", "scroll"].includes(style(box).overflowX)) box = box.parentElement;
  const label = td.querySelector(".pmcompare-label");
  const cell = element => ({textAlign: style(element).textAlign, whiteSpace: style(element).whiteSpace,
                            verticalAlign: style(element).verticalAlign, display: style(element).display,
                            rule: ruled(style(element))});
  const ruled = cell => cell.borderBottomStyle !== "none" && cell.borderBottomWidth !== "0px"
                        && cell.borderBottomColor !== "rgba(0, 0, 0, 0)";
  return {
    th: cell(th), td: cell(td),
    scroller: box && box !== document.body ? {name: box.className, scroll: box.scrollWidth, client: box.clientWidth}
                                            : null,
    page: {scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth},
    label: label ? (style(label).display === "none" ? "" : label.textContent)
                 : ((content) => content.startsWith('"') ? JSON.parse(content) : "")(style(td, "::before").content),
    text: style(td).color, background: style(document.body).backgroundColor,
  };
}"""


SCRIPT = screenshot_script()
# Material once more, with the stylesheet linked through extra_css instead of the extension's <style>.
HOSTS = (*SCRIPT.SITE_HOSTS, "mkdocs-material-extra-css")
THEMES = SCRIPT.SPHINX_THEMES


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every host's page, built once for the module."""
    root = tmp_path_factory.mktemp("themes")
    pages: dict[str, Path] = SCRIPT.site_pages(root)
    pages["mkdocs-material-extra-css"] = SCRIPT.mkdocs_site(root / "extra-css", extra_css=True)
    return pages


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module: Debian's, started by Playwright, which downloads nothing."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def measured(pages: dict[str, Path], browser: Browser) -> dict[tuple[str, int, str], dict[str, Any]]:
    """Each host at each width in each colour scheme, measured once."""
    out = {}
    for host, page in pages.items():
        for width in WIDTHS:
            for scheme in SCHEMES:
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                tab = context.new_page()
                tab.goto(page.as_uri(), wait_until="load")
                out[host, width, scheme] = tab.evaluate(MEASURE)
                context.close()
    return out


CASES = [(host, width, scheme) for host in HOSTS for width in WIDTHS for scheme in SCHEMES]


def ident(case: tuple[str, int, str]) -> str:
    return "-".join(map(str, case))


@pytest.mark.parametrize("case", CASES, ids=ident)
class TestReadable:
    def test_cells_are_start_aligned_and_wrap(self, measured: dict[Any, Any], case: tuple[str, int, str]) -> None:
        """Row headers and statements start-aligned at the top and wrapping: no theme's nowrap or centring wins."""
        found = measured[case]

        for cell in (found["th"], found["td"]):
            assert ("start", "normal", "top") == (cell["textAlign"], cell["whiteSpace"], cell["verticalAlign"])

    def test_nothing_to_scroll_sideways(self, measured: dict[Any, Any], case: tuple[str, int, str]) -> None:
        """Neither the table's scroll container nor the page is wider than the screen shows."""
        found = measured[case]

        if found["scroller"] is not None:
            assert found["scroller"]["scroll"] <= found["scroller"]["client"], found["scroller"]
        assert found["page"]["scroll"] <= found["page"]["client"]

    def test_stacked_on_a_phone_with_the_column_names(
        self, measured: dict[Any, Any], case: tuple[str, int, str]
    ) -> None:
        """At 390 px the cells are blocks, each statement under its column's name; at 1280 px a table, unlabelled."""
        _, width, _ = case
        found = measured[case]

        phone = width == 390
        assert ("block" if phone else "table-cell") == found["td"]["display"]
        assert ("Product Strategy" if phone else "") == found["label"]


@pytest.mark.parametrize("case", [case for case in CASES if case[1] == 1280], ids=ident)
def test_row_rules_across_every_column(measured: dict[Any, Any], case: tuple[str, int, str]) -> None:
    """On a wide screen the row header has its rule below, as the statements do (Material drew none there)."""
    found = measured[case]

    assert (True, True) == (found["th"]["rule"], found["td"]["rule"])


class TestDark:
    @pytest.mark.parametrize(
        "host", ["furo", "pydata_sphinx_theme", "mkdocs-material", "mkdocs-material-extra-css", "plain-html"]
    )
    def test_dark_themes_follow_the_reader(self, measured: dict[Any, Any], host: str) -> None:
        """Where the host has a dark mode, the dark page has light text on a dark ground, the table included."""
        for width in WIDTHS:
            light, dark = measured[host, width, "light"], measured[host, width, "dark"]

            assert luminance(dark["text"]) > luminance(dark["background"])
            assert luminance(light["text"]) < luminance(light["background"])

    @pytest.mark.parametrize("host", ["sphinx_rtd_theme", "alabaster"])
    def test_themes_without_a_dark_mode_stay_light(self, measured: dict[Any, Any], host: str) -> None:
        """sphinx_rtd_theme and alabaster have no dark mode: a dark preference leaves the page as it is."""
        for width in WIDTHS:
            light, dark = measured[host, width, "light"], measured[host, width, "dark"]

            assert (light["text"], light["background"]) == (dark["text"], dark["background"])


def luminance(colour: str) -> float:
    """The relative luminance of a computed rgb()/rgba() colour (transparent counts as white)."""
    parts = colour[colour.index("(") + 1 : -1].replace("/", ",").split(",")
    red, green, blue = (float(part) / 255 for part in parts[:3])
    if len(parts) > 3 and float(parts[3]) == 0:
        return 1.0
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_hostile_column_names_stay_text(browser: Browser, tmp_path: Path) -> None:
    """A header that holds markup is shown by the stacked layout as the same text: the label is an attribute."""
    name = '"><script>window.ran = 1</script><b>x</b>'
    comparison = pmcompare.Comparison(
        pmcompare.Concept(name, "A concept.", slug="hostile"),
        pmcompare.Concept("Plain", "Another.", slug="plain"),
        [pmcompare.Difference("Goal", "Win", "Ship")],
    )
    page = SCRIPT.plain_page(tmp_path, comparison)
    context = browser.new_context(viewport={"width": 390, "height": 900})
    tab = context.new_page()
    tab.goto(page.as_uri(), wait_until="load")

    assert name == tab.evaluate(MEASURE)["label"]
    assert tab.evaluate("window.ran === undefined && document.querySelectorAll('b').length === 0")
    context.close()


def test_the_fixture_pages_are_the_hosts(pages: dict[str, Path]) -> None:
    """Each Sphinx page is in its theme and the MkDocs page is Material's, so the measures are of the real thing."""
    for theme in THEMES:
        text = pages[theme].read_text(encoding="utf-8")
        marker = {"sphinx_rtd_theme": "wy-nav-content", "furo": "furo", "pydata_sphinx_theme": "pydata",
                  "alabaster": "alabaster"}[theme]
        assert marker in text, theme
    assert "md-typeset" in pages["mkdocs-material"].read_text(encoding="utf-8")
    linked = pages["mkdocs-material-extra-css"].read_text(encoding="utf-8")
    assert ("container: pmcompare" not in linked, 'href="pmcompare.css"' in linked) == (True, True)
