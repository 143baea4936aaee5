"""The quickstart notebook, and one showing a lineup, run from top to bottom with nbclient and a real ipykernel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from integration_helpers import rows, tables

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

    def test_custom_pack_is_shown(self, executed: Any) -> None:
        """The pack written in the notebook loads, and its comparison shows oriented as asked."""
        html = next(
            out.data["text/html"]
            for source, outs in outputs(executed)
            if source.startswith("mine.get")
            for out in outs
            if out.output_type == "execute_result"
        )

        assert "<caption>Team Delivery vs Team Discovery</caption>" in html


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
