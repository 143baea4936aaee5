"""Notebooks for real: the quickstart and a lineup run with nbclient, and a notebook shown by each host.

The hosts notebook (scripts/notebook_hosts.py) is run with a real ipykernel,
exported with nbconvert's lab and classic templates and opened in headless
Chromium, served by JupyterLab itself (trusted and sanitised, light and
dark), and exported to PDF with nbconvert's own LaTeX template. Chromium,
XeLaTeX, LuaLaTeX and pdftotext are required: scripts/system-deps.sh
installs them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

import hostile
import pmcompare
from integration_helpers import rows, tables
from pmcompare import notebook as display

NOTEBOOK = Path(__file__).parent.parent / "docs" / "notebooks" / "quickstart.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The notebook after a full run in a fresh kernel, in a scratch folder."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    folder = tmp_path_factory.mktemp("notebook")
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    client.execute()
    return notebook


def outputs(notebook: Any) -> list[tuple[str, Any]]:
    """Each code cell's source with its outputs."""
    return [(cell.source, cell.outputs) for cell in notebook.cells if cell.cell_type == "code"]


def shows_a_comparison(source: str) -> bool:
    """Whether a cell's last line is an expression that gives a Comparison."""
    last = source.splitlines()[-1]
    return last == "comparison" or last.startswith(("pmcompare.get(", "mine.get("))


class TestQuickstartNotebook:
    def test_saved_notebook_is_valid(self) -> None:
        """The notebook in the repository is valid nbformat."""
        nbformat.validate(nbformat.read(NOTEBOOK, as_version=4))

    def test_saved_notebook_has_no_outputs(self) -> None:
        """The notebook is stored clean, so diffs show only its source."""
        notebook = nbformat.read(NOTEBOOK, as_version=4)

        assert [] == [cell.outputs for cell in notebook.cells if cell.cell_type == "code" and cell.outputs]

    def test_runs_without_errors(self, executed: Any) -> None:
        """Every cell runs: no error outputs."""
        errors = [(src, out.ename) for src, outs in outputs(executed) for out in outs if out.output_type == "error"]

        assert [] == errors

    def test_executed_notebook_is_valid(self, executed: Any) -> None:
        """The executed notebook, outputs and all, still validates."""
        nbformat.validate(executed)

    def test_comparison_cells_show_rich_tables(self, executed: Any) -> None:
        """Cells ending in a comparison show it as HTML and Markdown, not only as text."""
        results = [
            out.data
            for source, outs in outputs(executed)
            for out in outs
            if out.output_type == "execute_result" and shows_a_comparison(source)
        ]

        assert 3 == len(results)
        assert all({"text/html", "text/markdown", "text/plain"} <= set(data) for data in results)
        assert all("<table" in data["text/html"] and "\n| Aspect " in data["text/markdown"] for data in results)

    def test_view_shows_every_format(self, executed: Any) -> None:
        """The cell that shows fewer parts with view() offers every media type, without the parts left out."""
        (data,) = [
            out.data
            for source, outs in outputs(executed)
            if ".view(" in source
            for out in outs
            if out.output_type == "execute_result"
        ]

        assert {"text/plain", "text/html", "text/markdown", "text/latex"} == set(data)
        assert '<dl class="pmcompare-definitions">' not in data["text/html"]
        assert '<p class="pmcompare-summary">' not in data["text/html"]

    def test_custom_pack_is_shown(self, executed: Any) -> None:
        """The pack written in the notebook loads, and its comparison shows oriented as asked."""
        html = next(
            out.data["text/html"]
            for source, outs in outputs(executed)
            if source.startswith("mine.get")
            for out in outs
            if out.output_type == "execute_result"
        )

        assert ">Team Delivery vs Team Discovery</caption>" in html


# -- the notebook hosts: nbconvert's templates, JupyterLab itself, PDF export --------------------------

def _hosts_module() -> Any:
    """scripts/notebook_hosts.py: the notebook, its exports, JupyterLab and Chromium, shared with the PNG script."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("notebook_hosts", ROOT / "scripts" / "notebook_hosts.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ROOT = Path(__file__).resolve().parent.parent
hosts = _hosts_module()
SEED_ROWS = hostile.expected_rows(pmcompare.get("product strategy", "product management"))
# The tables on a page, in the notebook's order: the seed comparison, a
# plain table shown through IPython's HTML, and the long view.
SEED, PLAIN, LONG = 0, 1, 2
START = {"start", "left"}


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hosts notebook (code cells only) after a run in a fresh kernel."""
    return hosts.build(tmp_path_factory.mktemp("hosts"))


@pytest.fixture(scope="module")
def chromium() -> Any:
    """Headless Chromium (Debian's), driven by Playwright."""
    with hosts.browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def lab(shown: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """JupyterLab serving the notebook, trusted and untrusted, on a loopback port."""
    with hosts.JupyterLab(tmp_path_factory.mktemp("lab"), shown) as server:
        yield server


def luminance(colour: str) -> float:
    """The lightness of a CSS rgb()/rgba() colour, from 0 (black) to 1 (white)."""
    red, green, blue = (float(part) for part in colour[colour.index("(") + 1 : -1].split(",")[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def check_readable(found: dict[str, Any], *, untrusted: bool = False) -> None:
    """The comparisons' cells are start-aligned and top-aligned, and read as the comparison's rows."""
    tables = found["tables"]
    assert 3 == len(tables)
    for table in (tables[SEED], tables[LONG]):
        assert table["styled"]
        assert [] == [cell for cell in table["cells"] if cell[1] not in START or cell[2] != "top"]
        assert table["caption"] in START
    assert SEED_ROWS == tables[SEED]["text"]
    expected = "text-align:left;vertical-align:top" if untrusted else display.CELL_STYLE
    assert expected == tables[SEED]["attribute"].replace("; ", ";").rstrip(";")
    # Each comparison's output brings the stylesheet, which a sanitiser removes.
    assert (0 if untrusted else 2) == found["styleElements"]


def check_no_sideways_scroll(found: dict[str, Any]) -> None:
    """Neither the page nor a comparison's output scrolls sideways; each table fits its output."""
    assert 0 >= found["pageScroll"]
    for table in (found["tables"][SEED], found["tables"][LONG]):
        assert 0 >= table["outputScroll"]
        assert table["table"] <= table["output"] + 0.5


@pytest.fixture(scope="module")
def pages(shown: Path) -> dict[str, tuple[str, bool]]:
    """The notebook's nbconvert exports: each one's address, and whether it is dark."""
    return {name: (url, dark) for name, url, dark in hosts.exports(shown.parent)}


@pytest.fixture(scope="module")
def pdf(shown: Path) -> list[str]:
    """The text of each page of the notebook exported with jupyter nbconvert --to pdf."""
    return pdf_pages(hosts.nbconvert(shown, "--to", "pdf", output="hosts.pdf"))


def measured(chromium: Any, pages: dict[str, tuple[str, bool]], name: str, width: int) -> dict[str, Any]:
    """What Chromium computes for the comparisons of one nbconvert export, at ``width`` CSS px."""
    url, dark = pages[name]
    page = hosts.open_page(chromium, url, width, dark=dark)
    found = hosts.measure(page)
    page.close()
    return found


class TestNbconvertHtml:
    """The executed notebook exported with nbconvert's lab and classic templates, opened in Chromium."""

    @pytest.mark.parametrize("width", hosts.WIDTHS)
    @pytest.mark.parametrize("name", ["nbconvert-lab-light", "nbconvert-lab-dark", "nbconvert-classic"])
    def test_cells_start_and_top_aligned(self, chromium: Any, pages: Any, name: str, width: int) -> None:
        """Every cell of a comparison is start-aligned and top-aligned, where the template's CSS says otherwise."""
        found = measured(chromium, pages, name, width)

        check_readable(found)
        # The template's own table CSS, which the notebook's styles override: a plain table's cells right-aligned.
        assert {"right"} == {cell[1] for cell in found["tables"][PLAIN]["cells"] if cell[0] == "td"}

    @pytest.mark.parametrize("name", ["nbconvert-lab-light", "nbconvert-lab-dark", "nbconvert-classic"])
    def test_nothing_scrolls_sideways_on_a_laptop(self, chromium: Any, pages: Any, name: str) -> None:
        """At 1280 px nothing scrolls sideways, not even the long comparison with a 300-character word."""
        found = measured(chromium, pages, name, 1280)

        check_no_sideways_scroll(found)

    @pytest.mark.parametrize("name", ["nbconvert-lab-light", "nbconvert-lab-dark"])
    def test_nothing_scrolls_sideways_on_a_phone(self, chromium: Any, pages: Any, name: str) -> None:
        """At 390 px the lab template's page and outputs do not scroll sideways either."""
        found = measured(chromium, pages, name, 390)

        check_no_sideways_scroll(found)

    def test_dark_theme(self, chromium: Any, pages: Any) -> None:
        """With the lab template's dark theme the cells are light text on a dark page."""
        found = measured(chromium, pages, "nbconvert-lab-dark", 1280)

        assert luminance(found["background"]) < 0.2
        assert luminance(found["tables"][SEED]["color"]) > 0.7

    def test_screenshot(self, chromium: Any, pages: Any, tmp_path: Path) -> None:
        """The PNG script's shot is a picture of the seed comparison's table, as wide as Chromium draws it."""
        import struct

        url, dark = pages["nbconvert-lab-light"]
        page = hosts.open_page(chromium, url, 1280, dark=dark)
        drawn = hosts.measure(page)["tables"][SEED]["table"]
        data = hosts.shoot(page, tmp_path / "seed.png").read_bytes()
        page.close()

        assert b"\x89PNG\r\n\x1a\n" == data[:8]
        width, height = struct.unpack(">II", data[16:24])
        assert round(drawn) == width
        assert 200 < height < 1000


class TestJupyterLab:
    """JupyterLab 4 itself, served on a loopback port, opening the notebook trusted and untrusted."""

    @pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
    @pytest.mark.parametrize("trust", ["trusted", "untrusted"])
    def test_cells_start_and_top_aligned(self, chromium: Any, lab: Any, trust: str, dark: bool) -> None:
        """Trusted or sanitised, light or dark: every cell start-aligned and top-aligned, nothing scrolls at 1280 px."""
        lab.theme(dark)
        page = lab.open(chromium, f"{trust}.ipynb", 1280)
        found = hosts.measure(page)
        page.close()

        check_readable(found, untrusted=trust == "untrusted")
        check_no_sideways_scroll(found)
        assert {"right"} == {cell[1] for cell in found["tables"][PLAIN]["cells"] if cell[0] == "td"}
        assert ("false" if dark else "true") == found["light"]
        assert (luminance(found["tables"][SEED]["color"]) > 0.5) is dark

    def test_untrusted_is_sanitised(self, chromium: Any, lab: Any) -> None:
        """The untrusted notebook really is sanitised: text-align:start, which the sanitiser refuses, is gone."""
        lab.theme(False)
        page = lab.open(chromium, "untrusted.ipynb", 1280)
        found = hosts.measure(page)
        page.close()

        assert {"left"} == {cell[1] for cell in found["tables"][SEED]["cells"]}
        assert "start" not in found["tables"][SEED]["attribute"]

    def test_phone_width(self, chromium: Any, lab: Any) -> None:
        """At 390 px, the file browser folded away, the cells stay start-aligned and the page does not scroll."""
        lab.theme(False)
        page = lab.open(chromium, "trusted.ipynb", 390)
        found = hosts.measure(page)
        page.close()

        check_readable(found)
        assert 0 >= found["pageScroll"]


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, laid out as printed (pdftotext -layout)."""
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout.split("\f")[:-1]


class TestPdfExport:
    """jupyter nbconvert --to pdf (xelatex) and --to latex (compiled here with lualatex), nbconvert's own template."""

    def test_seed_rows_side_by_side(self, pdf: list[str]) -> None:
        """The seed comparison prints as a table: the header, then each aspect beside its two cells."""
        lines = [" ".join(line.split()) for page in pdf for line in page.splitlines()]

        assert "Aspect Product Strategy Product Management" in lines
        assert any(line.startswith("Core question It fixes where the product is heading") for line in lines)

    def test_long_table_breaks_across_pages(self, pdf: list[str]) -> None:
        """The long comparison spans pages, every row in order, beside its cells, the header on each page."""
        holding = [page for page in pdf if "Left cell" in page]
        rows = [
            int(found[1])
            for page in holding
            for found in re.finditer(r"^\s*Aspect (\d\d)\s+Left cell \1,.*Right cell \1,", page, re.MULTILINE)
        ]

        assert 2 <= len(holding)
        assert list(range(1, 81)) == rows
        assert all(re.search(r"^\s*Aspect\s+Left side\s+Right side\s*$", page, re.MULTILINE) for page in holding)

    def test_views_print_as_tables(self, pdf: list[str]) -> None:
        """Only the bare HTML display prints as an object's repr; the comparison and its view print as tables."""
        assert 1 == "".join(pdf).count("<IPython.core.display.HTML object>")

    def test_latex_compiles_with_another_engine(self, shown: Path) -> None:
        """--to latex gives a document that LuaLaTeX compiles too, with no tabularx anywhere."""
        source = hosts.nbconvert(shown, "--to", "latex", output="hosts-latex.tex")
        result = subprocess.run(
            ["lualatex", "-interaction=nonstopmode", "-halt-on-error", source.name],
            cwd=source.parent,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

        assert 0 == result.returncode, result.stdout[-3000:]
        assert "tabularx" not in source.read_text(encoding="utf-8")
        assert 2 <= sum("Left cell" in page for page in pdf_pages(source.with_suffix(".pdf")))


LINEUP_CELLS = [
    "import pmcompare\n"
    "registry = pmcompare.Registry()\n"
    "for item in (*pmcompare.registry().concepts(), *pmcompare.registry()):\n"
    "    registry.register(item)\n"
    "registry.load({fixture!r})",
    'registry.get("mau", "dau", "wau")',
]


@pytest.fixture(scope="module")
def lineup_notebook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A notebook whose last cell is a lineup, run in a fresh kernel."""
    fixture = next((Path(__file__).parent / "lineups").glob("daily-active-users-vs-*.toml"))
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(LINEUP_CELLS[0].format(fixture=str(fixture))),
                      nbformat.v4.new_code_cell(LINEUP_CELLS[1])]
    folder = tmp_path_factory.mktemp("lineup-notebook")
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    client.execute()
    return notebook


class TestLineupNotebook:
    def test_a_lineup_shows_as_a_table_of_its_columns(self, lineup_notebook: Any) -> None:
        """A lineup as a cell's last expression shows as HTML, Markdown, LaTeX and text, columns in the order asked."""
        [result] = [out for out in lineup_notebook.cells[-1].outputs if out.output_type == "execute_result"]
        data = result.data

        assert {"text/html", "text/markdown", "text/latex", "text/plain"} <= set(data)
        [table] = tables(data["text/html"])
        header = ["Aspect", "Monthly Active Users", "Daily Active Users", "Weekly Active Users"]
        assert header == rows(table)[0]
        assert "| Aspect " in data["text/markdown"]
        assert "Monthly Active Users" in data["text/markdown"]
        assert data["text/plain"].startswith("Monthly Active Users vs Daily Active Users vs Weekly Active Users")
