"""The quickstart notebook, run from top to bottom with nbclient and a real ipykernel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

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
